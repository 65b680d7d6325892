package hugepage

import (
	"testing"
	"unsafe"
)

func TestAlloc(t *testing.T) {
	for _, n := range []int{0, 1, 4096, Size - 1, Size, Size + 1, 3*Size + 12345} {
		b := Alloc(n)
		if len(b) != n || cap(b) != n {
			t.Fatalf("Alloc(%d): len %d cap %d", n, len(b), cap(b))
		}
		for i := range b {
			if b[i] != 0 {
				t.Fatalf("Alloc(%d): byte %d is %d, not zero", n, i, b[i])
			}
		}
		for i := range b {
			b[i] = byte(i)
		}
		if n >= Size && isLinux {
			if p := uintptr(unsafe.Pointer(unsafe.SliceData(b))); p%Size != 0 {
				t.Errorf("Alloc(%d) at %#x: not on a huge page boundary", n, p)
			}
		}
	}
}
