package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Stdout is the path that names standard output.
const Stdout = "-"

// ErrNotOurs: the target exists and was not written by this tool (a
// folder without a manifest, a symbolic link): it is never overwritten.
var ErrNotOurs = errors.New("not written by kartoitus")

// ErrLocked: another run is writing the same report folder.
var ErrLocked = errors.New("locked by another run")

// WriteFile writes path atomically: fill writes into a temporary file
// beside it, through the redactor, and the file is renamed into place only
// when everything succeeded; on any error the previous file stays as it
// was. An empty path or "-" writes to stdout (redacted, not atomic). A
// symbolic link at path is not written through.
func WriteFile(stdout io.Writer, path string, reveal bool, fill func(io.Writer) error) error {
	if path == "" || path == Stdout {
		r := NewRedactor(stdout, reveal)
		if err := fill(r); err != nil {
			return err
		}
		return r.Close()
	}
	st, err := os.Lstat(path)
	if err == nil && st.Mode()&os.ModeSymlink != 0 {
		return fmt.Errorf("%s: %w: it is a symbolic link; write to the file it points to instead", path, ErrNotOurs)
	}
	if err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		// A device or a pipe (-o /dev/null, a FIFO): written in place.
		// Renaming a file over it would replace the device, and a
		// root run would leave /dev/null a regular file.
		return writeInPlace(path, reveal, fill)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".kartoitus-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// Buffered: the redactor passes lines on as they complete (for a
	// console), which made a system call per finding into the file.
	bw := bufio.NewWriterSize(tmp, 64<<10)
	r := NewRedactor(bw, reveal)
	if err := fill(r); err != nil {
		return err
	}
	if err := r.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	done = true
	return nil
}

// writeInPlace writes to an existing non-regular file through the
// redactor (not atomic: there is no previous content to keep).
func writeInPlace(path string, reveal bool, fill func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	// Buffered as a file is (WriteFile): -o /dev/null took a system call
	// per finding, 1,007 of them on a 1M-row export's JSON.
	bw := bufio.NewWriterSize(f, 64<<10)
	r := NewRedactor(bw, reveal)
	if err := fill(r); err != nil {
		f.Close()
		return err
	}
	if err := r.Close(); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
