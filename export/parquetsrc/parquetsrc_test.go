package parquetsrc

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/kartoitus/kartoitus"
)

func writeParquet(t testing.TB, path string, csvText string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := FromCSV(f, strings.NewReader(csvText)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func readAll(t *testing.T, path string) string {
	t.Helper()
	rc, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStringsRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.parquet")
	writeParquet(t, path, "document_id;client_id;notes\nD1;010181-900C;\"a;b\"\nD2;;\"multi\nline\"\n")
	got := readAll(t, path)
	r := csv.NewReader(strings.NewReader(got))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	// Columns come in the schema's order (sorted by name here).
	want := [][]string{{"client_id", "document_id", "notes"}, {"010181-900C", "D1", "a;b"}, {"", "D2", "multi\nline"}}
	if len(recs) != 3 || strings.Join(recs[0], ",") != strings.Join(want[0], ",") || recs[1][2] != "a;b" || recs[2][2] != "multi\nline" {
		t.Errorf("got %q", recs)
	}
}

type typed struct {
	DocumentID string  `parquet:"document_id"`
	Version    int64   `parquet:"version"`
	Created    int64   `parquet:"created,timestamp(millisecond)"`
	UnitStart  int32   `parquet:"unit_start,date"`
	Special    bool    `parquet:"special_content"`
	Note       *string `parquet:"note,optional"`
}

// TestTypedColumns: dates, timestamps, integers and booleans come out as
// the CSV path holds them; null is empty.
func TestTypedColumns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[typed](f)
	// 2024-03-01T10:30:00Z, and 19783 days = 2024-03-01.
	if _, err := w.Write([]typed{{DocumentID: "D1", Version: 2, Created: 1709289000000, UnitStart: 19783, Special: true}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got := readAll(t, path)
	if !strings.Contains(got, "D1;2;2024-03-01T10:30:00;2024-03-01;true;\n") {
		t.Errorf("typed row:\n%s", got)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.parquet")
	if err := os.WriteFile(bad, []byte("PAR1 not really\x00\x00\x00\x00PAR1"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(bad); !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("damaged file: %v", err)
	}
	if _, err := Open(filepath.Join(dir, "none.parquet")); !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("missing file: %v", err)
	}
	if !IsParquet([]byte("PAR1xx")) || IsParquet([]byte("PK\x03\x04")) || IsParquet(nil) {
		t.Error("IsParquet")
	}
}

// FuzzOpen: any bytes give CSV text or an error wrapping a sentinel.
func FuzzOpen(f *testing.F) {
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[typed](&buf)
	_, _ = w.Write([]typed{{DocumentID: "D1", Version: 1}})
	_ = w.Close()
	f.Add(buf.Bytes())
	f.Add([]byte("PAR1\x00\x00\x00\x00PAR1"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "f.parquet")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		rc, err := Open(path)
		if err != nil {
			if !errors.Is(err, kartoitus.ErrUnreadable) && !errors.Is(err, kartoitus.ErrNotRecognised) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		_, err = io.ReadAll(rc)
		rc.Close()
		if err != nil && !errors.Is(err, kartoitus.ErrUnreadable) && !errors.Is(err, io.ErrClosedPipe) {
			t.Fatalf("stream error without a sentinel: %v", err)
		}
	})
}
