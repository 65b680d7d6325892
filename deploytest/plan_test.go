package deploytest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
)

// pairYAML builds one pair; fields are YAML lines under the pair.
func pairYAML(org, orgSys, prod, prodSys string, extra ...string) string {
	s := fmt.Sprintf("  - organiser: {name: %s, oid: %s, system: %s}\n    producer: {name: %s, oid: %s, system: %s}\n",
		org, orgOIDs[org], orgSys, prod, prodOIDs[prod], prodSys)
	for _, e := range extra {
		s += "    " + e + "\n"
	}
	return s
}

var orgOIDs = map[string]string{"Järvimaa": countyOID, "Toinen": "1.2.246.10.32213086.10.0"}
var prodOIDs = map[string]string{"Satama": hoivaOID, "Kotipolku": hoivaOID, "Tuottaja B": "1.2.246.10.10938633.10.0", "Tuottaja C": "1.2.246.10.32515682.10.0"}

const ready = "connection_test: 2026-01-10\n    organiser_archive_test: 2025-06-01"

func plan(t *testing.T, pairs ...string) *PlanResult {
	t.Helper()
	ps, err := ParsePairsYAML("pairs.yaml", []byte("pairs:\n"+strings.Join(pairs, "")))
	if err != nil {
		t.Fatal(err)
	}
	return Plan(ps, PlanConfig{Today: calendar.Date(2026, 6, 1), FailOn: finding.Error})
}

func rulesOf(r *PlanResult) map[string]int {
	m := map[string]int{}
	for _, f := range r.Findings {
		m[f.RuleID]++
	}
	return m
}

func reqs(r *PlanResult) string {
	var s []string
	for _, p := range r.Pairs {
		s = append(s, fmt.Sprintf("%d:%s/%s", p.Index, p.Requirement, p.State))
	}
	return strings.Join(s, " ")
}

