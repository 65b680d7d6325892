package onboarding

import (
	"fmt"
	"slices"
	"time"

	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
)

// Progress is what the status file says of a task.
type Progress string

const (
	Done       Progress = "done"
	InProgress Progress = "in_progress"
	NotStarted Progress = "not_started"
)

// Timing is what the schedule says of a task on --today.
type Timing string

const (
	// NotJudged: no --today, or a task that is not judged (monitoring).
	NotJudged  Timing = ""
	TimingDone Timing = "done"
	OnTrack    Timing = "on_track"
	AtRisk     Timing = "at_risk"
	Late       Timing = "late"
)

func (t Timing) rank() int {
	switch t {
	case Late:
		return 4
	case AtRisk:
		return 3
	case OnTrack:
		return 2
	case TimingDone:
		return 1
	}
	return 0
}

// DefaultWarnDays is how soon a latest start makes a task "at risk": it
// must start within this many working days (today included).
const DefaultWarnDays = 5

// Options drive Schedule.
type Options struct {
	GoLive calendar.Day
	// Today enables timing (late, at risk); zero leaves tasks unjudged.
	Today calendar.Day
	// Calendar decides working days; nil is calendar.Default().
	Calendar *calendar.Calendar
	// Status may be nil: nothing is known to be done.
	Status *Status
	// WarnDays: see DefaultWarnDays; 0 means the default.
	WarnDays int
	// NewSystem: the system has not joined Kanta before, so the deck's
	// ~6-month project length does not apply (the deck gives none then).
	NewSystem bool
}

// Scheduled is one task of the plan with its dates.
type Scheduled struct {
	Task
	// Start and End are the planned dates (inclusive): the latest ones,
	// or for an ASAP task the ones right after its predecessors.
	Start, End calendar.Day
	// LatestStart and LatestFinish: later than this and go-live moves.
	LatestStart, LatestFinish calendar.Day
	// Due is the source's deadline (Task.Deadline), zero when none.
	Due calendar.Day
	// EarliestStart and EarliestFinish: from the project start, or with
	// --today projected from today and the status at the long end of
	// the lead times.
	EarliestStart, EarliestFinish calendar.Day
	// Float is LatestStart − EarliestStart in working days (negative: late).
	Float    int
	Critical bool

	Progress   Progress
	Owner      string
	StatusDate calendar.Day
	Note       string
	Timing     Timing
	Reason     finding.Text
	Children   []string
	DependsOn  []string

	// Working-day indices (0 = go-live day) used by the arithmetic.
	ls, lf, s, e, es, ef, efMin, lfJudge int
	// lsGo and lfGo are the latest dates go-live alone imposes (no
	// deadlines): float, the critical path and lateness are about go-live.
	lsGo, lfGo int
	dMin, dMax int
	order      int
}

// Milestone reports whether the task has no duration (go-live, monitoring).
func (t *Scheduled) Milestone() bool { return t.Kind == GoLive || t.Kind == Ongoing }

// Plan is the schedule result: what the CLI writes and what the
// assessment report shows ("Käyttöönoton valmius").
type Plan struct {
	Organisation string
	GoLive       calendar.Day
	Today        calendar.Day
	Calendar     *calendar.Calendar
	WarnDays     int
	NewSystem    bool
	Tasks        []*Scheduled
	// ProjectStart is the earliest latest start: the critical path's
	// start, when the project must begin at the latest.
	ProjectStart calendar.Day
	// DeckStart is go-live minus the deck's ~6 months (zero with NewSystem).
	DeckStart calendar.Day
	// Critical lists the critical path's tasks in order.
	Critical []string
	// ProjectedGoLive (long end of the lead times) and
	// ProjectedGoLiveShort (short end), with Today.
	ProjectedGoLive, ProjectedGoLiveShort calendar.Day
	Findings                              []finding.Finding
	Cards                                 *CardPlan
	Readiness                             []Readiness
	// EvidenceSource says what the readiness lines rest on.
	EvidenceSource string
	Inputs         []finding.Tally

	byID map[string]*Scheduled
	w    wdays
}

// Task returns the scheduled task id, or nil.
func (p *Plan) Task(id string) *Scheduled { return p.byID[id] }

