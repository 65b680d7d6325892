// Package stategraph draws what an organisation does now against the
// national target, per service task: a target-state graph (the national
// process phases in order with the task's Sosmeta document types in their
// default phases), a current-state graph (the organisation's documents in
// the phases it gave, with system and register) and a comparison graph in
// process-mining terms (pm4py): target types present in the right phase,
// present in another phase, missing (model moves) and local documents with
// no national type of the task (log moves), with a fitness figure.
//
// The models are dominikbraun/graph graphs. DOT text is written by this
// package, deterministically, and rendered to SVG or PNG in-process with
// goccy/go-graphviz (Graphviz compiled to WebAssembly): no system Graphviz.
//
// The document → task and document → phase defaults of the catalogue are
// inferences (domain notes §3), so every picture says so.
package stategraph

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/dominikbraun/graph"

	"github.com/kartoitus/kartoitus/analyzer/coverage"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// UnknownPhase is the phase ID of the cluster for documents whose phase is
// neither given nor derivable from a national type.
const UnknownPhase = "unknown"

// View says which of the three pictures a Model is.
type View string

const (
	Target     View = "target"
	Current    View = "current"
	Comparison View = "comparison"
)

// Views lists the per-task views in the order they are written.
var Views = []View{Current, Target, Comparison}

// Status is a comparison vertex's conformance status.
type Status string

const (
	// Matched: the national type is present in its national phase.
	Matched Status = "matched"
	// Misphased: the national type is present, but only in another phase.
	Misphased Status = "misphased"
	// Elsewhere: a type shared by several service tasks, present only
	// under another of its tasks (or on a document with no task): coverage
	// counts it as present.
	Elsewhere Status = "elsewhere"
	// Missing: a target type with no local document (a model move).
	Missing Status = "missing"
	// Extra: a local document with no national type of the task (a log move).
	Extra Status = "extra"
)

// statusRank orders documents inside a phase cluster of the comparison.
func (s Status) rank() int {
	switch s {
	case Matched:
		return 0
	case Misphased:
		return 1
	case Elsewhere:
		return 2
	case Extra:
		return 3
	case Missing:
		return 4
	}
	return 5
}

// ExtraReason says why a local document is a log move.
type ExtraReason string

const (
	ReasonUnmapped  ExtraReason = "unmapped"   // no national type
	ReasonOtherTask ExtraReason = "other_task" // a type specific to other service tasks
	ReasonObsolete  ExtraReason = "obsolete"   // a type with only obsolete versions
	ReasonUnknown   ExtraReason = "unknown"    // a key the catalogue does not know
)

// NodeKind tells phase vertices from document vertices.
type NodeKind string

const (
	KindPhase    NodeKind = "phase"
	KindDocument NodeKind = "document"
)

// Local is one of the organisation's documents as drawn. Text fields are
// already masked for personal identity codes.
type Local struct {
	// Index is the document's index in the inventory.
	Index       int
	Name        string
	System      string
	RegisterRaw string
	Register    registers.Kind
	Medium      inventory.Medium
	// Source is where the row was read (the file as a base name).
	Source finding.Location
	// PhaseGiven is false when the inventory gave no (known) phase and the
	// national default phase was used.
	PhaseGiven bool
}

// Node is a vertex value.
type Node struct {
	ID   string
	Kind NodeKind
	// Phase is the phase cluster the vertex is drawn in (a phase ID or
	// UnknownPhase). For a phase vertex it is its own ID.
	Phase string
	// Status is set in comparison graphs.
	Status Status
	// Key, Code, NameFI, OID and NationalPhase describe the national type
	// (empty for an unmapped local document).
	Key           string
	Code          string
	NameFI        string
	OID           string
	TypeKind      string // Sosmeta document kind: Päätös, Arvio, …
	NationalPhase string
	// Common marks a type common to every service task.
	Common bool
	// Group marks a document-group document (asiakirjaryhmä).
	Group bool
	// Locals are the organisation's documents behind the vertex: one in a
	// current graph and for an extra vertex, any number for a matched or
	// misphased one, none for a target or missing vertex.
	Locals []Local
	// Reason is set on extra vertices.
	Reason ExtraReason
	// OtherTasks are the tasks a ReasonOtherTask type belongs to.
	OtherTasks []TaskInfo
}

