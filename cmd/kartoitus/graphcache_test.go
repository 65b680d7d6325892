//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 13: go-graphviz compiled its WebAssembly at package init for every
// command and cached native code in $TMPDIR/go-graphviz, owned by whoever
// ran first: a second user panicked before main, and a cache file written
// by someone else was loaded (a garbage one made every command panic).
// This runs the real binary as people would: commands that draw nothing
// compile and write nothing; drawing caches in the user's own 0700
// directory; a garbage or foreign cache file is never fatal; and, as root
// in CI, a second (throwaway) user draws after the first with the same
// $TMPDIR.
func TestGraphCacheAcrossUsers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	// Not t.TempDir: its parent is 0700, and the second user must reach
	// the binary and the inputs.
	base, err := os.MkdirTemp("", "kartoitus-cache-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	chmod(t, base, 0o755)
	bin := filepath.Join(base, "kartoitus")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	tmp := filepath.Join(base, "tmp") // the $TMPDIR all users share
	mkdirMode(t, tmp, 0o777|os.ModeSticky)
	inv := filepath.Join(base, "inventory.csv")
	data, err := os.ReadFile(filepath.Join("testdata", "graph_inventory.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(inv, data, 0o644); err != nil {
		t.Fatal(err)
	}

	type result struct {
		code           int
		stdout, stderr string
	}
	run := func(home string, cred *syscall.Credential, args ...string) result {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = base
		cmd.Env = []string{"HOME=" + home, "TMPDIR=" + tmp, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
		if cred != nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		}
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		r := result{code, out.String(), errb.String()}
		if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
			t.Fatalf("%v panicked:\n%s", args, r.stderr)
		}
		return r
	}
	graph := func(out string) []string {
		return []string{"graph", "--inventory", inv, "--out", out}
	}
	home := func(name string) string {
		h := filepath.Join(base, name)
		mkdirMode(t, h, 0o700)
		return h
	}
	cacheDir := func(h string) string { return filepath.Join(h, ".cache", "kartoitus", "graphviz") }

	// A command that draws nothing compiles nothing and writes no file.
	v := home("version-user")
	start := time.Now()
	if r := run(v, nil, "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "kartoitus ") {
		t.Fatalf("version: %+v", r)
	}
	t.Logf("kartoitus version: %v", time.Since(start))
	if names := entries(t, v); len(names) != 0 {
		t.Errorf("version wrote %v into $HOME", names)
	}
	if names := entries(t, tmp); len(names) != 0 {
		t.Errorf("version wrote %v into $TMPDIR", names)
	}

	// The first user draws: the cache is private, $TMPDIR stays empty.
	a := home("user-a")
	if r := run(a, nil, graph(filepath.Join(base, "out-a"))...); r.code != 0 {
		t.Fatalf("graph as the first user: %+v", r)
	}
	files := cacheFiles(t, cacheDir(a))
	if len(files) == 0 {
		t.Fatal("no compilation cache written")
	}
	fi, err := os.Stat(cacheDir(a))
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("cache dir mode %v, %v; want 0700", fi.Mode(), err)
	}
	if names := entries(t, tmp); len(names) != 0 {
		t.Errorf("graph wrote %v into $TMPDIR", names)
	}

	// A cache file planted in the old shared place, by someone else where
	// the test can chown, is never read.
	for _, f := range files {
		rel, _ := filepath.Rel(cacheDir(a), f)
		planted := filepath.Join(tmp, "go-graphviz", rel)
		mkdirMode(t, filepath.Dir(planted), 0o755)
		if err := os.WriteFile(planted, []byte("garbage"), 0o644); err != nil {
			t.Fatal(err)
		}
		if os.Geteuid() == 0 {
			_ = filepath.Walk(filepath.Join(tmp, "go-graphviz"), func(p string, _ fs.FileInfo, _ error) error {
				return os.Lchown(p, 65534, 65534)
			})
		}
	}
	if r := run(a, nil, "version"); r.code != 0 {
		t.Fatalf("version with a planted cache: %+v", r)
	}
	if r := run(a, nil, graph(filepath.Join(base, "out-a2"))...); r.code != 0 {
		t.Fatalf("graph with a planted cache: %+v", r)
	}

	// A damaged file in the user's own cache is dropped and rebuilt.
	for _, f := range files {
		if err := os.WriteFile(f, []byte("garbage"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if r := run(a, nil, graph(filepath.Join(base, "out-a3"))...); r.code != 0 {
		t.Fatalf("graph with a garbage cache file: %+v", r)
	}
	for _, f := range cacheFiles(t, cacheDir(a)) {
		if b, _ := os.ReadFile(f); string(b) == "garbage" {
			t.Errorf("garbage cache file %s left in place", f)
		}
	}

	// A cache directory someone else owns is not used (root only: chown).
	if os.Geteuid() == 0 {
		f := home("foreign")
		d := cacheDir(f)
		mkdirMode(t, d, 0o700)
		for _, src := range cacheFiles(t, cacheDir(a)) {
			rel, _ := filepath.Rel(cacheDir(a), src)
			dst := filepath.Join(d, rel)
			mkdirMode(t, filepath.Dir(dst), 0o700)
			if err := os.WriteFile(dst, []byte("garbage"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if err := filepath.Walk(d, func(p string, _ fs.FileInfo, _ error) error { return os.Lchown(p, 65534, 65534) }); err != nil {
			t.Fatal(err)
		}
		if r := run(f, nil, graph(filepath.Join(base, "out-f"))...); r.code != 0 {
			t.Fatalf("graph with a foreign-owned cache: %+v", r)
		}
		for _, p := range cacheFiles(t, d) {
			if b, _ := os.ReadFile(p); string(b) != "garbage" {
				t.Errorf("foreign cache file %s was touched", p)
			}
		}
	}

	// A second user, with the same $TMPDIR, after the first.
	if os.Geteuid() != 0 || os.Getenv("CI") == "" {
		t.Log("second real user skipped: needs root and CI set (useradd)")
		return
	}
	name := fmt.Sprintf("kt13-%d", os.Getpid()%100000)
	b := filepath.Join(base, "user-b")
	if out, err := exec.Command("useradd", "--no-create-home", "--home-dir", b, "--shell", "/usr/sbin/nologin", name).CombinedOutput(); err != nil {
		t.Skipf("useradd: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("userdel", name).Run() })
	u, err := user.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	mkdirMode(t, b, 0o700)
	outB := filepath.Join(base, "out-b")
	mkdirMode(t, outB, 0o755)
	for _, d := range []string{b, outB} {
		if err := os.Chown(d, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	cred := &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	if r := run(b, cred, "version"); r.code != 0 {
		t.Fatalf("version as the second user: %+v", r)
	}
	if r := run(b, cred, graph(outB)...); r.code != 0 {
		t.Fatalf("graph as the second user: %+v", r)
	}
	fi, err = os.Stat(cacheDir(b))
	if err != nil {
		t.Fatalf("second user's cache: %v", err)
	}
	if st := fi.Sys().(*syscall.Stat_t); int(st.Uid) != uid || fi.Mode().Perm() != 0o700 {
		t.Errorf("second user's cache owned by %d mode %v, want %d 0700", st.Uid, fi.Mode(), uid)
	}
	if pics, _ := filepath.Glob(filepath.Join(outB, "*.svg")); len(pics) == 0 {
		t.Error("the second user got no pictures")
	}
}

func chmod(t *testing.T, p string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
}

func mkdirMode(t *testing.T, p string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(p, 0o700); err != nil {
		t.Fatal(err)
	}
	chmod(t, p, mode)
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// cacheFiles lists the regular files under dir.
func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return files
}
