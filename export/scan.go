package export

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// The unquoted-line scanner. A register export line is ~20 short fields;
// finding each delimiter with its own IndexByte call costs a call and a
// vector setup per 10-byte field. scanLine instead looks at the line a
// word (8 bytes) at a time: every delimiter in the word is a bit, taken
// lowest first. Pure Go (SWAR: SIMD within a register), so it runs the
// same on every platform. The line end and the quotes are found by
// IndexByte, once per line and once per chunk: a mask for them in every
// word ran at 0.7× this (BenchmarkScanLine, same load).

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

// scanLine splits the line starting at buf[p] as the fast path of Read
// does: fields end at f.comma, the line at '\n', a "\r\n" counting as
// "\n"; the fields' bounds are left in f (field, cut). It returns
// the offset just past the '\n', or 0 when the line is not its to read:
// it has a quote (the next '"' in buf is at quote: encoding/csv parses
// the line), is blank, has more than maxScanFields fields or no '\n' in
// buf.
//
// The line end is one IndexByte (vector code in the runtime); then the
// delimiters' offsets go into f.pos a word at a time, each found by its
// bit in the word's match mask (which byte matched is never asked). The
// fields are cut at those offsets only as they are asked for: the export
// reader fills a Record's fields straight from them (fillScanned).
func (f *fastCSV) scanLine(buf []byte, p, quote int) int {
	nl := bytes.IndexByte(buf[p:], '\n')
	if nl < 0 {
		return 0
	}
	stop := p + nl
	if quote < stop {
		return 0
	}
	comma := uint64(f.comma) * ones
	if f.pos == nil {
		f.pos = new([maxScanFields]int32)
	}
	pos := f.pos
	n, i := 0, p
	for ; i+8 <= stop; i += 8 {
		if n > maxScanFields-8 {
			return 0
		}
		d := zeros(binary.LittleEndian.Uint64(buf[i:]) ^ comma)
		for d != 0 {
			pos[n&(maxScanFields-1)] = int32(i + bits.TrailingZeros64(d)>>3)
			n++
			d &= d - 1
		}
	}
	for ; i < stop; i++ {
		if buf[i] == f.comma {
			if n == maxScanFields {
				return 0
			}
			pos[n] = int32(i)
			n++
		}
	}
	end := stop
	if end > p && buf[end-1] == '\r' { // in the last field: '\r' is no delimiter
		end--
	}
	if n == 0 && end == p {
		return 0 // a blank line: Read's slow path reports it
	}
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
