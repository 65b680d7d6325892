package onboarding

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
)

func TestParseStatusYAML(t *testing.T) {
	src := `organisation: Testi Oy
go_live: 1.2.2027
system_joined_before: false
days_off: [2027-01-05]
tasks:
  - id: "1"
    status: valmis
    owner: Liisa
    date: 2026-10-02
  - id: 2g.SOPIMUS
    status: kesken
    date: 1.11.2026
    duration: 25
  - id: 3D
    status: not started
    date: 2027-01-20
    note: koepäivä sovittu
`
	st, err := ParseStatusYAML("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if st.Organisation != "Testi Oy" || st.GoLive != calendar.Date(2027, 2, 1) || st.JoinedBefore == nil || *st.JoinedBefore ||
		len(st.DaysOff) != 1 || st.DaysOff[0] != calendar.Date(2027, 1, 5) {
		t.Errorf("settings %+v", st)
	}
	want := []Entry{
		{ID: "1", Progress: Done, Owner: "Liisa", Date: calendar.Date(2026, 10, 2), Loc: finding.Location{File: "s.yaml", Row: 6}},
		{ID: "2G.sopimus", Progress: InProgress, Date: calendar.Date(2026, 11, 1), Duration: 25, Loc: finding.Location{File: "s.yaml", Row: 10}},
		{ID: "3D", Progress: NotStarted, Date: calendar.Date(2027, 1, 20), Note: "koepäivä sovittu", Loc: finding.Location{File: "s.yaml", Row: 14}},
	}
	if len(st.Entries) != len(want) {
		t.Fatalf("entries %+v", st.Entries)
	}
	for i, w := range want {
		if st.Entries[i] != w {
			t.Errorf("entry %d = %+v, want %+v", i, st.Entries[i], w)
		}
	}
	if st.Tally != (finding.Tally{Source: "s.yaml", Read: 3, Accepted: 3}) {
		t.Errorf("tally %+v", st.Tally)
	}
}

// Each bad row is rejected with its line and field, and the rest read.
func TestStatusRowsRejected(t *testing.T) {
	cases := []struct {
		row, column, reason string
	}{
		{`{id: "2K", status: valmis}`, "id", "unknown task"},
		{`{status: valmis}`, "id", "no task id"},
		{`{id: "1", status: valmis}`, "id", "already on row"},
		{`{id: 2A, status: melkein}`, "status", "is not done"},
		{`{id: 2B, status: valmis, date: 31.2.2026}`, "date", "date"},
		{`{id: 2C, status: valmis, date: 1.1.1999}`, "date", "outside the years"},
		{`{id: 2D, status: kesken, duration: viikko}`, "duration", "not a number"},
		{`{id: 2E, status: kesken, duration: "0"}`, "duration", "1–400"},
		{`{id: 2G, status: kesken, duration: 5}`, "duration", "no duration of its own"},
		{`{id: 3F, status: kesken, duration: 5}`, "duration", "no duration of its own"},
		{`{id: 2F, status: kesken, duration: 5 viikkoa}`, "duration", "working days"},
	}
	var b strings.Builder
	b.WriteString("tasks:\n  - {id: \"1\", status: valmis}\n")
	for _, c := range cases {
		b.WriteString("  - " + c.row + "\n")
	}
	st, err := ParseStatusYAML("s.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Entries) != 1 || st.Tally.Rejected != len(cases) || !st.Tally.Balanced() {
		t.Fatalf("entries %d, tally %+v", len(st.Entries), st.Tally)
	}
	for i, c := range cases {
		f := st.Findings[i]
		if f.RuleID != "PLN001" || f.Location.Row != i+3 || f.Location.Column != c.column || !strings.Contains(f.Message.EN, c.reason) {
			t.Errorf("%s: %+v", c.row, f)
		}
	}
}

func TestStatusFileErrors(t *testing.T) {
	cases := []struct {
		name, src string
		want      error
	}{
		{"empty", "", kartoitus.ErrNotRecognised},
		{"no tasks", "go_live: 2027-02-01\n", kartoitus.ErrNotRecognised},
		{"unknown key", "golive: 2027-02-01\ntasks: [{id: '1'}]\n", kartoitus.ErrUnreadable},
		{"unknown task key", "tasks: [{id: '1', state: done}]\n", kartoitus.ErrUnreadable},
		{"bad go-live", "go_live: huomenna\ntasks: [{id: '1'}]\n", kartoitus.ErrUnreadable},
		{"bad day off", "days_off: [joulu]\ntasks: [{id: '1'}]\n", kartoitus.ErrUnreadable},
		{"not YAML", "tasks: [\n", kartoitus.ErrUnreadable},
		{"nested value", "tasks: [{id: {a: 1}}]\n", kartoitus.ErrUnreadable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseStatusYAML("s.yaml", []byte(c.src))
			if !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
		})
	}
	if _, err := ReadStatus("status.txt"); !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("a missing file: %v", err)
	}
}