// Count returns how many leaf tasks (not groups) have the timing.
func (p *Plan) Count(t Timing) int {
	n := 0
	for _, s := range p.Tasks {
		if s.Kind != Group && s.Timing == t {
			n++
		}
	}
	return n
}

// wdays maps working days to consecutive integers: 0 is the first working
// day on or after go-live, −1 the working day before it, and so on.
type wdays struct {
	c      *calendar.Calendar
	origin calendar.Day
}

func (w wdays) first(d calendar.Day) calendar.Day { return w.c.AddWorkdays(d, 0) }

func (w wdays) lastOnOrBefore(d calendar.Day) calendar.Day { return w.c.AddWorkdays(d.AddDays(1), -1) }

func (w wdays) idx(d calendar.Day) int {
	if d.After(w.origin) {
		return w.count(w.origin, d)
	}
	return -w.count(d, w.origin)
}

// count is calendar.Workdays(a, b) — working days in (a, b] — without
// walking every day: weekdays by whole weeks, less the weekdays that the
// calendar itself says are off (its holidays and extra days). A typo'd
// date decades away then costs microseconds, not seconds.
func (w wdays) count(a, b calendar.Day) int {
	if !b.After(a) {
		return 0
	}
	n := b.Sub(a)
	cnt := n / 7 * 5
	for d := a.AddDays(n/7*7 + 1); !d.After(b); d = d.AddDays(1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			cnt++
		}
	}
	seen := map[calendar.Day]bool{}
	off := func(d calendar.Day) {
		if seen[d] || !d.After(a) || d.After(b) {
			return
		}
		seen[d] = true
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && !w.c.IsWorkday(d) {
			cnt--
		}
	}
	for y := a.Year; y <= b.Year; y++ {
		for _, h := range calendar.Holidays(y) {
			off(h.Day)
		}
	}
	for _, x := range w.c.Extra {
		off(x)
	}
	return cnt
}

// startIdx is the index of the first working day on or after d; finishIdx
// of the last on or before d.
func (w wdays) startIdx(d calendar.Day) int  { return w.idx(w.first(d)) }
func (w wdays) finishIdx(d calendar.Day) int { return w.idx(w.lastOnOrBefore(d)) }

// day is the working day of index i: jump by the 5-in-7 estimate, then
// step the last few working days.
func (w wdays) day(i int) calendar.Day {
	d, j := w.origin, 0
	for k := 0; k < 64 && (i-j > 5 || j-i > 5); k++ {
		d = w.first(d.AddDays((i - j) * 7 / 5))
		j = w.idx(d)
	}
	for ; j < i; j++ {
		d = w.c.AddWorkdays(d, 1)
	}
	for ; j > i; j-- {
		d = w.c.AddWorkdays(d, -1)
	}
	return d
}

// Schedule back-calculates the plan from the go-live date.
func Schedule(opt Options) (*Plan, error) {
	if opt.GoLive.IsZero() {
		return nil, fmt.Errorf("no go-live date")
	}
	cal := opt.Calendar
	if cal == nil {
		cal = calendar.Default()
	}
	warn := opt.WarnDays
	if warn <= 0 {
		warn = DefaultWarnDays
	}
	p := &Plan{GoLive: opt.GoLive, Today: opt.Today, Calendar: cal, WarnDays: warn, NewSystem: opt.NewSystem,
		byID: map[string]*Scheduled{}}
	p.w = wdays{c: cal, origin: cal.AddWorkdays(opt.GoLive, 0)}
	entries := map[string]Entry{}
	if opt.Status != nil {
		p.Organisation = opt.Status.Organisation
		for _, e := range opt.Status.Entries {
			entries[e.ID] = e
		}
	}
	for i, t := range Catalogue() {
		s := &Scheduled{Task: t, order: i, Progress: NotStarted}
		if e, ok := entries[t.ID]; ok && e.Duration > 0 && t.Kind == Work {
			s.Duration.Min, s.Duration.Max = e.Duration, e.Duration
			s.Duration.Override, s.Duration.overrideAt = e.Loc.In(finding.EN), e.Loc
			if s.Duration.Override == "" {
				s.Duration.Override = "status"
			}
		}
		s.dMin, s.dMax = s.Duration.Min, s.Duration.Max
		p.Tasks = append(p.Tasks, s)
		p.byID[t.ID] = s
	}
	for _, s := range p.Tasks {
		if s.Parent != "" {
			parent := p.byID[s.Parent]
			parent.Children = append(parent.Children, s.ID)
		}
		for _, d := range s.Deps {
			s.DependsOn = append(s.DependsOn, d.ID)
		}
	}
	p.applyStatus(entries)
	order, err := p.topo()
	if err != nil {
		return nil, err
	}
	p.backward(order, nil)
	p.plan(order)
	if bounds := p.deadlines(order); len(bounds) > 0 {
		p.backward(order, bounds)
		p.plan(order)
	}
	if opt.Today.IsZero() {
		p.forwardFromStart(order)
	} else {
		p.forwardFromToday(order)
	}
	p.critical(order)
	p.groups()
	p.dates()
	if !cal.IsWorkday(opt.GoLive) {
		why := finding.T(weekdayName(opt.GoLive, finding.FI), weekdayName(opt.GoLive, finding.EN))
		if h, ok := cal.HolidayOn(opt.GoLive); ok {
			why = finding.T(h.FI, h.EN)
		}
		p.Findings = append(p.Findings, finding.New(RuleGoLiveHoliday,
			tf("Käyttöönottopäivä %s ei ole arkipäivä (%s); edeltävät tehtävät on ajoitettu valmiiksi %s mennessä.",
				"Go-live %s is not a working day (%s); the tasks before it are scheduled to finish by %s.",
				opt.GoLive, why, p.w.day(-1)),
			finding.Location{Key: "3F"}, "3F"))
	}
	if opt.Status != nil {
		p.Inputs = append(p.Inputs, opt.Status.Tally)
		p.Findings = append(p.Findings, opt.Status.Findings...)
	}
	return p, nil
}

