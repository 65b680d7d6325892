package inventory

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Issue 13: a stray quote made three CSV rows one accepted document, with
// no finding; rows with cells beyond the header or missing cells passed
// silently. Good and bad samples of INV004–INV006.
func TestEveryLineAccountedFor(t *testing.T) {
	const head = "Palvelutehtävä;Asiakirjan nimi;Huomautukset\n"
	tests := []struct {
		name     string
		body     string
		docs     []string
		rules    []string // rejected and warning rule IDs
		read     int      // tally: physical lines including the header
		rejected int
		contains string // in the first finding's English message
	}{
		{"good: plain rows", "Lastensuojelu;A;\nLastensuojelu;B;x\n", []string{"A", "B"}, nil, 3, 0, ""},
		{"good: a multi-line cell Excel wrote", "Lastensuojelu;A;\"rivi 1\nrivi 2 \"\"lainaus\"\"\"\nLastensuojelu;B;\n",
			[]string{"A", "B"}, nil, 3, 0, ""},
		{"good: a quote inside a cell", "Lastensuojelu;Päätös \"kiireellinen\";\nLastensuojelu;B;\n",
			[]string{"Päätös \"kiireellinen\"", "B"}, nil, 3, 0, ""},
		{"bad: a stray quote swallows the rows below", "Lastensuojelu;A;\nLastensuojelu;\"Kansio\" B;\nLastensuojelu;C;\nLastensuojelu;D;\n",
			[]string{"A"}, []string{"INV004"}, 5, 3, "Lines 3–5 (3 lines) were rejected"},
		{"bad: a stray quote closed lines later", "Lastensuojelu;\"Kansio\" A;\nLastensuojelu;B\";\nLastensuojelu;C;\n",
			[]string{"C"}, []string{"INV004"}, 4, 2, "Lines 2–3 (2 lines)"},
		{"bad: cells beyond the header", "Lastensuojelu;A;;liite\nLastensuojelu;B;\nLastensuojelu;C;;;x\n",
			[]string{"A", "B", "C"}, []string{"INV005"}, 4, 0, "in 2 rows right of the header's last column (C), the first in column D (rows 2, 4)"},
		{"good: empty cells beyond the header", "Lastensuojelu;A;;;\n", []string{"A"}, nil, 2, 0, ""},
		{"bad: missing cells", "Lastensuojelu;A\nLastensuojelu;B;\n", []string{"A", "B"}, []string{"INV006"}, 3, 0,
			"1 rows with fewer fields than the header's 3 (rows 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := mustRead(t, "x.csv", []byte(head+tt.body), Options{})
			checkAccounts(t, inv)
			var docs []string
			for _, d := range inv.Documents {
				docs = append(docs, d.Name)
			}
			var rules []string
			msg := ""
			for _, f := range append(inv.Rejected, inv.Warnings...) {
				rules = append(rules, f.RuleID)
				if msg == "" {
					msg = f.Message.EN
				}
			}
			if fmt.Sprint(docs) != fmt.Sprint(tt.docs) || fmt.Sprint(rules) != fmt.Sprint(tt.rules) {
				t.Errorf("documents %q rules %v, want %q %v", docs, rules, tt.docs, tt.rules)
			}
			tl := inv.Tallies[0]
			if tl.Read != tt.read || tl.Rejected != tt.rejected {
				t.Errorf("tally %+v, want read %d rejected %d", tl, tt.read, tt.rejected)
			}
			if !strings.Contains(msg, tt.contains) {
				t.Errorf("message %q does not contain %q", msg, tt.contains)
			}
		})
	}
}

// In a workbook, a value right of the header is reported too (short rows
// are normal there: trailing empty cells are not stored).
func TestCellsBeyondHeaderXLSX(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{{"Palvelutehtävä", "Asiakirjan nimi"}, {"Lastensuojelu", "A", nil, "unohtunut"}, {"Lastensuojelu"}, {nil, "B"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	inv := mustRead(t, "x.xlsx", buf.Bytes(), Options{})
	var rules []string
	for _, w := range inv.Warnings {
		rules = append(rules, w.RuleID)
	}
	if fmt.Sprint(rules) != "[INV005]" || inv.Warnings[0].Location.Row != 2 || inv.Warnings[0].Location.Column != "D" {
		t.Errorf("warnings %+v", inv.Warnings)
	}
}
