// Package coverage compares what an organisation produces with what the
// national catalogue expects, per service task and process phase: the
// national types present, the task-specific types missing, local
// documents with no national counterpart, documents recorded in another
// phase than the national default, several local documents on one type,
// and documents whose type does not belong to the stated service task.
//
// The task and phase defaults it compares against are inferences
// (sosmeta curated data, overridable by an overlay), so the rules that
// rest on them are marked Inferred.
package coverage

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// Result is the coverage analysis: one row per service task that the
// inventory covers, one cell per process phase. Document references are
// indexes into Inventory.Documents; national types are catalogue keys.
type Result struct {
	// Phases lists the phase IDs in process order; the last entry, "",
	// collects documents and types without a phase. Every Task has one
	// Cell per entry, in this order.
	Phases []string `json:"phases"`
	Tasks  []Task   `json:"tasks"`
	// DocTasks[i] are the service tasks document i is counted under (""
	// when none could be decided), and DocTaskSource[i] where they came
	// from: sosmeta's TasksOf, the one rule the graphs and retention share.
	DocTasks      [][]string           `json:"doc_tasks"`
	DocTaskSource []sosmeta.TaskSource `json:"doc_task_source"`
	// Producer is Options.Producer: the target leaves the authority's
	// types out (Task.Organisers lists them).
	Producer bool `json:"producer,omitempty"`
	// NotClient[i]: the mapping knows document i is not a client document
	// (a roster, a staff list, a patient record): never a process step.
	NotClient []bool `json:"not_client,omitempty"`
}

// Task is the coverage of one service task.
type Task struct {
	// Task is the service task ID; "" holds documents whose task is
	// neither stated nor inferable from the name.
	Task   string `json:"task"`
	Cells  []Cell `json:"cells"`
	Totals Totals `json:"totals"`
	// Organisers are the task's types only the organising authority
	// writes, left out of Expected for a producer (Options.Producer): the
	// organiser's documents, not the organisation's gaps.
	Organisers []string `json:"organisers_types,omitempty"`
}

// Cell is one service task × phase. National types sit in the cell of
// their national default phase; documents without a national type sit in
// the cell of their local phase.
type Cell struct {
	Phase string `json:"phase"`
	// Present: national types that local documents of the task map to.
	Present []Present `json:"present,omitempty"`
	// Missing: task-specific national types of the task and phase that no
	// local document maps to (common types are never missing; a type of
	// several tasks that no document has is listed under the first of its
	// tasks the result covers).
	Missing []string `json:"missing,omitempty"`
	// Extra: documents with no national type. Undecided is the subset
	// still waiting for a workshop decision (candidates were offered);
	// the rest were confirmed as local or had no plausible candidate.
	Extra     []int `json:"extra,omitempty"`
	Undecided []int `json:"undecided,omitempty"`
	// Misphased: documents whose local phase differs from the national
	// default phase of their type.
	Misphased []Misphased `json:"misphased,omitempty"`
	// Duplicates: national types with more than one local document.
	Duplicates []Present `json:"duplicates,omitempty"`
	// WrongTask: documents whose national type is not assigned to the
	// service task they are recorded under.
	WrongTask []int `json:"wrong_task,omitempty"`
}

// Present is a national type and the local documents mapped to it.
type Present struct {
	Key  string `json:"key"`
	Docs []int  `json:"docs"`
	// Common types belong to every service task.
	Common bool `json:"common,omitempty"`
}

// Misphased is a document recorded in another phase than its type's
// national default.
type Misphased struct {
	Doc      int    `json:"doc"`
	Key      string `json:"key"`
	Local    string `json:"local_phase"`
	National string `json:"national_phase"`
}

// Totals count a task's cells.
type Totals struct {
	Present    int `json:"present"`
	Missing    int `json:"missing"`
	Extra      int `json:"extra"`
	Undecided  int `json:"undecided"`
	Misphased  int `json:"misphased"`
	Duplicates int `json:"duplicates"`
	WrongTask  int `json:"wrong_task"`
	// Expected is the number of task-specific national types of the task
	// (sosmeta TypesForTask); Covered how many of them a document maps to
	// (one of the task, one with no task, or — for a type shared by several
	// tasks — one of any of its tasks), InPhase how many of those have a document in the
	// type's national phase (or with no phase given). Missing is
	// Expected − Covered. These are the task's coverage figure wherever it
	// is shown: summary, matrix, graphs, workbook and JSON.
	Expected int `json:"expected"`
	Covered  int `json:"covered"`
	InPhase  int `json:"in_phase"`
	// Outside counts the task's documents whose national type is not one
	// of the task's (unmapped, another task's type, obsolete or unknown):
	// the current state's steps the target does not have.
	Outside int `json:"outside"`
}

