package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Issue 13: random bytes named .xlsx gave exit 3 in registers but 2 in
// inventory; registers had no XLSX size limit (a 4 MB file with a 1 GiB
// sheet ran 180 s). Every reader now refuses both as unreadable (exit 2).
func TestXLSXLimitsEveryCommand(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.xlsx")
	writeFile(t, garbage, []byte("these are not the bytes of a workbook\x00\x01\x02"))
	bomb := filepath.Join(dir, "bomb.xlsx")
	writeFile(t, bomb, declaredZip(t, 4<<20, 1<<30))
	inv := writeTemp(t, "inventory.csv", "Palvelutehtävä;Asiakirjan nimi\nLastensuojelu;Päätös\n")
	for _, file := range []string{garbage, bomb} {
		for _, args := range [][]string{
			{"registers", file},
			{"inventory", "read", file},
			{"map", "--inventory", file},
			{"map", "--inventory", inv, "--accepted", file},
			{"retention", "--inventory", inv, "--tos", file},
			{"graph", "--format", "dot", "--out", filepath.Join(dir, "g"), "--inventory", file},
		} {
			t.Run(filepath.Base(file)+" "+strings.Join(args[:1], " ")+" "+args[len(args)-2], func(t *testing.T) {
				start := time.Now()
				r := runCLI(t, "", args...)
				if r.code != 2 {
					t.Errorf("%v: exit %d, want 2; stderr %s", args, r.code, r.stderr)
				}
				if d := time.Since(start); d > 10*time.Second {
					t.Errorf("%v took %v", args, d)
				}
			})
		}
	}
}

// declaredZip is one sheet declaring unpacked bytes in packed bytes.
func declaredZip(t *testing.T, packed, unpacked uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CompressedSize64: packed, UncompressedSize64: unpacked})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(make([]byte, packed))
	zw.Close()
	return buf.Bytes()
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Issue 13: one 100 MB field made 209 MB of output (the value quoted in
// Finnish and English). A 10 MB field now gives kilobytes, whatever
// column it is in.
func TestHugeFieldIsNotEchoed(t *testing.T) {
	big := strings.Repeat("x", 10<<20)
	cols := strings.Split(regHeader, ";")
	for i, col := range cols {
		parts := strings.Split(regClean, ";")
		parts[i] = big
		path := writeTemp(t, "export.csv", regHeader+"\n"+regClean+"\n"+strings.Join(parts, ";")+"\n")
		r := runCLI(t, "", "registers", "--format", "json", path)
		if n := len(r.stdout) + len(r.stderr); n > 200<<10 {
			t.Errorf("registers, 10 MB in %s: %d bytes of output", col, n)
		}
	}
	inv := writeTemp(t, "inventory.csv", "Palvelutehtävä;Asiakirjan nimi;Prosessin vaihe;Tallennusmuoto;Rekisteri;Säilytysaika\n"+
		"Lastensuojelu;"+big+";"+big+";"+big+";"+big+";"+big+"\nLastensuojelu;A;;;;\n")
	r := runCLI(t, "", "inventory", "read", "--json", inv)
	if n := len(r.stdout) + len(r.stderr); n > 1<<20 {
		t.Errorf("inventory read: %d bytes of output", n)
	}
	if !strings.Contains(r.stdout, "INV007") {
		t.Errorf("no INV007 for the cut cells: %.2000s", r.stdout)
	}
}