// PhaseInfo is a phase as drawn.
type PhaseInfo struct {
	ID    string
	Order int
	FI    string
	EN    string
}

// Name returns the phase name in lang.
func (p PhaseInfo) Name(l finding.Lang) string {
	if l == finding.EN && p.EN != "" {
		return p.EN
	}
	return p.FI
}

// TaskInfo is a service task as drawn.
type TaskInfo struct {
	ID string
	FI string
	EN string
}

// Name returns the task name in lang.
func (t TaskInfo) Name(l finding.Lang) string {
	if l == finding.EN && t.EN != "" {
		return t.EN
	}
	if t.FI != "" {
		return t.FI
	}
	return t.ID
}

// Model is one picture of one service task: phase vertices chained in
// order ("next" edges) and document vertices attached to their phase
// ("contains" edges). Vertex attributes carry kind, phase, status, code,
// system and register for consumers that walk the graph generically.
type Model struct {
	View View
	Task TaskInfo
	// Phases are the clusters in drawing order; UnknownPhase comes last
	// and only when used.
	Phases []PhaseInfo
	Graph  graph.Graph[string, Node]
	// CommonTypes is the number of current national types common to every
	// task; the target graph does not draw them (they are not target steps).
	CommonTypes int
	// Conformance is set on comparison models.
	Conformance *Conformance
}

// Documents returns the document vertices of a phase in drawing order:
// by status (comparison), then code, then local name and ID.
func (m *Model) Documents(phase string) []Node {
	adj, err := m.Graph.AdjacencyMap()
	if err != nil {
		return nil
	}
	return m.documents(adj, phase)
}

func (m *Model) documents(adj map[string]map[string]graph.Edge[string], phase string) []Node {
	var out []Node
	for id := range adj[phaseID(phase)] {
		n, err := m.Graph.Vertex(id)
		if err != nil || n.Kind != KindDocument {
			continue
		}
		out = append(out, n)
	}
	// The folded names are computed once, not at every comparison: a
	// phase of 2,000 documents spent most of its sorting folding.
	folded := make(map[string]string, len(out))
	for _, n := range out {
		folded[n.ID] = textnorm.Fold(firstLocalName(n))
	}
	sort.Slice(out, func(i, j int) bool { return nodeLess(out[i], out[j], folded) })
	return out
}

// nodeLess orders a phase's documents; folded holds each node's folded
// first local name by node ID.
func nodeLess(a, b Node, folded map[string]string) bool {
	if ra, rb := a.Status.rank(), b.Status.rank(); ra != rb {
		return ra < rb
	}
	if a.Code != b.Code {
		if a.Code == "" || b.Code == "" {
			return b.Code == "" // national types before unmapped documents
		}
		if a.Group != b.Group {
			return !a.Group
		}
		return codeLess(a.Code, b.Code)
	}
	if la, lb := firstLocalName(a), firstLocalName(b); la != lb {
		fa, fb := folded[a.ID], folded[b.ID]
		return fa < fb || (fa == fb && la < lb)
	}
	return a.ID < b.ID
}

func firstLocalName(n Node) string {
	if len(n.Locals) == 0 {
		return ""
	}
	return n.Locals[0].Name
}

// codeLess orders numeric codes numerically.
func codeLess(a, b string) bool {
	ai, ea := strconv.Atoi(a)
	bi, eb := strconv.Atoi(b)
	if ea == nil && eb == nil {
		return ai < bi
	}
	return a < b
}

// Counts returns the number of document vertices per status ("" for
// target and current graphs).
func (m *Model) Counts() map[Status]int {
	out := map[Status]int{}
	adj, err := m.Graph.AdjacencyMap()
	if err != nil {
		return out
	}
	for id := range adj {
		if n, err := m.Graph.Vertex(id); err == nil && n.Kind == KindDocument {
			out[n.Status]++
		}
	}
	return out
}

