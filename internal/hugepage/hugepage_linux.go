package hugepage

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

func alloc(n int) []byte {
	b := make([]byte, n+Size)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	off := int((start+Size-1)&^(Size-1) - start)
	b = b[off : off+n : off+n]
	// Whole huge pages only: the tail of a size that is not a multiple is
	// left to base pages (madvise would round the length up).
	// The error is ignored on purpose: EINVAL is a kernel without THP,
	// and the slice is as usable either way.
	_ = unix.Madvise(b[:n&^(Size-1)], unix.MADV_HUGEPAGE)
	return b
}
