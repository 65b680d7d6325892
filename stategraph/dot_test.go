package stategraph

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/sosmeta"
)

func dotOf(t *testing.T, m *Model, l finding.Lang) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteDOT(&b, m, Options{Lang: l}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDOTGolden(t *testing.T) {
	_, _, _, set := buildFixture(t)
	cw := taskGraphs(t, set, "child_welfare")
	dis := taskGraphs(t, set, "disability")
	tests := []struct {
		name string
		m    *Model
		lang finding.Lang
	}{
		{"child_welfare-current.fi.dot", cw.Current, finding.FI},
		{"child_welfare-target.fi.dot", cw.Target, finding.FI},
		{"child_welfare-comparison.fi.dot", cw.Comparison, finding.FI},
		{"child_welfare-comparison.en.dot", cw.Comparison, finding.EN},
		{"disability-comparison.fi.dot", dis.Comparison, finding.FI},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			goldenFile(t, "golden/"+tt.name, dotOf(t, tt.m, tt.lang))
		})
	}
	for _, l := range []finding.Lang{finding.FI, finding.EN} {
		var b bytes.Buffer
		if err := WriteOverviewDOT(&b, set.Overview, Options{Lang: l}); err != nil {
			t.Fatal(err)
		}
		goldenFile(t, "golden/overview."+string(l)+".dot", b.Bytes())
	}
}

// TestDOTDeterministic: building and writing twice gives the same bytes
// (maps are iterated in many places; the writer must sort).
func TestDOTDeterministic(t *testing.T) {
	cat := sosmeta.MustDefault()
	docs, keys := fixtureDocs(t, cat)
	var first []string
	for round := 0; round < 3; round++ {
		set, err := Build(cat, docs, keys, covOf(cat, docs, keys))
		if err != nil {
			t.Fatal(err)
		}
		var outs []string
		for _, tg := range set.Tasks {
			for _, v := range Views {
				outs = append(outs, string(dotOf(t, tg.Model(v), finding.FI)))
			}
		}
		var b bytes.Buffer
		if err := WriteOverviewDOT(&b, set.Overview, Options{}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b.String())
		if round == 0 {
			first = outs
			continue
		}
		for i := range outs {
			if outs[i] != first[i] {
				t.Fatalf("round %d output %d differs", round, i)
			}
		}
	}
}

func TestDOTStructure(t *testing.T) {
	_, _, _, set := buildFixture(t)
	m := taskGraphs(t, set, "child_welfare").Comparison
	dot := string(dotOf(t, m, finding.FI))

	// Phase clusters appear left to right in process order, the unknown
	// phase and the legend last.
	want := []string{"cluster_1_initiation", "cluster_2_assessment", "cluster_3_planning", "cluster_4_decision",
		"cluster_5_implementation", "cluster_6_closure", "cluster_7_unknown", "cluster_legend"}
	pos := -1
	for _, c := range want {
		i := strings.Index(dot, "subgraph "+c+" {")
		if i < 0 || i < pos {
			t.Fatalf("cluster %s missing or out of order", c)
		}
		pos = i
	}
	// Every document vertex is declared exactly once, with a tooltip.
	adj, _ := m.Graph.AdjacencyMap()
	for id := range adj {
		n, _ := m.Graph.Vertex(id)
		if n.Kind != KindDocument {
			continue
		}
		decl := regexp.MustCompile(`(?m)^\t\t` + regexp.QuoteMeta(quote(id)) + ` \[label=`)
		if got := len(decl.FindAllString(dot, -1)); got != 1 {
			t.Errorf("%s declared %d times", id, got)
		}
	}
	// The process flow: five visible arrows between the six phases plus
	// one into the unknown-phase cluster, each clipped to its clusters.
	if got := strings.Count(dot, "lhead=cluster_"); got != 6 {
		t.Errorf("%d phase arrows, want 6", got)
	}
	checks := []string{
		"rankdir=LR",
		`tooltip="11023 Päätös lapsen huostaanotosta ja sijaishuollosta (1.2.246.537.6.1506.11023)`,
		"kansallisesti:",                // misphased 11042 names its national phase,
		"4.\u00a0Päätöksenteko",         // kept on one line
		"Kattavuus 0,15",                // 7/46
		`style="rounded,filled,dashed"`, // missing
		"peripheries=2",                 // extra
		`style="filled,diagonals,bold"`, // misphased
	}
	for _, c := range checks {
		if !strings.Contains(dot, c) {
			t.Errorf("comparison DOT lacks %q", c)
		}
	}
	en := string(dotOf(t, m, finding.EN))
	for _, c := range []string{"4. Decision", "Coverage 0.15", "Matches the target", "Päätös lapsen huostaanotosta"} {
		if !strings.Contains(en, c) {
			t.Errorf("English DOT lacks %q", c)
		}
	}
}

