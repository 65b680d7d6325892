// Package hugepage allocates large, long-lived, pointer-free buffers that
// the kernel is asked to back with transparent huge pages.
//
// Why: the register gate's cross-row state (tens of MB at 1M rows) is
// written once, page by page, in 256 interleaved streams. With 4 KB pages
// every page costs a fault (on a virtual machine, measured at 6–7 µs
// each: 60 ms of a 490 ms run) and the streams' stores miss the TLB.
// Linux distributions default to THP "madvise", and the Go runtime does
// not advise its heap, so the hint has to come from here.
package hugepage

// Size is the huge page size the hint aims at (x86-64, and arm64 with 4 KB
// base pages).
const Size = 2 << 20

// Alloc returns a zeroed slice of n bytes (cap n) from the Go heap. From
// Size up, on Linux, it starts on a huge page boundary and its whole huge
// pages are advised (MADV_HUGEPAGE); it is only a hint, and where the
// kernel declines (THP "never", another OS) the slice is as usable. It
// reserves up to Size more address space for the alignment, which is not
// written, so costs no memory while the heap gave fresh pages.
func Alloc(n int) []byte {
	if n < Size {
		return make([]byte, n)
	}
	return alloc(n)
}
