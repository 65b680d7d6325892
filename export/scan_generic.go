//go:build !amd64 || purego

package export

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// The portable scanner: the line end is one IndexByte (vector code in the
// runtime), the next quote one IndexByte per quote or chunk, and the
// delimiters' offsets go into f.pos a word (8 bytes) at a time, each found
// by its bit in the word's match mask. Pure Go (SWAR: SIMD within a
// register). scan_amd64.go replaced it on amd64; elsewhere it stays,
// because block masks computed in Go (three per word) ran at 0.77× this
// (BenchmarkScanLine, -tags purego).

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

// scanState is what scanLine keeps between lines of a chunk.
type scanState struct {
	// quote is the offset of the next '"' at or after the line last
	// looked at (len(buf): none left), or -1 before the first.
	quote int
}

func (s *scanState) reset() { s.quote = -1 }

func (f *fastCSV) scanLine(c *chunkLines, p int) int {
	buf := c.buf
	if len(buf) > maxScanBuf {
		return 0
	}
	if c.quote < p {
		c.quote = len(buf)
		if i := bytes.IndexByte(buf[p:], '"'); i >= 0 {
			c.quote = p + i
		}
	}
	quote := c.quote
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
		if n > maxScanFields-9 { // room for a word's 8 and the line end
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
			if n == maxScanFields-1 {
				return 0
			}
			pos[n] = int32(i)
			n++
		}
	}
	return f.endLine(buf, p, stop, n)
}
