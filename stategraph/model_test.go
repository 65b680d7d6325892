package stategraph

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/analyzer/coverage"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

func buildFixture(t *testing.T) (*sosmeta.Catalogue, []inventory.Document, []string, *Set) {
	t.Helper()
	cat := sosmeta.MustDefault()
	docs, keys := fixtureDocs(t, cat)
	set, err := Build(cat, docs, keys, covOf(cat, docs, keys))
	if err != nil {
		t.Fatal(err)
	}
	return cat, docs, keys, set
}

func taskGraphs(t *testing.T, set *Set, task string) *TaskGraphs {
	t.Helper()
	for _, tg := range set.Tasks {
		if tg.Task.ID == task {
			return tg
		}
	}
	t.Fatalf("task %s not built", task)
	return nil
}

func vertex(t *testing.T, m *Model, id string) Node {
	t.Helper()
	n, err := m.Graph.Vertex(id)
	if err != nil {
		t.Fatalf("%s %s: no vertex %s", m.Task.ID, m.View, id)
	}
	return n
}

func TestBuildTasksPresent(t *testing.T) {
	_, docs, _, set := buildFixture(t)
	var got []string
	for _, tg := range set.Tasks {
		got = append(got, tg.Task.ID)
	}
	// Catalogue order; older_people is not drawn although "Omaishoidon
	// tuki" resolves to it, because that document's type is disability's.
	if want := []string{"disability", "child_welfare"}; !reflect.DeepEqual(got, want) {
		t.Errorf("tasks = %v, want %v", got, want)
	}
	if len(set.Unplaced) != 1 || docs[set.Unplaced[0]].Name != "Yleinen neuvontakirjaus" {
		t.Errorf("unplaced = %v, want the one document without a task", set.Unplaced)
	}
}