// applyStatus copies the status entries; a group's entry applies to its
// sub-tasks that have none of their own.
func (p *Plan) applyStatus(entries map[string]Entry) {
	for _, s := range p.Tasks {
		e, ok := entries[s.ID]
		if !ok && s.Parent != "" {
			e, ok = entries[s.Parent]
			e.Duration, e.Note = 0, ""
		}
		if !ok {
			continue
		}
		s.Progress, s.Owner, s.StatusDate, s.Note = e.Progress, e.Owner, e.Date, e.Note
		if s.Progress == "" {
			s.Progress = NotStarted
		}
	}
}

// leafDeps expands dependencies on a group to its sub-tasks.
func (p *Plan) leafDeps(s *Scheduled) []*Scheduled {
	var out []*Scheduled
	for _, d := range s.Deps {
		t := p.byID[d.ID]
		if t.Kind == Group {
			for _, c := range t.Children {
				out = append(out, p.byID[c])
			}
			continue
		}
		out = append(out, t)
	}
	return out
}

// topo orders the non-group tasks so that every task follows its
// predecessors; ties keep the catalogue order (deterministic output).
func (p *Plan) topo() ([]*Scheduled, error) {
	var order []*Scheduled
	done := map[string]bool{}
	var leaves []*Scheduled
	for _, s := range p.Tasks {
		if s.Kind != Group {
			leaves = append(leaves, s)
		}
	}
	for len(order) < len(leaves) {
		progressed := false
		for _, s := range leaves {
			if done[s.ID] {
				continue
			}
			ready := true
			for _, d := range p.leafDeps(s) {
				if !done[d.ID] {
					ready = false
					break
				}
			}
			if ready {
				done[s.ID] = true
				order = append(order, s)
				progressed = true
				break // restart so the earliest ready task in catalogue order comes next
			}
		}
		if !progressed {
			return nil, fmt.Errorf("onboarding catalogue has a dependency cycle")
		}
	}
	return order, nil
}

// successors of each non-group task.
func (p *Plan) successors(order []*Scheduled) map[string][]*Scheduled {
	succ := map[string][]*Scheduled{}
	for _, s := range order {
		for _, d := range p.leafDeps(s) {
			succ[d.ID] = append(succ[d.ID], s)
		}
	}
	return succ
}

