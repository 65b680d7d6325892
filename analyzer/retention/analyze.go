// Package retention compares an organisation's TOS (electronic records)
// and AMS (paper records) with the retention periods of the 703/2023
// annex and any archival (permanent-retention) decisions given in an
// overlay, and drafts the TOS rows the organisation still has to write.
package retention

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/profile"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

// Status sums up one document's (or draft row's) retention planning.
type Status string

const (
	StatusOK Status = "ok"
	// StatusMissing: no TOS/AMS entry, or an entry without a period.
	StatusMissing Status = "missing"
	// StatusDiffers: an entry exists but disagrees with the law or an
	// archival decision.
	StatusDiffers Status = "differs"
	// StatusUnverified: an entry exists but cannot be compared (only a
	// reference, or a start event the tool does not understand).
	StatusUnverified Status = "unverified"
	// StatusNoRule: no annex row applies (service task unknown).
	StatusNoRule Status = "no_rule"
	// StatusNotClient: the mapping knows the document is not a client
	// document (a patient record, a staff list): the 703/2023 annex does
	// not govern it and it is not checked here.
	StatusNotClient Status = "not_client_document"
	// StatusOrganiser: the document belongs to an organiser's register
	// (the profile and the document's basis or controller say so): the
	// organiser plans its retention ("säilyttämisestä vastaa
	// rekisterinpitäjä", 703/2023 § 23) and the producer delivers the
	// originals without delay (§ 14), so it is not the organisation's gap.
	StatusOrganiser Status = "organiser_register"
)

// rank orders statuses from worst to best, for draft rows that combine
// several documents.
func (s Status) rank() int {
	switch s {
	case StatusNoRule:
		return 0
	case StatusMissing:
		return 1
	case StatusDiffers:
		return 2
	case StatusUnverified:
		return 3
	case StatusNotClient, StatusOrganiser:
		return 5
	}
	return 4
}

// Law says how a document's governing annex row was found.
type Law string

const (
	LawByCode    Law = "code"    // the row lists the national type (asiakkuusasiakirja, luovutuslupa …)
	LawByName    Law = "name"    // a document-group row found by name (tositteet, asiakasmaksupäätökset …); inferred
	LawBySubject Law = "subject" // the row lists the type's Sosmeta subject group
	LawByTask    Law = "task"    // the service task's row
)

// DocumentResult is the analysis of one inventory document.
type DocumentResult struct {
	// Doc indexes Inventory.Documents.
	Doc int `json:"doc"`
	// Key is the national type (catalogue key), "" when unmapped.
	Key string `json:"key,omitempty"`
	// Task is the service task the document was judged under;
	// TaskInferred is true when it came from the national type's default
	// rather than the inventory.
	Task         string `json:"task,omitempty"`
	TaskInferred bool   `json:"task_inferred,omitempty"`
	// Rule is the governing annex (or overlay) row, nil when none applies.
	Rule   *sosmeta.RetentionRule `json:"rule,omitempty"`
	RuleBy Law                    `json:"rule_by,omitempty"`
	// Also are rules that bind beside the governing row (Adoptiolaki
	// § 92, R703-15's earlier versions): a plan must meet them too.
	Also     []sosmeta.RetentionRule `json:"also,omitempty"`
	Archival []sosmeta.ArchivalRule  `json:"archival,omitempty"`
	// Entries are the TOS/AMS entries that apply: from plan files, and
	// from the inventory's own TOS/AMS/retention columns (Source is then
	// the inventory row).
	Entries []tos.Entry `json:"entries,omitempty"`
	Status  Status      `json:"status"`
	// Findings lists the rule IDs reported for the document.
	Findings []string `json:"findings,omitempty"`
}

// Result is the analysis result.
type Result struct {
	Documents []DocumentResult `json:"documents"`
	// Draft is the TOS draft: one row per national type and service task.
	Draft *Draft `json:"draft"`
	// UnusedEntries index Plan.Entries that matched no document.
	UnusedEntries []int `json:"unused_entries,omitempty"`
}

// Analyze is the analysis without the analyzer framework, with default
// options. m is the mapping analyzer's result (national type per
// document); nil falls back to each document's NationalRaw column resolved
// by code, OID or exact name. plan may be nil (no TOS/AMS file). Findings
// are returned, not reported.
func Analyze(cat *sosmeta.Catalogue, inv *inventory.Inventory, plan *tos.Plan, m *mapping.Result) (*Result, []finding.Finding) {
	return AnalyzeWith(cat, inv, plan, m, Options{})
}

// AnalyzeWith is Analyze with options.
func AnalyzeWith(cat *sosmeta.Catalogue, inv *inventory.Inventory, plan *tos.Plan, m *mapping.Result, opts Options) (*Result, []finding.Finding) {
	a := &analysis{cat: cat, inv: inv, plan: plan, keys: map[int]string{}, tasks: map[int]string{}, local: map[int]bool{},
		controller: opts.Controller, horizon: horizonFor(opts, cat), profile: opts.Profile}
	if a.controller == ControllerUnknown {
		if public, ok := opts.Profile.Public(); ok {
			a.controller = ControllerPrivate
			if public {
				a.controller = ControllerPublic
			}
		}
	}
	if a.plan == nil {
		a.plan = &tos.Plan{}
	}
	if m != nil {
		for _, mt := range m.Matches {
			if mt.Key != "" {
				a.keys[mt.Doc] = mt.Key
			}
			if mt.Task != "" {
				a.tasks[mt.Doc] = mt.Task
			}
			if mt.Method == mapping.MethodLocal {
				a.local[mt.Doc] = true
			}
		}
	} else if inv != nil {
		for i := range inv.Documents {
			if d := cat.Resolve(inv.Documents[i].NationalRaw); d != nil {
				a.keys[i] = d.Key()
			}
		}
	}
	a.index()
	res := &Result{}
	if inv != nil {
		for i := range inv.Documents {
			res.Documents = append(res.Documents, a.document(i))
		}
	}
	for i, e := range a.plan.Entries {
		if a.used[i] {
			continue
		}
		res.UnusedEntries = append(res.UnusedEntries, i)
		// The row is still checked against the law by its own national
		// type, name and service task: a plan is worth checking even for
		// documents the inventory does not list.
		checked := a.planEntry(e)
		fi, en := " Sitä ei voitu verrata lakiin, koska sen asiakirjatyyppi ja palvelutehtävä eivät ole tiedossa.",
			" It could not be compared with the law: its document type and service task are unknown."
		if checked {
			fi, en = " Rivi verrattiin lakiin oman tyyppinsä ja palvelutehtävänsä perusteella.",
				" The row was compared with the law by its own type and service task."
		}
		a.report(finding.New(RuleUnusedEntry, finding.T(
			fmt.Sprintf("%s-rivi %s%s ei vastaa yhtään kartoituksen asiakirjaa kansallisen asiakirjatyypin, nimen, tarkenteen tai TOS/AMS-viitteen perusteella.%s",
				strings.ToUpper(string(e.Kind)), tos.Quote(e.Name), entryContext(e, "fi"), fi),
			fmt.Sprintf("%s entry %s%s matches no inventory document by national type, name, specifier or TOS/AMS reference.%s",
				strings.ToUpper(string(e.Kind)), tos.Quote(e.Name), entryContext(e, "en"), en)),
			e.Source, string(e.Kind), textnorm.Fold(e.Name), e.Class, e.Code), e.Code, firstTask(e.ServiceTasks))
	}
	res.Draft = a.draft(res.Documents)
	return res, a.findings
}

