//go:build amd64 && !purego

package export

import (
	"math/rand/v2"
	"testing"
)

// naiveMasks is blockMask by definition: a byte at a time.
func naiveMasks(b []byte, comma byte) []blockMask {
	out := make([]blockMask, len(b)/64)
	for i, c := range b[:len(out)*64] {
		bit := uint64(1) << (i & 63)
		switch c {
		case comma:
			out[i>>6].d |= bit
		case '\n':
			out[i>>6].n |= bit
		case '"':
			out[i>>6].q |= bit
		}
	}
	return out
}

// TestMasksSSE2 holds the assembly to naiveMasks on random blocks dense
// in the bytes it looks for and their neighbours (a byte off by one, the
// high bit set), at every alignment, for each delimiter.
func TestMasksSSE2(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []byte{';', ',', '\t', '\n', '"', '\r', ':', '+', '\v', '!', '#', 0, 0x80 | ';', 0x80 | '\n', 0xff, 'a', ' '}
	for iter := 0; iter < 2000; iter++ {
		blocks := 1 + rng.IntN(maskBatch)
		off := rng.IntN(64)
		raw := make([]byte, off+blocks*64+rng.IntN(64))
		for i := range raw {
			raw[i] = alphabet[rng.IntN(len(alphabet))]
		}
		b := raw[off:]
		for _, comma := range []byte{';', ',', '\t'} {
			want := naiveMasks(b[:blocks*64], comma)
			got := make([]blockMask, blocks+1)
			sentinel := blockMask{1, 2, 3}
			got[blocks] = sentinel
			masksSSE2(&b[0], blocks, comma, &got[0])
			if got[blocks] != sentinel {
				t.Fatalf("wrote past %d blocks", blocks)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("comma %q, block %d of %d, offset %d: got %+v, want %+v", comma, i, blocks, off, got[i], want[i])
				}
			}
		}
	}
}