func TestDOTLargeTaskColumns(t *testing.T) {
	// child_welfare's decision phase holds ~25 national types: they are
	// split into columns of at most 12, of equal height.
	cat := sosmeta.MustDefault()
	tg, err := BuildTask(cat, "child_welfare", nil, nil, covOf(cat, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	dot := string(dotOf(t, tg.Target, finding.FI))
	i := strings.Index(dot, "subgraph cluster_4_decision")
	j := strings.Index(dot[i:], "\n\t}\n")
	cluster := dot[i : i+j]
	ranks := regexp.MustCompile(`\{rank=same;((?: "[^"]+";)+)\}`).FindAllStringSubmatch(cluster, -1)
	n := len(tg.Target.Documents("decision"))
	if len(ranks) < 2 {
		t.Fatalf("decision phase with %d types in %d column(s)", n, len(ranks))
	}
	total := 0
	for _, r := range ranks {
		k := strings.Count(r[1], ";")
		if k > 12 {
			t.Errorf("column of %d", k)
		}
		total += k
	}
	if total != n {
		t.Errorf("columns hold %d of %d types", total, n)
	}
}

func TestQuoteAndEscape(t *testing.T) {
	tests := []struct{ in, quoted, escaped string }{
		{`plain`, `"plain"`, `plain`},
		{`a "b" \c`, `"a \"b\" \\c"`, `a &quot;b&quot; \c`},
		{"rivi\nrivi", `"rivi\nrivi"`, `rivi rivi`},
		{"<b>&amp;'", `"<b>&amp;'"`, `&lt;b&gt;&amp;amp;&#39;`},
		{"x\x00\x1fy", `"xy"`, `x  y`},
	}
	for _, tt := range tests {
		if got := quote(tt.in); got != tt.quoted {
			t.Errorf("quote(%q) = %s, want %s", tt.in, got, tt.quoted)
		}
		if got := esc(tt.in); got != tt.escaped {
			t.Errorf("esc(%q) = %s, want %s", tt.in, got, tt.escaped)
		}
	}
}

func TestColumns(t *testing.T) {
	ids := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = itoa(i)
		}
		return out
	}
	tests := []struct {
		n, max int
		want   []int
	}{
		{1, 12, []int{1}},
		{12, 12, []int{12}},
		{13, 12, []int{7, 6}},
		{25, 12, []int{9, 9, 7}},
	}
	for _, tt := range tests {
		var got []int
		for _, c := range columns(ids(tt.n), tt.max) {
			got = append(got, len(c))
		}
		if len(got) != len(tt.want) {
			t.Errorf("columns(%d, %d) = %v, want %v", tt.n, tt.max, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("columns(%d, %d) = %v, want %v", tt.n, tt.max, got, tt.want)
				break
			}
		}
	}
}

// TestDOTCapsLargePhases: a phase of hundreds of documents draws at most
// maxPhaseNodes boxes, one of them counting the rest; the comparison keeps
// every national type (issue 17: a 46,000 px picture).
func TestDOTCapsLargePhases(t *testing.T) {
	cat := sosmeta.MustDefault()
	docs, keys := benchDocs(cat, 600)
	cov := covOf(cat, docs, keys)
	tg, err := BuildTask(cat, "child_welfare", docs, keys, cov)
	if err != nil {
		t.Fatal(err)
	}
	capped := map[View]int{}
	for _, m := range []*Model{tg.Current, tg.Comparison} {
		dot := string(dotOf(t, m, finding.FI))
		for _, p := range m.Phases {
			i := strings.Index(dot, "subgraph "+clusterName(p)+" {")
			if i < 0 {
				continue
			}
			j := strings.Index(dot[i:], "\n\t}\n")
			cluster := dot[i : i+j]
			boxes := strings.Count(cluster, `" [label=`)
			all := m.Documents(p.ID)
			if len(all) <= maxPhaseNodes {
				continue
			}
			capped[m.View]++
			if boxes > maxPhaseNodes && m.View == Current {
				t.Errorf("%s %s: %d boxes for %d documents", m.View, p.ID, boxes, len(all))
			}
			more := regexp.MustCompile(`\+ (\d+) muuta asiakirjaa`).FindStringSubmatch(cluster)
			if more == nil {
				t.Errorf("%s %s: no box counts the documents left out", m.View, p.ID)
				continue
			}
			drawn := 0
			for _, n := range all {
				if strings.Contains(cluster, quote(n.ID)+" [label=") {
					drawn++
				} else if m.View == Comparison && n.Status != Extra {
					t.Errorf("comparison %s: national type %s left out", p.ID, n.Code)
				}
			}
			if n, _ := strconv.Atoi(more[1]); drawn+n != len(all) {
				t.Errorf("%s %s: %d drawn + %d counted, %d documents", m.View, p.ID, drawn, n, len(all))
			}
		}
	}
	if capped[Current] == 0 || capped[Comparison] == 0 {
		t.Errorf("no phase large enough to cap: %v", capped)
	}
}