// Percent is Covered/Expected as a rounded whole percentage; -1 when the
// task expects nothing.
func (t Totals) Percent() int {
	if t.Expected == 0 {
		return -1
	}
	return (200*t.Covered + t.Expected) / (2 * t.Expected)
}

// Cell returns the cell of a phase ("" = no phase), or nil.
func (t *Task) Cell(phase string) *Cell {
	for i := range t.Cells {
		if t.Cells[i].Phase == phase {
			return &t.Cells[i]
		}
	}
	return nil
}

// Task returns a task's coverage, or nil.
func (r *Result) Task(id string) *Task {
	for i := range r.Tasks {
		if r.Tasks[i].Task == id {
			return &r.Tasks[i]
		}
	}
	return nil
}

// Options configure the analysis (Analyzer.With).
type Options struct {
	// AllTasks covers every service task, not only those the inventory
	// has documents for (an organiser of all services wants to see the
	// tasks it has not inventoried at all).
	AllTasks bool
	// Producer: the organisation is not the organising authority (a
	// producer, or a private provider), so the types only an authority
	// writes (sosmeta AuthorityOnly) are the organiser's, not its gaps or
	// target steps. False (no profile) expects every type of the task.
	Producer bool
}

const (
	basisCatalogue = "Sosmeta " + sosmeta.DocumentTypeOID
	basisTask      = "703/2023 § 37; Sosmeta " + sosmeta.ServiceTaskOID
	basisPhase     = "Sosmeta " + sosmeta.PhaseOID
)

