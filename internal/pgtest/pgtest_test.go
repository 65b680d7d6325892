package pgtest

import (
	"fmt"
	"testing"
)

// recorder notes whether a test was skipped or failed.
type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper()                 {}
func (r *recorder) Skipf(string, ...any)    { r.skipped = true }
func (r *recorder) Fatalf(string, ...any)   { r.failed = true }
func (r *recorder) Logf(f string, a ...any) {}

// TestMissing: without a server a test is skipped, but under CI (which
// installs one) it fails.
func TestMissing(t *testing.T) {
	for _, tc := range []struct {
		ci           string
		skip, failed bool
	}{
		{"", true, false},
		{"1", false, true},
	} {
		t.Run("CI="+tc.ci, func(t *testing.T) {
			t.Setenv("CI", tc.ci)
			r := &recorder{TB: t}
			missing(r, fmt.Errorf("no initdb"))
			if r.skipped != tc.skip || r.failed != tc.failed {
				t.Errorf("skipped %v, failed %v; want %v, %v", r.skipped, r.failed, tc.skip, tc.failed)
			}
		})
	}
}