// backward is the as-late-as-possible pass: a task finishes the working
// day before its earliest successor starts; a task with no successor
// before go-live finishes the working day before go-live. bounds caps a
// task's latest finish (deadlines).
func (p *Plan) backward(order []*Scheduled, bounds map[string]int) {
	succ := p.successors(order)
	for i := len(order) - 1; i >= 0; i-- {
		s := order[i]
		switch s.Kind {
		case GoLive, Ongoing:
			s.ls, s.lf = 0, -1
			if bounds == nil {
				s.lsGo, s.lfGo = s.ls, s.lf
			}
			continue
		}
		lf := -1
		for _, n := range succ[s.ID] {
			if n.Kind == Ongoing {
				continue
			}
			lf = min(lf, n.ls-1)
		}
		if b, ok := bounds[s.ID]; ok {
			lf = min(lf, b)
		}
		s.lf, s.ls = lf, lf-s.dMax+1
		if bounds == nil {
			s.lsGo, s.lfGo = s.ls, s.lf
		}
	}
}

// plan sets the planned dates: the latest ones, except that an ASAP task
// starts the working day after its last predecessor's planned finish.
func (p *Plan) plan(order []*Scheduled) {
	for _, s := range order {
		if !s.ASAP {
			s.s, s.e = s.ls, s.lf
			continue
		}
		start := s.ls
		if deps := p.leafDeps(s); len(deps) > 0 {
			start = deps[0].e + 1
			for _, d := range deps[1:] {
				start = max(start, d.e+1)
			}
		}
		s.s, s.e = start, start+s.dMax-1
	}
}

// deadlines returns latest-finish caps from the tasks' deadlines (due =
// the referenced task's planned finish + N working days) and reports the
// ones the planned durations cannot meet; those caps are left out, since
// they would only pull the plan earlier without end.
func (p *Plan) deadlines(order []*Scheduled) map[string]int {
	bounds := map[string]int{}
	for _, s := range order {
		if s.Deadline == nil {
			continue
		}
		ref := p.byID[s.Deadline.After]
		due := ref.e + s.Deadline.Workdays
		s.lfJudge = due
		if s.e > due {
			p.Findings = append(p.Findings, finding.New(RuleDeadlineConflict,
				tf("%s: suunnitellut kestot vievät %s tehtävän %s jälkeen; lähteen määräaika on %s (%s). Lyhennä kestoja tilatiedostossa.",
					"%s: the planned durations take %s after %s; the source's deadline is %s (%s). Shorten them in the status file.",
					s.ID, workdays(s.e-ref.e), ref.ID, workdays(s.Deadline.Workdays), s.Deadline.Source),
				finding.Location{Key: s.ID}, s.ID))
			continue
		}
		bounds[s.ID] = due
	}
	return bounds
}

// forwardFromStart is the classic forward pass from the project start
// (the earliest latest start), for float and the critical path.
func (p *Plan) forwardFromStart(order []*Scheduled) {
	ps := 0
	for _, s := range order {
		if s.Kind == Work {
			ps = min(ps, s.ls)
		}
	}
	for _, s := range order {
		es := ps
		for _, d := range p.leafDeps(s) {
			es = max(es, d.ef+1)
		}
		s.es, s.ef = es, es+s.dMax-1
		if s.Milestone() {
			s.ef = es - 1
		}
		s.efMin = s.ef
		s.Float = s.lsGo - s.es
		if s.Deadline != nil && s.lfJudge == 0 {
			s.lfJudge = s.lf
		}
	}
}

// forwardFromToday projects from today and the status: done tasks end on
// their date, started ones run on from their start, the rest start no
// earlier than today. It runs twice in one pass: at the long end of the
// lead times (es, ef) and at the short end (efMin).
func (p *Plan) forwardFromToday(order []*Scheduled) {
	t0 := p.w.startIdx(p.Today)
	efMin := map[string]int{}
	for _, s := range order {
		dMax, dMin := s.dMax, s.dMin
		if s.Milestone() {
			dMax, dMin = 0, 0
		}
		switch s.Progress {
		case Done:
			ef := t0 - 1
			if !s.StatusDate.IsZero() {
				ef = p.w.finishIdx(s.StatusDate)
			}
			s.es, s.ef = ef-dMax+1, ef
			if s.Milestone() {
				s.es, s.ef = ef, ef-1
			}
			efMin[s.ID] = s.ef
		case InProgress:
			es := t0
			if !s.StatusDate.IsZero() {
				es = p.w.startIdx(s.StatusDate)
			}
			s.es = es
			s.ef = max(es+dMax-1, t0)
			efMin[s.ID] = max(es+dMin-1, t0)
		default:
			es, esMin := t0, t0
			if !s.StatusDate.IsZero() {
				planned := p.w.startIdx(s.StatusDate)
				es, esMin = max(es, planned), max(esMin, planned)
			}
			for _, d := range p.leafDeps(s) {
				es = max(es, d.ef+1)
				esMin = max(esMin, efMin[d.ID]+1)
			}
			s.es, s.ef = es, es+dMax-1
			efMin[s.ID] = esMin + dMin - 1
		}
		s.efMin = efMin[s.ID]
		s.Float = s.lsGo - s.es
		// A task is late against go-live; a task with a deadline against
		// the deadline, counted from the referenced task's actual or
		// projected finish, not the planned one.
		s.lfJudge = s.lfGo
		if s.Deadline != nil {
			ref := p.byID[s.Deadline.After]
			due := ref.ef + s.Deadline.Workdays
			s.lfJudge = due
			s.Due = p.w.day(due)
		}
		p.judge(s, t0)
	}
}

