package stategraph

import (
	"fmt"
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

// Overview vertex kinds.
const (
	OverviewTask     = "task"
	OverviewSystem   = "system"
	OverviewRegister = "register"
)

// unassignedTask is the task vertex for documents with no service task.
const unassignedTask = "unassigned"

// OverviewNode is a vertex of the overview graph.
type OverviewNode struct {
	ID   string
	Kind string
	// Key is the task ID, the folded system name or the register kind.
	Key string
	FI  string
	EN  string
	// Register is set on register vertices.
	Register registers.Kind
	// Documents is the number of documents through the vertex.
	Documents int
	// Kinds are the distinct known register kinds the vertex's documents
	// go to (task and system vertices).
	Kinds []registers.Kind
	// Flag marks a task or system whose documents go to more than one kind
	// of register or to a health or mixed register, and a health or mixed
	// register vertex.
	Flag bool
}

// Label returns the vertex label in lang.
func (n OverviewNode) Label(l finding.Lang) string {
	if l == finding.EN && n.EN != "" {
		return n.EN
	}
	return n.FI
}

// OverviewRow is one task × system × register cell with its document count.
type OverviewRow struct {
	Task      string         `json:"task"`
	System    string         `json:"system"`
	Register  registers.Kind `json:"register"`
	Documents int            `json:"documents"`
}

// Overview is the tasks → systems → registers graph of the whole
// inventory. Edge weights are document counts.
type Overview struct {
	Graph graph.Graph[string, OverviewNode]
	// Tasks, Systems and Registers are vertex IDs in drawing order.
	Tasks, Systems, Registers []string
	// Rows are the cells, sorted by task, system, register.
	Rows []OverviewRow
	// FlaggedTasks are the IDs of flagged tasks, in drawing order.
	FlaggedTasks []string
}

// registerNames are the register vertex labels.
var registerNames = map[registers.Kind][2]string{
	registers.Social:  {"Sosiaalihuollon asiakasrekisteri", "Social welfare client register"},
	registers.Health:  {"Potilasrekisteri (terveydenhuolto)", "Patient register (health care)"},
	registers.Legacy:  {"Sosiaalihuollon ilmoitusrekisteri (254/2015)", "Social welfare notification register (254/2015)"},
	registers.Mixed:   {"Yhteinen tai sekarekisteri", "Joint or mixed register"},
	registers.Unknown: {"Rekisteri ei tiedossa", "Register not given"},
}

// registerOrder is the drawing order of register vertices.
var registerOrder = []registers.Kind{registers.Social, registers.Legacy, registers.Mixed, registers.Health, registers.Unknown}

// mixes reports whether a set of register kinds mixes registers.
func mixes(kinds map[registers.Kind]bool) bool {
	n := 0
	for k := range kinds {
		if k == registers.Health || k == registers.Mixed {
			return true
		}
		if k != registers.Unknown {
			n++
		}
	}
	return n > 1
}

func kindList(kinds map[registers.Kind]bool) []registers.Kind {
	var out []registers.Kind
	for _, k := range registerOrder {
		if kinds[k] && k != registers.Unknown {
			out = append(out, k)
		}
	}
	return out
}

// BuildOverview draws the tasks × systems × registers graph. keys are as
// in Build; a document whose task name resolved to several tasks counts
// once in each task it is drawn in.
func BuildOverview(cat *sosmeta.Catalogue, docs []inventory.Document, keys []string, cov *coverage.Result) (*Overview, error) {
	if err := checkInput(cat, docs, keys, cov); err != nil {
		return nil, err
	}
	type cell struct {
		task, system string
		reg          registers.Kind
	}
	cells := map[cell]int{}
	sysLabel := map[string]string{}
	taskKinds := map[string]map[registers.Kind]bool{}
	sysKinds := map[string]map[registers.Kind]bool{}
	tsKinds := map[[2]string]map[registers.Kind]bool{}
	taskDocs, sysDocs, regDocs := map[string]int{}, map[string]int{}, map[registers.Kind]int{}
	add := func(m map[string]map[registers.Kind]bool, k string, r registers.Kind) {
		if m[k] == nil {
			m[k] = map[registers.Kind]bool{}
		}
		m[k][r] = true
	}
	for i := range docs {
		d := &docs[i]
		sys := textnorm.Fold(d.System)
		if sys == "" && d.Medium == inventory.MediumPaper {
			sys = "(paper)"
		}
		if _, ok := sysLabel[sys]; !ok {
			sysLabel[sys] = maskHetu(d.System)
		}
		reg := d.Register
		if _, ok := registerNames[reg]; !ok {
			reg = registers.Unknown
		}
		ts := docTasks(cat, cov, i)
		if len(ts) == 0 {
			ts = []string{unassignedTask}
		}
		for _, t := range ts {
			cells[cell{t, sys, reg}]++
			taskDocs[t]++
			add(taskKinds, t, reg)
			if tsKinds[[2]string{t, sys}] == nil {
				tsKinds[[2]string{t, sys}] = map[registers.Kind]bool{}
			}
			tsKinds[[2]string{t, sys}][reg] = true
		}
		sysDocs[sys]++
		regDocs[reg]++
		add(sysKinds, sys, reg)
	}

	o := &Overview{Graph: graph.New(func(n OverviewNode) string { return n.ID }, graph.Directed(), graph.Weighted())}
	// Tasks in catalogue order, unassigned last.
	var taskIDs []string
	for _, t := range cat.Tasks {
		if taskDocs[t.ID] > 0 {
			taskIDs = append(taskIDs, t.ID)
		}
	}
	if taskDocs[unassignedTask] > 0 {
		taskIDs = append(taskIDs, unassignedTask)
	}
	for _, id := range taskIDs {
		n := OverviewNode{ID: "task:" + id, Kind: OverviewTask, Key: id, Documents: taskDocs[id],
			Kinds: kindList(taskKinds[id]), Flag: mixes(taskKinds[id])}
		if t := cat.Task(id); t != nil {
			n.FI, n.EN = t.FI, t.EN
		} else {
			n.FI, n.EN = "Palvelutehtävä puuttuu", "No service task"
		}
		if err := o.Graph.AddVertex(n, graph.VertexAttributes(map[string]string{
			"kind": OverviewTask, "documents": strconv.Itoa(n.Documents), "flag": strconv.FormatBool(n.Flag)})); err != nil {
			return nil, err
		}
		o.Tasks = append(o.Tasks, n.ID)
		if n.Flag {
			o.FlaggedTasks = append(o.FlaggedTasks, id)
		}
	}
	// Systems by label.
	var sysKeys []string
	for k := range sysDocs {
		sysKeys = append(sysKeys, k)
	}
	sort.Slice(sysKeys, func(i, j int) bool {
		a, b := sysKeys[i], sysKeys[j]
		if (a == "" || a == "(paper)") != (b == "" || b == "(paper)") {
			return b == "" || b == "(paper)" // named systems first
		}
		return a < b
	})
	for _, k := range sysKeys {
		n := OverviewNode{ID: "system:" + k, Kind: OverviewSystem, Key: k, FI: sysLabel[k], EN: sysLabel[k],
			Documents: sysDocs[k], Kinds: kindList(sysKinds[k]), Flag: mixes(sysKinds[k])}
		switch k {
		case "":
			n.FI, n.EN = "(järjestelmä ei tiedossa)", "(no system given)"
		case "(paper)":
			n.FI, n.EN = "(paperi)", "(paper)"
		}
		if err := o.Graph.AddVertex(n, graph.VertexAttributes(map[string]string{
			"kind": OverviewSystem, "documents": strconv.Itoa(n.Documents), "flag": strconv.FormatBool(n.Flag)})); err != nil {
			return nil, err
		}
		o.Systems = append(o.Systems, n.ID)
	}
	for _, r := range registerOrder {
		if regDocs[r] == 0 {
			continue
		}
		n := OverviewNode{ID: "register:" + string(r), Kind: OverviewRegister, Key: string(r), Register: r,
			FI: registerNames[r][0], EN: registerNames[r][1], Documents: regDocs[r],
			Flag: r == registers.Health || r == registers.Mixed}
		if r == registers.Unknown {
			n.ID, n.Key = "register:unknown", "unknown"
		}
		if err := o.Graph.AddVertex(n, graph.VertexAttributes(map[string]string{
			"kind": OverviewRegister, "documents": strconv.Itoa(n.Documents), "flag": strconv.FormatBool(n.Flag)})); err != nil {
			return nil, err
		}
		o.Registers = append(o.Registers, n.ID)
	}
	// Edges with document counts.
	tsCount := map[[2]string]int{}
	srCount := map[[2]string]int{}
	for c, n := range cells {
		o.Rows = append(o.Rows, OverviewRow{Task: c.task, System: c.system, Register: c.reg, Documents: n})
		tsCount[[2]string{c.task, c.system}] += n
	}
	for i := range docs {
		// system → register counts documents once, whatever their tasks.
		d := &docs[i]
		sys := textnorm.Fold(d.System)
		if sys == "" && d.Medium == inventory.MediumPaper {
			sys = "(paper)"
		}
		reg := d.Register
		if _, ok := registerNames[reg]; !ok {
			reg = registers.Unknown
		}
		srCount[[2]string{sys, regVertex(reg)}]++
	}
	sort.Slice(o.Rows, func(i, j int) bool {
		a, b := o.Rows[i], o.Rows[j]
		if a.Task != b.Task {
			return a.Task < b.Task
		}
		if a.System != b.System {
			return a.System < b.System
		}
		return a.Register < b.Register
	})
	for _, k := range sortedPairs(tsCount) {
		flag := mixes(tsKinds[k])
		if err := o.Graph.AddEdge("task:"+k[0], "system:"+k[1], graph.EdgeWeight(tsCount[k]),
			graph.EdgeAttributes(map[string]string{"documents": strconv.Itoa(tsCount[k]), "flag": strconv.FormatBool(flag)})); err != nil {
			return nil, fmt.Errorf("stategraph: overview edge: %w", err)
		}
	}
	for _, k := range sortedPairs(srCount) {
		flag := k[1] == "register:"+string(registers.Health) || k[1] == "register:"+string(registers.Mixed)
		if err := o.Graph.AddEdge("system:"+k[0], k[1], graph.EdgeWeight(srCount[k]),
			graph.EdgeAttributes(map[string]string{"documents": strconv.Itoa(srCount[k]), "flag": strconv.FormatBool(flag)})); err != nil {
			return nil, fmt.Errorf("stategraph: overview edge: %w", err)
		}
	}
	return o, nil
}

func regVertex(r registers.Kind) string {
	if r == registers.Unknown {
		return "register:unknown"
	}
	return "register:" + string(r)
}

func sortedPairs(m map[[2]string]int) [][2]string {
	out := make([][2]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	return out
}
