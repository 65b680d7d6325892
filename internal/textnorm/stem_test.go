package textnorm

import "testing"

// TestCommonPrefix: the word-at-a-time loop agrees with a byte loop at
// every length and mismatch position around the 8-byte steps.
func TestCommonPrefix(t *testing.T) {
	base := "1.2.246.10.33001018.11.7-äö"
	for n := 0; n <= len(base); n++ {
		a := base[:n]
		for m := 0; m <= n; m++ {
			b := []byte(a)
			if m < n {
				b[m] ^= 0x20
			}
			want := m
			if got := CommonPrefix(a, string(b)); got != want {
				t.Fatalf("CommonPrefix(%q, %q) = %d, want %d", a, b, got, want)
			}
			if got := CommonPrefix(a, base); got != n {
				t.Fatalf("CommonPrefix(%q, %q) = %d, want %d", a, base, got, n)
			}
		}
	}
}
