package separation

import (
	"unsafe"

	"github.com/kartoitus/kartoitus/internal/hugepage"
)

// slab hands out the in-memory chunks of the spill lists and the id
// arena from blocks the kernel is asked to back with huge pages
// (internal/hugepage): the 256 buckets' chunks, each from the Go heap,
// would spread their first writes over thousands of 4 KB pages, a fault
// and a TLB miss each. Measured on 1M rows, one core (a VM with THP
// "madvise"): page faults 10.5k → 2.6k, 504 → 429 ms (user 399 → 361,
// sys 99 → 67); on 10M rows 4.35 → 3.98 s.
//
// The blocks are ordinary Go memory (pointer-free, so the collector does
// not scan them, and kept alive by the chunks in them). Once the gate
// spills, chunks come from make again and the chunks still being filled
// move out of the blocks (detach), so the chunks written out free their
// memory as before.
type slab struct {
	free []byte // the current block's unused part
	off  bool   // spilling: chunks from make
}

// slabBlock is a block's size; a larger chunk is a block of its own
// (hugepage.Alloc). The unused end of the last block is the slack, well
// within the budget's margin (baseBytes).
const slabBlock = 4 * hugepage.Size

// bytes returns an empty chunk of n bytes. Blocks start aligned and
// chunks take whole 8-byte words, so every chunk is aligned for the
// uint64 each spillable starts with.
func (s *slab) bytes(n int) []byte {
	if s.off {
		return make([]byte, 0, n)
	}
	if n > slabBlock/4 {
		return hugepage.Alloc(n)[:0]
	}
	words := (n + 7) &^ 7
	if len(s.free) < words {
		s.free = hugepage.Alloc(slabBlock)
	}
	c := s.free[:0:n]
	s.free = s.free[words:]
	return c
}

// chunkOf returns an empty chunk of n records (n > 0).
func chunkOf[T spillable](s *slab, n int) []T {
	if s.off {
		return make([]T, 0, n)
	}
	size := n * int(unsafe.Sizeof(*new(T)))
	b := s.bytes(size)
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b[:1]))), n)[:0]
}

// detach moves l's tail out of slab memory (the switch to spilling).
func (l *spillList[T]) detach() {
	if cap(l.tail) == 0 {
		return
	}
	t := make([]T, len(l.tail), cap(l.tail))
	copy(t, l.tail)
	l.tail = t
}
