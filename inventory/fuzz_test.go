package inventory

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
)

// checkRead is what must hold for any input: no panic (the fuzzer catches
// those), errors carry a sentinel so the CLI picks an exit code, and every
// row is accounted for.
func checkRead(t *testing.T, inv *Inventory, err error) {
	if err != nil {
		if !errors.Is(err, kartoitus.ErrUnreadable) && !errors.Is(err, kartoitus.ErrNotRecognised) && !errors.Is(err, kartoitus.ErrUsage) {
			t.Fatalf("error without a sentinel: %v", err)
		}
		if inv == nil {
			return
		}
	}
	for _, tl := range inv.Tallies {
		if !tl.Balanced() {
			t.Fatalf("tally does not balance: %+v", tl)
		}
	}
	for _, d := range inv.Documents {
		if d.Name == "" && d.NationalRaw == "" {
			t.Fatalf("document with neither name nor national type: %+v", d)
		}
	}
	for _, f := range inv.Rejected {
		if f.Location.File == "" || f.Location.Row == 0 {
			t.Fatalf("rejected row without a location: %+v", f)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, p := range globFixtures(f, "*.csv") {
		f.Add(p)
	}
	for _, s := range []string{
		"", "\n", "\xef\xbb\xbf", "Palvelutehtävä;Asiakirjan nimi\nLastensuojelu;A\n",
		"Palvelutehtävä\tAsiakirjan nimi\tSäilytysaika\nx\ty\t10 v\n",
		"\"Asiakirjan\nnimi\";Vaihe\n\"a\"\"b\";Päätös\n",
		"Otsikko\nTallennusmuoto;;Asiakirjan nimi\nPaperi;Sähköinen;\nx;;A\n",
		"Asiakirjan nimi;Huomautukset\nA;131052-308T\n",
		"Asiakirjan nimi,Prosessin vaihe\n\"unterminated,Päätös\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := ReadCSV(bytes.NewReader(data), "fuzz.csv", cat, Options{})
		checkRead(t, inv, err)
	})
}

func FuzzReadXLSX(f *testing.F) {
	for _, p := range globFixtures(f, "*.xlsx") {
		f.Add(p)
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := ReadXLSX(bytes.NewReader(data), "fuzz.xlsx", cat, Options{})
		checkRead(t, inv, err)
	})
}

func FuzzParseMapping(f *testing.F) {
	for _, s := range []string{"columns:\n  Dokumentti: name\n", `{"A": "system"}`, "header,field\nA,notes\n", "- x\n", "a: [b]\n", ":"} {
		f.Add("m.yaml", []byte(s))
		f.Add("m.csv", []byte(s))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		m, err := ParseMapping(name, data)
		if err == nil && m.Len() == 0 {
			t.Fatalf("a mapping without entries was accepted")
		}
	})
}

func globFixtures(f *testing.F, pattern string) [][]byte {
	paths, _ := filepath.Glob(filepath.Join("testdata", pattern))
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// FuzzXLSXCells fuzzes workbook content rather than zip bytes: rows split
// on newlines and cells on ';' are written into a real workbook, with a
// merged range chosen by the fuzzer, so header finding, two-row headers
// and merge filling meet odd layouts.
func FuzzXLSXCells(f *testing.F) {
	f.Add("Otsikko\n\nTallennusmuoto;;Asiakirjan nimi\nPaperi;Sähköinen;\nx;;Hakemus\n", uint8(3), uint8(0), uint8(1), uint8(0))
	f.Add("Palvelutehtävä;Asiakirjan nimi\nLastensuojelu;A\n;B\n", uint8(2), uint8(0), uint8(3), uint8(0))
	f.Add("a;b;c\n1;2;3", uint8(1), uint8(1), uint8(2), uint8(2))
	f.Fuzz(func(t *testing.T, content string, r1, c1, r2, c2 uint8) {
		rows := bytes.Split([]byte(content), []byte("\n"))
		if len(rows) > 60 {
			rows = rows[:60]
		}
		book := excelize.NewFile()
		for i, row := range rows {
			cells := bytes.Split(row, []byte(";"))
			if len(cells) > 30 {
				cells = cells[:30]
			}
			vals := make([]any, len(cells))
			for j, c := range cells {
				vals[j] = string(c)
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := book.SetSheetRow("Sheet1", cell, &vals); err != nil {
				return // content excelize refuses to write is not a reader test
			}
		}
		a, _ := excelize.CoordinatesToCellName(int(c1%20)+1, int(r1%40)+1)
		b, _ := excelize.CoordinatesToCellName(int(c2%20)+1, int(r2%40)+1)
		if a != b {
			_ = book.MergeCell("Sheet1", a, b)
		}
		buf, err := book.WriteToBuffer()
		if err != nil {
			return
		}
		inv, err := ReadXLSX(bytes.NewReader(buf.Bytes()), "fuzz.xlsx", cat, Options{})
		checkRead(t, inv, err)
	})
}
