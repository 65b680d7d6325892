package separation

import (
	"testing"
	"unsafe"
)

// TestSlabChunks: chunks carved from a slab are aligned, as long as asked,
// and do not overlap (each keeps what was written to it), across block
// boundaries and for chunks too large for a block; once off, they come
// from make.
func TestSlabChunks(t *testing.T) {
	var s slab
	type held struct {
		recs []docRec
		raw  []byte
		tag  byte
	}
	var all []held
	sizes := []int{1, 3, 64, 4096, 1000, 70000} // 70000 docRecs: larger than slabBlock/4
	for i := 0; i < 600; i++ {
		n := sizes[i%len(sizes)]
		h := held{tag: byte(i)}
		if i%3 == 0 {
			h.raw = s.bytes(n*7 + 1)[:n*7+1] // odd lengths: the next chunk still aligned
			for j := range h.raw {
				h.raw[j] = h.tag
			}
		} else {
			h.recs = chunkOf[docRec](&s, n)
			if cap(h.recs) != n || len(h.recs) != 0 {
				t.Fatalf("chunk %d: len %d cap %d, want 0 %d", i, len(h.recs), cap(h.recs), n)
			}
			if p := uintptr(unsafe.Pointer(unsafe.SliceData(h.recs[:1]))); p%8 != 0 {
				t.Fatalf("chunk %d at %#x: not 8-byte aligned", i, p)
			}
			h.recs = h.recs[:n]
			for j := range h.recs {
				h.recs[j] = docRec{hash: uint64(h.tag), line: uint32(j)}
			}
		}
		all = append(all, h)
	}
	for i, h := range all {
		for j, b := range h.raw {
			if b != h.tag {
				t.Fatalf("chunk %d byte %d: %d, want %d (overwritten by another chunk)", i, j, b, h.tag)
			}
		}
		for j, r := range h.recs {
			if r.hash != uint64(h.tag) || r.line != uint32(j) {
				t.Fatalf("chunk %d record %d: %+v (overwritten by another chunk)", i, j, r)
			}
		}
	}
	s.off = true
	c := chunkOf[docRec](&s, 8)
	if len(s.free) != 0 && unsafe.SliceData(c[:1]) == (*docRec)(unsafe.Pointer(unsafe.SliceData(s.free))) {
		t.Fatal("a chunk after the switch came from the block")
	}
}