// TaskGraphs are the three pictures and the figures of one service task.
type TaskGraphs struct {
	Task        TaskInfo
	Target      *Model
	Current     *Model
	Comparison  *Model
	Conformance Conformance
}

// Model returns the picture for a view.
func (t *TaskGraphs) Model(v View) *Model {
	switch v {
	case Target:
		return t.Target
	case Current:
		return t.Current
	case Comparison:
		return t.Comparison
	}
	return nil
}

// Set is everything Build draws from one inventory.
type Set struct {
	// Tasks are the service tasks present in the inventory, in catalogue
	// order.
	Tasks []*TaskGraphs
	// Overview is the tasks × systems × registers graph.
	Overview *Overview
	// Unplaced are indexes of documents with no resolved service task: they
	// appear in the overview under an "unassigned" task but in no per-task
	// picture.
	Unplaced []int
}

// Build draws every service task present in docs. keys[i] is the
// catalogue key docs[i] was mapped to ("" when unmapped), as in
// analyzer/mapping Result.Matches[i].Key; cov is the coverage computed
// from the same mapping: its task assignment places the documents and its
// per-task figures are the pictures' figures, so the graphs and every
// other report show the same numbers.
func Build(cat *sosmeta.Catalogue, docs []inventory.Document, keys []string, cov *coverage.Result) (*Set, error) {
	if err := checkInput(cat, docs, keys, cov); err != nil {
		return nil, err
	}
	present := map[string]bool{}
	set := &Set{}
	for i := range docs {
		ts := docTasks(cat, cov, i)
		if len(ts) == 0 {
			set.Unplaced = append(set.Unplaced, i)
		}
		for _, t := range ts {
			present[t] = true
		}
	}
	for _, t := range cat.Tasks {
		if !present[t.ID] {
			continue
		}
		tg, err := BuildTask(cat, t.ID, docs, keys, cov)
		if err != nil {
			return nil, err
		}
		set.Tasks = append(set.Tasks, tg)
	}
	ov, err := BuildOverview(cat, docs, keys, cov)
	if err != nil {
		return nil, err
	}
	set.Overview = ov
	return set, nil
}

func checkInput(cat *sosmeta.Catalogue, docs []inventory.Document, keys []string, cov *coverage.Result) error {
	if cat == nil {
		return fmt.Errorf("stategraph: no catalogue")
	}
	if len(keys) != len(docs) {
		return fmt.Errorf("stategraph: %d mapping keys for %d documents", len(keys), len(docs))
	}
	if cov == nil || len(cov.DocTasks) != len(docs) {
		return fmt.Errorf("stategraph: no coverage result for the %d documents", len(docs))
	}
	return nil
}

// docTasks are the catalogue tasks coverage counts document i under (none
// for a document with no task: it is drawn only in the overview).
func docTasks(cat *sosmeta.Catalogue, cov *coverage.Result, i int) []string {
	var ts []string
	for _, id := range cov.DocTasks[i] {
		if cat.Task(id) != nil {
			ts = append(ts, id)
		}
	}
	return ts
}

