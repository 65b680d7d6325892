package export

// The unquoted-line scanner. A register export line is ~20 short fields;
// finding each delimiter with its own IndexByte call costs a call and a
// vector setup per 10-byte field. scanLine (scan_amd64.go, scan_generic.go)
// splits a line from bit masks instead: every delimiter is a bit, taken
// lowest bit first, and which byte matched is never asked.
//
// scanLine(c, p) splits the line starting at c.buf[p] as the fast path of
// Read does: fields end at f.comma, the line at '\n', a "\r\n" counting
// as "\n"; the fields' bounds are left in f (field, cut). It returns the
// offset just past the '\n', or 0 when the line is not its to read: it has
// a quote (encoding/csv parses the line), is blank, has more fields than
// it splits (maxScanFields, less a word or a block) or no '\n' in buf. The
// fields are cut at the delimiters' offsets only as they are asked for:
// the export reader fills a Record's fields straight from them
// (fillScanned).

// maxScanBuf is the longest chunk scanLine splits lines of: f.pos holds
// offsets as int32. A chunk grows past it only around a record of more
// than 2 GB, which Read's general path then reads.
const maxScanBuf = 1<<31 - 1

// maxScanFields is how many fields scanLine splits; a longer line (no
// register export has one) is left to Read's general path.
const maxScanFields = 1024

// endLine finishes the line at buf[p:stop] ('\n' at stop) whose n
// delimiters are in f.pos, for both scanners: a '\r' before the '\n' is
// the line end's, a blank line is left to Read, and the line's end goes
// after the delimiters, where fillScanned cuts the last field.
func (f *fastCSV) endLine(buf []byte, p, stop, n int) int {
	end := stop
	if end > p && buf[end-1] == '\r' { // in the last field: '\r' is no delimiter
		end--
	}
	if n == 0 && end == p {
		return 0 // a blank line: Read's slow path reports it
	}
	f.pos[n&(maxScanFields-1)] = int32(end) // n < maxScanFields
	f.lstart, f.lend, f.nf = p, end, n+1
	return stop + 1
}

// field returns field k of the line scanLine last split, a substring of
// str.
func (f *fastCSV) field(str string, k int) string {
	s, e := f.lstart, f.lend
	if k > 0 {
		s = int(f.pos[(k-1)&(maxScanFields-1)]) + 1
	}
	if k < f.nf-1 {
		e = int(f.pos[k&(maxScanFields-1)])
	}
	return str[s:e]
}

// cut returns every field of the line scanLine last split, in f.fields.
func (f *fastCSV) cut(str string) []string {
	n := f.nf - 1
	if cap(f.fields) <= n {
		f.fields = make([]string, n+1, 2*n+2)
	}
	fields := f.fields[:n+1]
	start := f.lstart
	for k, q := range f.pos[:n] {
		fields[k] = str[start:q]
		start = int(q) + 1
	}
	fields[n] = str[start:f.lend]
	f.fields = fields
	return fields
}
