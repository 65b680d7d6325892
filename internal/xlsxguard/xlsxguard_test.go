package xlsxguard

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
)

// rawZip writes parts with the sizes they declare, without compressing
// anything: Check must refuse on the declared sizes, before any work.
func rawZip(t testing.TB, parts map[string][2]uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, sz := range parts {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: sz[0], UncompressedSize64: sz[1]})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(make([]byte, sz[0])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bomb is a real one: n zero bytes, deflated.
func bomb(t testing.TB, n int) []byte {
	t.Helper()
	var c bytes.Buffer
	fw, _ := flate.NewWriter(&c, flate.BestCompression)
	chunk := make([]byte, 1<<20)
	crc := crc32.NewIEEE()
	for i := 0; i < n>>20; i++ {
		fw.Write(chunk)
		crc.Write(chunk)
	}
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CompressedSize64: uint64(c.Len()), UncompressedSize64: uint64(n), CRC32: crc.Sum32()})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(c.Bytes())
	zw.Close()
	return buf.Bytes()
}

func workbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Asiakirjan nimi")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string // "" = accepted
	}{
		{"a workbook Excel would write", workbook(t), ""},
		{"random bytes", []byte("not a zip at all, just text"), "not a zip archive"},
		{"a zip cut short", workbook(t)[:200], "not a readable xlsx"},
		{"1 GiB sheet in 4 MB (issue 13)", rawZip(t, map[string][2]uint64{"xl/worksheets/sheet1.xml": {4 << 20, 1 << 30}}), "unpacks to more than 512 MB"},
		{"ratio 250 under the total", rawZip(t, map[string][2]uint64{"xl/sharedStrings.xml": {1 << 20, 250 << 20}}), "unpacks 250 times its size"},
		{"ratio 150 is a spreadsheet", rawZip(t, map[string][2]uint64{"xl/sharedStrings.xml": {1 << 20, 150 << 20}}), ""},
		{"small parts may compress well", rawZip(t, map[string][2]uint64{"xl/styles.xml": {10, 500 << 10}}), ""},
		{"several parts over the total", rawZip(t, map[string][2]uint64{"a": {2 << 20, 200 << 20}, "b": {2 << 20, 200 << 20}, "c": {2 << 20, 200 << 20}}), "unpacks to more than"},
		{"a real bomb, 300 MB of zeros", bomb(t, 300<<20), "unpacks 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(tt.data)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestOpen(t *testing.T) {
	start := time.Now()
	_, err := Open(bytes.NewReader(rawZip(t, map[string][2]uint64{"xl/worksheets/sheet1.xml": {4 << 20, 1 << 30}})), "bomb.xlsx", excelize.Options{})
	if !errors.Is(err, kartoitus.ErrUnreadable) || !strings.Contains(err.Error(), "bomb.xlsx") {
		t.Errorf("bomb: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusing took %v", d)
	}
	if _, err := Open(strings.NewReader("garbage"), "x.xlsx", excelize.Options{}); !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("garbage: %v", err)
	}
	f, err := Open(bytes.NewReader(workbook(t)), "ok.xlsx", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Sheet1", "A1"); v != "Asiakirjan nimi" {
		t.Errorf("A1 = %q", v)
	}
}

func TestSniff(t *testing.T) {
	zip := []byte("PK\x03\x04rest")
	tests := []struct {
		name string
		head []byte
		xlsx bool
		err  bool
	}{
		{"a.xlsx", zip, true, false},
		{"a.csv", zip, true, false}, // content decides
		{"a.csv", []byte("a;b"), false, false},
		{"a.xlsx", []byte("random bytes"), false, true},
		{"a.XLSM", []byte("random bytes"), false, true},
		{"a.xls", []byte("a;b"), false, true},
		{"a.dat", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, false, true},
		{"a.ods", []byte("PK?"), false, true},
		{"a.txt", nil, false, false},
	}
	for _, tt := range tests {
		x, err := Sniff(tt.name, tt.head)
		if x != tt.xlsx || (err != nil) != tt.err || (err != nil && !errors.Is(err, kartoitus.ErrUnreadable)) {
			t.Errorf("Sniff(%s, %q) = %v, %v", tt.name, tt.head, x, err)
		}
	}
}

func FuzzCheck(f *testing.F) {
	f.Add(workbook(f))
	f.Add([]byte("PK\x03\x04"))
	f.Add(rawZip(f, map[string][2]uint64{"a": {1, 1 << 40}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		if Check(b) != nil {
			return
		}
		// Whatever passes opens without a panic or runaway work.
		if x, err := OpenBytes(b, "f.xlsx", excelize.Options{}); err == nil {
			x.GetSheetList()
			x.Close()
		}
	})
}