// BuildTask draws one service task. The task need not be present in docs:
// then the current picture is empty and everything is missing.
func BuildTask(cat *sosmeta.Catalogue, task string, docs []inventory.Document, keys []string, cov *coverage.Result) (*TaskGraphs, error) {
	if err := checkInput(cat, docs, keys, cov); err != nil {
		return nil, err
	}
	st := cat.Task(task)
	if st == nil {
		return nil, fmt.Errorf("stategraph: unknown service task %q", task)
	}
	b := &builder{cat: cat, task: TaskInfo{ID: st.ID, FI: st.FI, EN: st.EN}, missing: map[string]bool{}}
	if tc := cov.Task(task); tc != nil {
		b.totals = tc.Totals
		for _, c := range tc.Cells {
			for _, k := range c.Missing {
				b.missing[k] = true
			}
		}
	} else {
		// The inventory has nothing for the task: everything is missing.
		b.totals.Expected = len(cat.TargetTypes(task, !cov.Producer))
		for _, t := range cat.TargetTypes(task, !cov.Producer) {
			b.missing[t.Key()] = true
		}
	}
	for _, t := range cat.CurrentTypes() {
		if t.Common {
			b.common++
		}
	}
	// A producer's target is what a producer writes (coverage.Options).
	b.target = cat.TargetTypes(task, !cov.Producer)
	b.targetSet = make(map[string]*sosmeta.DocumentType, len(b.target))
	for _, t := range b.target {
		b.targetSet[t.Key()] = t
	}
	for i := range docs {
		if i < len(cov.NotClient) && cov.NotClient[i] {
			continue // a roster or a staff list is no step of the client process
		}
		t := cat.ByKey(keys[i])
		for _, id := range docTasks(cat, cov, i) {
			if id == task {
				b.docs = append(b.docs, taskDoc{index: i, doc: &docs[i], key: keys[i], typ: t})
				break
			}
		}
	}
	tg := &TaskGraphs{Task: b.task}
	var err error
	if tg.Target, err = b.buildTarget(); err != nil {
		return nil, err
	}
	if tg.Current, err = b.buildCurrent(); err != nil {
		return nil, err
	}
	if tg.Comparison, err = b.buildComparison(); err != nil {
		return nil, err
	}
	tg.Conformance = *tg.Comparison.Conformance
	return tg, nil
}

type taskDoc struct {
	index int
	doc   *inventory.Document
	key   string
	typ   *sosmeta.DocumentType // nil when unmapped or unknown key
}

type builder struct {
	cat       *sosmeta.Catalogue
	task      TaskInfo
	target    []*sosmeta.DocumentType
	targetSet map[string]*sosmeta.DocumentType
	docs      []taskDoc
	common    int
	// totals and missing are the task's coverage (analyzer/coverage).
	totals  coverage.Totals
	missing map[string]bool
}

func phaseID(p string) string { return "phase:" + p }

// newModel creates a model with the national phases chained in order, plus
// the unknown-phase cluster when withUnknown.
func (b *builder) newModel(v View, withUnknown bool) (*Model, error) {
	m := &Model{
		View:        v,
		Task:        b.task,
		Graph:       graph.New(func(n Node) string { return n.ID }, graph.Directed()),
		CommonTypes: b.common,
	}
	for _, p := range b.cat.Phases {
		m.Phases = append(m.Phases, PhaseInfo{ID: p.ID, Order: p.Order, FI: p.FI, EN: p.EN})
	}
	if withUnknown {
		m.Phases = append(m.Phases, PhaseInfo{ID: UnknownPhase, Order: len(m.Phases) + 1,
			FI: "Vaihe ei tiedossa", EN: "Phase not known"})
	}
	for i, p := range m.Phases {
		n := Node{ID: phaseID(p.ID), Kind: KindPhase, Phase: p.ID}
		if err := m.Graph.AddVertex(n, graph.VertexAttributes(map[string]string{
			"kind": string(KindPhase), "phase": p.ID, "order": strconv.Itoa(p.Order),
		})); err != nil {
			return nil, err
		}
		if i > 0 {
			if err := m.Graph.AddEdge(phaseID(m.Phases[i-1].ID), n.ID, graph.EdgeAttribute("kind", "next")); err != nil {
				return nil, err
			}
		}
	}
	return m, nil
}

// add attaches a document vertex to its phase.
func (m *Model) add(n Node) error {
	attrs := map[string]string{"kind": string(KindDocument), "phase": n.Phase}
	if n.Status != "" {
		attrs["status"] = string(n.Status)
	}
	if n.Code != "" {
		attrs["code"] = n.Code
		attrs["key"] = n.Key
	}
	if n.NationalPhase != "" {
		attrs["national_phase"] = n.NationalPhase
	}
	if len(n.Locals) == 1 {
		l := n.Locals[0]
		attrs["system"] = l.System
		attrs["register"] = string(l.Register)
	}
	if err := m.Graph.AddVertex(n, graph.VertexAttributes(attrs)); err != nil {
		return fmt.Errorf("stategraph: vertex %s: %w", n.ID, err)
	}
	return m.Graph.AddEdge(phaseID(n.Phase), n.ID, graph.EdgeAttribute("kind", "contains"))
}

