package output

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ManifestName is the file in a report folder listing what this tool
// wrote there: only those files are ever replaced or removed.
const ManifestName = ".kartoitus-manifest.json"

// Manifest lists a report folder's files.
type Manifest struct {
	Tool    string    `json:"tool"`
	Version string    `json:"version"`
	Written time.Time `json:"written"`
	Files   []string  `json:"files"`
}

// Folder is a report folder under construction. Files are written into a
// temporary folder beside the target; Commit swaps it into place, so a
// reader sees the previous complete folder or the new complete one, never a
// mix. A lock file beside the target stops a second run into the same
// folder. Files the user put into an earlier report folder (not in its
// manifest) are carried over; files an earlier run wrote and this one did
// not (stale graphs) are gone. Links are never followed.
type Folder struct {
	dir, tmp, lock string
	reveal         bool
	version        string
	files          []string
	done           bool
}

// CreateFolder starts a report folder at dir. It fails with ErrLocked when
// another live run holds the folder, and with ErrNotOurs when dir exists
// but is a symbolic link, not a folder, or a non-empty folder this tool did
// not write.
func CreateFolder(dir string, reveal bool, version string) (*Folder, error) {
	dir = filepath.Clean(dir)
	if err := checkTarget(dir); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock := filepath.Join(parent, "."+filepath.Base(dir)+".kartoitus-lock")
	if err := takeLock(lock); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".kartoitus-new-")
	if err != nil {
		os.Remove(lock)
		return nil, err
	}
	return &Folder{dir: dir, tmp: tmp, lock: lock, reveal: reveal, version: version}, nil
}

// checkTarget refuses targets this tool must not replace.
func checkTarget(dir string) error {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case st.Mode()&os.ModeSymlink != 0:
		return fmt.Errorf("%s: %w: it is a symbolic link; give the folder itself", dir, ErrNotOurs)
	case !st.IsDir():
		return fmt.Errorf("%s: %w: it is a file, not a folder", dir, ErrNotOurs)
	}
	if _, err := readManifest(dir); err == nil {
		return nil
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(ents) > 0 {
		return fmt.Errorf("%s: %w: the folder has files but no %s; give a new or empty folder", dir, ErrNotOurs, ManifestName)
	}
	return nil
}

// takeLock creates the lock file, taking over one left by a run that is no
// longer alive.
func takeLock(lock string) error {
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(lock, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			return f.Close()
		}
		if !errors.Is(err, fs.ErrExist) {
			return err
		}
		b, rerr := os.ReadFile(lock)
		pid, perr := strconv.Atoi(strings.TrimSpace(string(b)))
		if rerr == nil && perr == nil && pidAlive(pid) {
			return fmt.Errorf("%w (process %d; %s)", ErrLocked, pid, lock)
		}
		// A stale lock: the run that held it is gone (and so is any
		// temporary folder it was building, removed below).
		removeStale(filepath.Dir(lock), strings.TrimSuffix(filepath.Base(lock), "-lock")+"-new-")
		if err := os.Remove(lock); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return fmt.Errorf("%w (%s)", ErrLocked, lock)
}

func removeStale(parent, prefix string) {
	ents, _ := os.ReadDir(parent)
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// Create writes one file of the folder (rel is slash-separated) through
// the redactor.
func (f *Folder) Create(rel string, fill func(io.Writer) error) error {
	if f.done {
		return errors.New("output: folder already committed")
	}
	rel = filepath.ToSlash(filepath.Clean(rel))
	if rel == "." || strings.HasPrefix(rel, "../") || filepath.IsAbs(rel) || rel == ManifestName {
		return fmt.Errorf("output: bad file name %q", rel)
	}
	p := filepath.Join(f.tmp, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 64<<10) // as WriteFile
	r := NewRedactor(bw, f.reveal)
	if err := fill(r); err != nil {
		out.Close()
		return fmt.Errorf("%s: %w", rel, err)
	}
	if err := r.Close(); err != nil {
		out.Close()
		return fmt.Errorf("%s: %w", rel, err)
	}
	if err := bw.Flush(); err != nil {
		out.Close()
		return fmt.Errorf("%s: %w", rel, err)
	}
	if err := out.Close(); err != nil {
		return err
	}
	f.files = append(f.files, rel)
	return nil
}

// Files are the files written so far, sorted.
func (f *Folder) Files() []string {
	out := append([]string(nil), f.files...)
	sort.Strings(out)
	return out
}

// Commit writes the manifest and swaps the new folder into place.
func (f *Folder) Commit() error {
	if f.done {
		return nil
	}
	defer f.Abort()
	m := Manifest{Tool: "kartoitus", Version: f.version, Written: time.Now().UTC().Truncate(time.Second), Files: f.Files()}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(f.tmp, ManifestName), append(b, '\n'), 0o644); err != nil {
		return err
	}
	old, err := readManifest(f.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Remove(f.dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err // not empty after all: checkTarget raced with someone
		}
	case err != nil:
		return err
	default:
		if err := f.carryOver(old); err != nil {
			return err
		}
	}
	if old.Files != nil {
		backup := f.tmp + "-old"
		if err := os.Rename(f.dir, backup); err != nil {
			return err
		}
		if err := os.Rename(f.tmp, f.dir); err != nil {
			os.Rename(backup, f.dir) // put the old one back
			return err
		}
		os.RemoveAll(backup)
	} else if err := os.Rename(f.tmp, f.dir); err != nil {
		return err
	}
	f.done = true
	return nil
}

// carryOver moves into the new folder the files of the old one that its
// manifest does not list (the user's own), unless the new run wrote a file
// of the same name.
func (f *Folder) carryOver(old Manifest) error {
	ours := map[string]bool{ManifestName: true}
	for _, p := range old.Files {
		ours[p] = true
	}
	mine := map[string]bool{}
	for _, p := range f.files {
		mine[p] = true
	}
	return filepath.WalkDir(f.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(f.dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." || d.IsDir() || ours[rel] || mine[rel] {
			return nil
		}
		dst := filepath.Join(f.tmp, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.Rename(p, dst) // a link moves as a link, unfollowed
	})
}

// Abort removes the temporary folder and the lock; the target is left as it
// was. It is safe to call after Commit.
func (f *Folder) Abort() {
	if !f.done {
		os.RemoveAll(f.tmp)
	}
	os.Remove(f.lock)
	f.done = true
}

func readManifest(dir string) (Manifest, error) {
	var m Manifest
	st, err := os.Lstat(filepath.Join(dir, ManifestName))
	if err != nil {
		return m, err
	}
	if !st.Mode().IsRegular() {
		return m, fmt.Errorf("%s: %w", ManifestName, ErrNotOurs)
	}
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: %w", ManifestName, err)
	}
	if m.Files == nil {
		m.Files = []string{}
	}
	return m, nil
}
