package export

import (
	"encoding/binary"
	"math/bits"
)

// The unquoted-line scanner. A register export line is ~20 short fields;
// finding each delimiter with its own IndexByte call costs a call and a
// vector setup per 10-byte field. scanLine instead looks at the line a
// word (8 bytes) at a time and finds the delimiters, a quote and the line
// end together: every match in the word is a bit, taken lowest first.
// Pure Go (SWAR: SIMD within a register), so it runs the same on every
// platform.

const (
	lo7  = 0x7f7f7f7f7f7f7f7f
	ones = 0x0101010101010101
)

// zeros has the high bit of every byte of x that is zero, and no other
// bit. Exact: a byte's bit depends on that byte alone (no borrow runs
// between bytes), so bits above the first match are true matches too.
func zeros(x uint64) uint64 {
	return ^(((x & lo7) + lo7) | x | lo7)
}

// maxScanFields is how many fields scanLine splits; a longer line (no
// register export has one) is left to Read's general path.
const maxScanFields = 1024

// scanLine splits the line starting at buf[p] into f.fields, substrings
// of str (buf's bytes as a string), as the fast path of Read does: fields
// end at f.comma, the line at '\n', a "\r\n" counting as "\n". It returns
// the offset just past the '\n', or 0 when the line is not its to read:
// it has a quote (encoding/csv parses it), is blank, has more than
// maxScanFields fields or no '\n' in buf. quotes says buf may hold a '"'
// (one IndexByte over the chunk); without, only delimiters and line ends
// are looked for.
//
// First pass: the delimiters' offsets into f.pos, a word at a time, up to
// the first '\n' or '"' (a word's delimiter bits are written out without
// a branch per delimiter: which byte matched is never asked). Second
// pass: the fields, cut at those offsets.
func (f *fastCSV) scanLine(buf []byte, str string, p int, quotes bool) int {
	comma := uint64(f.comma) * ones
	if f.pos == nil {
		f.pos = new([maxScanFields]int32)
	}
	pos := f.pos
	n, i := 0, p
	stop := -1
	for ; i+8 <= len(buf); i += 8 {
		if n > maxScanFields-8 {
			return 0
		}
		w := binary.LittleEndian.Uint64(buf[i:])
		d := zeros(w ^ comma)
		e := zeros(w ^ ('\n' * ones))
		if quotes {
			e |= zeros(w ^ ('"' * ones))
		}
		if e != 0 {
			d &= (e & -e) - 1 // only the delimiters before it
		}
		if d != 0 {
			c := bits.OnesCount64(d)
			pos[n&(maxScanFields-1)] = int32(i + bits.TrailingZeros64(d)>>3)
			d &= d - 1
			// Past the count when c is 1: overwritten by the next.
			pos[(n+1)&(maxScanFields-1)] = int32(i + bits.TrailingZeros64(d)>>3)
			for k := 2; k < c; k++ {
				d &= d - 1
				pos[(n+k)&(maxScanFields-1)] = int32(i + bits.TrailingZeros64(d)>>3)
			}
			n += c
		}
		if e != 0 {
			stop = i + bits.TrailingZeros64(e)>>3
			break
		}
	}
	if stop < 0 {
		for ; i < len(buf); i++ {
			if c := buf[i]; c == '\n' || c == '"' {
				stop = i
				break
			} else if c == f.comma {
				if n == maxScanFields {
					return 0
				}
				pos[n] = int32(i)
				n++
			}
		}
	}
	if stop < 0 || buf[stop] == '"' {
		return 0
	}
	end := stop
	if end > p && buf[end-1] == '\r' { // in the last field: '\r' is no delimiter
		end--
	}
	if n == 0 && end == p {
		return 0 // a blank line: Read's slow path reports it
	}
	if cap(f.fields) <= n {
		f.fields = make([]string, n+1, 2*n+2)
	}
	fields := f.fields[:n+1]
	start := p
	for k, q := range pos[:n] {
		fields[k] = str[start:q]
		start = int(q) + 1
	}
	fields[n] = str[start:end]
	f.fields = fields
	return stop + 1
}