type analysis struct {
	cat   *sosmeta.Catalogue
	inv   *inventory.Inventory
	plan  *tos.Plan
	keys  map[int]string // document index → catalogue key
	tasks map[int]string // document index → task the mapping used as context
	local map[int]bool   // documents the mapping knows are not client documents
	// controller decides RET001/RET002's basis; horizon is the years a
	// period from any event of the client's life must have to outlast the
	// law's from a later one.
	controller Controller
	horizon    int
	// profile says whose register a document is (nil: the organisation's
	// own, as before the profile).
	profile *profile.Profile

	byCode, byName, byClass map[string][]int
	kinds                   map[tos.PlanKind]int // plan entries per kind
	used                    []bool
	findings                []finding.Finding
	seen                    map[string]bool
}

func (a *analysis) index() {
	a.byCode, a.byName, a.byClass = map[string][]int{}, map[string][]int{}, map[string][]int{}
	a.used = make([]bool, len(a.plan.Entries))
	a.kinds = map[tos.PlanKind]int{}
	for i, e := range a.plan.Entries {
		a.kinds[e.Kind]++
		if e.Code != "" {
			a.byCode[e.Code] = append(a.byCode[e.Code], i)
		}
		if n := textnorm.Fold(e.Name); n != "" {
			a.byName[n] = append(a.byName[n], i)
		}
		if e.Class != "" {
			a.byClass[e.Class] = append(a.byClass[e.Class], i)
		}
	}
}

// report records a finding once (the same document may reach the same
// entry twice, through a file and through its own columns).
func (a *analysis) report(f finding.Finding, code, task string) {
	if a.seen == nil {
		a.seen = map[string]bool{}
	}
	id := f.Fingerprint + "\x00" + f.Location.String()
	if a.seen[id] {
		return
	}
	a.seen[id] = true
	f.Code, f.ServiceTask = code, task
	a.findings = append(a.findings, f)
}

// planEntry checks a plan row no document matched against the law, by
// the row's own national type, name and service task. It reports false
// when no annex row could be found for it.
func (a *analysis) planEntry(e tos.Entry) bool {
	d := &inventory.Document{Source: e.Source, Name: e.Name, ServiceTaskRaw: e.ServiceTaskRaw, ServiceTasks: e.ServiceTasks}
	r := DocumentResult{Doc: -1, Key: e.Code, Task: firstTask(e.ServiceTasks), TaskInferred: e.TasksInferred, Status: StatusOK}
	dt := a.cat.ByKey(r.Key)
	if r.Task == "" && dt != nil && !dt.Common && len(dt.Tasks) > 0 {
		r.Task, r.TaskInferred = dt.Tasks[0], true
	}
	c := &docCheck{a: a, d: d, dt: dt, r: &r, refRows: map[tos.PlanKind]int{}, planOnly: true, planClass: e.Class}
	c.law()
	if r.Rule == nil {
		return false
	}
	c.entry(e)
	return true
}

func firstTask(ts []string) string {
	if len(ts) == 0 {
		return ""
	}
	return ts[0]
}

// document analyses one inventory document.
func (a *analysis) document(i int) DocumentResult {
	d := &a.inv.Documents[i]
	r := DocumentResult{Doc: i, Key: a.keys[i], Task: d.Task(), Status: StatusOK}
	if a.local[i] {
		r.Status = StatusNotClient
		return r
	}
	dt := a.cat.ByKey(r.Key)
	// No task in the inventory: the one mapping read from the name ("LS-"
	// in "LS-ilmoitus"), else the national type's default. Both inferred.
	if r.Task == "" {
		if t := a.tasks[i]; t != "" && a.cat.Task(t) != nil {
			r.Task, r.TaskInferred = t, true
		} else if dt != nil && !dt.Common && len(dt.Tasks) > 0 {
			r.Task, r.TaskInferred = dt.Tasks[0], true
		}
	}
	c := &docCheck{a: a, d: d, dt: dt, r: &r, refRows: map[tos.PlanKind]int{}, subjectTask: d.Task()}
	if c.subjectTask == "" {
		c.subjectTask = a.tasks[i]
	}
	if c.subjectTask == "" && strings.TrimSpace(d.ServiceTaskRaw) != "" {
		c.subjectTask = "raw:" + textnorm.Fold(d.ServiceTaskRaw)
	}
	if a.profile.OwnerOf(d.Basis, d.Controller) == profile.OwnerOrganiser {
		c.organisers()
		return r
	}
	c.law()
	c.plans()
	slices.Sort(r.Findings)
	r.Findings = slices.Compact(r.Findings)
	return r
}

// docCheck carries one document through the checks.
type docCheck struct {
	a  *analysis
	d  *inventory.Document
	dt *sosmeta.DocumentType
	r  *DocumentResult
	// fi and en cache the document's description for messages.
	fi, en string
	// refRows counts the plan rows a TOS/AMS reference pointed to when it
	// named a class of several rows, for the RET001/RET002 message.
	refRows map[tos.PlanKind]int
	// planOnly: d stands for a plan row no inventory document matched;
	// planClass is its task class.
	planOnly  bool
	planClass string
	// entryLaw is the row the entry being checked is compared with (the
	// governing row, or the part of it for the versions the entry names).
	entryLaw *sosmeta.RetentionRule
	// subjectTask is the document's task for fingerprints: the one it was
	// listed under, else the one its name or task cell suggests; not the
	// default task of the national type it was mapped to.
	subjectTask string
}