// judge sets a leaf task's timing on today (index t0).
func (p *Plan) judge(s *Scheduled, t0 int) {
	if s.Kind == Ongoing {
		if s.Progress == Done {
			s.Timing = TimingDone
		}
		return
	}
	if s.Progress == Done {
		s.Timing = TimingDone
		if !s.StatusDate.IsZero() && s.StatusDate.After(p.Today) {
			p.Findings = append(p.Findings, finding.New(RuleDoneInFuture,
				tf("%s %s on merkitty valmiiksi %s, joka on tämän päivän (%s) jälkeen.", "%s %s is marked done on %s, after today (%s).",
					s.ID, s.Title, s.StatusDate, p.Today),
				finding.Location{Key: s.ID}, s.ID))
		}
		return
	}
	lf := s.lfJudge
	by := p.w.day(lf)
	switch {
	case s.efMin > lf:
		s.Timing = Late
		if s.Kind == GoLive {
			s.Reason = tf("käyttöönotto ei ehdi %s: aikaisintaan %s lyhyimmillä läpimenoajoilla, %s pisimmillä",
				"go-live cannot be on %s: %s at the earliest at the short end of the lead times, %s at the long end",
				p.GoLive, p.w.day(s.efMin+1), p.w.day(s.es))
		} else {
			s.Reason = tf("valmistuu aikaisintaan %s, mutta viimeistään pitäisi %s (%s myöhässä)",
				"finishes %s at the earliest but is due by %s (%s late)", p.w.day(s.efMin), by, workdays(s.efMin-lf))
		}
	case s.ef > lf:
		s.Timing = AtRisk
		if s.Kind == GoLive {
			s.Reason = tf("käyttöönotto %s ehtii vain lyhyimmillä läpimenoajoilla; pisimmillä %s",
				"go-live on %s holds only at the short end of the lead times; at the long end %s", p.GoLive, p.w.day(s.es))
		} else {
			s.Reason = tf("ehtii %s mennessä vain lyhyimmällä läpimenoajalla; pisimmällä valmis %s",
				"meets %s only at the short end of its lead time; at the long end done %s", by, p.w.day(s.ef))
		}
	case s.Progress == NotStarted && s.Kind == Work && lf-s.dMax+1-t0 < p.WarnDays:
		s.Timing = AtRisk
		ls := lf - s.dMax + 1
		n := ls - t0 + 1
		s.Reason = tf("aloitettava viimeistään %[1]s (%[2]d työpäivän sisällä)", "must start by %[1]s (within %[3]s)",
			p.w.day(ls), n, workdays(n))
	default:
		s.Timing = OnTrack
	}
	if s.Timing == Late || s.Timing == AtRisk {
		rule := RuleAtRisk
		if s.Timing == Late {
			rule = RuleLate
		}
		f := finding.New(rule, tf("%s %s: %s: %s", "%s %s: %s: %s", s.ID, s.Title, timingText[s.Timing], s.Reason), finding.Location{Key: s.ID}, s.ID)
		f.Basis = s.Source
		if s.Deadline != nil {
			f.Basis = s.Deadline.Source
		} else if s.Duration.Source != "" {
			f.Basis = s.Duration.Source
		}
		p.Findings = append(p.Findings, f)
	}
}

