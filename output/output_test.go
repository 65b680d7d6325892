package output

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const id = "130672-3470" // shaped like a henkilötunnus; the check character is not the point here

func TestRedactorSplitWrites(t *testing.T) {
	text := strings.Repeat("x", 300) + " client " + id + " and " + id + " end " + strings.Repeat("y", 200) + id
	for chunk := 1; chunk <= 40; chunk++ {
		var out bytes.Buffer
		r := NewRedactor(&out, false)
		for i := 0; i < len(text); i += chunk {
			j := min(i+chunk, len(text))
			if _, err := r.Write([]byte(text[i:j])); err != nil {
				t.Fatal(err)
			}
		}
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out.String(), "3470") {
			t.Fatalf("chunk %d: id survived: %q", chunk, out.String())
		}
		if strings.Count(out.String(), "130672-****") != 3 || len(out.String()) != len(text) {
			t.Fatalf("chunk %d: %q", chunk, out.String())
		}
	}
	var out bytes.Buffer
	r := NewRedactor(&out, true)
	io.WriteString(r, id)
	r.Close()
	if out.String() != id {
		t.Errorf("reveal changed the text: %q", out.String())
	}
}

func TestRedactorWorkbook(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Asiakas "+id)
	f.SetCellValue("Asiakas "+id, "A1", "Nimi "+id)
	f.SetDocProps(&excelize.DocProperties{Title: "Raportti " + id})
	var out bytes.Buffer
	r := NewRedactor(&out, false)
	if err := f.Write(r); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range zr.File {
		rc, _ := m.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte(id)) {
			t.Errorf("%s holds the id", m.Name)
		}
	}
	g, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatalf("redacted workbook does not open: %v", err)
	}
	if v, _ := g.GetCellValue("Asiakas 130672-xxxx", "A1"); v != "Nimi 130672-xxxx" {
		t.Errorf("cell = %q", v)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.txt")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := WriteFile(nil, p, false, func(w io.Writer) error { io.WriteString(w, "half"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("a failed write changed the file: %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temporary file left behind: %v", ents)
	}
	if err := WriteFile(nil, p, false, func(w io.Writer) error { _, err := io.WriteString(w, "new "+id); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new 130672-****" {
		t.Errorf("file = %q", b)
	}
	link := filepath.Join(dir, "link.txt")
	os.Symlink(p, link)
	if err := WriteFile(nil, link, false, func(w io.Writer) error { return nil }); !errors.Is(err, ErrNotOurs) {
		t.Errorf("writing through a link: %v", err)
	}
	var out bytes.Buffer
	if err := WriteFile(&out, "-", false, func(w io.Writer) error { _, err := io.WriteString(w, id); return err }); err != nil || out.String() != "130672-****" {
		t.Errorf("stdout: %q %v", out.String(), err)
	}
}

func write(t *testing.T, f *Folder, rel, text string) {
	t.Helper()
	if err := f.Create(rel, func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
		t.Fatal(err)
	}
}