// Required vs recommended, the rinnakkaisliittymismalli and the states:
// each case is a small pairs file with the expected requirement/state of
// every pair and the rules found.
func TestPlanRules(t *testing.T) {
	pass := func(d string) string { return "tests: [{date: " + d + ", result: pass}]" }
	fail := func(d string) string { return "tests: [{date: " + d + ", result: fail}]" }
	planned := func(d string) string { return "tests: [{date: " + d + ", result: planned}]" }
	tests := []struct {
		name  string
		pairs []string
		want  string
		rules map[string]int
	}{
		{"one new combination, not done: required",
			[]string{pairYAML("Järvimaa", "Kielo", "Satama", "Vaahtera", ready)},
			"1:required/missing", map[string]int{"DPT001": 1}},
		{"one new combination, passed: required and done, no findings",
			[]string{pairYAML("Järvimaa", "Kielo", "Satama", "Vaahtera", pass("2026-04-02"))},
			"1:required/done", map[string]int{}},
		{"K25's example: A+1 twice and A+2: one test each for A+1 and A+2",
			[]string{pairYAML("Järvimaa", "A", "Satama", "1", ready), pairYAML("Järvimaa", "A", "Tuottaja B", "1", ready),
				pairYAML("Järvimaa", "A", "Tuottaja C", "2", ready)},
			"1:required/missing 2:recommended/missing 3:required/missing", map[string]int{"DPT001": 2, "DPT002": 1}},
		{"the combination verified by the second pair: the first is only recommended",
			[]string{pairYAML("Järvimaa", "A", "Satama", "1"), pairYAML("Järvimaa", "A", "Tuottaja B", "1", pass("2025-10-01"))},
			"1:recommended/missing 2:required/done", map[string]int{"DPT002": 1}},
		{"the earliest pass is the required one",
			[]string{pairYAML("Järvimaa", "A", "Satama", "1", pass("2025-11-01")), pairYAML("Järvimaa", "A", "Tuottaja B", "1", pass("2025-10-01"))},
			"1:recommended/done 2:required/done", map[string]int{}},
		{"system names fold: 'Vaahtera 4' and 'vaahtera  4' are one system",
			[]string{pairYAML("Järvimaa", "Kielo", "Satama", "Vaahtera 4", pass("2026-04-02")), pairYAML("Järvimaa", "kielo", "Tuottaja B", "vaahtera  4")},
			"1:required/done 2:recommended/missing", map[string]int{"DPT002": 1}},
		{"another organiser with the same systems needs its own test",
			[]string{pairYAML("Järvimaa", "A", "Satama", "1", pass("2025-10-01")), pairYAML("Toinen", "A", "Tuottaja B", "1", ready)},
			"1:required/done 2:required/missing", map[string]int{"DPT001": 1}},
		{"failed: still required, re-run",
			[]string{pairYAML("Järvimaa", "A", "Satama", "1", ready, fail("2026-04-02"))},
			"1:required/failed", map[string]int{"DPT001": 1}},
		{"failed then re-run passed",
			[]string{pairYAML("Järvimaa", "A", "Satama", "1", "tests: [{date: 2026-04-02, result: fail}, {date: 2026-04-09, result: pass}]")},
			"1:required/done", map[string]int{}},
		{"planned with prerequisites: info only",
			[]string{pairYAML("Järvimaa", "A", "Satama", "1", ready, planned("2026-06-10"))},
			"1:required/planned", map[string]int{"DPT004": 1}},
		{"planned date passed without a result",
			[]string{pairYAML("Järvimaa", "A", "Satama", "1", ready, planned("2026-05-10"))},
			"1:required/planned", map[string]int{"DPT004": 1, "DPT005": 1}},
		{"rinnakkaisliittymismalli: the first producer recommended, never required",
			[]string{pairYAML("Järvimaa", "Kielo", "Satama", "", "model: rinnakkaisliittymismalli"),
				pairYAML("Järvimaa", "Kielo", "Tuottaja B", "", "model: rinnakkaisliittymismalli")},
			"1:recommended/missing 2:recommended/missing", map[string]int{"DPT003": 1, "DPT002": 1}},
		{"rinnakkaisliittymismalli: the first tested producer carries Kela's recommendation",
			[]string{pairYAML("Järvimaa", "Kielo", "Satama", "", "model: rinnakkaisliittymismalli"),
				pairYAML("Järvimaa", "Kielo", "Tuottaja B", "", "model: rinnakkaisliittymismalli", pass("2025-10-01"))},
			"1:recommended/missing 2:recommended/done", map[string]int{"DPT002": 1}},
		{"rinnakkaisliittymismalli with two organiser systems: a first producer for each",
			[]string{pairYAML("Järvimaa", "Kielo", "Satama", "", "model: rinnakkaisliittymismalli"),
				pairYAML("Järvimaa", "Kuura", "Tuottaja B", "", "model: rinnakkaisliittymismalli")},
			"1:recommended/missing 2:recommended/missing", map[string]int{"DPT003": 2}},
		{"rinnakkaisliittymismalli with another producer system",
			[]string{pairYAML("Järvimaa", "Kielo", "Satama", "Vaahtera", "model: rinnakkaisliittymismalli", pass("2025-10-01"))},
			"1:recommended/done", map[string]int{"DPT023": 1}},
		{"own system and rinnakkais with the same organiser system are different combinations",
			[]string{pairYAML("Järvimaa", "Kielo", "Satama", "Kielo", pass("2025-10-01")),
				pairYAML("Järvimaa", "Kielo", "Tuottaja B", "", "model: rinnakkaisliittymismalli")},
			"1:required/done 2:recommended/missing", map[string]int{"DPT003": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := plan(t, tt.pairs...)
			if got := reqs(r); got != tt.want {
				t.Errorf("pairs %s, want %s", got, tt.want)
			}
			got := rulesOf(r)
			for id, n := range tt.rules {
				if got[id] != n {
					t.Errorf("%s × %d, want %d; findings %v", id, got[id], n, messages(r))
				}
			}
			for id := range got {
				if _, ok := tt.rules[id]; !ok {
					t.Errorf("unexpected %s: %v", id, messages(r))
				}
			}
			if r.Summary.Failed != (tt.rules["DPT001"] > 0) {
				t.Errorf("failed = %v", r.Summary.Failed)
			}
		})
	}
}

func messages(r *PlanResult) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.RuleID+": "+f.Message.EN)
	}
	return out
}

