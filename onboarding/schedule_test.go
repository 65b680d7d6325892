package onboarding

import (
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
)

func day(t *testing.T, s string) calendar.Day {
	t.Helper()
	d, err := calendar.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func schedule(t *testing.T, o Options) *Plan {
	t.Helper()
	p, err := Schedule(o)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The reference plan: go-live Monday 1.2.2027, so the card chain runs over
// Christmas, New Year and Epiphany.
func refPlan(t *testing.T) *Plan { return schedule(t, Options{GoLive: day(t, "2027-02-01")}) }

func TestScheduleDates(t *testing.T) {
	p := refPlan(t)
	want := map[string]string{ // id: start..end (the latest dates)
		"3F":           "2027-02-01..2027-02-01",
		"3C.varapaiva": "2027-01-25..2027-01-29", // 5 working days ending the working day before go-live
		"3D":           "2027-01-22..2027-01-22",
		"3E.tarkastus": "2027-01-25..2027-01-25", // right after the test
		"3E.raportti":  "2027-01-26..2027-01-26", // within two working days of the test
		"2H":           "2027-01-12..2027-01-18",
		"2G.kortit":    "2026-12-23..2027-01-11", // 10 working days: 24–26.12., 1.1. and 6.1. are days off
		"2G.sopimus":   "2026-11-25..2026-12-22", // 20 working days, finishing the day before the order
		"2D":           "2026-11-09..2026-12-18",
		"2E":           "2026-12-21..2027-01-21",
		"4":            "2027-02-01..",
	}
	for id, w := range want {
		s := p.Task(id)
		got := s.Start.ISO() + ".." + s.End.ISO()
		if s.End.IsZero() {
			got = s.Start.ISO() + ".."
		}
		if got != w {
			t.Errorf("%s: %s, want %s", id, got, w)
		}
	}
	if p.ProjectStart.ISO() != "2026-11-09" {
		t.Errorf("project start %s", p.ProjectStart)
	}
	if p.DeckStart.ISO() != "2026-08-03" { // 1.8.2027 is a Saturday: the next working day
		t.Errorf("deck start %s", p.DeckStart)
	}
}

// Every task takes exactly its working days, starts and ends on working
// days, and starts after every task it depends on has finished.
func TestScheduleArithmetic(t *testing.T) {
	for _, golive := range []string{"2027-02-01", "2026-06-22", "2027-04-05", "2026-12-28"} {
		p := schedule(t, Options{GoLive: day(t, golive)})
		c := p.Calendar
		for _, s := range p.Tasks {
			if s.Kind != Work {
				continue
			}
			if !c.IsWorkday(s.Start) || !c.IsWorkday(s.End) {
				t.Errorf("%s %s: %s..%s is not on working days", golive, s.ID, s.Start, s.End)
			}
			if n := c.Workdays(s.Start.AddDays(-1), s.End); n != s.Duration.Max {
				t.Errorf("%s %s: %d working days, want %d", golive, s.ID, n, s.Duration.Max)
			}
			for _, d := range p.leafDeps(s) {
				end := d.End
				if d.Kind == Group {
					t.Fatalf("unexpanded group dependency %s", d.ID)
				}
				if !end.Before(s.Start) {
					t.Errorf("%s %s starts %s, before its dependency %s ends %s", golive, s.ID, s.Start, d.ID, end)
				}
			}
			if !s.End.Before(p.GoLive) {
				t.Errorf("%s %s ends %s, not before go-live", golive, s.ID, s.End)
			}
		}
	}
}

// The DVV card contract finishes before the card order starts, and the
// cards, readers and connection test before the deployment test.
func TestCardsBeforeTheTest(t *testing.T) {
	p := refPlan(t)
	order := [][2]string{{"2G.sopimus", "2G.kortit"}, {"2G.kortit", "2H"}, {"2G.kortit", "3D"}, {"2H", "3D"},
		{"3C.yhteystesti", "3D"}, {"3C.arkistonhoitaja", "3D"}, {"3D", "3E.raportti"}, {"3E.tarkastus", "3F"}}
	for _, o := range order {
		a, b := p.Task(o[0]), p.Task(o[1])
		if !a.End.Before(b.Start) {
			t.Errorf("%s ends %s, not before %s starts %s", a.ID, a.End, b.ID, b.Start)
		}
	}
	// The contract is 3–4 weeks: the plan allows the long end, so the
	// order can start the working day after.
	if got := p.Calendar.AddWorkdays(p.Task("2G.sopimus").End, 1); got != p.Task("2G.kortit").Start {
		t.Errorf("order starts %s, want the working day after the contract (%s)", p.Task("2G.kortit").Start, got)
	}
}

func TestReportWithinTwoWorkingDays(t *testing.T) {
	for _, golive := range []string{"2027-02-01", "2026-12-28", "2027-03-30"} {
		p := schedule(t, Options{GoLive: day(t, golive)})
		test, rep := p.Task("3D"), p.Task("3E.raportti")
		due := p.Calendar.AddWorkdays(test.End, 2)
		if rep.End.After(due) || rep.Due != due || rep.LatestFinish != due {
			t.Errorf("%s: report %s, due %s, latest %s; want by %s", golive, rep.End, rep.Due, rep.LatestFinish, due)
		}
	}
	// Shortened by a status file that makes the check take 3 days, the
	// deadline cannot hold: reported, not silently stretched.
	st := &Status{Entries: []Entry{{ID: "3E.tarkastus", Progress: NotStarted, Duration: 3}}}
	p := schedule(t, Options{GoLive: day(t, "2027-02-01"), Status: st})
	if !hasRule(p.Findings, "PLN021") {
		t.Errorf("no PLN021 for a check longer than the deadline: %v", p.Findings)
	}
}

func TestCriticalPath(t *testing.T) {
	p := refPlan(t)
	if got := strings.Join(p.Critical, " "); got != "2D 2E 3D 3C.varapaiva 3F" {
		t.Errorf("critical path %s", got)
	}
	for _, id := range []string{"2G", "3C"} {
		want := id == "3C" // 3C holds the backup date
		if p.Task(id).Critical != want {
			t.Errorf("group %s critical = %v", id, p.Task(id).Critical)
		}
	}
	// A longer DVV contract (the organisation's own estimate) moves the
	// critical path onto the card chain.
	st := &Status{Entries: []Entry{{ID: "2G.sopimus", Progress: NotStarted, Duration: 40, Loc: finding.Location{File: "s.yaml", Row: 3}}}}
	p = schedule(t, Options{GoLive: day(t, "2027-02-01"), Status: st})
	if got := strings.Join(p.Critical, " "); got != "2G.sopimus 2G.kortit 2H 3C.arkistonhoitaja 3D 3C.varapaiva 3F" {
		t.Errorf("critical path with a 40-day contract: %s", got)
	}
	s := p.Task("2G.sopimus")
	if s.Duration.Min != 40 || s.Duration.Max != 40 || s.Duration.Override != "s.yaml, row 3" {
		t.Errorf("override %+v", s.Duration)
	}
}

func TestGoLiveOnAHoliday(t *testing.T) {
	p := schedule(t, Options{GoLive: day(t, "2026-12-24")})
	if !hasRule(p.Findings, "PLN020") {
		t.Fatalf("no PLN020: %v", p.Findings)
	}
	if got := p.Task("3C.varapaiva").End.ISO(); got != "2026-12-23" {
		t.Errorf("the last task ends %s, want 2026-12-23", got)
	}
	if p.Task("3F").Start.ISO() != "2026-12-24" {
		t.Errorf("go-live moved: %s", p.Task("3F").Start)
	}
}

func TestOrganisationDaysOff(t *testing.T) {
	base := refPlan(t)
	// A bridge day off inside the card order pushes everything before it
	// one working day earlier.
	cal := &calendar.Calendar{Extra: []calendar.Day{day(t, "2027-01-05")}}
	p := schedule(t, Options{GoLive: day(t, "2027-02-01"), Calendar: cal})
	if got, was := p.Task("2G.kortit").Start, base.Task("2G.kortit").Start; got != cal.AddWorkdays(was, -1) {
		t.Errorf("order start %s, want one working day before %s", got, was)
	}
}

func hasRule(fs []finding.Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

func finds(fs []finding.Finding, id, key string) *finding.Finding {
	for i, f := range fs {
		if f.RuleID == id && f.Location.Key == key {
			return &fs[i]
		}
	}
	return nil
}

// Late and at-risk tasks against a status file and --today.
func TestTiming(t *testing.T) {
	golive := "2027-02-01" // 2G.sopimus latest 25.11.–22.12.2026 (15–20 working days)
	cases := []struct {
		name    string
		entries []Entry
		today   string
		task    string
		want    Timing
	}{
		{"not started, well ahead", nil, "2026-11-02", "2G.sopimus", OnTrack},
		{"not started, latest start within 5 working days", nil, "2026-11-19", "2G.sopimus", AtRisk},
		{"not started past its latest start: only the short end (15 days) fits", nil, "2026-11-30", "2G.sopimus", AtRisk},
		{"not started so late that even 15 days do not fit", nil, "2026-12-04", "2G.sopimus", Late},
		{"in progress since the latest start", []Entry{{ID: "2G.sopimus", Progress: InProgress, Date: calendar.Date(2026, 11, 25)}}, "2026-12-04", "2G.sopimus", OnTrack},
		{"in progress but started late", []Entry{{ID: "2G.sopimus", Progress: InProgress, Date: calendar.Date(2026, 12, 1)}}, "2026-12-04", "2G.sopimus", AtRisk},
		{"done", []Entry{{ID: "2G.sopimus", Progress: Done, Date: calendar.Date(2026, 12, 1)}}, "2026-12-04", "2G.sopimus", TimingDone},
		{"a late contract leaves the order only the short end", nil, "2026-12-04", "2G.kortit", AtRisk},
		{"a late contract makes the order late", nil, "2026-12-11", "2G.kortit", Late},
		{"a done predecessor lets the order start", []Entry{{ID: "2G.sopimus", Progress: Done, Date: calendar.Date(2026, 12, 1)}}, "2026-12-04", "2G.kortit", OnTrack},
		{"past the latest finish", []Entry{{ID: "2B", Progress: InProgress, Date: calendar.Date(2026, 11, 2)}}, "2026-12-10", "2B", Late},
		{"the report: test done, report due in two working days", []Entry{{ID: "3D", Progress: Done, Date: calendar.Date(2027, 1, 14)}, {ID: "3E.tarkastus", Progress: Done, Date: calendar.Date(2027, 1, 14)}},
			"2027-01-15", "3E.raportti", AtRisk},
		{"the report: not sent within two working days", []Entry{{ID: "3D", Progress: Done, Date: calendar.Date(2027, 1, 14)}, {ID: "3E.tarkastus", Progress: Done, Date: calendar.Date(2027, 1, 14)}},
			"2027-01-19", "3E.raportti", Late},
		{"the report: sent", []Entry{{ID: "3D", Progress: Done, Date: calendar.Date(2027, 1, 14)}, {ID: "3E.raportti", Progress: Done, Date: calendar.Date(2027, 1, 15)}},
			"2027-01-19", "3E.raportti", TimingDone},
		{"go-live late when the chain is", nil, "2026-12-04", "3F", Late},
		{"go-live on track when everything is done", allDone(t, "2027-01-29"), "2027-01-29", "3F", OnTrack},
		{"a group is as late as its worst sub-task", nil, "2026-12-04", "2G", Late},
		{"a group's status applies to its sub-tasks", []Entry{{ID: "2G", Progress: Done, Date: calendar.Date(2026, 12, 1)}}, "2026-12-04", "2G.kortit", TimingDone},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := schedule(t, Options{GoLive: day(t, golive), Today: day(t, c.today), Status: &Status{Entries: c.entries}})
			s := p.Task(c.task)
			if s.Timing != c.want {
				t.Fatalf("%s timing %q (%s), want %q", c.task, s.Timing, s.Reason.EN, c.want)
			}
			if s.Kind == Group {
				return
			}
			late, risk := finds(p.Findings, "PLN010", c.task), finds(p.Findings, "PLN011", c.task)
			switch c.want {
			case Late:
				if late == nil || risk != nil {
					t.Errorf("want one PLN010 for %s: %v", c.task, p.Findings)
				} else if late.Basis == "" || !strings.Contains(late.Message.FI, "myöhässä") {
					t.Errorf("PLN010 %+v", late)
				}
			case AtRisk:
				if risk == nil || late != nil {
					t.Errorf("want one PLN011 for %s: %v", c.task, p.Findings)
				}
			default:
				if late != nil || risk != nil {
					t.Errorf("%s is %s but has a finding: %v", c.task, c.want, p.Findings)
				}
			}
		})
	}
}

func allDone(t *testing.T, date string) []Entry {
	var es []Entry
	for _, task := range Catalogue() {
		if task.Kind == Work {
			es = append(es, Entry{ID: task.ID, Progress: Done, Date: day(t, date)})
		}
	}
	return es
}

func TestForecast(t *testing.T) {
	// Nothing done on 4.12.2026 with go-live 1.2.2027: the critical chain
	// (2D 30 + 2E 20 + test + backup 5 days) ends after go-live.
	p := schedule(t, Options{GoLive: day(t, "2027-02-01"), Today: day(t, "2026-12-04")})
	if !p.ProjectedGoLive.After(p.GoLive) || p.ProjectedGoLiveShort.After(p.ProjectedGoLive) {
		t.Errorf("forecast %s (short end %s) for go-live %s", p.ProjectedGoLive, p.ProjectedGoLiveShort, p.GoLive)
	}
	c := p.Calendar
	// 2D from 4.12. takes 30 working days, 2E 20, the test 1 and the backup
	// 5: go-live the working day after.
	want := c.AddWorkdays(day(t, "2026-12-04"), 30+20+1+5)
	if p.ProjectedGoLive != want {
		t.Errorf("forecast %s, want %s", p.ProjectedGoLive, want)
	}
	if got := c.Workdays(p.GoLive, p.ProjectedGoLive); -p.Task("3F").Float != got {
		t.Errorf("go-live float %d, want −%d", p.Task("3F").Float, got)
	}
}

func TestDoneInTheFuture(t *testing.T) {
	st := &Status{Entries: []Entry{{ID: "1", Progress: Done, Date: calendar.Date(2026, 12, 20)}}}
	p := schedule(t, Options{GoLive: day(t, "2027-02-01"), Today: day(t, "2026-12-04"), Status: st})
	if finds(p.Findings, "PLN004", "1") == nil {
		t.Errorf("no PLN004: %v", p.Findings)
	}
	p = schedule(t, Options{GoLive: day(t, "2027-02-01"), Today: day(t, "2026-12-21"), Status: st})
	if hasRule(p.Findings, "PLN004") {
		t.Errorf("PLN004 for a past date")
	}
}

func TestWithoutTodayNothingIsJudged(t *testing.T) {
	p := refPlan(t)
	for _, s := range p.Tasks {
		if s.Timing != NotJudged {
			t.Errorf("%s judged %s without --today", s.ID, s.Timing)
		}
	}
	if len(p.Findings) != 0 {
		t.Errorf("findings without --today: %v", p.Findings)
	}
}

// The fast working-day index agrees with the calendar package day by day,
// over holidays, both eves settings and an organisation's extra days.
func TestWorkdayIndexMatchesCalendar(t *testing.T) {
	for _, c := range []*calendar.Calendar{calendar.Default(), {EvesWork: true},
		{Extra: []calendar.Day{calendar.Date(2026, 12, 31), calendar.Date(2027, 1, 5), calendar.Date(2027, 1, 5), calendar.Date(2026, 12, 26)}}} {
		w := wdays{c: c, origin: c.AddWorkdays(calendar.Date(2027, 2, 1), 0)}
		start := calendar.Date(2025, 12, 15)
		for a := start; a.Before(calendar.Date(2026, 1, 20)); a = a.AddDays(3) {
			for b := a; b.Before(calendar.Date(2028, 2, 1)); b = b.AddDays(11) {
				if got, want := w.count(a, b), c.Workdays(a, b); got != want {
					t.Fatalf("count(%s, %s) = %d, calendar says %d", a, b, got, want)
				}
			}
		}
		for i := -400; i <= 400; i += 7 {
			if got, want := w.day(i), c.AddWorkdays(w.origin, i); got != want {
				t.Fatalf("day(%d) = %s, calendar says %s", i, got, want)
			}
			if w.idx(w.day(i)) != i {
				t.Fatalf("idx(day(%d)) = %d", i, w.idx(w.day(i)))
			}
		}
	}
	// Decades away stays fast and exact.
	c := calendar.Default()
	w := wdays{c: c, origin: calendar.Date(2027, 2, 1)}
	far := calendar.Date(2099, 12, 31)
	if got, want := w.idx(c.AddWorkdays(far, 0)), c.Workdays(w.origin, c.AddWorkdays(far, 0)); got != want {
		t.Errorf("far index %d, want %d", got, want)
	}
}
