package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// bigInventory writes an n-row inventory CSV made of the sample
// inventory's document rows repeated, each repeat's names numbered, so
// the rows stay distinct documents (issue 17: a 5,000-row inventory).
func bigInventory(tb testing.TB, n int) string {
	tb.Helper()
	f, err := excelize.OpenFile("../../samples/inventory.xlsx")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Asiakirjaluettelo")
	if err != nil {
		tb.Fatal(err)
	}
	hdr, name := -1, -1
	for i, r := range rows {
		for j, c := range r {
			if c == "Asiakirjan nimi organisaatiossa" {
				hdr, name = i, j
			}
		}
		if hdr >= 0 {
			break
		}
	}
	if hdr < 0 {
		tb.Fatal("sample inventory: no header row")
	}
	width := len(rows[hdr])
	var docs [][]string
	for _, r := range rows[hdr+1:] {
		if len(r) > name && r[name] != "" {
			docs = append(docs, append(r, make([]string, max(0, width-len(r)))...))
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.Write(rows[hdr])
	for i := range n {
		r := append([]string(nil), docs[i%len(docs)]...)
		if i >= len(docs) {
			r[name] = fmt.Sprintf("%s %d", r[name], i/len(docs))
		}
		w.Write(r)
	}
	w.Flush()
	path := filepath.Join(tb.TempDir(), "inventory-5000.csv")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkAssess5000 is the whole assess command on a 5,000-row
// inventory with the sample export and TOS, graphs rendered (issue 17's
// target: under 1.5 s, index.html under 5 MB). It reports the page size.
func BenchmarkAssess5000(b *testing.B) {
	benchAssess(b, bigInventory(b, 5000))
}

// BenchmarkAssess5000NoGraphs is the same without rendering SVG.
func BenchmarkAssess5000NoGraphs(b *testing.B) {
	benchAssess(b, bigInventory(b, 5000), "--no-graphs")
}

func benchAssess(b *testing.B, inv string, extra ...string) {
	out := filepath.Join(b.TempDir(), "out")
	args := append([]string{"assess", "--inventory", inv,
		"--export", "../../samples/register-export.csv",
		"--tos", "../../samples/tos.xlsx",
		"--overlay", "../../samples/overlay.yaml",
		"--profile", "../../samples/profile.yaml",
		"--organisation", "Iso Oy", "--out", out, "-q"}, extra...)
	b.ReportAllocs()
	for b.Loop() {
		var o, e bytes.Buffer
		if code := run(args, nil, &o, &e); code != 1 {
			b.Fatalf("exit %d\n%s", code, e.String())
		}
	}
	if st, err := os.Stat(filepath.Join(out, "index.html")); err == nil {
		b.ReportMetric(float64(st.Size())/1e6, "page-MB")
	}
}
