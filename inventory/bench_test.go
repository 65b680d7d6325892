package inventory

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

const benchRows = 5000

// benchRow makes row i of a large inventory from the fixture documents.
func benchRow(i int) []string {
	d := fxDocs[i%len(fxDocs)]
	return []string{d.task, fmt.Sprintf("%s %d", d.name, i), d.national, d.phase, d.medium, d.system, d.register,
		d.tos, d.ams, d.retention, d.start, d.notes}
}

var benchHeader = []string{"Palvelutehtävä", "Asiakirjan nimi", "Valtakunnallinen asiakirjatyyppi", "Prosessin vaihe",
	"Paperinen/sähköinen", "Tietojärjestelmä", "Rekisteri", "TOS", "AMS", "Säilytysaika",
	"Säilytysajan laskentaperuste", "Huomautukset"}

func benchWorkbook(b *testing.B) []byte {
	b.Helper()
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	row := func(n int, vals []string) {
		cells := make([]any, len(vals))
		for i, v := range vals {
			cells[i] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, cells); err != nil {
			b.Fatal(err)
		}
	}
	row(1, benchHeader)
	for i := 0; i < benchRows; i++ {
		row(i+2, benchRow(i))
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchCSV(b *testing.B) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.Write(benchHeader)
	for i := 0; i < benchRows; i++ {
		w.Write(benchRow(i))
	}
	w.Flush()
	return buf.Bytes()
}

func benchRead(b *testing.B, name string, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		inv, err := Read(bytes.NewReader(data), name, cat, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(inv.Documents) != benchRows {
			b.Fatalf("%d documents", len(inv.Documents))
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkReadXLSX5000(b *testing.B) { benchRead(b, "bench.xlsx", benchWorkbook(b)) }

func BenchmarkReadCSV5000(b *testing.B) { benchRead(b, "bench.csv", benchCSV(b)) }

func BenchmarkWriteTemplate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteTemplate(&buf, cat, "fi"); err != nil {
			b.Fatal(err)
		}
	}
}
