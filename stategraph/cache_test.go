//go:build unix

package stategraph

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Issue 13: compiled code is only cached in a directory nobody else can
// write; anything else is refused (and drawing goes on without a cache).
func TestPrivateDir(t *testing.T) {
	root := os.Geteuid() == 0
	tests := []struct {
		name  string
		setup func(t *testing.T, base string) string // returns the cache dir
		ok    bool
		root  bool // needs root (chown)
	}{
		{"created fresh", func(t *testing.T, base string) string { return filepath.Join(base, "a", "kartoitus", "graphviz") }, true, false},
		{"existing 0700", func(t *testing.T, base string) string {
			d := filepath.Join(base, "c")
			mkdir(t, d, 0o700)
			return d
		}, true, false},
		{"group-readable", func(t *testing.T, base string) string {
			d := filepath.Join(base, "c")
			mkdir(t, d, 0o750)
			return d
		}, false, false},
		{"world-writable (shared /tmp style)", func(t *testing.T, base string) string {
			d := filepath.Join(base, "go-graphviz")
			mkdir(t, d, 0o777)
			return d
		}, false, false},
		{"a symlink to a private dir", func(t *testing.T, base string) string {
			d := filepath.Join(base, "real")
			mkdir(t, d, 0o700)
			l := filepath.Join(base, "link")
			if err := os.Symlink(d, l); err != nil {
				t.Fatal(err)
			}
			return l
		}, false, false},
		{"parent writable by others, not sticky", func(t *testing.T, base string) string {
			p := filepath.Join(base, "shared")
			mkdir(t, p, 0o777)
			d := filepath.Join(p, "c")
			mkdir(t, d, 0o700)
			return d
		}, false, false},
		{"parent writable by others but sticky", func(t *testing.T, base string) string {
			p := filepath.Join(base, "tmp")
			mkdir(t, p, 0o777|os.ModeSticky)
			d := filepath.Join(p, "c")
			mkdir(t, d, 0o700)
			return d
		}, true, false},
		{"owned by another user", func(t *testing.T, base string) string {
			d := filepath.Join(base, "c")
			mkdir(t, d, 0o700)
			if err := os.Chown(d, 65534, 65534); err != nil {
				t.Fatal(err)
			}
			return d
		}, false, true},
		{"parent owned by another user", func(t *testing.T, base string) string {
			p := filepath.Join(base, "p")
			mkdir(t, p, 0o755)
			d := filepath.Join(p, "c")
			mkdir(t, d, 0o700)
			if err := os.Chown(p, 65534, 65534); err != nil {
				t.Fatal(err)
			}
			return d
		}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.root && !root {
				t.Skip("needs root to chown")
			}
			base := t.TempDir()
			if err := os.Chmod(base, 0o700); err != nil {
				t.Fatal(err)
			}
			dir := tt.setup(t, base)
			err := ensurePrivateDir(dir)
			if (err == nil) != tt.ok {
				t.Fatalf("ensurePrivateDir = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, errNotPrivate) {
				t.Errorf("error %v does not wrap errNotPrivate", err)
			}
			if tt.ok {
				fi, err := os.Lstat(dir)
				if err != nil || fi.Mode().Perm() != 0o700 {
					t.Errorf("dir mode %v, %v; want 0700", fi.Mode(), err)
				}
			}
		})
	}
}

func mkdir(t *testing.T, d string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(d, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(d, mode); err != nil {
		t.Fatal(err)
	}
}