// Prerequisites (K25 Ennen käyttöönottokoetta): good and bad samples of
// each rule, for a pair whose test lies ahead.
func TestPlanPrerequisites(t *testing.T) {
	tests := []struct {
		name  string
		extra []string
		rules map[string]int
	}{
		{"all ready", []string{ready, "private_clients: yes", "producer_archive_test: 2025-09-01"}, map[string]int{"DPT001": 1}},
		{"no connection test", []string{"organiser_archive_test: 2025-06-01"}, map[string]int{"DPT001": 1, "DPT010": 1}},
		{"connection test recorded as yes", []string{"connection_test: kyllä", "organiser_archive_test: x"}, map[string]int{"DPT001": 1}},
		{"no organiser archive test", []string{"connection_test: 2026-01-10"}, map[string]int{"DPT001": 1, "DPT011": 1}},
		{"organiser archive test on the test day is fine", []string{"connection_test: 2026-01-10", "organiser_archive_test: 2026-06-10",
			"tests: [{date: 2026-06-10, result: planned}]"}, map[string]int{"DPT004": 1}},
		{"connection test after the planned day", []string{"connection_test: 2026-06-12", "organiser_archive_test: 2025-06-01",
			"tests: [{date: 2026-06-10, result: planned}]"}, map[string]int{"DPT004": 1, "DPT010": 1}},
		{"private clients without own archive test", []string{ready, "private_clients: kyllä"}, map[string]int{"DPT001": 1, "DPT012": 1}},
		{"no private clients: own archive test not needed", []string{ready, "private_clients: ei"}, map[string]int{"DPT001": 1}},
		{"nothing ready", nil, map[string]int{"DPT001": 1, "DPT010": 1, "DPT011": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := plan(t, pairYAML("Järvimaa", "A", "Satama", "1", tt.extra...))
			got := rulesOf(r)
			if fmt.Sprint(got) != fmt.Sprint(tt.rules) {
				t.Errorf("rules %v, want %v: %v", got, tt.rules, messages(r))
			}
		})
	}
	// A done pair is not asked for its prerequisites; a recommended pair
	// nobody scheduled neither.
	r := plan(t, pairYAML("Järvimaa", "A", "Satama", "1", "tests: [{date: 2026-04-02, result: pass}]"), pairYAML("Järvimaa", "A", "Tuottaja B", "1"))
	if got := rulesOf(r); fmt.Sprint(got) != "map[DPT002:1]" {
		t.Errorf("rules %v", got)
	}
	// The other pair's archive test is pointed to, not carried over.
	r = plan(t, pairYAML("Järvimaa", "A", "Satama", "1", ready, "tests: [{date: 2026-04-02, result: pass}]"),
		pairYAML("Järvimaa", "B", "Tuottaja B", "2", "connection_test: 2026-01-10"))
	var msg string
	for _, f := range r.Findings {
		if f.RuleID == "DPT011" {
			msg = f.Message.EN
		}
	}
	if !strings.Contains(msg, "pair 1 records it done") {
		t.Errorf("DPT011 message %q", msg)
	}
}

func TestPlanOIDs(t *testing.T) {
	tests := []struct {
		org, prod string
		rules     map[string]int
	}{
		{countyOID, hoivaOID, map[string]int{}},
		{"urn:oid:" + countyOID, hoivaOID, map[string]int{}},
		{"", hoivaOID, map[string]int{"DPT020": 1}},
		{"1.2.246.10.32661453.10.0", hoivaOID, map[string]int{"DPT020": 1}}, // wrong check digit
		{countyCtrl, hoivaOID, map[string]int{"DPT022": 1}},
		{countyOID, "3187542-4", map[string]int{"DPT020": 1}}, // a Y-tunnus is not an OID
	}
	for _, tt := range tests {
		y := fmt.Sprintf("pairs:\n  - organiser: {name: J, oid: %q, system: A}\n    producer: {name: P, oid: %q, system: B}\n    tests: [{date: 2026-04-02, result: pass}]\n", tt.org, tt.prod)
		ps, err := ParsePairsYAML("p.yaml", []byte(y))
		if err != nil {
			t.Fatal(err)
		}
		r := Plan(ps, PlanConfig{FailOn: finding.Error})
		if got := rulesOf(r); fmt.Sprint(got) != fmt.Sprint(tt.rules) {
			t.Errorf("%s / %s: rules %v, want %v: %v", tt.org, tt.prod, got, tt.rules, messages(r))
		}
	}
}

