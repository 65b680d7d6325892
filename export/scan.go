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

// matches has the high bit of every byte of w that equals a, b or c
// (each given as the byte times ones), and no other bit. Exact: a byte's
// bit depends on that byte alone (no borrow runs between bytes), so the
// bits above the first match are true matches too.
func matches(w, a, b, c uint64) uint64 {
	x, y, z := w^a, w^b, w^c
	// A byte of x is zero iff ((x&lo7)+lo7)|x has its high bit clear.
	return ^((((x&lo7)+lo7)|x)&(((y&lo7)+lo7)|y)&(((z&lo7)+lo7)|z) | lo7)
}

// scanLine splits the line starting at buf[p] into f.fields, substrings
// of str (buf's bytes as a string), as the fast path of Read does: fields
// end at f.comma, the line at '\n', a "\r\n" counting as "\n". It returns
// the offset just past the '\n', or 0 when the line is not its to read:
// it has a quote (encoding/csv parses it), is blank, or has no '\n' in buf.
func (f *fastCSV) scanLine(buf []byte, str string, p int) int {
	fields := f.fields[:0]
	start, i := p, p
	comma := uint64(f.comma) * ones
	for ; i+8 <= len(buf); i += 8 {
		m := matches(binary.LittleEndian.Uint64(buf[i:]), comma, '\n'*ones, '"'*ones)
		for m != 0 {
			j := i + bits.TrailingZeros64(m)>>3
			m &= m - 1
			switch buf[j] {
			case '\n':
				return f.endLine(fields, buf, str, start, j)
			case '"':
				f.fields = fields
				return 0
			default:
				fields = append(fields, str[start:j])
				start = j + 1
			}
		}
	}
	for ; i < len(buf); i++ {
		switch buf[i] {
		case '\n':
			return f.endLine(fields, buf, str, start, i)
		case '"':
			f.fields = fields
			return 0
		case f.comma:
			fields = append(fields, str[start:i])
			start = i + 1
		}
	}
	f.fields = fields
	return 0
}

// endLine ends the line whose last field starts at start with the '\n' at
// nl.
func (f *fastCSV) endLine(fields []string, buf []byte, str string, start, nl int) int {
	end := nl
	if end > start && buf[end-1] == '\r' {
		end--
	}
	if len(fields) == 0 && end == start {
		f.fields = fields
		return 0 // a blank line: Read's slow path reports it
	}
	f.fields = append(fields, str[start:end])
	return nl + 1
}
