package stategraph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/goccy/go-graphviz"
	"github.com/tetratelabs/wazero"
)

// Graphviz runs as WebAssembly that wazero compiles to native code: about
// 0.6 s on a warm machine and 1.3–4.6 s on a cold one, for every process
// that draws. A compilation cache brings that to under 0.1 s, but a cache
// is code the process executes, so it is only used from a directory that
// nobody else can write: the user's own cache directory, mode 0700, owned
// by the user, every parent owned by the user or root and not writable by
// others (unless sticky, like /tmp). Anything else means no cache (drawing
// still works, only slower); a damaged cache file is dropped and the code
// compiled again.

// cacheSubdir is the cache's path under os.UserCacheDir.
const cacheSubdir = "kartoitus/graphviz"

var (
	gvMu     sync.Mutex
	gvLoaded bool
	gvErr    error
)

// initGraphviz compiles the Graphviz module once per process, with the
// private cache when there is one. It is called only when a graph is
// drawn, so other commands never compile anything or write any file.
func initGraphviz(ctx context.Context) error {
	gvMu.Lock()
	defer gvMu.Unlock()
	if gvLoaded {
		return gvErr
	}
	dir, cache := privateCache()
	err := graphviz.Init(ctx, cache)
	if err != nil && cache != nil {
		// A truncated or foreign-format cache file fails the compile:
		// empty the (private) cache and compile without it.
		clearDir(dir)
		err = graphviz.Init(ctx, nil)
	}
	gvLoaded, gvErr = true, err
	if err != nil {
		gvErr = fmt.Errorf("graphviz: %w", err)
	}
	return gvErr
}

// privateCache returns the private cache directory and a cache in it, or
// "", nil when there is no safe one.
func privateCache() (string, wazero.CompilationCache) {
	base, err := os.UserCacheDir()
	if err != nil || !filepath.IsAbs(base) {
		return "", nil
	}
	dir := filepath.Join(base, filepath.FromSlash(cacheSubdir))
	if err := ensurePrivateDir(dir); err != nil {
		return "", nil
	}
	c, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return "", nil
	}
	return dir, c
}

// errNotPrivate is why a cache directory is not used.
var errNotPrivate = errors.New("cache directory is not private")

// ensurePrivateDir creates dir (mode 0700) if missing and checks that only
// this user can write it or any directory above it (see privateDir).
func ensurePrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return privateDir(dir)
}

// clearDir removes what is inside dir, which privateDir has accepted.
func clearDir(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		_ = os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}