func TestFolder(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")

	// First run: a new folder.
	f, err := CreateFolder(dir, false, "test")
	if err != nil {
		t.Fatal(err)
	}
	// A second run while the first holds the lock.
	if _, err := CreateFolder(dir, false, "test"); !errors.Is(err, ErrLocked) {
		t.Errorf("second run: %v, want ErrLocked", err)
	}
	write(t, f, "index.html", "one "+id)
	write(t, f, "graphs/a.svg", "a")
	write(t, f, "graphs/stale.svg", "stale")
	if _, err := os.Stat(dir); err == nil {
		t.Error("the target exists before Commit")
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(b) != "one 130672-****" {
		t.Errorf("index.html = %q", b)
	}
	// The user adds a note; a second run writes fewer graphs.
	os.WriteFile(filepath.Join(dir, "muistiinpanot.txt"), []byte("mine"), 0o644)
	f, err = CreateFolder(dir, false, "test")
	if err != nil {
		t.Fatal(err)
	}
	write(t, f, "index.html", "two")
	write(t, f, "graphs/a.svg", "a2")
	// An interrupted run: nothing changes.
	f.Abort()
	if b, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(b) != "one 130672-****" {
		t.Errorf("an aborted run changed the folder: %q", b)
	}
	f, _ = CreateFolder(dir, false, "test")
	write(t, f, "index.html", "two")
	write(t, f, "graphs/a.svg", "a2")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "graphs/stale.svg")); err == nil {
		t.Error("a file of the earlier run that this run did not write is still there")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "muistiinpanot.txt")); string(b) != "mine" {
		t.Errorf("the user's file was lost: %q", b)
	}
	ents, _ := os.ReadDir(parent)
	if len(ents) != 1 {
		t.Errorf("left beside the folder: %v", ents)
	}

	// Folders that are not ours.
	foreign := filepath.Join(parent, "foreign")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "thesis.docx"), []byte("x"), 0o644)
	if _, err := CreateFolder(foreign, false, "test"); !errors.Is(err, ErrNotOurs) {
		t.Errorf("foreign folder: %v", err)
	}
	link := filepath.Join(parent, "link")
	os.Symlink(dir, link)
	if _, err := CreateFolder(link, false, "test"); !errors.Is(err, ErrNotOurs) {
		t.Errorf("symlinked folder: %v", err)
	}

	// A stale lock of a dead process is taken over.
	stale := filepath.Join(parent, ".stale.kartoitus-lock")
	os.WriteFile(stale, []byte("999999999\n"), 0o644)
	if f, err := CreateFolder(filepath.Join(parent, "stale"), false, "test"); err != nil {
		t.Errorf("stale lock not taken over: %v", err)
	} else {
		f.Abort()
	}
}

// TestRedactZipUnchanged: an archive with nothing to mask comes back as
// it was, byte for byte; with one member to mask, the others are copied
// still compressed (their compressed bytes unchanged) and the result
// opens.
func TestRedactZipUnchanged(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Nimi")
	var clean bytes.Buffer
	if err := f.Write(&clean); err != nil {
		t.Fatal(err)
	}
	got, err := RedactZip(clean.Bytes())
	if err != nil || !bytes.Equal(got, clean.Bytes()) {
		t.Fatalf("clean archive changed (%v)", err)
	}
	f.SetCellValue("Sheet1", "A2", "Asiakas "+id)
	var dirty bytes.Buffer
	if err := f.Write(&dirty); err != nil {
		t.Fatal(err)
	}
	got, err = RedactZip(dirty.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	raw := func(b []byte) map[string]string {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, e := range zr.File {
			rc, _ := e.OpenRaw()
			c, _ := io.ReadAll(rc)
			m[e.Name] = string(c)
		}
		return m
	}
	before, after := raw(dirty.Bytes()), raw(got)
	same := 0
	for name, c := range before {
		if after[name] == c {
			same++
		}
	}
	if same != len(before)-1 || len(after) != len(before) {
		t.Errorf("%d of %d members copied unchanged, want all but the one holding the id", same, len(before))
	}
	g, err := excelize.OpenReader(bytes.NewReader(got))
	if err != nil {
		t.Fatalf("does not open: %v", err)
	}
	if v, _ := g.GetCellValue("Sheet1", "A2"); v != "Asiakas 130672-xxxx" {
		t.Errorf("A2 = %q", v)
	}
}

// TestContainsHetuWindows: a run is found wherever the 64 KB windows cut
// it, and text without one is not reported.
func TestContainsHetuWindows(t *testing.T) {
	const w = 64 << 10
	for _, at := range []int{0, 100, w - 12, w - 11, w - 6, w - 1, w, w + 3, 2*w - 16 - 5, 3*w + 7} {
		text := strings.Repeat("x", at) + " " + id + " " + strings.Repeat("y", 200)
		if found, err := containsHetu(strings.NewReader(text)); !found || err != nil {
			t.Errorf("run at %d: found %v, %v", at, found, err)
		}
	}
	clean := strings.Repeat("130672 a 3470 ", 20000)
	if found, _ := containsHetu(strings.NewReader(clean)); found {
		t.Error("clean text reported")
	}
}
