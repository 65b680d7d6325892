//go:build unix

package stategraph

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// privateDir checks dir itself (a real directory, not a link, owned by
// this user, no group or other access) and every directory above it
// (owned by this user or root, and not writable by group or others unless
// sticky), so nobody else can put files in it or swap it for another.
func privateDir(dir string) error {
	uid := uint32(os.Geteuid())
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || !fi.IsDir() || st.Uid != uid || fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("%w: %s (mode %v)", errNotPrivate, dir, fi.Mode())
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	for p := filepath.Dir(real); ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok || (st.Uid != uid && st.Uid != 0) ||
			(fi.Mode().Perm()&0o022 != 0 && fi.Mode()&os.ModeSticky == 0) {
			return fmt.Errorf("%w: %s (mode %v)", errNotPrivate, p, fi.Mode())
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}