func TestConformance(t *testing.T) {
	cat, _, _, set := buildFixture(t)
	tests := []struct {
		task string
		want Conformance
	}{
		{"child_welfare", Conformance{
			Task:        "child_welfare",
			TargetSteps: len(cat.TypesForTask("child_welfare")),
			// 4009, 11023, 11027, 15009, and 11035 (no phase given: its
			// national default counts as in phase).
			Matched: 5,
			// 11042 and 15002 are kept in implementation only.
			Misphased: 2,
			Missing:   len(cat.TypesForTask("child_welfare")) - 7,
			// unmapped ×3, another task's type, obsolete, unknown code.
			Extra:         6,
			CommonTypes:   3, // 4019, 16009, 19005
			Documents:     16,
			MisphasedKeys: []string{"11042", "15002"},
			ExtraDocuments: []string{"Lastensuojelutarpeen selvitys", "Terveydenhoitajan lausunto",
				"Vammaispalvelupäätös (virheellinen tehtävä)", "Toimintakykyarvio", "Vanha lomake", "Muistiinpanot"},
		}},
		{"disability", Conformance{
			Task:           "disability",
			TargetSteps:    len(cat.TypesForTask("disability")),
			Matched:        3, // 3013, 1013, 15023 (from the legacy task name)
			Missing:        len(cat.TypesForTask("disability")) - 3,
			Extra:          1,
			Documents:      4,
			MisphasedKeys:  []string{},
			ExtraDocuments: []string{"Kuljetuspalvelupäätös"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.task, func(t *testing.T) {
			got := taskGraphs(t, set, tt.task).Conformance
			want := tt.want
			// The figures are coverage's (same assignment, computed once).
			want.Covered, want.InPhase, want.Outside = want.Matched+want.Misphased+want.Elsewhere, want.Matched, want.Extra
			want.Fitness = round3(float64(want.Covered) / float64(want.TargetSteps))
			want.PhaseFitness = round3(float64(want.InPhase) / float64(want.TargetSteps))
			got.MissingKeys = nil // checked below
			if !reflect.DeepEqual(got, want) {
				t.Errorf("conformance\n got %+v\nwant %+v", got, want)
			}
		})
	}
	// Missing keys are exactly the target minus what is present.
	c := taskGraphs(t, set, "child_welfare").Conformance
	present := map[string]bool{"4009": true, "11023": true, "11027": true, "15009": true, "11035": true, "11042": true, "15002": true}
	var want []string
	for _, d := range cat.TypesForTask("child_welfare") {
		if !present[d.Key()] {
			want = append(want, d.Key())
		}
	}
	got := append([]string(nil), c.MissingKeys...)
	if len(got) != len(want) {
		t.Fatalf("missing keys %v, want %v", got, want)
	}
	seen := map[string]bool{}
	for _, k := range got {
		seen[k] = true
	}
	for _, k := range want {
		if !seen[k] {
			t.Errorf("missing key %s not reported", k)
		}
	}
}

func TestComparisonVertices(t *testing.T) {
	_, docs, _, set := buildFixture(t)
	m := taskGraphs(t, set, "child_welfare").Comparison
	idx := func(name string) string {
		for i, d := range docs {
			if d.Name == name {
				return "doc:" + itoa(i)
			}
		}
		t.Fatalf("no document %q", name)
		return ""
	}
	tests := []struct {
		id            string
		status        Status
		phase         string
		nationalPhase string
		reason        ExtraReason
	}{
		{"type:11023@decision", Matched, "decision", "decision", ""},
		{"type:11035@decision", Matched, "decision", "decision", ""},
		{"type:11042@implementation", Misphased, "implementation", "decision", ""},
		{"type:15002@implementation", Misphased, "implementation", "planning", ""},
		{"type:19005@implementation", Matched, "implementation", "implementation", ""},
		{"type:3004", Missing, "initiation", "initiation", ""},
		{idx("Lastensuojelutarpeen selvitys"), Extra, "assessment", "", ReasonUnmapped},
		{idx("Vammaispalvelupäätös (virheellinen tehtävä)"), Extra, "decision", "decision", ReasonOtherTask},
		{idx("Toimintakykyarvio"), Extra, "assessment", "assessment", ReasonObsolete},
		{idx("Vanha lomake"), Extra, UnknownPhase, "", ReasonUnknown},
		{idx("Muistiinpanot"), Extra, UnknownPhase, "", ReasonUnmapped},
	}
	for _, tt := range tests {
		n := vertex(t, m, tt.id)
		if n.Status != tt.status || n.Phase != tt.phase || n.NationalPhase != tt.nationalPhase || n.Reason != tt.reason {
			t.Errorf("%s: status %s phase %s national %s reason %s; want %s %s %s %s",
				tt.id, n.Status, n.Phase, n.NationalPhase, n.Reason, tt.status, tt.phase, tt.nationalPhase, tt.reason)
		}
		// Every document vertex hangs off its phase vertex.
		if _, err := m.Graph.Edge(phaseID(n.Phase), n.ID); err != nil {
			t.Errorf("%s: no contains edge from phase %s", tt.id, n.Phase)
		}
	}
	// A matched type absent from the comparison's missing set, and vice versa.
	if _, err := m.Graph.Vertex("type:11023"); err == nil {
		t.Error("11023 is present, yet drawn as missing too")
	}
	// The unknown-phase cluster is drawn last, after closure.
	if last := m.Phases[len(m.Phases)-1]; last.ID != UnknownPhase {
		t.Errorf("last phase %s, want %s", last.ID, UnknownPhase)
	}
	// Phases are chained in order.
	for i := 1; i < len(m.Phases); i++ {
		if _, err := m.Graph.Edge(phaseID(m.Phases[i-1].ID), phaseID(m.Phases[i].ID)); err != nil {
			t.Errorf("no edge %s → %s", m.Phases[i-1].ID, m.Phases[i].ID)
		}
	}
	// Status counts agree with the figures.
	counts := m.Counts()
	c := m.Conformance
	if counts[Extra] != c.Extra || counts[Missing] != c.Missing || counts[Misphased] != c.Misphased {
		t.Errorf("vertex counts %v disagree with %+v", counts, c)
	}
	if counts[Matched] != c.Matched+c.CommonTypes-c.CommonMisphased {
		t.Errorf("matched vertices %d, want %d", counts[Matched], c.Matched+c.CommonTypes)
	}
}

func TestTargetAndCurrent(t *testing.T) {
	cat, docs, _, set := buildFixture(t)
	tg := taskGraphs(t, set, "child_welfare")
	target := tg.Target.Counts()[""]
	if want := len(cat.TypesForTask("child_welfare")); target != want {
		t.Errorf("target draws %d types, want %d", target, want)
	}
	for _, p := range tg.Target.Phases {
		if p.ID == UnknownPhase {
			t.Error("target has an unknown-phase cluster though every type has a phase")
		}
	}
	if tg.Target.CommonTypes == 0 {
		t.Error("target does not count the common types it leaves out")
	}
	// Current: one vertex per local document, in the phase it gave.
	if got := tg.Current.Counts()[""]; got != tg.Conformance.Documents {
		t.Errorf("current draws %d documents, want %d", got, tg.Conformance.Documents)
	}
	for i, d := range docs {
		n, err := tg.Current.Graph.Vertex("doc:" + itoa(i))
		if d.Task() != "child_welfare" {
			if err == nil {
				t.Errorf("%s drawn in child_welfare", d.Name)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s not drawn", d.Name)
			continue
		}
		loc := n.Locals[0]
		if loc.System != d.System || loc.Register != d.Register || loc.PhaseGiven != (d.Phase != "") {
			t.Errorf("%s: local %+v", d.Name, loc)
		}
		if d.Phase != "" && n.Phase != d.Phase {
			t.Errorf("%s drawn in %s, gave %s", d.Name, n.Phase, d.Phase)
		}
	}
	jh := vertex(t, tg.Current, "doc:8") // Jälkihuoltopäätös: no phase, mapped
	if jh.Phase != "decision" || jh.Locals[0].PhaseGiven {
		t.Errorf("no-phase document: phase %s given %v, want national default decision", jh.Phase, jh.Locals[0].PhaseGiven)
	}
}

func TestBuildTaskAbsent(t *testing.T) {
	cat := sosmeta.MustDefault()
	docs, keys := fixtureDocs(t, cat)
	tg, err := BuildTask(cat, "family_law", docs, keys, covOf(cat, docs, keys))
	if err != nil {
		t.Fatal(err)
	}
	c := tg.Conformance
	if c.Documents != 0 || c.Matched != 0 || c.Missing != c.TargetSteps || c.Fitness != 0 {
		t.Errorf("absent task: %+v", c)
	}
}

func TestBuildErrors(t *testing.T) {
	cat := sosmeta.MustDefault()
	docs, keys := fixtureDocs(t, cat)
	if _, err := Build(cat, docs, keys[:3], covOf(cat, docs, keys)); err == nil || !strings.Contains(err.Error(), "mapping keys") {
		t.Errorf("mismatched keys: err = %v", err)
	}
	if _, err := Build(nil, docs, keys, covOf(sosmeta.MustDefault(), docs, keys)); err == nil {
		t.Error("nil catalogue: no error")
	}
	if _, err := BuildTask(cat, "no_such_task", docs, keys, covOf(cat, docs, keys)); err == nil {
		t.Error("unknown task: no error")
	}
	// Nothing at all still draws nothing, without error.
	set, err := Build(cat, nil, nil, covOf(cat, nil, nil))
	if err != nil || len(set.Tasks) != 0 || len(set.Overview.Tasks) != 0 {
		t.Errorf("empty: %v %+v", err, set)
	}
}

func TestMaskHetu(t *testing.T) {
	cat := sosmeta.MustDefault()
	docs := []inventory.Document{{
		Name:         "Muistio 010190-123A asiakkaasta",
		ServiceTasks: []string{"child_welfare"},
		System:       "Lifecare 131052-308T",
		Register:     registers.Social,
	}}
	tg, err := BuildTask(cat, "child_welfare", docs, []string{""}, covOf(cat, docs, []string{""}))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []*Model{tg.Current, tg.Comparison} {
		n := vertex(t, m, "doc:0")
		for _, s := range []string{n.Locals[0].Name, n.Locals[0].System} {
			if strings.Contains(s, "123A") || strings.Contains(s, "308T") {
				t.Errorf("%s: personal identity code not masked: %q", m.View, s)
			}
		}
	}
	if got := tg.Conformance.ExtraDocuments[0]; strings.Contains(got, "123A") {
		t.Errorf("conformance leaks a personal identity code: %q", got)
	}
}

func TestOverview(t *testing.T) {
	_, _, _, set := buildFixture(t)
	ov := set.Overview
	if want := []string{"task:disability", "task:child_welfare", "task:unassigned"}; !reflect.DeepEqual(ov.Tasks, want) {
		t.Errorf("tasks %v, want %v", ov.Tasks, want)
	}
	if want := []string{"child_welfare"}; !reflect.DeepEqual(ov.FlaggedTasks, want) {
		t.Errorf("flagged %v, want %v", ov.FlaggedTasks, want)
	}
	tests := []struct {
		from, to string
		weight   int
		flag     string
	}{
		{"task:child_welfare", "system:lifecare", 12, "false"},
		{"task:child_welfare", "system:pegasos", 2, "true"},
		{"task:child_welfare", "system:(paper)", 2, "false"},
		{"task:disability", "system:lifecare", 4, "false"},
		{"system:lifecare", "register:social", 17, "false"},
		{"system:pegasos", "register:health", 1, "true"},
		{"system:pegasos", "register:mixed", 1, "true"},
		{"system:(paper)", "register:unknown", 2, "false"},
	}
	for _, tt := range tests {
		e, err := ov.Graph.Edge(tt.from, tt.to)
		if err != nil {
			t.Errorf("no edge %s → %s", tt.from, tt.to)
			continue
		}
		if e.Properties.Weight != tt.weight || e.Properties.Attributes["flag"] != tt.flag {
			t.Errorf("%s → %s: weight %d flag %s, want %d %s", tt.from, tt.to, e.Properties.Weight, e.Properties.Attributes["flag"], tt.weight, tt.flag)
		}
	}
	sys, _ := ov.Graph.Vertex("system:pegasos")
	if !sys.Flag || !reflect.DeepEqual(sys.Kinds, []registers.Kind{registers.Mixed, registers.Health}) {
		t.Errorf("pegasos: %+v", sys)
	}
	// Every document is counted once on the system → register side.
	total := 0
	for _, id := range ov.Registers {
		n, _ := ov.Graph.Vertex(id)
		total += n.Documents
	}
	if total != len(fixture)+1 {
		t.Errorf("registers count %d documents, want %d", total, len(fixture)+1)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestRoles: a roster the mapping knows is not a client document is no
// step of the current state, and a producer's target leaves out what only
// the authority writes (issue 14).
func TestRoles(t *testing.T) {
	cat := sosmeta.MustDefault()
	docs := []inventory.Document{
		{Name: "Hoito- ja kasvatussuunnitelma", ServiceTasks: []string{"child_welfare"}, Phase: "planning"},
		{Name: "Työvuorolista", ServiceTasks: []string{"child_welfare"}},
	}
	mr := &mapping.Result{Matches: []mapping.Match{{Doc: 0, Key: "15010", Method: mapping.MethodExact}, {Doc: 1, Method: mapping.MethodLocal}}}
	nodes := func(m *Model) (out []Node) {
		for _, p := range m.Phases {
			out = append(out, m.Documents(p.ID)...)
		}
		return out
	}
	steps := func(m *Model) (names []string) {
		for _, n := range nodes(m) {
			for _, l := range n.Locals {
				names = append(names, l.Name)
			}
		}
		return names
	}
	for _, producer := range []bool{false, true} {
		cov := coverage.Compute(cat, docs, mr, coverage.Options{Producer: producer})
		tg, err := BuildTask(cat, "child_welfare", docs, []string{"15010", ""}, cov)
		if err != nil {
			t.Fatal(err)
		}
		if got := steps(tg.Current); slices.Contains(got, "Työvuorolista") {
			t.Errorf("the roster is a step of the current state: %v", got)
		}
		hasCare := false
		for _, n := range nodes(tg.Target) {
			hasCare = hasCare || n.Code == "11023"
		}
		if hasCare == producer {
			t.Errorf("producer %v: 11023 in the target = %v", producer, hasCare)
		}
	}
}