// law finds the governing annex row and archival decisions: a row naming
// the national type, then a document-group row by name, then the subject
// group's or the service task's row.
func (c *docCheck) law() {
	cat := c.a.cat
	var names []string
	names = append(names, c.d.Name)
	if c.dt != nil {
		names = append(names, c.dt.NameFI, c.dt.NameSV)
	}
	if rule, ok := cat.RetentionByCode(c.dt); ok {
		c.r.Rule, c.r.RuleBy = &rule, LawByCode
	} else if rule, ok := cat.RetentionByName(names...); ok {
		c.r.Rule, c.r.RuleBy = &rule, LawByName
	} else if rule, ok := cat.RetentionFor(c.dt, c.r.Task); ok {
		c.r.Rule, c.r.RuleBy = &rule, LawByTask
		if c.dt != nil && slices.Contains(rule.Subjects, c.dt.Subject) {
			c.r.RuleBy = LawBySubject
		}
	}
	c.r.Also = cat.AlsoFor(c.dt, c.r.Task, names...)
	c.r.Archival = ArchivalFor(cat, c.dt, c.d.Name, c.r.Task, c.d.ServiceTaskRaw)
	c.legacyLoss()
	if c.r.Rule != nil {
		return
	}
	c.r.Status = StatusNoRule
	if c.planOnly {
		return // RET012 says the row could not be compared
	}
	taskFI, taskEN := "palvelutehtävä puuttuu", "service task missing"
	if c.d.ServiceTaskRaw != "" {
		taskFI = fmt.Sprintf("palvelutehtävää %s ei tunnistettu", tos.Quote(c.d.ServiceTaskRaw))
		taskEN = fmt.Sprintf("service task %s not recognised", tos.Quote(c.d.ServiceTaskRaw))
	} else if c.r.Task != "" {
		taskFI = fmt.Sprintf("palvelutehtävälle %s ei ole liitteen riviä", c.taskName("fi"))
		taskEN = fmt.Sprintf("no annex row covers service task %s", c.taskName("en"))
	}
	paperFI, paperEN := "", ""
	if c.d.Medium.Paper() {
		paperFI = " Paperisten asiakasasiakirjojen osalta 254/2015 § 27 mom 3 määräsi liitteen ulkopuoliset asiakirjat säilytettäviksi pysyvästi."
		paperEN = " For paper client documents, 254/2015 § 27 mom 3 ordered documents outside the annex kept permanently."
	}
	f := finding.New(RuleNoLawRule, finding.T(
		fmt.Sprintf("%s: %s, joten lain 703/2023 liitteen säilytysaikaa ei voi määrittää. Merkitse palvelutehtävä kartoitukseen tai yhdistä asiakirja valtakunnalliseen tyyppiin.%s",
			c.descFI(), taskFI, paperFI),
		fmt.Sprintf("%s: %s, so the retention period of the 703/2023 annex cannot be determined. Give the service task in the inventory or map the document to a national type.%s",
			c.descEN(), taskEN, paperEN)),
		c.d.Source, c.docKey(), c.taskKey())
	if c.d.Medium.Paper() {
		f.Basis += "; 254/2015 § 27 mom 3"
	}
	c.add(f)
}

// plans finds the document's TOS and AMS entries, checks that each medium
// the document has is planned for, and compares every entry found with
// the law: a TOS row's period binds a paper copy too.
func (c *docCheck) plans() {
	d, a := c.d, c.a
	electronic := d.Medium.Electronic() || d.Medium == inventory.MediumUnknown
	paper := d.Medium.Paper()
	arrives := arrivesOnPaper(d)

	fileTOS, otherTOS := c.match(tos.TOS)
	fileAMS, otherAMS := c.match(tos.AMS)
	embTOS, embAMS := embedded(d)

	// The inventory's own TOS/AMS/retention columns are the plan when no
	// plan file of that kind was read. When one was, presence is judged
	// by the file (the inventory's "10" is not a TOS row), and the
	// inventory's period is still compared with the law. A bare
	// reference ("x", a class code) with no period cannot be compared:
	// it stands for an entry only when no plan was read (RET011).
	var emb *tos.Entry
	for _, e := range []*tos.Entry{embTOS, embAMS} {
		if e != nil && emb == nil && (e.RetentionRaw != "" || a.kinds[e.Kind] == 0) {
			emb = e
		}
	}
	c.r.Entries = append(append(c.r.Entries, fileTOS...), fileAMS...)
	if emb != nil {
		c.r.Entries = append(c.r.Entries, *emb)
	}
	hasTOS := len(fileTOS) > 0 || (embTOS != nil && a.kinds[tos.TOS] == 0)
	hasAMS := len(fileAMS) > 0 || (embAMS != nil && a.kinds[tos.AMS] == 0)
	if electronic && !hasTOS {
		c.missing(RuleNoTOS, "TOS", otherTOS, d.Medium == inventory.MediumUnknown)
	}
	if paper && !hasAMS {
		c.missing(RuleNoAMS, "AMS", otherAMS, false)
	}
	if paper || arrives {
		decided := false
		for _, e := range c.r.Entries {
			if strings.TrimSpace(e.Digitisation) != "" {
				decided = true
			}
		}
		if !decided {
			how := "on paperinen"
			howEN := "is kept on paper"
			if !paper {
				how, howEN = "saapuu paperilla", "arrives on paper"
			}
			c.add(finding.New(RuleNoDigitisation, finding.T(
				fmt.Sprintf("%s %s, mutta TOS/AMS ei kerro digitointipäätöstä (digitoidaanko, milloin, ja säilytetäänkö paperi). Pysyvästi säilytettävät paperilla saapuvat asiakirjat on muutettava sähköiseen muotoon.",
					c.descFI(), how),
				fmt.Sprintf("%s %s, but the TOS/AMS records no digitisation decision (whether and when it is digitised, and whether the paper is kept). Incoming paper documents to be kept permanently must be converted to electronic form.",
					c.descEN(), howEN)),
				d.Source, c.docKey(), c.taskKey()))
		}
	}
	for _, e := range c.r.Entries {
		c.entry(e)
	}
}

// match returns the plan entries of a kind that apply to the document:
// by national type, else by local name, else by the national name as a
// Helsinki specifier, else by the inventory's TOS/AMS reference; the
// first way that finds an entry of this kind wins. Entries limited to
// other service tasks are returned separately, for messages.
func (c *docCheck) match(kind tos.PlanKind) (apply, other []tos.Entry) {
	a := c.a
	ref := c.d.TOSRef
	if kind == tos.AMS {
		ref = c.d.AMSRef
	}
	var levels [][]int
	if c.r.Key != "" {
		levels = append(levels, a.byCode[c.r.Key])
	}
	levels = append(levels, a.byName[textnorm.Fold(c.d.Name)])
	if c.dt != nil {
		levels = append(levels, append(append([]int(nil), a.byName[textnorm.Fold(c.dt.NameFI)]...), a.byName[textnorm.Fold(c.dt.NameSV)]...))
	}
	for _, cands := range levels {
		apply, other = c.pick(cands, kind)
		if len(apply)+len(other) > 0 {
			return apply, other
		}
	}
	if ref == "" {
		return nil, nil
	}
	// A reference that is a row's name or a national code names that
	// row. A task-class code ("05 04 02", as inventories usually fill
	// their TOS column) says where the document belongs, not which row is
	// its own, even when the class happens to have one row.
	var byRef []int
	if d := a.cat.Resolve(ref); d != nil {
		byRef = append(byRef, a.byCode[d.Key()]...)
	}
	byRef = append(byRef, a.byName[textnorm.Fold(ref)]...)
	if len(byRef) == 0 {
		for _, i := range a.byClass[strings.Join(strings.Fields(ref), " ")] {
			if a.plan.Entries[i].Kind == kind {
				c.refRows[kind]++
			}
		}
	}
	return c.pick(byRef, kind)
}

