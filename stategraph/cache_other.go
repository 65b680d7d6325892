//go:build !unix

package stategraph

// privateDir cannot check ownership here, so no cache is used.
func privateDir(dir string) error { return errNotPrivate }
