package deploytest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
)

// The deadline is the second working day after the test day: Finnish
// public holidays (the Easter-based ones computed) and, by default,
// Midsummer Eve and Christmas Eve are skipped.
func TestDeadline(t *testing.T) {
	d := func(y int, m time.Month, day int) calendar.Day { return calendar.Date(y, m, day) }
	tests := []struct {
		name      string
		test      calendar.Day
		evesWork  bool
		want      calendar.Day
		skipsName string
	}{
		{"ordinary Monday", d(2026, 3, 9), false, d(2026, 3, 11), ""},
		{"Thursday: over the weekend", d(2026, 3, 12), false, d(2026, 3, 16), "lauantai"},
		{"Easter 2026: Good Friday and Easter Monday", d(2026, 4, 2), false, d(2026, 4, 8), "pitkäperjantai"},
		{"Easter 2026, from Wednesday", d(2026, 4, 1), false, d(2026, 4, 7), "2. pääsiäispäivä"},
		{"Easter 2027 (28.3.)", d(2027, 3, 25), false, d(2027, 3, 31), "pitkäperjantai"},
		{"Ascension Day 2026", d(2026, 5, 13), false, d(2026, 5, 18), "helatorstai"},
		{"Midsummer 2026: the eve is off", d(2026, 6, 18), false, d(2026, 6, 23), "juhannusaatto"},
		{"Midsummer 2026: the eve as a working day", d(2026, 6, 18), true, d(2026, 6, 22), ""},
		{"Independence Day 2024 (Friday)", d(2024, 12, 5), false, d(2024, 12, 10), "itsenäisyyspäivä"},
		{"Independence Day 2027 (Monday)", d(2027, 12, 3), false, d(2027, 12, 8), "itsenäisyyspäivä"},
		{"Christmas 2026: eve, Christmas Day, St Stephen's", d(2026, 12, 23), false, d(2026, 12, 29), "jouluaatto"},
		{"Christmas 2026: the eve as a working day", d(2026, 12, 23), true, d(2026, 12, 28), "joulupäivä"},
		{"New Year", d(2026, 12, 30), false, d(2027, 1, 4), "uudenvuodenpäivä"},
		{"a test on a Saturday", d(2026, 3, 14), false, d(2026, 3, 17), "sunnuntai"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, skipped := Deadline(&calendar.Calendar{EvesWork: tt.evesWork}, tt.test)
			if got != tt.want {
				t.Errorf("Deadline(%s) = %s (%s), want %s", tt.test, got, got.Weekday(), tt.want)
			}
			var names []string
			for _, s := range skipped {
				names = append(names, s.Name.FI)
			}
			if tt.skipsName != "" && !strings.Contains(strings.Join(names, ","), tt.skipsName) {
				t.Errorf("skipped %v, want %q among them", names, tt.skipsName)
			}
			if tt.skipsName == "" && len(skipped) > 0 && tt.evesWork {
				for _, n := range names {
					if strings.Contains(n, "aatto") {
						t.Errorf("an eve skipped with evesWork: %v", names)
					}
				}
			}
		})
	}
}

func samplePair(t *testing.T) (*Pairs, *Pair) {
	t.Helper()
	ps, err := ParsePairsYAML("pairs.yaml", []byte(samplePairs))
	if err != nil {
		t.Fatal(err)
	}
	p, err := SelectPair(ps, 1)
	if err != nil {
		t.Fatal(err)
	}
	return ps, p
}

