// Package separation is the register-separation gate: it streams a
// client-system register export (package export) through the rules of
// 703/2023 on register separation, controllers, the producer's register
// use right, § 37 metadata, Sosmeta code sets and identifiers, in memory
// bounded by a budget (Config.Memory) at any number of rows.
//
// Every check is a *Check declared in its family's file (rules_exp.go,
// rules_reg00x.go … rules_idn.go) with its logic and its good and bad
// samples. For each row the gate resolves the row's facts once (facts.go)
// and runs the enabled checks over them; the cross-row checks keep
// compact, pointer-free state and are judged after the last row:
//
//   - same document id in conflicting registers: every row's id hash,
//     register and line in a 16-byte record, bucketed, radix-sorted at the
//     end, with the ids prefix-compressed in an arena (docs.go);
//   - the register use right window (rules_reg02x.go).
//
// One pass was chosen over two: a second read of the file costs as much as
// the whole rule pass, while the state stays small (about 33 bytes a row,
// peak RSS about 650 MB for 10M generated rows with 1M clients) and past
// the memory budget moves to a temporary file (spill.go).
package separation

import (
	"hash/maphash"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// IDMode says how client ids appear in findings.
type IDMode int

const (
	// Mask shows the birth date and century sign only: 010181-****.
	Mask IDMode = iota
	// Pseudonymize shows a keyed hash (Config.Pseudonymizer).
	Pseudonymize
	// Reveal shows ids in full; only when the user asks explicitly.
	Reveal
)

// DefaultMaxPerRule is how many findings of one rule are kept in full;
// the rest are counted exactly.
const DefaultMaxPerRule = 1000

// Config configures a gate run.
type Config struct {
	Catalogue *sosmeta.Catalogue
	Mapping   *export.Mapping
	// File names the export in finding locations.
	File string
	// DeploymentTest requires every client id to be a 900-series test code.
	DeploymentTest bool
	IDs            IDMode
	Pseudonymizer  *ident.Pseudonymizer
	// MaxPerRule caps kept findings per rule: 0 means DefaultMaxPerRule,
	// negative means keep all.
	MaxPerRule int
	// Workers > 1 parses CSV rows and runs the per-row checks on Workers
	// goroutines, with one more for the cross-row state (an XLSX export:
	// reads on one goroutine, checks on another). The result is the same
	// for any number.
	Workers int
	// Ignore suppresses findings as they are made, so counts are exact
	// after suppression and unused entries can be reported.
	Ignore *finding.IgnoreList
	Now    time.Time
	// Organisers gives organisers' kinds by Y-tunnus (the organisation
	// profile's organisers); an organiser_kind column overrides it.
	Organisers map[ident.YTunnus]export.OrganiserKindOf
	// NoOwnRegister is the organisation's Y-tunnus when its profile says
	// it has no self-paying clients and organises nothing: it has no
	// client register of its own (REG015).
	NoOwnRegister ident.YTunnus
	// AsOf is the day a producer system's own export was taken (0: not
	// such a run): the organiser's documents it still holds after the
	// client relationship ended are REG025.
	AsOf export.Date
	// Memory is the budget in bytes for the state that grows with rows
	// (0: DefaultMemory; negative: unbounded, never spill). Past 40% of
	// it, that state moves to an encrypted temporary file in TempDir
	// (default os.TempDir()); results are the same either way (spill.go).
	Memory  int64
	TempDir string
	// StreamGC, when positive, is the Go collector's GOGC while rows
	// stream and the row state is under a tenth of Memory (streamGC).
	StreamGC int
	// noPlans (tests) runs every enabled judge on every row.
	noPlans bool
	// seed (tests), when set, is the id hash seed, so that two runs list
	// REG041's findings (in hash order) in the same order.
	seed *maphash.Seed
}

// Stats are figures of a run.
type Stats struct {
	Rows          int `json:"rows"`
	Documents     int `json:"documents"`
	ProducerDocs  int `json:"producer_documents"`
	Relationships int `json:"client_relationships"`
	TestIDs       int `json:"test_ids"`
	// Spilled is how many bytes of cross-row state went to the temporary
	// file (0: it fitted the memory budget).
	Spilled int64 `json:"spilled_bytes,omitempty"`
}

// Result of a gate run.
type Result struct {
	Tally finding.Tally
	// Findings are the kept findings (at most MaxPerRule per rule), in
	// the order made: row by row, within a row in rule order.
	Findings []finding.Finding
	// Counts is the exact number of findings per rule after suppression.
	Counts map[string]int
	// Omitted counts per rule findings that were counted but not kept.
	Omitted map[string]int
	// Suppressed counts findings removed by the ignore list.
	Suppressed int
	// Rules are the rules that ran; NotChecked the ones that could not.
	Rules      []finding.Rule
	NotChecked []finding.NotChecked
	Stats      Stats
}

// ruleState is the per-rule bookkeeping of emitted findings.
type ruleState struct {
	on              bool
	count, kept     int
	omitted         int
	ignoreWhole     bool
	ignoreFP        bool
	markedWholeUsed bool
}

// agg collects one finding per distinct (rule, column, value), e.g. an
// invalid organisation id repeated on many rows.
type agg struct {
	check   *Check
	field   export.Field
	value   string
	count   int
	line    int
	docID   string
	message func(a *agg) finding.Text
}

const aggLimit = 10000

// gate holds one run's state. It is used from one goroutine.
type gate struct {
	cfg    Config
	header *export.Header
	sheet  string
	max    int
	state  []ruleState
	res    *Result
	seed   maphash.Seed

	// The enabled checks' hooks, in Checks order, computed once per run;
	// per row signature, the judges to run (when.go).
	admits     []*Check
	unreadable []*Check
	judges     []*Check
	finishers  []*Check
	plans      [1 << planBits]plan
	planMap    map[cond][]*Check

	f facts // the current row's

	regs     memo[registers.Kind]
	docs     memo[*docInfo]
	tasks    memo[*taskInfo]
	orgs     [export.NumFields]memo[orgInfo]
	basis    memo[export.BasisKind]
	status   memo[export.StatusKind]
	kinds    memo[export.ControllerKindOf]
	okinds   memo[export.OrganiserKindOf]
	regFn    func(string) registers.Kind
	docFn    func(string) *docInfo
	byCode   []*docInfo // numeric document-type codes below 32768 (Sosmeta codes are below 20000)
	taskFn   func(string) *taskInfo
	basisFn  func(string) export.BasisKind
	statusFn func(string) export.StatusKind
	kindFn   func(string) export.ControllerKindOf
	okindFn  func(string) export.OrganiserKindOf

	ids        docTable
	ur         useRight
	aggs       map[string]*agg
	aggOrder   []*agg
	aggDropped map[*Check]int
	unnamed    map[int]int
	testIDs    int
	firstTest  int
	lastID     []byte // the previous row's valid client id (a copy)
	lastIDKind clientKind

	// probe: a parser goroutine's gate (run.go): emitting only notes in
	// hits which checks would emit on the row.
	probe bool
	hits  uint64

	mem   memBudget
	spill *spillFile // nil until the budget is passed
	slab  slab       // the spill lists' chunks, until spilling
	// spillErr: the budget was passed but no temporary file could be
	// made.
	spillErr error
}

func newGate(h *export.Header, sheet string, cfg Config) *gate {
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	g := &gate{cfg: cfg, header: h, sheet: sheet, max: cfg.MaxPerRule, state: make([]ruleState, len(Checks)),
		res: &Result{Counts: map[string]int{}, Omitted: map[string]int{}}, seed: maphash.MakeSeed(),
		aggs: map[string]*agg{}, aggDropped: map[*Check]int{}, planMap: map[cond][]*Check{}}
	if g.max == 0 {
		g.max = DefaultMaxPerRule
	}
	g.ids.g = g
	if cfg.Memory == 0 {
		cfg.Memory = DefaultMemory
	}
	if cfg.Memory > 0 {
		g.mem.limit = max((cfg.Memory-baseBytes)*2/5, 1)
	}
	if cfg.seed != nil {
		g.seed = *cfg.seed
	}
	m := cfg.Mapping
	g.regFn = func(s string) registers.Kind { return registers.Classify(m.Value(export.Register, s)) }
	g.docFn = resolveDocType(cfg.Catalogue, m)
	g.byCode = make([]*docInfo, 1<<15)
	g.taskFn = resolveTask(cfg.Catalogue, m)
	g.basisFn = func(s string) export.BasisKind { return export.ParseBasis(m.Value(export.Basis, s)) }
	g.statusFn = func(s string) export.StatusKind { return export.ParseStatus(m.Value(export.Status, s)) }
	g.kindFn = func(s string) export.ControllerKindOf {
		return export.ParseControllerKind(m.Value(export.ControllerKind, s))
	}
	g.okindFn = func(s string) export.OrganiserKindOf {
		return export.ParseOrganiserKind(m.Value(export.OrganiserKind, s))
	}
	for _, c := range Checks {
		st := &g.state[c.idx]
		if (c.Mode > 0 && !cfg.DeploymentTest) || (c.Mode < 0 && cfg.DeploymentTest) {
			continue
		}
		if miss := c.missing(h); len(miss) > 0 || (c.configured != nil && !c.configured(&cfg)) {
			var names []string
			for _, f := range miss {
				names = append(names, f.String())
			}
			if c.configured != nil && !c.configured(&cfg) {
				names = append(names, c.Setting)
			}
			g.res.NotChecked = append(g.res.NotChecked, finding.NotChecked{Rule: c.ID, Title: c.Title, Missing: names})
			continue
		}
		st.on = true
		st.ignoreWhole, st.ignoreFP = cfg.Ignore.RuleEntries(c.ID, cfg.Now)
		g.res.Rules = append(g.res.Rules, c.Rule)
		if c.admit != nil {
			g.admits = append(g.admits, c)
		}
		if c.unreadable != nil {
			g.unreadable = append(g.unreadable, c)
		}
		if c.judge != nil {
			g.judges = append(g.judges, c)
		}
		if c.finish != nil {
			g.finishers = append(g.finishers, c)
		}
	}
	g.ur = newUseRight(g)
	g.res.Tally.Source = cfg.File
	return g
}

func (g *gate) on(c *Check) bool { return g.state[c.idx].on }

// row checks one record.
func (g *gate) row(rec *export.Record) {
	if !g.admit(rec, true) {
		return
	}
	f := &g.f
	g.resolve(f, rec)
	g.judge(f, allChecks)
}

// allChecks: every judge of the row's plan runs (see judge).
const allChecks = ^uint64(0)

// admit counts a readable row and runs the admitting checks on it when
// check is set (unset: a probe saw them accept it without a finding);
// false: a check rejected it.
func (g *gate) admit(rec *export.Record, check bool) bool {
	if g.mem.over && g.spill == nil {
		g.startSpill()
	}
	g.res.Tally.Read++
	if check {
		for _, c := range g.admits {
			if !c.admit(g, c, rec) {
				g.res.Tally.Rejected++
				return false
			}
		}
	}
	g.res.Tally.Accepted++
	return true
}

// judge records a resolved row in the cross-row state and runs the
// judges of its plan: every cross-row one, and of the others those whose
// bit is set in hits (a probe found they emit on this row; allChecks
// when no probe looked).
func (g *gate) judge(f *facts, hits uint64) {
	g.shared(f)
	for _, c := range g.planFor(f.sig) {
		if c.crossRow || hits&(1<<c.idx) != 0 {
			c.judge(g, c, f)
		}
	}
}

// rowError counts an unusable row and lets the checks report it.
func (g *gate) rowError(e *export.RowError) {
	// Tallies count physical lines: a quote that ran on over forty lines
	// lost forty rows.
	n := e.Lines()
	g.res.Tally.Read += n
	if e.Kind == export.RowBlank {
		g.res.Tally.Skipped += n
		return
	}
	g.res.Tally.Rejected += n
	for _, c := range g.unreadable {
		c.unreadable(g, c, e)
	}
}

// startSpill opens the temporary file and moves the row-proportional
// state there. Without a file the run stops (Run reports the error): past
// the budget, going on in memory could end in the system killing it.
func (g *gate) startSpill() {
	s, err := newSpillFile(g.cfg.TempDir)
	if err != nil {
		g.mem.limit, g.mem.over = 0, false
		g.spillErr = err
		return
	}
	g.spill = s
	g.slab = slab{off: true}
	g.ids.spillOut()
	g.ur.spillOut(g)
}

// failed is the error that ends the run early: no temporary file, or
// one that could not be written or read.
func (g *gate) failed() error {
	if g.spillErr != nil {
		return g.spillErr
	}
	if g.spill != nil {
		return g.spill.err
	}
	return nil
}

// finish runs the deferred checks and builds the result.
func (g *gate) finish(unnamed map[int]int) *Result {
	g.unnamed = unnamed
	for _, c := range g.finishers {
		c.finish(g, c)
	}
	// Aggregated findings.
	for _, a := range g.aggOrder {
		g.emit(a.check, a.line, a.docID, []string{a.field.String(), a.value}, func() finding.Text { return a.message(a) }, "", "")
	}
	for c, n := range g.aggDropped {
		g.state[c.idx].count += n
		g.state[c.idx].omitted += n
	}
	for _, c := range Checks {
		st := &g.state[c.idx]
		if st.count > 0 {
			g.res.Counts[c.ID] = st.count
		}
		if st.omitted > 0 {
			g.res.Omitted[c.ID] = st.omitted
		}
	}
	g.res.Stats.Rows = g.res.Tally.Read
	g.res.Stats.Relationships = g.ur.relationships
	g.res.Stats.TestIDs = g.testIDs
	if g.spill != nil {
		g.res.Stats.Spilled = g.spill.size
	}
	return g.res
}

// emit records a finding of c unless suppressed; msg is only called when
// the finding is kept.
func (g *gate) emit(c *Check, line int, key string, keys []string, msg func() finding.Text, code, task string) {
	st := &g.state[c.idx]
	if !st.on {
		return
	}
	if g.probe {
		g.hits |= 1 << c.idx
		return
	}
	if st.ignoreWhole {
		if !st.markedWholeUsed {
			g.cfg.Ignore.Suppresses(finding.Finding{RuleID: c.ID}, g.cfg.Now)
			st.markedWholeUsed = true
		}
		g.res.Suppressed++
		return
	}
	keep := g.max < 0 || st.kept < g.max
	if !keep && !st.ignoreFP {
		st.count++
		st.omitted++
		return
	}
	f := finding.New(c.Rule, finding.Text{}, finding.Location{File: g.cfg.File, Sheet: g.sheet, Row: line, Key: key}, keys...)
	if st.ignoreFP && g.cfg.Ignore.Suppresses(f, g.cfg.Now) {
		g.res.Suppressed++
		return
	}
	st.count++
	if !keep {
		st.omitted++
		return
	}
	st.kept++
	m := msg()
	if g.cfg.IDs != Reveal {
		// Last line of defence: producers mask ids, but a mis-mapped column
		// could still put a henkilötunnus into a document id or a value.
		m.FI, m.EN = ident.Redact(m.FI), ident.Redact(m.EN)
		f.Location.Key = ident.Redact(f.Location.Key)
	}
	// The key is a row's text, which aliases the reader's chunk of the
	// file (a few hundred KB): a kept finding must not keep that alive.
	f.Location.Key = strings.Clone(f.Location.Key)
	f.Message = m
	f.Code = code
	f.ServiceTask = task
	g.res.Findings = append(g.res.Findings, f)
}

// ignoredFP reports whether an ignore entry by fingerprint suppresses the
// finding emit would make, and counts it as suppressed: for a check that
// decides what to keep before it emits (REG041).
func (g *gate) ignoredFP(c *Check, line int, key string, keys []string) bool {
	f := finding.New(c.Rule, finding.Text{}, finding.Location{File: g.cfg.File, Sheet: g.sheet, Row: line, Key: key}, keys...)
	if g.cfg.Ignore.Suppresses(f, g.cfg.Now) {
		g.res.Suppressed++
		return true
	}
	return false
}

// flag emits a finding of c on f's row, with its document-type code and
// service task.
func (g *gate) flag(c *Check, f *facts, keys []string, msg func() finding.Text) {
	g.emit(c, f.line, f.docID, keys, msg, f.code, f.taskID)
}

// aggregate counts a (check, field, value) occurrence; one finding per
// distinct value is made at the end.
func (g *gate) aggregate(c *Check, f export.Field, value string, line int, docID string, msg func(a *agg) finding.Text) {
	if !g.state[c.idx].on {
		return
	}
	if g.probe {
		g.hits |= 1 << c.idx
		return
	}
	k := c.ID + "\x00" + f.String() + "\x00" + value
	if a, ok := g.aggs[k]; ok {
		a.count++
		return
	}
	if len(g.aggs) >= aggLimit {
		g.aggDropped[c]++
		return
	}
	a := &agg{check: c, field: f, value: strings.Clone(value), count: 1, line: line, docID: strings.Clone(docID), message: msg}
	g.aggs[strings.Clone(k)] = a
	g.aggOrder = append(g.aggOrder, a)
}

// showClient shows a client id as the configuration says.
func (g *gate) showClient(id string) string {
	switch g.cfg.IDs {
	case Reveal:
		return id
	case Pseudonymize:
		if g.cfg.Pseudonymizer != nil {
			return g.cfg.Pseudonymizer.Pseudonym(id)
		}
	}
	return ident.Mask(id)
}