// Rules of the coverage analysis.
var (
	RuleMissing = finding.Rule{
		ID: "COV001", Severity: finding.Info, Inferred: true,
		Title: finding.T("Palvelutehtävän valtakunnallinen asiakirjatyyppi puuttuu inventaariosta", "National document type of the service task missing from the inventory"),
		Basis: basisCatalogue,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "every national type of substance-abuse services is inventoried",
				Inventory: substanceAbuseSample + "Päihdehuolto;Päätös päihde- ja riippuvuustyön erityisestä palvelusta\n"}},
			Bad: []finding.Sample{{Note: "the decision on the special service is missing",
				Inventory: substanceAbuseSample}},
		},
	}
	RuleExtra = finding.Rule{
		ID: "COV002", Severity: finding.Info,
		Title: finding.T("Paikallinen asiakirja, jolla ei ole valtakunnallista vastinetta", "Local document with no national counterpart"),
		Basis: basisCatalogue,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the workshop mapped the memo to a national type",
				Inventory: "Palvelutehtävä;Asiakirjan nimi\nIäkkäiden palvelut;Hoitoneuvottelun muistio\n",
				Accepted:  "name;service_task;code;national_name;confirmed_by\nHoitoneuvottelun muistio;Iäkkäiden palvelut;19004;Merkintä neuvottelusta;Asiakirjatyöpaja 3.3.2025\n"}},
			Bad: []finding.Sample{{Note: "the workshop confirmed the memo as local",
				Inventory: "Palvelutehtävä;Asiakirjan nimi\nIäkkäiden palvelut;Asukaskokouksen muistio\n",
				Accepted:  "name;service_task;code;national_name;confirmed_by\nAsukaskokouksen muistio;Iäkkäiden palvelut;-;;Asiakirjatyöpaja 3.3.2025\n"}},
		},
	}
	RuleMisphased = finding.Rule{
		ID: "COV003", Severity: finding.Info, Inferred: true,
		Title: finding.T("Asiakirja on eri prosessivaiheessa kuin valtakunnallinen oletus", "Document is in another process phase than the national default"),
		Basis: basisPhase,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "an application at initiation",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Prosessin vaihe\nIäkkäiden palvelut;Asumispalveluhakemus;Asian vireilletulo\n"}},
			Bad: []finding.Sample{{Note: "an application recorded at closure",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Prosessin vaihe\nIäkkäiden palvelut;Asumispalveluhakemus;Asiakkuuden päättyminen\n"}},
		},
	}
	RuleDuplicate = finding.Rule{
		ID: "COV004", Severity: finding.Info,
		Title: finding.T("Useita paikallisia asiakirjoja samalla valtakunnallisella tyypillä", "Several local documents on one national type"),
		Basis: basisCatalogue,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a meeting and a contact, two types",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nIäkkäiden palvelut;Hoitoneuvottelun muistio;19004\nIäkkäiden palvelut;Omaisen yhteydenotto;19005\n"}},
			Bad: []finding.Sample{{Note: "two meeting memos on 19004",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nIäkkäiden palvelut;Hoitoneuvottelun muistio;19004\nIäkkäiden palvelut;Omaisneuvottelun muistio;19004\n"}},
		},
	}
	RuleWrongTask = finding.Rule{
		ID: "COV005", Severity: finding.Warning, Inferred: true,
		Title: finding.T("Asiakirjatyyppi ei kuulu ilmoitettuun palvelutehtävään", "Document type does not belong to the stated service task"),
		Basis: basisTask,
		Samples: finding.Samples{
			Good: []finding.Sample{
				{Note: "an older people's decision under older people's services",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nIäkkäiden palvelut;Palvelupäätös;11000\n"},
				{Note: "the overlay assigns the type to disability services too",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nVammaispalvelut;Palvelupäätös;11000\n",
					Overlay:   "tasks:\n  \"11000\": [older_people, disability]\n"},
			},
			Bad: []finding.Sample{{Note: "an older people's decision under disability services",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nVammaispalvelut;Palvelupäätös;11000\n"}},
		},
	}
)

// substanceAbuseSample is an inventory of substance-abuse services with
// every national type of the task but 11003, the decision (COV001).
const substanceAbuseSample = "Palvelutehtävä;Asiakirjan nimi\n" +
	"Päihdehuolto;Hakemus päihde- ja riippuvuustyön erityiseen palveluun\n" +
	"Päihdehuolto;Päihde- ja riippuvuustyön erityisten palvelujen palvelutarpeen arvio\n" +
	"Päihdehuolto;Päihde- ja riippuvuustyön erityisten palvelujen asiakassuunnitelma\n" +
	"Päihdehuolto;Päihde- ja riippuvuustyön erityisten palvelujen toteuttamissuunnitelma\n" +
	"Päihdehuolto;Täydentävän tai ehkäisevän toimeentulotuen hakemus\n" +
	"Päihdehuolto;Täydentävän tai ehkäisevän toimeentulotuen laskelma\n" +
	"Päihdehuolto;Päätös täydentävästä tai ehkäisevästä toimeentulotuesta\n" +
	"Päihdehuolto;Täydentävän tai ehkäisevän toimeentulotuen maksusitoumus\n"

// Rules lists every rule of the analysis.
var Rules = []finding.Rule{RuleMissing, RuleExtra, RuleMisphased, RuleDuplicate, RuleWrongTask}

// Analyzer computes coverage.
var Analyzer = &analyzer.Analyzer[Options, *Result]{
	Name: "coverage",
	Doc: `national document types present, missing and extra per service task and phase

Reads the mapping result. Missing types are task-specific types only;
multi-task types count as present when any of their tasks has them.`,
	Rules:    Rules,
	Requires: []analyzer.Node{mapping.Analyzer},
	Run:      run,
}

func run(pass *analyzer.Pass, opts Options) (*Result, error) {
	mr, ok := mapping.Analyzer.Result(pass)
	if !ok || mr == nil {
		return nil, fmt.Errorf("no mapping result")
	}
	var docs []inventory.Document
	if pass.Inventory != nil {
		docs = pass.Inventory.Documents
	}
	res := Compute(pass.Catalogue, docs, mr, opts)
	report(pass, docs, mr, res)
	return res, nil
}

// Compute builds the coverage result; it is exported for the report and
// graph packages, which may recompute it for a filtered inventory.
func Compute(cat *sosmeta.Catalogue, docs []inventory.Document, mr *mapping.Result, opts Options) *Result {
	res := &Result{Producer: opts.Producer}
	for _, p := range cat.Phases {
		res.Phases = append(res.Phases, p.ID)
	}
	res.Phases = append(res.Phases, "")

	// Which tasks are covered, and which task × key pairs are present.
	covered := map[string]bool{}
	if opts.AllTasks {
		for _, t := range cat.Tasks {
			covered[t.ID] = true
		}
	}
	present := map[string]map[string][]int{} // task → key → docs
	res.DocTasks = make([][]string, len(docs))
	res.DocTaskSource = make([]sosmeta.TaskSource, len(docs))
	res.NotClient = make([]bool, len(docs))
	for i := range docs {
		m := mr.ByDoc(i)
		res.NotClient[i] = m != nil && m.Method == mapping.MethodLocal
		var typ *sosmeta.DocumentType
		named := ""
		if m != nil {
			typ, named = cat.ByKey(m.Key), m.Task
		}
		tasks, src := cat.TasksOf(docs[i].ServiceTasks, typ, named)
		if len(tasks) == 0 {
			tasks = []string{""}
		}
		res.DocTasks[i], res.DocTaskSource[i] = tasks, src
		for _, t := range tasks {
			covered[t] = true
			if m != nil && m.Key != "" {
				if present[t] == nil {
					present[t] = map[string][]int{}
				}
				present[t][m.Key] = append(present[t][m.Key], i)
			}
		}
	}
	var taskIDs []string
	for _, t := range cat.Tasks {
		if covered[t.ID] {
			taskIDs = append(taskIDs, t.ID)
		}
	}
	if covered[""] {
		taskIDs = append(taskIDs, "")
	}

	for _, tid := range taskIDs {
		tc := Task{Task: tid}
		cells := map[string]*Cell{}
		for _, p := range res.Phases {
			tc.Cells = append(tc.Cells, Cell{Phase: p})
		}
		for i := range tc.Cells {
			cells[tc.Cells[i].Phase] = &tc.Cells[i]
		}
		cellOf := func(phase string) *Cell {
			if c := cells[phase]; c != nil {
				return c
			}
			return cells[""]
		}
		// Present and duplicates, in catalogue order of keys.
		keys := make([]string, 0, len(present[tid]))
		for k := range present[tid] {
			keys = append(keys, k)
		}
		sortKeys(cat, keys)
		for _, k := range keys {
			d := cat.ByKey(k)
			p := Present{Key: k, Docs: present[tid][k], Common: d != nil && d.Common}
			phase := ""
			if d != nil {
				phase = d.Phase
			}
			c := cellOf(phase)
			c.Present = append(c.Present, p)
			tc.Totals.Present++
			if len(p.Docs) > 1 {
				c.Duplicates = append(c.Duplicates, p)
				tc.Totals.Duplicates++
			}
		}
		// The task's national types: covered by a document of the task, in
		// its national phase, or missing.
		if tid != "" {
			for _, d := range cat.TypesForTask(tid) {
				if only, _ := cat.AuthorityOnly(d); only && opts.Producer {
					tc.Organisers = append(tc.Organisers, d.Key())
					continue
				}
				tc.Totals.Expected++
				ds, ok := present[tid][d.Key()]
				if !ok {
					ds, ok = present[""][d.Key()] // a task-less document has it
				}
				if !ok && len(d.Tasks) > 1 {
					ds, ok = presentUnder(present, d) // a shared type kept under another of its tasks
				}
				if !ok {
					c := cellOf(d.Phase)
					c.Missing = append(c.Missing, d.Key())
					tc.Totals.Missing++
					continue
				}
				tc.Totals.Covered++
				for _, i := range ds {
					if docs[i].Phase == "" || d.Phase == "" || docs[i].Phase == d.Phase {
						tc.Totals.InPhase++
						break
					}
				}
			}
		}
		// Per-document facts: extra, misphased, wrong task.
		for i := range docs {
			m := mr.ByDoc(i)
			if !contains(res.DocTasks[i], tid) {
				continue
			}
			stated := res.DocTaskSource[i] == sosmeta.TaskStated
			if tid != "" && !OfTask(cat, m, tid) {
				tc.Totals.Outside++
			}
			if m == nil || m.Key == "" {
				c := cellOf(docs[i].Phase)
				c.Extra = append(c.Extra, i)
				tc.Totals.Extra++
				if m != nil && m.Method != mapping.MethodAccepted && len(m.Candidates) > 0 {
					c.Undecided = append(c.Undecided, i)
					tc.Totals.Undecided++
				}
				continue
			}
			d := cat.ByKey(m.Key)
			if d == nil {
				continue
			}
			if docs[i].Phase != "" && d.Phase != "" && docs[i].Phase != d.Phase {
				c := cellOf(d.Phase)
				c.Misphased = append(c.Misphased, Misphased{Doc: i, Key: m.Key, Local: docs[i].Phase, National: d.Phase})
				tc.Totals.Misphased++
			}
			if stated && tid != "" && !d.BelongsTo(tid) {
				c := cellOf(d.Phase)
				c.WrongTask = append(c.WrongTask, i)
				tc.Totals.WrongTask++
			}
		}
		res.Tasks = append(res.Tasks, tc)
	}
	return res
}

// OfTask reports whether a document's match is a current national type of
// the task (a type common to every task counts): otherwise the document is
// outside the task's target.
func OfTask(cat *sosmeta.Catalogue, m *mapping.Match, task string) bool {
	if m == nil || m.Key == "" {
		return false
	}
	d := cat.ByKey(m.Key)
	return d != nil && d.Current && d.BelongsTo(task)
}

// presentUnder returns the documents of a type shared by several tasks
// that are kept under any of its tasks.
func presentUnder(present map[string]map[string][]int, d *sosmeta.DocumentType) ([]int, bool) {
	for _, t := range d.Tasks {
		if ds, ok := present[t][d.Key()]; ok {
			return ds, true
		}
	}
	return nil, false
}

// sortKeys orders catalogue keys by phase order, then code.
func sortKeys(cat *sosmeta.Catalogue, keys []string) {
	order := func(k string) int {
		if d := cat.ByKey(k); d != nil {
			if o := cat.PhaseOrder(d.Phase); o > 0 {
				return o
			}
		}
		return 99
	}
	sort.SliceStable(keys, func(i, j int) bool {
		oi, oj := order(keys[i]), order(keys[j])
		if oi != oj {
			return oi < oj
		}
		gi, gj := strings.HasPrefix(keys[i], "group:"), strings.HasPrefix(keys[j], "group:")
		if gi != gj {
			return gj
		}
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) < len(keys[j])
		}
		return keys[i] < keys[j]
	})
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// report writes the findings. Fingerprints name the subject: the task and
// the folded document name, or the task and the national type a finding is
// about (a missing type, a group of duplicates). Never rows, and never the
// type a document was mapped to: accepting a mapping must not make a
// finding that stays look fixed and new.
func report(pass *analyzer.Pass, docs []inventory.Document, mr *mapping.Result, res *Result) {
	cat := pass.Catalogue
	taskName := func(id string) (fi, en string) {
		if t := cat.Task(id); t != nil {
			return t.FI, t.EN
		}
		return "(ei palvelutehtävää)", "(no service task)"
	}
	phaseName := func(id string) (fi, en string) {
		if p := cat.Phase(id); p != nil {
			return p.FI, p.EN
		}
		return id, id
	}
	typeName := func(k string) string {
		if d := cat.ByKey(k); d != nil {
			return d.NameFI
		}
		return k
	}
	for _, t := range res.Tasks {
		tfi, ten := taskName(t.Task)
		for _, c := range t.Cells {
			for _, k := range c.Missing {
				pfi, pen := phaseName(c.Phase)
				f := finding.New(RuleMissing, finding.Text{
					FI: fmt.Sprintf("%s, %s: valtakunnallista asiakirjatyyppiä %s %q ei ole inventaariossa", tfi, pfi, k, typeName(k)),
					EN: fmt.Sprintf("%s, %s: national document type %s %q is not in the inventory", ten, pen, k, typeName(k)),
				}, finding.Location{Key: t.Task + "/" + k}, t.Task, k)
				f.Code, f.ServiceTask = k, t.Task
				pass.Report(f)
			}
			for _, i := range c.Extra {
				m := mr.ByDoc(i)
				if m == nil || m.Method != mapping.MethodAccepted {
					continue // unmapped documents are MAP001/MAP002 already
				}
				d := &docs[i]
				f := finding.New(RuleExtra, finding.Text{
					FI: fmt.Sprintf("%q (%s) on vahvistettu paikalliseksi asiakirjaksi: sitä ei arkistoida rakenteisena Kanta-asiakirjana; päätä sen käsittely TOS:ssa/AMS:ssa", d.Name, tfi),
					EN: fmt.Sprintf("%q (%s) is confirmed as a local document: it is not archived as a structured Kanta document; decide its handling in the TOS/AMS", d.Name, ten),
				}, d.Source, t.Task, textnorm.Fold(d.Name))
				f.ServiceTask = t.Task
				pass.Report(f)
			}
			for _, mp := range c.Misphased {
				d := &docs[mp.Doc]
				lfi, len_ := phaseName(mp.Local)
				nfi, nen := phaseName(mp.National)
				f := finding.New(RuleMisphased, finding.Text{
					FI: fmt.Sprintf("%q (%s %s): inventaarion vaihe %q, valtakunnallinen oletus %q", d.Name, mp.Key, typeName(mp.Key), lfi, nfi),
					EN: fmt.Sprintf("%q (%s %s): inventory phase %q, national default %q", d.Name, mp.Key, typeName(mp.Key), len_, nen),
				}, d.Source, t.Task, textnorm.Fold(d.Name), mp.Local)
				f.Code, f.ServiceTask = mp.Key, t.Task
				pass.Report(f)
			}
			for _, dup := range c.Duplicates {
				names := make([]string, 0, len(dup.Docs))
				var rowsFI, rowsEN []string
				for _, i := range dup.Docs {
					names = append(names, fmt.Sprintf("%q", docs[i].Name))
					rowsFI = append(rowsFI, docs[i].Source.In(finding.FI))
					rowsEN = append(rowsEN, docs[i].Source.In(finding.EN))
				}
				folded := make([]string, 0, len(dup.Docs))
				for _, i := range dup.Docs {
					folded = append(folded, textnorm.Fold(docs[i].Name))
				}
				sort.Strings(folded)
				loc := docs[dup.Docs[0]].Source
				f := finding.New(RuleDuplicate, finding.Text{
					FI: fmt.Sprintf("%s: %d paikallista asiakirjaa tyypillä %s %q: %s (%s); yhdistä tai perustele erillisyys",
						tfi, len(dup.Docs), dup.Key, typeName(dup.Key), strings.Join(names, ", "), strings.Join(rowsFI, "; ")),
					EN: fmt.Sprintf("%s: %d local documents on type %s %q: %s (%s); merge them or document why they differ",
						ten, len(dup.Docs), dup.Key, typeName(dup.Key), strings.Join(names, ", "), strings.Join(rowsEN, "; ")),
				}, loc, t.Task, dup.Key) // the members are the count, not the subject
				f.Code, f.ServiceTask = dup.Key, t.Task
				pass.Report(f)
			}
			for _, i := range c.WrongTask {
				d := &docs[i]
				m := mr.ByDoc(i)
				dt := cat.ByKey(m.Key)
				var bfi, ben []string
				for _, bt := range dt.Tasks {
					fi, en := taskName(bt)
					bfi, ben = append(bfi, fi), append(ben, en)
				}
				f := finding.New(RuleWrongTask, finding.Text{
					FI: fmt.Sprintf("%q on kirjattu palvelutehtävään %s, mutta tyyppi %s %q kuuluu palvelutehtäviin: %s (oletus; ohitettavissa overlay-tiedostolla)",
						d.Name, tfi, m.Key, dt.NameFI, strings.Join(bfi, ", ")),
					EN: fmt.Sprintf("%q is recorded under %s, but type %s %q belongs to: %s (a default; an overlay can override it)",
						d.Name, ten, m.Key, dt.NameFI, strings.Join(ben, ", ")),
				}, d.Source, t.Task, textnorm.Fold(d.Name))
				f.Code, f.ServiceTask = m.Key, t.Task
				pass.Report(f)
			}
		}
	}
}