func TestDraft(t *testing.T) {
	ps, p := samplePair(t)
	d, err := Draft(p, ReportConfig{})
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string][2]string{
		"subject":   {d.EmailSubject, "SHA Rekisterinkäyttöoikeus käyttöönottokoe Järvimaan hyvinvointialue"},
		"to":        {d.EmailTo, "kanta@kanta.fi"},
		"test date": {d.TestDate.ISO(), "2026-04-02"},
		"deadline":  {d.Deadline.ISO(), "2026-04-08"},
		"start":     {d.ArchivingStart.ISO(), "2026-04-07"},
		"systems":   {strings.Join(d.Systems, "|"), "Kielo|Vaahtera"},
		"rationale": {d.Rationale, "Rekisterinkäyttöoikeus-toiminnallisuuden käyttöönottokoe. Palveluntuottaja: Hoivapolku Oy, toimintayksikön OID 1.2.246.10.31875424.10.0, tietojärjestelmä Vaahtera."},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if !d.OrganiserOID.Valid || !d.ProducerOID.Valid || d.Failed || d.Result != ResultPass {
		t.Errorf("draft %+v", d)
	}
	if !strings.Contains(d.Problems, "Vaahtera ei aluksi") {
		t.Errorf("problems %q", d.Problems)
	}
	// Pair 4: the latest done test (the re-run) is reported.
	p4, _ := SelectPair(ps, 4)
	d4, _ := Draft(p4, ReportConfig{})
	if d4.TestDate != calendar.Date(2023, 1, 19) || !strings.Contains(d4.Problems, "4.2") {
		t.Errorf("pair 4: %s %q", d4.TestDate, d4.Problems)
	}
	// Rinnakkaisliittyminen is named in the rationale; one system.
	par := *p
	par.Model, par.Producer.System = Parallel, p.Organiser.System
	dp, _ := Draft(&par, ReportConfig{})
	if !strings.Contains(dp.Rationale, "(rinnakkaisliittyminen)") || len(dp.Systems) != 1 {
		t.Errorf("parallel: %q %v", dp.Rationale, dp.Systems)
	}
	// A bad OID fails the draft; no test date is a usage error.
	bad := *p
	bad.Organiser.OID = "1.2.246.10.32661453.10.0"
	db, _ := Draft(&bad, ReportConfig{})
	if db.OrganiserOID.Valid || !db.Failed {
		t.Errorf("bad OID passed: %+v", db.OrganiserOID)
	}
	p3, _ := SelectPair(ps, 3)
	if _, err := Draft(p3, ReportConfig{}); !errors.Is(err, kartoitus.ErrUsage) {
		t.Errorf("no test: err = %v", err)
	}
	d3, err := Draft(p3, ReportConfig{TestDate: calendar.Date(2026, 12, 23)})
	if err != nil || d3.Deadline != calendar.Date(2026, 12, 29) || d3.Result != "" {
		t.Errorf("given date: %v %+v", err, d3)
	}
	if _, err := SelectPair(ps, 0); !errors.Is(err, kartoitus.ErrUsage) {
		t.Errorf("several pairs without --pair: err = %v", err)
	}
	if _, err := SelectPair(ps, 9); !errors.Is(err, kartoitus.ErrUsage) {
		t.Errorf("--pair 9: err = %v", err)
	}
}

// htmlFields parses the page (it is well-formed XML) and returns the text
// of every data-field and data-step cell, failing on anything that would
// load from the network.
func htmlFields(t *testing.T, page string) map[string]string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(page))
	dec.Strict = true
	fields := map[string]string{}
	var cur string
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the page is not well-formed: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			switch x.Name.Local {
			case "script", "link", "img", "iframe", "object", "embed", "base":
				t.Errorf("<%s> in a self-contained page", x.Name.Local)
			}
			for _, a := range x.Attr {
				if a.Name.Local == "src" || a.Name.Local == "href" {
					t.Errorf("%s=%q in a self-contained page", a.Name.Local, a.Value)
				}
				if (a.Name.Local == "data-field" || a.Name.Local == "data-step") && cur == "" {
					cur, depth = a.Value, 0
				}
			}
			if cur != "" {
				depth++
			}
		case xml.EndElement:
			if cur != "" {
				depth--
				if depth == 0 {
					cur = ""
				}
			}
		case xml.CharData:
			if cur != "" {
				fields[cur] += string(x)
			}
		}
	}
	for _, bad := range []string{"http://", "https://", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	return fields
}