// pick keeps the candidates of a kind, separating those limited to other
// service tasks; the ones that apply are marked used.
func (c *docCheck) pick(cands []int, kind tos.PlanKind) (apply, other []tos.Entry) {
	a := c.a
	seen := map[int]bool{}
	for _, i := range cands {
		e := a.plan.Entries[i]
		if seen[i] || e.Kind != kind {
			continue
		}
		seen[i] = true
		if c.r.Task != "" && len(e.ServiceTasks) > 0 && !slices.Contains(e.ServiceTasks, c.r.Task) {
			other = append(other, e)
			continue
		}
		a.used[i] = true
		apply = append(apply, e)
	}
	return apply, other
}

// embedded turns the inventory's own TOS/AMS reference and retention
// columns into entries. A retention value covers every medium the
// document has; a reference covers its own plan.
func embedded(d *inventory.Document) (tosE, amsE *tos.Entry) {
	hasRet := strings.TrimSpace(d.RetentionRaw) != ""
	mk := func(kind tos.PlanKind) *tos.Entry {
		e := tos.Entry{Source: d.Source, Kind: kind, Name: d.Name, ServiceTaskRaw: d.ServiceTaskRaw,
			ServiceTasks: d.ServiceTasks, RetentionRaw: d.RetentionRaw, RetentionYears: d.RetentionYears,
			HasRetention: d.HasRetention, RetentionStart: d.RetentionStart, System: d.System,
			RetentionColumn: inventory.FieldRetention.Label("fi"), StartColumn: inventory.FieldRetentionStart.Label("fi")}
		e.Start, _ = tos.ParseStart(d.RetentionStart)
		return &e
	}
	electronic := d.Medium.Electronic() || d.Medium == inventory.MediumUnknown
	if d.TOSRef != "" || (hasRet && electronic) {
		tosE = mk(tos.TOS)
	}
	if d.AMSRef != "" || (hasRet && d.Medium.Paper()) {
		amsE = mk(tos.AMS)
	}
	return tosE, amsE
}