// typeNode fills the national fields of a vertex.
func typeNode(id string, t *sosmeta.DocumentType) Node {
	return Node{
		ID:            id,
		Kind:          KindDocument,
		Key:           t.Key(),
		Code:          t.Code,
		NameFI:        t.NameFI,
		OID:           t.CodeSystem + "." + t.Code,
		TypeKind:      t.Kind,
		NationalPhase: t.Phase,
		Phase:         t.Phase,
		Common:        t.Common,
		Group:         t.IsGroup(),
	}
}

func (b *builder) knownPhase(p string) bool { return p != "" && b.cat.Phase(p) != nil }

func (b *builder) buildTarget() (*Model, error) {
	unknown := false
	for _, t := range b.target {
		if !b.knownPhase(t.Phase) {
			unknown = true
		}
	}
	m, err := b.newModel(Target, unknown)
	if err != nil {
		return nil, err
	}
	for _, t := range b.target {
		n := typeNode("type:"+t.Key(), t)
		if !b.knownPhase(n.Phase) {
			n.Phase = UnknownPhase
		}
		if err := m.add(n); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// local builds the drawn form of a document and its phase: the phase it
// gave, else its national type's default, else UnknownPhase.
func (b *builder) local(td taskDoc) (Local, string) {
	d := td.doc
	l := Local{
		Index:       td.index,
		Name:        maskHetu(d.Name),
		System:      maskHetu(d.System),
		RegisterRaw: maskHetu(d.RegisterRaw),
		Register:    d.Register,
		Medium:      d.Medium,
		Source:      shortSource(d.Source),
		PhaseGiven:  b.knownPhase(d.Phase),
	}
	if l.Name == "" {
		l.Name = maskHetu(d.NationalRaw)
	}
	phase := d.Phase
	if !l.PhaseGiven {
		phase = ""
		if td.typ != nil && b.knownPhase(td.typ.Phase) {
			phase = td.typ.Phase
		}
	}
	if phase == "" {
		phase = UnknownPhase
	}
	return l, phase
}

// shortSource keeps a source location without the file's directory:
// pictures are shared, paths on a consultant's disk are not for them.
func shortSource(loc finding.Location) finding.Location {
	if loc.File != "" {
		loc.File = filepath.Base(loc.File)
	}
	loc.File, loc.Sheet, loc.Column, loc.Key = maskHetu(loc.File), maskHetu(loc.Sheet), maskHetu(loc.Column), maskHetu(loc.Key)
	return loc
}

func (b *builder) buildCurrent() (*Model, error) {
	type placed struct {
		td    taskDoc
		l     Local
		phase string
	}
	var ps []placed
	unknown := false
	for _, td := range b.docs {
		l, phase := b.local(td)
		if phase == UnknownPhase {
			unknown = true
		}
		ps = append(ps, placed{td, l, phase})
	}
	m, err := b.newModel(Current, unknown)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		n := Node{ID: "doc:" + strconv.Itoa(p.td.index), Kind: KindDocument}
		if p.td.typ != nil {
			n = typeNode(n.ID, p.td.typ)
		}
		n.Phase = p.phase
		n.Locals = []Local{p.l}
		if err := m.add(n); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (b *builder) buildComparison() (*Model, error) {
	type slot struct {
		key, phase string
	}
	conforming := map[slot][]Local{}
	var extras []Node
	unknown := false
	for _, td := range b.docs {
		l, phase := b.local(td)
		t := td.typ
		switch {
		case t != nil && t.Current && (b.targetSet[t.Key()] != nil || t.Common):
			conforming[slot{t.Key(), phase}] = append(conforming[slot{t.Key(), phase}], l)
			if phase == UnknownPhase {
				unknown = true
			}
			continue
		}
		n := Node{ID: "doc:" + strconv.Itoa(td.index), Kind: KindDocument, Status: Extra, Reason: ReasonUnmapped}
		switch {
		case t != nil:
			n = typeNode(n.ID, t)
			n.Status = Extra
			n.Reason = ReasonOtherTask
			if !t.Current {
				n.Reason = ReasonObsolete
			} else {
				for _, id := range t.Tasks {
					if st := b.cat.Task(id); st != nil {
						n.OtherTasks = append(n.OtherTasks, TaskInfo{ID: st.ID, FI: st.FI, EN: st.EN})
					}
				}
			}
		case td.key != "":
			n.Reason = ReasonUnknown
			n.Key = td.key
		}
		n.Phase = phase
		n.Locals = []Local{l}
		if phase == UnknownPhase {
			unknown = true
		}
		extras = append(extras, n)
	}
	// A target type whose national phase is not a known phase is drawn in
	// the unknown cluster when missing.
	for _, t := range b.target {
		if !b.knownPhase(t.Phase) {
			unknown = true
		}
	}
	m, err := b.newModel(Comparison, unknown)
	if err != nil {
		return nil, err
	}
	c := &Conformance{Task: b.task.ID, TargetSteps: b.totals.Expected, Covered: b.totals.Covered, InPhase: b.totals.InPhase,
		Outside: b.totals.Outside, Documents: len(b.docs)}

	// Conforming vertices: one per (type, local phase).
	slots := make([]slot, 0, len(conforming))
	for s := range conforming {
		slots = append(slots, s)
	}
	sort.Slice(slots, func(i, j int) bool {
		if slots[i].key != slots[j].key {
			return slots[i].key < slots[j].key
		}
		return slots[i].phase < slots[j].phase
	})
	inPhase := map[string]bool{} // key → some local document is in the national phase
	present := map[string]bool{} // key → some local document
	commonUsed := map[string]bool{}
	for _, s := range slots {
		t := b.cat.ByKey(s.key)
		n := typeNode("type:"+s.key+"@"+s.phase, t)
		n.Phase = s.phase
		n.Locals = conforming[s]
		n.Status = Matched
		if b.knownPhase(t.Phase) && s.phase != t.Phase {
			n.Status = Misphased
		} else {
			inPhase[s.key] = true
		}
		present[s.key] = true
		if t.Common {
			commonUsed[s.key] = true
		}
		if err := m.add(n); err != nil {
			return nil, err
		}
	}
	for _, t := range b.target {
		k := t.Key()
		switch {
		case inPhase[k]:
			c.Matched++
		case present[k]:
			c.Misphased++
			c.MisphasedKeys = append(c.MisphasedKeys, k)
		case !b.missing[k]:
			// Coverage counts a shared type kept under another task.
			c.Elsewhere++
			n := typeNode("type:"+k, t)
			n.Status = Elsewhere
			if !b.knownPhase(n.Phase) {
				n.Phase = UnknownPhase
			}
			if err := m.add(n); err != nil {
				return nil, err
			}
		default:
			c.Missing++
			c.MissingKeys = append(c.MissingKeys, k)
			n := typeNode("type:"+k, t)
			n.Status = Missing
			if !b.knownPhase(n.Phase) {
				n.Phase = UnknownPhase
			}
			if err := m.add(n); err != nil {
				return nil, err
			}
		}
	}
	for k := range commonUsed {
		c.CommonTypes++
		if !inPhase[k] {
			c.CommonMisphased++
		}
	}
	for _, n := range extras {
		c.Extra++
		c.ExtraDocuments = append(c.ExtraDocuments, n.Locals[0].Name)
		if err := m.add(n); err != nil {
			return nil, err
		}
	}
	sort.Slice(c.MisphasedKeys, func(i, j int) bool { return codeLess(c.MisphasedKeys[i], c.MisphasedKeys[j]) })
	sort.Slice(c.MissingKeys, func(i, j int) bool { return codeLess(c.MissingKeys[i], c.MissingKeys[j]) })
	c.finish()
	m.Conformance = c
	return m, nil
}