func TestParsePairsYAML(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		err      error
		rejected int
		inMsg    string
	}{
		{"empty file", "", kartoitus.ErrNotRecognised, 0, "no pairs"},
		{"empty list", "pairs: []\n", kartoitus.ErrNotRecognised, 0, "no pairs"},
		{"unknown key", "pairs:\n  - organiser: {name: J, system: A}\n    producer: {name: P, system: B}\n    modle: x\n", kartoitus.ErrUnreadable, 0, "modle"},
		{"not yaml", "pairs: [\n", kartoitus.ErrUnreadable, 0, "p.yaml"},
		{"missing system", "pairs:\n  - organiser: {name: J}\n    producer: {name: P, system: B}\n", nil, 1, "the organiser's system is missing"},
		{"bad model", "pairs:\n  - organiser: {name: J, system: A}\n    producer: {name: P, system: B}\n    model: pilvi\n", nil, 1, "model \"pilvi\""},
		{"bad date", "pairs:\n  - organiser: {name: J, system: A}\n    producer: {name: P, system: B}\n    tests: [{date: 31.2.2026, result: pass}]\n", nil, 1, "tests[0].date"},
		{"test without date", "pairs:\n  - organiser: {name: J, system: A}\n    producer: {name: P, system: B}\n    tests: [{result: pass}]\n", nil, 1, "tests[0].date is missing"},
		{"bad result", "pairs:\n  - organiser: {name: J, system: A}\n    producer: {name: P, system: B}\n    tests: [{date: 2026-04-02, result: ehkä}]\n", nil, 1, "result"},
		{"bad yes/no", "pairs:\n  - organiser: {name: J, system: A}\n    producer: {name: P, system: B}\n    private_clients: joskus\n", nil, 1, "private_clients"},
		{"json", `{"pairs": [{"organiser": {"name": "J", "system": "A"}, "producer": {"name": "P", "system": "B"}}]}`, nil, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := ParsePairsYAML("p.yaml", []byte(tt.in))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				if !strings.Contains(err.Error(), tt.inMsg) {
					t.Errorf("message %q lacks %q", err, tt.inMsg)
				}
				return
			}
			if ps.Tally.Rejected != tt.rejected || !ps.Tally.Balanced() {
				t.Errorf("tally %+v", ps.Tally)
			}
			if tt.rejected > 0 {
				f := ps.Findings[0]
				if f.RuleID != "DPT021" || f.Location.Row != 2 || !strings.Contains(f.Message.EN, tt.inMsg) {
					t.Errorf("finding %+v", f)
				}
			}
		})
	}
}

// The sample pairs file: every combination verified, Tähkä's test only
// recommended; exit 0.
func TestPlanSample(t *testing.T) {
	ps, err := ParsePairsYAML("pairs.yaml", []byte(samplePairs))
	if err != nil {
		t.Fatal(err)
	}
	r := Plan(ps, PlanConfig{Today: calendar.Date(2026, 11, 2), FailOn: finding.Error})
	if got := reqs(r); got != "1:required/done 2:required/done 3:recommended/missing 4:required/done" {
		t.Errorf("pairs %s", got)
	}
	if got := rulesOf(r); fmt.Sprint(got) != "map[DPT002:1]" {
		t.Errorf("rules %v: %v", got, messages(r))
	}
	if len(r.Combinations) != 3 || len(r.Combinations[0].Verified) != 1 {
		t.Errorf("combinations %+v", r.Combinations)
	}
	for _, l := range []finding.Lang{finding.FI, finding.EN} {
		var b bytes.Buffer
		if err := WritePlanTable(&b, r, l); err != nil {
			t.Fatal(err)
		}
		golden(t, "plan_sample_"+string(l)+".txt", b.String())
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan_sample.json", b.String())
	if strings.Contains(b.String(), "%!") {
		t.Error("format error in JSON")
	}
}

// The template round-trips: filled in by hand (here: by excelize), the
// workbook reads back as the same plan as the YAML; rows naming the same
// pair merge; a bad row is rejected with its sheet and row.
func TestPairsXLSX(t *testing.T) {
	for _, l := range []finding.Lang{finding.FI, finding.EN} {
		var b bytes.Buffer
		if err := WritePairsTemplate(&b, l); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		sheet := PairsSheet(l)
		rows := [][]any{
			{countyName, countyOID, "Kielo", hoivaName, hoivaOID, satamaOID, satamaName, "Vaahtera", "oma järjestelmä", "kyllä",
				"16.3.2026", "1.9.2022", 44854, "12.1.2026", "epäonnistui", "", "", "Asiatunnus puuttui"},
			{countyName, countyOID, "Kielo", hoivaName, hoivaOID, satamaOID, satamaName, "Vaahtera", "oma järjestelmä", "kyllä",
				"", "", "", 46114, "onnistui", 46119, "", "Korjattu"},
			{},
			{countyName, countyOID, "Kielo", hoivaName, hoivaOID, "", "Tähkä", "", "oma järjestelmä"},
		}
		for i, row := range rows {
			if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &row); err != nil {
				t.Fatal(err)
			}
		}
		var out bytes.Buffer
		if err := f.Write(&out); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "pairs.xlsx")
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		ps, err := ReadPairsFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if ps.Tally.Read != 4 || ps.Tally.Accepted != 2 || ps.Tally.Rejected != 1 || ps.Tally.Skipped != 1 || !ps.Tally.Balanced() {
			t.Errorf("%s: tally %+v", l, ps.Tally)
		}
		if len(ps.Pairs) != 1 {
			t.Fatalf("%s: %d pairs", l, len(ps.Pairs))
		}
		p := ps.Pairs[0]
		if len(p.Tests) != 2 || p.Latest().Result != ResultPass || p.Latest().Date != calendar.Date(2026, 4, 2) ||
			p.Latest().ArchivingStart != calendar.Date(2026, 4, 7) || !p.PrivateClients ||
			p.ProducerArchiveTest.Date != calendar.Date(2022, 10, 20) || p.ConnectionTest.Date != calendar.Date(2026, 3, 16) {
			t.Errorf("%s: pair %+v", l, p)
		}
		if fmt.Sprint(p.Rows) != "[2 3]" {
			t.Errorf("rows %v", p.Rows)
		}
		rej := ps.Findings[0]
		if rej.Location.Sheet != sheet || rej.Location.Row != 5 || !strings.Contains(rej.Message.EN, "producer's system is missing") {
			t.Errorf("rejected %+v", rej)
		}
		r := Plan(ps, PlanConfig{FailOn: finding.Error})
		if reqs(r) != "1:required/done" {
			t.Errorf("plan %s", reqs(r))
		}
	}
	// A blank template has a header and no pairs: nothing recognised.
	var b bytes.Buffer
	if err := WritePairsTemplate(&b, finding.FI); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadPairsXLSX("blank.xlsx", &b); !errors.Is(err, kartoitus.ErrNotRecognised) {
		t.Errorf("blank template: err = %v", err)
	}
	if _, err := ReadPairsXLSX("x.xlsx", strings.NewReader("PK\x03\x04 not a zip")); !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("corrupt: err = %v", err)
	}
}

