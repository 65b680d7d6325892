package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/report"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// TestOneFigurePerFact runs the sample assessment once and reads each
// task's coverage figure (present/expected national types) and the
// rejected-row count from every output: console, index.html (summary
// table, coverage matrix, graph figures), the comparison graphs, report.xlsx
// and findings.json. They must all agree, and the JSON must agree with the
// analysis (they were computed once).
func TestOneFigurePerFact(t *testing.T) {
	r, out := assessSamples(t)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	cat := sosmeta.MustDefault()
	res, err := report.ReadResult(out)
	if err != nil {
		t.Fatal(err)
	}
	type fig struct{ covered, expected int }
	want := map[string]fig{}
	for k, v := range res.Figures {
		parts := strings.Split(k, ".")
		if len(parts) != 3 || parts[0] != "coverage" {
			continue
		}
		f := want[parts[1]]
		switch parts[2] {
		case "covered":
			f.covered = v
		case "expected":
			f.expected = v
		}
		want[parts[1]] = f
	}
	if len(want) < 3 {
		t.Fatalf("findings.json has coverage figures for %d tasks: %v", len(want), res.Figures)
	}
	nameOf := map[string]string{}
	for _, tk := range cat.Tasks {
		nameOf[tk.FI] = tk.ID
	}
	check := func(where, task string, covered, expected int) {
		t.Helper()
		w, ok := want[task]
		if !ok {
			t.Errorf("%s: task %q not in findings.json", where, task)
			return
		}
		if covered != w.covered || expected != w.expected {
			t.Errorf("%s: %s %d/%d, findings.json %d/%d", where, task, covered, expected, w.covered, w.expected)
		}
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(strings.TrimSpace(s)); return n }

	// Console.
	seen := 0
	for _, m := range regexp.MustCompile(`(?m)^  (.+): (\d+)/(\d+) kansallista tyyppiä`).FindAllStringSubmatch(r.stdout, -1) {
		if id, ok := nameOf[m[1]]; ok {
			check("console", id, atoi(m[2]), atoi(m[3]))
			seen++
		}
	}
	if seen != len(want) {
		t.Errorf("console shows %d task figures, want %d:\n%s", seen, len(want), r.stdout)
	}

	// index.html: the summary table, the matrix's coverage column and the
	// graph figures.
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	seen = 0
	for _, m := range regexp.MustCompile(`<tr data-task="([a-z_]+)"><td>[^<]*</td><td class="num">(\d+)</td><td class="num">(\d+)</td>`).FindAllStringSubmatch(html, -1) {
		check("html summary", m[1], atoi(m[2]), atoi(m[3]))
		seen++
	}
	if seen != len(want) {
		t.Errorf("html summary shows %d task figures, want %d", seen, len(want))
	}
	mstart := strings.Index(html, `id="tbl-matrix"`)
	if mstart < 0 {
		t.Fatal("no coverage matrix in index.html")
	}
	mtab := html[mstart : mstart+strings.Index(html[mstart:], "</table>")]
	seen = 0
	for _, row := range strings.Split(mtab, `<tr data-task="`)[1:] {
		task := row[:strings.IndexByte(row, '"')]
		m := regexp.MustCompile(`<div class="sub">(\d+) \S+ (\d+)</div>`).FindStringSubmatch(row)
		if task == "" || m == nil {
			continue
		}
		check("html matrix", task, atoi(m[1]), atoi(m[2]))
		seen++
	}
	if seen != len(want) {
		t.Errorf("coverage matrix shows %d task figures, want %d", seen, len(want))
	}
	for task := range want {
		i := strings.Index(html, `data-task="`+task+`">`+"\n    <h3>")
		if i < 0 {
			t.Errorf("no graph section for %s", task)
			continue
		}
		sec := html[i:]
		cov := regexp.MustCompile(`data-figure-id="covered"><dt>[^<]*</dt><dd>(\d+)</dd>`).FindStringSubmatch(sec)
		exp := regexp.MustCompile(`data-figure-id="expected"><dt>[^<]*</dt><dd>(\d+)</dd>`).FindStringSubmatch(sec)
		if cov == nil || exp == nil {
			t.Errorf("html graph figures of %s not found", task)
			continue
		}
		check("html graph figures", task, atoi(cov[1]), atoi(exp[1]))
	}

	// The comparison pictures' subtitles.
	for task := range want {
		svg, err := os.ReadFile(filepath.Join(out, "graphs", task+"-comparison.svg"))
		if err != nil {
			t.Errorf("%s: %v", task, err)
			continue
		}
		m := regexp.MustCompile(`(\d+)/(\d+) kansallisesta asiakirjatyypistä löytyy`).FindStringSubmatch(string(svg))
		if m == nil {
			t.Errorf("%s-comparison.svg has no coverage figure", task)
			continue
		}
		check("comparison graph", task, atoi(m[1]), atoi(m[2]))
	}

	// report.xlsx: the summary sheet's per-task block.
	f, err := excelize.OpenFile(filepath.Join(out, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	seen = 0
	rejected := -1
	for _, row := range rows {
		if len(row) >= 3 {
			if id, ok := nameOf[row[0]]; ok {
				check("xlsx summary", id, atoi(row[1]), atoi(row[2]))
				seen++
			}
		}
		if len(row) >= 2 && strings.HasPrefix(row[0], "Hylättyä syöteriviä") {
			rejected = atoi(row[1])
		}
	}
	if seen != len(want) {
		t.Errorf("xlsx summary shows %d task figures, want %d", seen, len(want))
	}

	// Rejected rows: the readers' tallies, everywhere.
	tallied := 0
	for _, in := range res.Inputs {
		tallied += in.Rejected
	}
	if rejected != tallied {
		t.Errorf("xlsx rejected rows %d, tallies %d", rejected, tallied)
	}
	card := regexp.MustCompile(`data-figure="rejected-rows" data-value="(\d+)"`).FindStringSubmatch(html)
	if card == nil || atoi(card[1]) != tallied {
		t.Errorf("html rejected-rows card %v, tallies %d", card, tallied)
	}
}
