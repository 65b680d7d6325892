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
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"

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
// the CSV path holds them; null is empty. parquet-go's timestamp tag is
// adjusted to UTC: 10.30Z is 12.30 in Helsinki (EET) that day.
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
	if !strings.Contains(got, "D1;2;2024-03-01T12:30:00;2024-03-01;true;\n") {
		t.Errorf("typed row:\n%s", got)
	}
}

// TestLogicalTypes: each physical and logical type a lake's export may
// use, written to a file and read back, is the text the CSV path reads.
func TestLogicalTypes(t *testing.T) {
	// 2024-02-29T22:30:00Z is 2024-03-01 00.30 in Helsinki (EET, +2) and
	// 2024-07-13T08:59:00Z is 11.59 (EEST, +3).
	winter, summer := time.Date(2024, 2, 29, 22, 30, 0, 0, time.UTC), time.Date(2024, 7, 13, 8, 59, 0, 0, time.UTC)
	int96 := func(t time.Time) parquet.Value {
		days := t.Unix()/86400 + julianUnixEpoch
		nanos := uint64(t.Unix()%86400) * uint64(time.Second)
		return parquet.Int96Value(deprecated.Int96{uint32(nanos), uint32(nanos >> 32), uint32(days)})
	}
	for _, tc := range []struct {
		name string
		node parquet.Node
		val  parquet.Value
		want string
	}{
		{"timestamp ms adjusted, winter", parquet.TimestampAdjusted(parquet.Millisecond, true), parquet.Int64Value(winter.UnixMilli()), "2024-03-01T00:30:00"},
		{"timestamp us adjusted, summer", parquet.TimestampAdjusted(parquet.Microsecond, true), parquet.Int64Value(summer.UnixMicro()), "2024-07-13T11:59:00"},
		{"timestamp ns adjusted", parquet.TimestampAdjusted(parquet.Nanosecond, true), parquet.Int64Value(summer.UnixNano()), "2024-07-13T11:59:00"},
		// Not adjusted: a wall-clock time, written as stored.
		{"timestamp ms local", parquet.TimestampAdjusted(parquet.Millisecond, false), parquet.Int64Value(winter.UnixMilli()), "2024-02-29T22:30:00"},
		{"timestamp us local", parquet.TimestampAdjusted(parquet.Microsecond, false), parquet.Int64Value(summer.UnixMicro()), "2024-07-13T08:59:00"},
		{"int96 (Spark)", parquet.Leaf(parquet.Int96Type), int96(winter), "2024-03-01T00:30:00"},
		{"date", parquet.Date(), parquet.Int32Value(19783), "2024-03-01"},
		{"date before 1970", parquet.Date(), parquet.Int32Value(-1), "1969-12-31"},
		{"int32", parquet.Int(32), parquet.Int32Value(-7), "-7"},
		{"uint32 above int32", parquet.Uint(32), parquet.Int32Value(-1), "4294967295"},
		{"uint64 above int64", parquet.Uint(64), parquet.Int64Value(-1), "18446744073709551615"},
		{"int64", parquet.Leaf(parquet.Int64Type), parquet.Int64Value(1234567890123), "1234567890123"},
		{"decimal int32", parquet.Decimal(2, 9, parquet.Int32Type), parquet.Int32Value(-105), "-1.05"},
		{"decimal int64 small", parquet.Decimal(3, 18, parquet.Int64Type), parquet.Int64Value(7), "0.007"},
		{"decimal int64 scale 0", parquet.Decimal(0, 18, parquet.Int64Type), parquet.Int64Value(42), "42"},
		{"decimal fixed", parquet.Decimal(2, 20, parquet.FixedLenByteArrayType(9)), parquet.FixedLenByteArrayValue([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x9c}), "-1.00"},
		{"decimal, a damaged file's scale", parquet.Decimal(5000, 18, parquet.Int64Type), parquet.Int64Value(-12), "-12e-5000"},
		{"uuid", parquet.UUID(), parquet.FixedLenByteArrayValue([]byte{0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00}), "123e4567-e89b-12d3-a456-426614174000"},
		{"string", parquet.String(), parquet.ByteArrayValue([]byte("Sosiaalihuolto")), "Sosiaalihuolto"},
		{"boolean", parquet.Leaf(parquet.BooleanType), parquet.BooleanValue(false), "false"},
		{"double", parquet.Leaf(parquet.DoubleType), parquet.DoubleValue(2.5), "2.5"},
		{"null", parquet.Optional(parquet.Date()), parquet.NullValue(), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			schema := parquet.NewSchema("export", parquet.Group{"c": tc.node})
			var buf bytes.Buffer
			w := parquet.NewWriter(&buf, schema)
			def := 0
			if tc.node.Optional() && !tc.val.IsNull() {
				def = 1
			}
			if _, err := w.WriteRows([]parquet.Row{{tc.val.Level(0, def, 0)}}); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "t.parquet")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, want := readAll(t, path), "c\n"+tc.want+"\n"; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
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