func TestReportHTML(t *testing.T) {
	_, p := samplePair(t)
	res, err := passing().run(t, true, VerifyConfig{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := Draft(p, ReportConfig{Verify: res})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []finding.Lang{finding.FI, finding.EN} {
		var b bytes.Buffer
		if err := WriteReportHTML(&b, d, l); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		golden(t, "report_"+string(l)+".html", page)
		f := htmlFields(t, page)
		want := map[string]string{
			"organiser_name":  "Järvimaan hyvinvointialue",
			"organiser_oid":   "1.2.246.10.32661452.10.0",
			"producer_oid":    "1.2.246.10.31875424.10.0",
			"systems":         "Kielo; Vaahtera",
			"rationale":       "Rekisterinkäyttöoikeus-toiminnallisuuden käyttöönottokoe. Palveluntuottaja: Hoivapolku Oy",
			"test_date":       "2.4.2026",
			"deadline":        "8.4.2026",
			"archiving_start": "7.4.2026",
			"email_to":        "kanta@kanta.fi",
			"email_subject":   "SHA Rekisterinkäyttöoikeus käyttöönottokoe Järvimaan hyvinvointialue",
			"problems":        "Vaahtera ei aluksi",
			"T5":              StatusLabel(Pass, l),
			"J3":              StatusLabel(Confirm, l),
		}
		for k, v := range want {
			if !strings.HasPrefix(f[k], v) {
				t.Errorf("%s: field %s = %q, want it to start with %q", l, k, f[k], v)
			}
		}
		if !strings.Contains(f["deadline"], "pitkäperjantai") && !strings.Contains(f["deadline"], "Good Friday") {
			t.Errorf("%s: deadline does not name the skipped holiday: %q", l, f["deadline"])
		}
		second := "Kund"
		if l == finding.EN {
			second = "Customer"
		}
		if !strings.Contains(page, "Asiakas <span class=\"sv\">/ "+second) {
			t.Errorf("%s: the Asiakas heading lacks its %s label", l, second)
		}
		if strings.Contains(page, testPerson) {
			t.Errorf("the page shows the test person's id in full")
		}
	}
}

func TestReportXLSX(t *testing.T) {
	_, p := samplePair(t)
	res, _ := passing().run(t, false, VerifyConfig{})
	d, err := Draft(p, ReportConfig{Verify: res})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteReportXLSX(&b, d, finding.FI); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Raportti")
	if err != nil {
		t.Fatal(err)
	}
	byLabel := map[string]string{}
	for _, r := range rows {
		if len(r) >= 3 {
			byLabel[r[0]+"|"+r[1]] += r[2]
		}
	}
	for k, v := range map[string]string{
		"Palvelunjärjestäjän nimi|Tjänsteanordnarens namn": "Järvimaan hyvinvointialue",
		"Raportti viimeistään|Rapporten senast":            "8.4.2026",
		"Aihe|Ämne":               "SHA Rekisterinkäyttöoikeus käyttöönottokoe Järvimaan hyvinvointialue",
		"Vastaanottaja|Mottagare": "kanta@kanta.fi",
		"Sertifioitu järjestelmä|Certifierat system":  "Kielo; Vaahtera",
		"Toimintayksikön OID|Verksamhetsenhetens OID": "1.2.246.10.32661452.10.01.2.246.10.31875424.10.0",
		"Arkistointi alkaa|Arkiveringen börjar":       "7.4.2026",
		"Käyttöönottokokeen päivä|Provets datum":      "2.4.2026",
	} {
		if byLabel[k] != v {
			t.Errorf("%s = %q, want %q", k, byLabel[k], v)
		}
	}
	steps, err := f.GetRows("Vaiheet")
	if err != nil || len(steps) != 13 || steps[12][0] != "T6" || steps[12][1] != "varmistettava" {
		t.Errorf("steps sheet: %v %v", err, steps)
	}
}

func TestChecklist(t *testing.T) {
	for _, l := range []finding.Lang{finding.FI, finding.EN} {
		var b bytes.Buffer
		if err := WriteChecklist(&b, l); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		basics, prereq, day := ChecklistSheets(l)
		if got := strings.Join(f.GetSheetList(), "|"); got != basics+"|"+prereq+"|"+day {
			t.Errorf("sheets %s", got)
		}
		rows, _ := f.GetRows(day)
		var ids []string
		notices := 0
		for _, r := range rows[1:] {
			switch {
			case r[0] == "→":
				notices++
			case r[0] != "✓":
				ids = append(ids, r[0])
			}
		}
		if strings.Join(ids, " ") != strings.Join(testDayOrder, " ") || notices != len(Notices) {
			t.Errorf("%s: steps %v, %d notices", l, ids, notices)
		}
		if len(StepIDs()) != len(testDayOrder) {
			t.Errorf("testDayOrder misses a step")
		}
		// Every step row has who, the K25 text and the basis.
		for _, r := range rows[1:] {
			if r[0] != "→" && r[0] != "✓" && (len(r) < 9 || r[1] == "" || r[2] == "" || !strings.Contains(r[8], "Kela 2025")) {
				t.Errorf("%s: row %v", l, r)
			}
		}
		pre, _ := f.GetRows(prereq)
		if len(pre) != len(prerequisites)+1 {
			t.Errorf("%s: %d prerequisite rows", l, len(pre))
		}
		bas, _ := f.GetRows(basics)
		found := false
		for _, r := range bas {
			if strings.Contains(r[0], tr(l, "Varapäivä", "Backup date")) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no backup date row", l)
		}
		dvs, _ := f.GetDataValidations(day)
		if len(dvs) != 1 || !strings.HasPrefix(dvs[0].Sqref, "E2:") {
			t.Errorf("%s: tick column validation %+v", l, dvs)
		}
	}
}