func FuzzParsePairsYAML(f *testing.F) {
	f.Add([]byte(samplePairs))
	f.Add([]byte("pairs:\n  - organiser: {name: J, system: A}\n    producer: {name: P, system: B}\n    tests: [{date: 2026-04-02, result: pass}]\n"))
	f.Add([]byte("pairs: [{organiser: {name: J}, tests: [{}]}]"))
	f.Add([]byte("pairs: 3"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, err := ParsePairsYAML("fuzz.yaml", b)
		if err != nil {
			if !errors.Is(err, kartoitus.ErrUnreadable) && !errors.Is(err, kartoitus.ErrNotRecognised) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if !ps.Tally.Balanced() || ps.Tally.Rejected != len(ps.Findings) || ps.Tally.Accepted != len(ps.Pairs) {
			t.Fatalf("tally %+v, %d findings, %d pairs", ps.Tally, len(ps.Findings), len(ps.Pairs))
		}
		r := Plan(ps, PlanConfig{Today: calendar.Date(2026, 1, 1)})
		if len(r.Pairs) != len(ps.Pairs) {
			t.Fatalf("plan lost pairs")
		}
		for _, p := range r.Pairs {
			if p.Requirement != Required && p.Requirement != Recommended {
				t.Fatalf("requirement %q", p.Requirement)
			}
		}
	})
}

func FuzzReadPairsXLSX(f *testing.F) {
	var b bytes.Buffer
	if err := WritePairsTemplate(&b, finding.FI); err != nil {
		f.Fatal(err)
	}
	blank := append([]byte(nil), b.Bytes()...)
	f.Add(blank)
	xf, _ := excelize.OpenReader(bytes.NewReader(blank))
	row := []any{countyName, countyOID, "Kielo", hoivaName, hoivaOID, satamaOID, satamaName, "Vaahtera", "", "kyllä", "x", "x", "x", 46114, "onnistui"}
	_ = xf.SetSheetRow(PairsSheet(finding.FI), "A2", &row)
	b.Reset()
	_ = xf.Write(&b)
	f.Add(b.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := ReadPairsXLSX("fuzz.xlsx", bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, kartoitus.ErrUnreadable) && !errors.Is(err, kartoitus.ErrNotRecognised) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if !ps.Tally.Balanced() {
			t.Fatalf("tally %+v", ps.Tally)
		}
		Plan(ps, PlanConfig{})
	})
}