// The template's Tila sheet, filled in, reads as a status file; dates may
// be real dates or text.
func TestStatusXLSXFromTemplate(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTemplate(&b, finding.FI); err != nil {
		t.Fatal(err)
	}
	blank, err := ParseStatusXLSX("t.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(Catalogue()); blank.Tally.Accepted != n || len(blank.Entries) != n {
		t.Fatalf("blank template: %+v", blank.Tally)
	}
	for _, e := range blank.Entries {
		if e.Progress != NotStarted || e.Duration != 0 || !e.Date.IsZero() {
			t.Errorf("blank row %+v", e)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	// Row 2 is task 1, row 11 is 2G.sopimus (catalogue order).
	set := func(cell string, v any) {
		if err := f.SetCellValue("Tila", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("C2", "valmis")
	set("D2", "Liisa")
	set("E2", calendar.Date(2026, 10, 2).Time())
	set("C11", "kesken")
	set("E11", "1.11.2026")
	set("F11", 25)
	set("C12", "ehkä")
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	st, err := ParseStatusXLSX("t.xlsx", out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Entry{}
	for _, e := range st.Entries {
		byID[e.ID] = e
	}
	if e := byID["1"]; e.Progress != Done || e.Owner != "Liisa" || e.Date != calendar.Date(2026, 10, 2) || e.Loc.Sheet != "Tila" || e.Loc.Row != 2 {
		t.Errorf("task 1: %+v", e)
	}
	if e := byID["2G.sopimus"]; e.Progress != InProgress || e.Date != calendar.Date(2026, 11, 1) || e.Duration != 25 {
		t.Errorf("2G.sopimus: %+v", e)
	}
	if st.Tally.Rejected != 1 || st.Findings[0].Location.Row != 12 || st.Findings[0].Location.Column != "Tila" {
		t.Errorf("rejected %+v %v", st.Tally, st.Findings)
	}
}

// A written plan.xlsx, filled in, reads back as the status it was made from.
func TestPlanWorkbookReadsBackAsStatus(t *testing.T) {
	in := &Status{Entries: []Entry{
		{ID: "1", Progress: Done, Owner: "Liisa", Date: calendar.Date(2026, 10, 2), Note: "ok"},
		{ID: "2G.sopimus", Progress: InProgress, Owner: "Matti", Date: calendar.Date(2026, 11, 25), Duration: 18},
	}}
	p := schedule(t, Options{GoLive: day(t, "2027-02-01"), Today: day(t, "2026-12-01"), Status: in})
	var b bytes.Buffer
	if err := WriteXLSX(&b, p, Meta{Lang: finding.FI}); err != nil {
		t.Fatal(err)
	}
	st, err := ParseStatusXLSX("plan.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if st.Tally.Rejected != 0 || st.Tally.Accepted != len(Catalogue()) {
		t.Fatalf("tally %+v %v", st.Tally, st.Findings)
	}
	got := map[string]Entry{}
	for _, e := range st.Entries {
		got[e.ID] = e
	}
	for _, w := range in.Entries {
		g := got[w.ID]
		if g.Progress != w.Progress || g.Owner != w.Owner || g.Date != w.Date || g.Duration != w.Duration || g.Note != w.Note {
			t.Errorf("%s read back as %+v, want %+v", w.ID, g, w)
		}
	}
	// Groups derive their progress: 2G reads back as in progress, which
	// its sub-tasks without an entry then inherit — the same plan again.
	p2 := schedule(t, Options{GoLive: day(t, "2027-02-01"), Today: day(t, "2026-12-01"), Status: st})
	for _, s := range p.Tasks {
		if s2 := p2.Task(s.ID); s2.Start != s.Start || s2.End != s.End {
			t.Errorf("%s: %s..%s after the round trip, was %s..%s", s.ID, s2.Start, s2.End, s.Start, s.End)
		}
	}
}

func TestStatusXLSXNotRecognised(t *testing.T) {
	f := excelize.NewFile()
	_ = f.SetCellValue("Sheet1", "A1", "Nimi")
	_ = f.SetCellValue("Sheet1", "B1", "Osoite")
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseStatusXLSX("x.xlsx", b.Bytes()); !errors.Is(err, kartoitus.ErrNotRecognised) || !strings.Contains(err.Error(), `"Nimi"`) {
		t.Errorf("%v", err)
	}
	if _, err := ParseStatusXLSX("x.xlsx", []byte("not a zip")); !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("%v", err)
	}
}