// critical marks the tasks of least float (zero without --today; with it,
// the least among the tasks not done, which may be negative).
func (p *Plan) critical(order []*Scheduled) {
	best, any := 0, false
	for _, s := range order {
		if s.Kind == Ongoing || s.Progress == Done {
			continue
		}
		if !any || s.Float < best {
			best, any = s.Float, true
		}
	}
	if !any {
		return
	}
	var crit []*Scheduled
	for _, s := range order {
		if s.Kind != Ongoing && s.Progress != Done && s.Float == best {
			s.Critical = true
			crit = append(crit, s)
		}
	}
	slices.SortStableFunc(crit, func(a, b *Scheduled) int {
		if a.es != b.es {
			return a.es - b.es
		}
		return a.order - b.order
	})
	for _, s := range crit {
		p.Critical = append(p.Critical, s.ID)
	}
}

// groups derives each group's span, progress, timing and criticality from
// its sub-tasks, and its dependencies from theirs outside the group.
func (p *Plan) groups() {
	for _, g := range p.Tasks {
		if g.Kind != Group {
			continue
		}
		var deps []string
		done, started := 0, 0
		explicit := g.Progress != NotStarted
		for i, id := range g.Children {
			c := p.byID[id]
			if i == 0 {
				g.s, g.e, g.ls, g.lf, g.es, g.ef = c.s, c.e, c.ls, c.lf, c.es, c.ef
			}
			g.s, g.e = min(g.s, c.s), max(g.e, c.e)
			g.ls, g.lf = min(g.ls, c.ls), max(g.lf, c.lf)
			g.es, g.ef = min(g.es, c.es), max(g.ef, c.ef)
			if c.Timing.rank() > g.Timing.rank() {
				g.Timing = c.Timing
			}
			g.Critical = g.Critical || c.Critical
			switch c.Progress {
			case Done:
				done++
			case InProgress:
				started++
			}
			for _, d := range c.DependsOn {
				if p.byID[d].Parent != g.ID && !slices.Contains(deps, d) {
					deps = append(deps, d)
				}
			}
		}
		g.DependsOn = deps
		g.lsGo = p.byID[g.Children[0]].lsGo
		for _, id := range g.Children {
			g.lsGo = min(g.lsGo, p.byID[id].lsGo)
		}
		g.Float = g.lsGo - g.es
		if !explicit {
			switch {
			case done == len(g.Children):
				g.Progress = Done
			case done+started > 0:
				g.Progress = InProgress
			}
		}
	}
}

// dates turns the indices into calendar days.
func (p *Plan) dates() {
	min6 := 0
	for _, s := range p.Tasks {
		switch s.Kind {
		case GoLive:
			s.Start, s.End, s.LatestStart, s.LatestFinish = p.GoLive, p.GoLive, p.GoLive, p.GoLive
			s.EarliestStart = p.GoLive
			if s.es > 0 {
				s.EarliestStart = p.w.day(s.es)
			}
			s.EarliestFinish = s.EarliestStart
			if !p.Today.IsZero() {
				p.ProjectedGoLive = s.EarliestStart
				p.ProjectedGoLiveShort = p.GoLive
				if s.efMin+1 > 0 {
					p.ProjectedGoLiveShort = p.w.day(s.efMin + 1)
				}
			}
			continue
		case Ongoing:
			s.Start, s.LatestStart, s.EarliestStart = p.GoLive, p.GoLive, p.GoLive
			continue
		}
		s.Start, s.End = p.w.day(s.s), p.w.day(s.e)
		s.LatestStart, s.LatestFinish = p.w.day(s.ls), p.w.day(s.lf)
		s.EarliestStart, s.EarliestFinish = p.w.day(s.es), p.w.day(s.ef)
		if s.Deadline != nil && s.Due.IsZero() && s.lfJudge != 0 {
			s.Due = p.w.day(s.lfJudge)
		}
		if s.Kind == Work {
			min6 = min(min6, s.ls)
		}
	}
	p.ProjectStart = p.w.day(min6)
	if !p.NewSystem {
		p.DeckStart = p.Calendar.AddWorkdays(calendar.Of(p.GoLive.Time().AddDate(0, -ProjectLength.Months, 0)), 0)
	}
}

func weekdayName(d calendar.Day, l finding.Lang) string {
	fi := []string{"sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai"}
	if l == finding.EN {
		return d.Weekday().String()
	}
	return fi[d.Weekday()]
}