// arrivesOnPaper reads the medium and notes for "arrives on paper".
func arrivesOnPaper(d *inventory.Document) bool {
	f := " " + textnorm.Fold(d.MediumRaw+" "+d.Notes) + " "
	for _, w := range []string{" saapuu paperi", " saapuu paperilla", " paperilla saapuva", " tulee paperilla",
		" saapuu postitse", " arrives on paper", " received on paper", " inkommer pa papper"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

func (c *docCheck) missing(rule finding.Rule, plan string, other []tos.Entry, assumed bool) {
	fi := fmt.Sprintf("%s: %s-riviä ei löytynyt kansallisen asiakirjatyypin, nimen tai tarkenteen perusteella.", c.descFI(), plan)
	en := fmt.Sprintf("%s: no %s entry found by national type, name or specifier.", c.descEN(), plan)
	if raw := strings.TrimSpace(c.d.RetentionRaw); raw != "" {
		fi += fmt.Sprintf(" Kartoituksen säilytysaika %s ei korvaa %s-riviä.", tos.Quote(raw), plan)
		en += fmt.Sprintf(" The inventory's retention %s does not replace a %s entry.", tos.Quote(raw), plan)
	}
	if assumed {
		fi += " Tallennusmuotoa ei ole kartoituksessa, joten asiakirja oletettiin sähköiseksi."
		en += " The inventory gives no medium, so the document was taken to be electronic."
	}
	if n := c.refRows[tos.PlanKind(strings.ToLower(plan))]; n > 0 {
		ref := c.d.TOSRef
		if plan == "AMS" {
			ref = c.d.AMSRef
		}
		rows := "rows"
		if n == 1 {
			rows = "row"
		}
		fi += fmt.Sprintf(" Kartoituksen %s-viite %s on tehtäväluokka (suunnitelmassa rivejä: %d), ei asiakirjan oma rivi.", plan, tos.Quote(ref), n)
		en += fmt.Sprintf(" The inventory's %s reference %s is a task class (%d %s in the plan), not the document's own row.", plan, tos.Quote(ref), n, rows)
	}
	if len(other) > 0 {
		var ts []string
		for _, e := range other {
			ts = append(ts, e.ServiceTasks...)
		}
		slices.Sort(ts)
		ts = slices.Compact(ts)
		fi += fmt.Sprintf(" Rivi on vain muille palvelutehtäville (%s).", c.taskNames(ts, "fi"))
		en += fmt.Sprintf(" An entry exists only for other service tasks (%s).", c.taskNames(ts, "en"))
	}
	if c.r.Rule != nil {
		lf, le := lawText(c.r.Rule)
		fi += " Lain mukaan: " + lf + "."
		en += " The law: " + le + "."
	}
	f := finding.New(rule, finding.T(fi, en), c.d.Source, c.docKey(), c.taskKey())
	f.Basis = planBasis(c.a.controller)
	c.add(f)
}

// organisers handles a document of an organiser's register: no TOS/AMS
// gap is the organisation's, but a plan (a TOS/AMS file row or the
// inventory's own retention) that keeps it is RET014.
func (c *docCheck) organisers() {
	c.r.Status = StatusOrganiser
	fileTOS, _ := c.match(tos.TOS)
	fileAMS, _ := c.match(tos.AMS)
	embTOS, embAMS := embedded(c.d)
	var kept []tos.Entry
	for _, e := range append(fileTOS, fileAMS...) {
		if e.RetentionRaw != "" {
			kept = append(kept, e)
		}
	}
	for _, e := range []*tos.Entry{embTOS, embAMS} {
		if e != nil && e.RetentionRaw != "" && len(kept) == 0 {
			kept = append(kept, *e)
		}
	}
	c.r.Entries = kept
	if len(kept) == 0 {
		return
	}
	e := kept[0]
	loc := e.Source
	loc.Column = e.RetentionColumn
	fi := fmt.Sprintf("%s kuuluu palvelunjärjestäjän rekisteriin (käsittelyperuste tai rekisterinpitäjä), mutta %s säilyttää sen %s. Palveluntuottaja toimittaa alkuperäiset asiakirjat palvelunjärjestäjän rekisteriin viipymättä eikä säilytä niitä asiakkuuden päätyttyä; säilytysajasta päättää rekisterinpitäjä.",
		c.descFI(), planWhereFI(e), tos.Quote(e.RetentionRaw))
	en := fmt.Sprintf("%s belongs to the organiser's register (its basis or controller), but %s keeps it for %s. The producer delivers the originals to the organiser's register without delay and does not keep them after the client relationship ends; the controller decides the retention.",
		c.descEN(), planWhereEN(e), tos.Quote(e.RetentionRaw))
	c.add(finding.New(RuleKeepsOrganisers, finding.T(fi, en), loc, c.docKey(), c.r.Task, string(e.Kind)))
}

// planWhereFI and planWhereEN name where an entry comes from.
func planWhereFI(e tos.Entry) string {
	if e.Kind == tos.AMS {
		return "arkistonmuodostussuunnitelma"
	}
	return "tiedonohjaussuunnitelma tai kartoitus"
}

func planWhereEN(e tos.Entry) string {
	if e.Kind == tos.AMS {
		return "the AMS"
	}
	return "the TOS or the inventory"
}

// entry compares one TOS/AMS entry with the law and archival decisions.
func (c *docCheck) entry(e tos.Entry) {
	law, also := c.rulesFor(e)
	c.entryLaw = law
	defer func() { c.entryLaw = nil }()
	loc := e.Source
	loc.Column = e.RetentionColumn
	keys := []string{c.docKey(), c.taskKey(), string(e.Kind), textnorm.Fold(e.Name), e.Class}
	what := c.entryDescFI(e)
	whatEN := c.entryDescEN(e)
	lawFI, lawEN := "ei liitteen riviä", "no annex row"
	if law != nil {
		lawFI, lawEN = lawText(law)
	}
	if !e.HasRetention {
		ref := c.d.TOSRef
		if e.Kind == tos.AMS {
			ref = c.d.AMSRef
		}
		switch {
		case strings.TrimSpace(e.RetentionRaw) == "" && e.Source == c.d.Source && ref != "":
			// Only the inventory's pointer to a plan that was not read.
			c.add(finding.New(RuleCannotCompare, finding.T(
				fmt.Sprintf("%s: kartoituksessa on %s-viite %s, mutta säilytysaikaa ei ole kartoituksessa eikä luetuissa TOS/AMS-tiedostoissa, joten sitä ei voitu verrata lakiin (%s). Anna TOS/AMS-tiedosto --tos-valitsimella.",
					c.descFI(), strings.ToUpper(string(e.Kind)), tos.Quote(ref), lawFI),
				fmt.Sprintf("%s: the inventory gives %s reference %s, but no retention period is in the inventory or any TOS/AMS file read, so it could not be compared with the law (%s). Give the TOS/AMS file with --tos.",
					c.descEN(), strings.ToUpper(string(e.Kind)), tos.Quote(ref), lawEN)),
				loc, append(keys, "ref")...))
		case strings.TrimSpace(e.RetentionRaw) == "":
			c.add(finding.New(RuleNoRetention, finding.T(
				fmt.Sprintf("%s: säilytysaika puuttuu. Lain mukaan: %s.", what, lawFI),
				fmt.Sprintf("%s: no retention period. The law: %s.", whatEN, lawEN)),
				loc, keys...))
		default:
			c.add(finding.New(RuleNoRetention, finding.T(
				fmt.Sprintf("%s: säilytysaika %s ei ole vuosimäärä (odotettiin esim. 10, -1 tai pysyvä). Lain mukaan: %s.", what, tos.Quote(e.RetentionRaw), lawFI),
				fmt.Sprintf("%s: retention %s is not a number of years (want e.g. 10, -1 or permanent). The law: %s.", whatEN, tos.Quote(e.RetentionRaw), lawEN)),
				loc, append(keys, textnorm.Fold(e.RetentionRaw))...))
		}
		return
	}
	if law == nil {
		// RET009 already says why no annex row applies; a rule outside
		// the annex may still bind (Adoptiolaki § 92).
		for i := range also {
			c.checkAlso(e, &also[i], loc, keys, what, whatEN)
		}
		return
	}
	years := e.RetentionYears
	full, partial := splitArchival(c.r.Archival)
	lawPermanent := law.Years == sosmeta.Permanent
	if years == sosmeta.Permanent {
		switch {
		case lawPermanent || len(full) > 0:
			return
		case len(partial) > 0:
			c.add(c.lawFinding(RulePermanentNotOrdered, loc, keys,
				fmt.Sprintf("%s: pysyvä säilytys kaikille, mutta arkistointipäätös %s määrää pysyvän säilytyksen vain %s; muiden osalta laki määrää %s, jonka jälkeen asiakirjat on hävitettävä (§ 24).",
					what, archivalIDs(partial), scopeFI(partial), lawFI),
				fmt.Sprintf("%s: permanent for everyone, but archival decision %s orders permanent retention only %s; for the rest the law says %s, after which the documents must be destroyed (§ 24).",
					whatEN, archivalIDs(partial), scopeEN(partial), lawEN)))
		case !c.archivalRecorded():
			// Without a recorded archival decision the tool cannot tell a
			// lawful permanent retention from an unlawful one: the 2014
			// decision's text is not available (domain notes §1.4).
			c.add(c.lawFinding(RulePermanentNotOrdered, loc, keys,
				fmt.Sprintf("%s: pysyvä säilytys, mutta arkistointipäätöstä ei ole kirjattu palvelutehtävälle %s (overlay-tiedoston archival-kohta), joten työkalu ei voi tarkistaa, määrääkö Kansallisarkisto asiakirjan säilytettäväksi pysyvästi. Tarkista päätöksestä (esim. AL/20064/07.01.01.03.01/2014) ja kirjaa se overlay-tiedostoon. Jos mikään päätös ei kata asiakirjaa, laki määrää %s, jonka jälkeen asiakirjat on hävitettävä (§ 24).",
					what, c.taskOrNone("fi"), lawFI),
				fmt.Sprintf("%s: permanent, but no archival decision is recorded for %s (archival in the overlay file), so the tool cannot check whether the National Archives orders the document kept permanently. Verify it against the decision (e.g. AL/20064/07.01.01.03.01/2014) and record it in the overlay. Only if no decision covers the document does the law's %s apply, after which the documents must be destroyed (§ 24).",
					whatEN, c.taskOrNone("en"), lawEN)))
		default:
			c.add(c.lawFinding(RulePermanentNotOrdered, loc, keys,
				fmt.Sprintf("%s: pysyvä säilytys, mutta laki määrää %s eikä mikään arkistointipäätös kata asiakirjaa; § 24 edellyttää hävittämistä säilytysajan päätyttyä. Jos Kansallisarkiston päätös määrää asiakirjan säilytettäväksi pysyvästi, lisää se overlay-tiedoston archival-kohtaan.",
					what, lawFI),
				fmt.Sprintf("%s: permanent, but the law says %s and no archival decision covers the document; § 24 requires destruction when the period ends. If a National Archives decision orders it kept permanently, add it under archival in the overlay file.",
					whatEN, lawEN)))
		}
		return
	}
	if lawPermanent || len(full) > 0 {
		ids, basis := law.ID, law.Basis
		if len(full) > 0 {
			ids, basis = archivalIDs(full), full[0].Basis
		}
		f := c.lawFinding(RuleArchivalIgnored, loc, keys,
			fmt.Sprintf("%s: säilytysaika %s, mutta %s (%s) määrää pysyvän säilytyksen.", what, yearsFI(years), ids, basis),
			fmt.Sprintf("%s: retention %s, but %s (%s) orders permanent retention.", whatEN, yearsEN(years), ids, basis))
		f.Basis = joinBasis(RuleArchivalIgnored.Basis, basis)
		c.add(f)
		return
	}
	if len(partial) > 0 && !mentionsPermanent(e) {
		f := c.lawFinding(RuleArchivalIgnored, loc, keys,
			fmt.Sprintf("%s: säilytysaika %s eikä rivi mainitse pysyvää säilytystä, vaikka arkistointipäätös %s määrää pysyvän säilytyksen %s.",
				what, yearsFI(years), archivalIDs(partial), scopeFI(partial)),
			fmt.Sprintf("%s: retention %s and the entry does not mention permanent retention, though archival decision %s orders permanent retention %s.",
				whatEN, yearsEN(years), archivalIDs(partial), scopeEN(partial)))
		f.Basis = joinBasis(RuleArchivalIgnored.Basis, partial[0].Basis)
		c.add(f)
	}
	got, known := entryStart(e)
	var cmp *comparison
	switch {
	case law.Years <= 0:
		// "Saa hävittää, kun käyttötarve on päättynyt": no length to
		// compare, only the start event.
	case law.Start == sosmeta.StartNone:
		// A length with no start event ("Tositteet 3 vuotta"): lengths.
		switch {
		case years < law.Years:
			c.add(c.shorter(e, law, loc, keys, what, whatEN, comparison{verdict: verdictShorter, order: orderSame}, false))
		case years > law.Years && !c.archivalBasis(e):
			c.add(c.longer(e, law, loc, keys, what, whatEN, comparison{verdict: verdictLonger, order: orderSame}))
		}
	default:
		v := compare(Period{years, got}, Period{law.Years, law.Start}, known, c.a.horizon)
		cmp = &v
		switch v.verdict {
		case verdictShorter:
			c.add(c.shorter(e, law, loc, keys, what, whatEN, v, false))
		case verdictLonger:
			if !c.archivalBasis(e) {
				c.add(c.longer(e, law, loc, keys, what, whatEN, v))
			}
		}
	}
	c.start(e, keys, what, whatEN, lawFI, lawEN, law, cmp)
	for i := range also {
		c.checkAlso(e, &also[i], loc, keys, what, whatEN)
	}
}

// entryStart is the entry's start event and whether it is known (given
// and understood).
func entryStart(e tos.Entry) (sosmeta.StartEvent, bool) {
	if strings.TrimSpace(e.RetentionStart) == "" {
		return "", false
	}
	got := e.Start
	if got == "" {
		got, _ = tos.ParseStart(e.RetentionStart)
	}
	return got, got != ""
}

// startOf is the entry's start event as understood ("" when not).
func startOf(e tos.Entry) sosmeta.StartEvent {
	got, _ := entryStart(e)
	return got
}

// rulesFor returns the rules an entry is compared with: the governing
// row first, then the rules that bind beside it. An entry that names the
// versions it covers ("aiemmat versiot", "uusin versio") is compared only
// with the part of a version-based row (R703-15) for those versions.
func (c *docCheck) rulesFor(e tos.Entry) (*sosmeta.RetentionRule, []sosmeta.RetentionRule) {
	law := c.r.Rule
	also := c.r.Also
	scope := versionScope(e)
	if scope == "" {
		return law, also
	}
	var rules []sosmeta.RetentionRule
	if law != nil {
		rules = append(rules, *law)
	}
	rules = append(rules, also...)
	var kept []sosmeta.RetentionRule
	for _, r := range rules {
		if r.Versions == "" || r.Versions == scope {
			kept = append(kept, r)
		}
	}
	if len(kept) == 0 {
		return law, also
	}
	if law != nil && law.Versions != "" && law.Versions != scope {
		return &kept[0], kept[1:]
	}
	if law == nil {
		return nil, kept
	}
	return law, kept[1:]
}

// versionScope reads which versions a plan entry says it covers:
// VersionsEarlier for "edeltävät/aiemmat/vanhemmat versiot", VersionsNewest
// for "uusin versio", "" when it does not say.
func versionScope(e tos.Entry) string {
	f := " " + textnorm.Fold(strings.Join([]string{e.Name, e.DocumentRaw, e.RetentionRaw, e.RetentionStart, e.RetentionBasis}, " ")) + " "
	if !strings.Contains(f, "versio") {
		return ""
	}
	has := func(ws ...string) bool {
		return slices.ContainsFunc(ws, func(w string) bool { return strings.Contains(f, w) })
	}
	earlier := has(" edeltav", " aiemm", " aikaisemm", " vanhemm", " korvatu", " earlier", " previous")
	newest := has(" uusin", " viimeisin", " newest", " latest")
	switch {
	case earlier && !newest:
		return sosmeta.VersionsEarlier
	case newest && !earlier:
		return sosmeta.VersionsNewest
	}
	return "" // both or neither: the row covers every version
}

// checkAlso compares an entry with a rule that binds beside the governing
// row: only whether the plan may destroy before it allows. Its own start
// event is not asked for (the plan follows the governing row's) and
// keeping longer than it is expected.
func (c *docCheck) checkAlso(e tos.Entry, r *sosmeta.RetentionRule, loc finding.Location, keys []string, what, whatEN string) {
	years := e.RetentionYears
	if years == sosmeta.Permanent || r.Years <= 0 {
		return
	}
	keys = append(append([]string(nil), keys...), r.ID)
	if r.Start == sosmeta.StartNone {
		if years < r.Years {
			c.add(c.shorter(e, r, loc, keys, what, whatEN, comparison{verdict: verdictShorter, order: orderSame}, true))
		}
		return
	}
	got, known := entryStart(e)
	if v := compare(Period{years, got}, Period{r.Years, r.Start}, known, c.a.horizon); v.verdict == verdictShorter {
		c.add(c.shorter(e, r, loc, keys, what, whatEN, v, true))
	}
}

// shorter builds RET005: the plan may destroy before the law allows,
// because it is shorter counted from the same (or a later) event, or
// because it counts from an event that can come earlier than the law's.
func (c *docCheck) shorter(e tos.Entry, law *sosmeta.RetentionRule, loc finding.Location, keys []string, what, whatEN string, v comparison, also bool) finding.Finding {
	years := e.RetentionYears
	lawFI, lawEN := lawText(law)
	keys = append(append([]string(nil), keys...), fmt.Sprint(years))
	var fi, en string
	// Shorter by length alone: the length says it (RET006 says the start
	// event differs). Only a long enough period needs the start event to
	// show why it may still end too early.
	switch {
	case years >= law.Years && (v.order == orderEarlier || v.order == orderUnknown):
		if _, known := entryStart(e); known {
			gotFI, gotEN := tos.StartLabel(startOf(e))
			wantFI, wantEN := tos.StartLabel(law.Start)
			whyFI, whyEN := orderReason(e, law.Start, v.order)
			fi = fmt.Sprintf("%s: säilytysaika %s laskentaperusteesta %s (%s) laskettuna voi päättyä ennen lain säilytysaikaa %s: %s. Asiakirjat voitaisiin siis hävittää ennen kuin laki sallii. %s",
				what, yearsFI(years), tos.Quote(e.RetentionStart), gotFI, lawFI, whyFI, fixFI(wantFI, law, c.a.horizon))
			en = fmt.Sprintf("%s: retention %s counted from %s (%s) can end before the law's %s: %s. Documents may thus be destroyed before the law allows. %s",
				whatEN, yearsEN(years), tos.Quote(e.RetentionStart), gotEN, lawEN, whyEN, fixEN(wantEN, law, c.a.horizon))
			break
		}
		fallthrough
	default:
		fi = fmt.Sprintf("%s: säilytysaika %s on lyhyempi kuin laissa säädetty %s.", what, yearsFI(years), lawFI)
		en = fmt.Sprintf("%s: retention %s is shorter than the law's %s.", whatEN, yearsEN(years), lawEN)
	}
	f := c.lawFinding(RuleShorter, loc, keys, fi, en)
	if also {
		f.Basis = law.Basis + ", " + law.ID
	}
	return f
}

// longer builds RET010: the plan keeps longer than the law without a
// basis for permanent retention.
func (c *docCheck) longer(e tos.Entry, law *sosmeta.RetentionRule, loc finding.Location, keys []string, what, whatEN string, v comparison) finding.Finding {
	years := e.RetentionYears
	lawFI, lawEN := lawText(law)
	fi := fmt.Sprintf("%s: säilytysaika %s on pidempi kuin laissa säädetty %s.", what, yearsFI(years), lawFI)
	en := fmt.Sprintf("%s: retention %s is longer than the law's %s.", whatEN, yearsEN(years), lawEN)
	if v.byHorizon {
		fi += fmt.Sprintf(" Aika lasketaan eri tapahtumasta kuin laissa, mutta vähintään %d vuotta (työkalun horisontti, --horizon) mistä tahansa asiakkaan elämän tapahtumasta katsotaan kestävän lain säilytysajan yli.", c.a.horizon)
		en += fmt.Sprintf(" It counts from a different event than the law, but at least %d years (the tool's horizon, --horizon) from any event of the client's life is taken to outlast the law's period.", c.a.horizon)
	}
	fi += " Säilytysajan päätyttyä asiakirjat on hävitettävä viipymättä, ellei niitä määrätä säilytettäviksi pysyvästi (703/2023 § 24)."
	en += " When the period ends the documents must be destroyed without delay unless ordered kept permanently (703/2023 § 24)."
	return c.lawFinding(RuleLonger, loc, append(append([]string(nil), keys...), fmt.Sprint(years)), fi, en)
}

// orderReason says in plain words why a period counted from the plan's
// event can end before one counted from the law's.
func orderReason(e tos.Entry, want sosmeta.StartEvent, o order) (fi, en string) {
	got := startOf(e)
	gotFI, gotEN := eventWords(got)
	if got == tos.StartOther {
		gotFI, gotEN = tos.Quote(e.RetentionStart), tos.Quote(e.RetentionStart)
	}
	wantFI, wantEN := eventWords(want)
	if o == orderEarlier {
		return fmt.Sprintf("suunnitelman laskentaperuste (%s) on aina ennen lain laskentaperustetta (%s) tai samana päivänä, usein vuosia aiemmin", gotFI, wantFI),
			fmt.Sprintf("the plan's start event (%s) always comes before the law's (%s) or on the same day, often years earlier", gotEN, wantEN)
	}
	fi = fmt.Sprintf("suunnitelman laskentaperuste (%s) voi olla ennen lain laskentaperustetta (%s)", gotFI, wantFI)
	en = fmt.Sprintf("the plan's start event (%s) can come before the law's (%s)", gotEN, wantEN)
	switch {
	case got == sosmeta.StartChildBirth || want == sosmeta.StartChildBirth:
		fi += ": lasta koskeva asiakirja voidaan laatia ja asia sulkea jo ennen lapsen syntymää, ja perheoikeudellisissa asioissa kuollut asiakas voi olla vanhempi"
		en += ": a document on a child's matter can be made, and a case closed, before the child is born, and in family law the client who died may be a parent"
	case got == sosmeta.StartLogEvent || want == sosmeta.StartLogEvent:
		fi += ": lokitiedosto voidaan päivätä ennen tapahtumia, jotka siihen kirjataan"
		en += ": a log file can be dated before the events it records"
	default:
		fi += ", eikä niiden järjestystä voi tietää"
		en += ", and their order cannot be known"
	}
	return fi, en
}

// eventWords is a start event's label without the note on the repealed
// law, for running text.
func eventWords(e sosmeta.StartEvent) (fi, en string) {
	fi, en = tos.StartLabel(e)
	return strings.TrimSuffix(fi, " (254/2015)"), strings.TrimSuffix(en, " (254/2015)")
}

// fixFI and fixEN say how to make the plan safe.
func fixFI(want string, law *sosmeta.RetentionRule, horizon int) string {
	if law.Years >= horizon {
		return fmt.Sprintf("Laske aika lain mukaisesta tapahtumasta (%s) tai säilytä pysyvästi.", want)
	}
	return fmt.Sprintf("Laske aika lain mukaisesta tapahtumasta (%s), tai säilytä vähintään %d vuotta (työkalun horisontti, --horizon) tai pysyvästi.", want, horizon)
}

func fixEN(want string, law *sosmeta.RetentionRule, horizon int) string {
	if law.Years >= horizon {
		return fmt.Sprintf("Count it from the %s as the law does, or keep the documents permanently.", want)
	}
	return fmt.Sprintf("Count it from the %s as the law does, or keep at least %d years (the tool's horizon, --horizon) or permanently.", want, horizon)
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// start compares the entry's start event with the law's: missing (RET006),
// not understood (RET011) or different (RET006). cmp is the length
// comparison, nil when the law's row has no length to compare.
func (c *docCheck) start(e tos.Entry, keys []string, what, whatEN, lawFI, lawEN string, law *sosmeta.RetentionRule, cmp *comparison) {
	if law.Start == sosmeta.StartNone {
		return
	}
	loc := e.Source
	loc.Column = e.StartColumn
	if loc.Column == "" {
		loc.Column = e.RetentionColumn
	}
	wantFI, wantEN := tos.StartLabel(law.Start)
	// noStartFI/EN: a period at least the law's length but with no known
	// start event keeps long enough only if counted from the law's event.
	noStartFI, noStartEN := "", ""
	if cmp != nil && cmp.verdict == verdictNoStart {
		noStartFI = fmt.Sprintf(" %s riittää vain, jos aika lasketaan tästä tai myöhemmästä tapahtumasta; aiemmasta (esim. asiakirjan päivämäärästä) laskettuna asiakirjat voitaisiin hävittää ennen kuin laki sallii.", upperFirst(yearsFI(e.RetentionYears)))
		noStartEN = fmt.Sprintf(" %s is enough only when counted from that event or a later one; counted from an earlier one (the document date, say) documents may be destroyed before the law allows.", upperFirst(yearsEN(e.RetentionYears)))
	}
	if strings.TrimSpace(e.RetentionStart) == "" {
		if e.Source == c.d.Source {
			// An inventory's retention column usually holds years only;
			// the laskentaperuste belongs in the TOS (JHS 191 7.12), which
			// RET001/RET002 ask for, and the draft shows the law's. A
			// period longer than the law's is not reported as longer,
			// though: without its start event that is not known.
			if noStartFI != "" && e.RetentionYears > law.Years {
				c.add(c.lawFinding(RuleWrongStart, loc, append(keys, "none"),
					fmt.Sprintf("%s: kartoitus ei kerro säilytysajan laskentaperustetta, joten ei tiedetä, onko %s pidempi kuin lain %s; lain mukaan aika lasketaan: %s.%s Merkitse laskentaperuste TOS/AMS-suunnitelmaan.", what, yearsFI(e.RetentionYears), lawFI, wantFI, noStartFI),
					fmt.Sprintf("%s: the inventory gives no retention start event, so whether %s is longer than the law's %s is not known; the law counts from: %s.%s Give the start event in the TOS/AMS.", whatEN, yearsEN(e.RetentionYears), lawEN, wantEN, noStartEN)))
			}
			return
		}
		c.add(c.lawFinding(RuleWrongStart, loc, append(keys, "none"),
			fmt.Sprintf("%s: säilytysajan laskentaperuste puuttuu; lain mukaan aika lasketaan: %s (%s).%s", what, wantFI, lawFI, noStartFI),
			fmt.Sprintf("%s: no retention start event; the law counts from: %s (%s).%s", whatEN, wantEN, lawEN, noStartEN)))
		return
	}
	got, known := entryStart(e)
	if !known {
		c.add(c.lawFinding(RuleCannotCompare, loc, append(keys, textnorm.Fold(e.RetentionStart)),
			fmt.Sprintf("%s: laskentaperustetta %s ei tunnistettu, joten sitä ei verrattu lakiin (lain mukaan: %s).%s", what, tos.Quote(e.RetentionStart), wantFI, noStartFI),
			fmt.Sprintf("%s: start event %s not understood, so it was not compared with the law (the law: %s).%s", whatEN, tos.Quote(e.RetentionStart), wantEN, noStartEN)))
		return
	}
	if startCompatible(got, law.Start) {
		return
	}
	gotFI, gotEN := tos.StartLabel(got)
	extraFI, extraEN := "", ""
	if got == tos.StartServiceEnded {
		extraFI = " Palvelun päättyminen oli kumotun lain 254/2015 laskentaperuste."
		extraEN = " The end of the service was the anchor of the repealed 254/2015."
	}
	c.add(c.lawFinding(RuleWrongStart, loc, append(keys, string(got)),
		fmt.Sprintf("%s: laskentaperuste %s (%s) poikkeaa laista, jonka mukaan laskentaperuste on %s (%s).%s", what, tos.Quote(e.RetentionStart), gotFI, wantFI, lawFI, extraFI),
		fmt.Sprintf("%s: start event %s (%s) differs from the law, which counts from %s (%s).%s", whatEN, tos.Quote(e.RetentionStart), gotEN, wantEN, lawEN, extraEN)))
}

// startCompatible: equal events, the message and document dates (a
// message's date is its document date), or a later anchor than the law's
// (the last case's closing for a case's closing) that keeps longer.
func startCompatible(got, want sosmeta.StartEvent) bool {
	if got == want {
		return true
	}
	dates := []sosmeta.StartEvent{sosmeta.StartMessageDate, sosmeta.StartDocumentDate}
	if slices.Contains(dates, got) && slices.Contains(dates, want) {
		return true
	}
	return want == sosmeta.StartCaseClosed && got == sosmeta.StartLastCaseClosed
}

// lawFinding builds a finding whose basis names the governing row too.
func (c *docCheck) lawFinding(rule finding.Rule, loc finding.Location, keys []string, fi, en string) finding.Finding {
	if c.r.Key == "" && c.r.RuleBy == LawByTask {
		fi += " Asiakirjalla ei ole valtakunnallista asiakirjatyyppiä: jos se ei ole asiakasasiakirja (esim. työvuorolista), liitteen säilytysaika ei koske sitä."
		en += " The document has no national document type: if it is not a client document (a staff roster, say), the annex's period does not apply to it."
	}
	f := finding.New(rule, finding.T(fi, en), loc, keys...)
	law := c.r.Rule
	if c.entryLaw != nil {
		law = c.entryLaw
	}
	if law != nil && rule.ID != RuleArchivalIgnored.ID {
		f.Basis = lawBasis(rule.Basis, law)
	}
	return f
}

func (c *docCheck) add(f finding.Finding) {
	c.a.report(f, c.r.Key, c.r.Task)
	c.r.Findings = append(c.r.Findings, f.RuleID)
	c.r.Status = worse(c.r.Status, statusOf(f.RuleID))
}
