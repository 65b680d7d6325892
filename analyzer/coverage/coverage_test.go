package coverage

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the golden file (run with -update if intended)\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

func doc(row int, name, phase string, tasks ...string) inventory.Document {
	return inventory.Document{Source: finding.Location{File: "inv.csv", Row: row}, Name: name, Phase: phase, ServiceTasks: tasks}
}

func testInventory() *inventory.Inventory {
	return &inventory.Inventory{Documents: []inventory.Document{
		doc(2, "Lastensuojeluilmoitus", "initiation", "child_welfare"),                    // 0 present 4009
		doc(3, "LS-ilmoitus", "initiation", "child_welfare"),                              // 1 duplicate 4009
		doc(4, "Huostaanottopäätös", "planning", "child_welfare"),                         // 2 misphased 11023
		doc(5, "Työlista", "", "child_welfare"),                                           // 3 extra, accepted as local
		doc(6, "Asiakassuunnitelma", "planning", "child_welfare"),                         // 4 present 15009
		doc(7, "Iäkkäiden palvelupäätös", "decision", "child_welfare"),                    // 5 wrong task 11000
		doc(8, "Kotihoidon päätös", "decision", "older_people"),                           // 6 present 11000
		doc(9, "Sosiaalihuollon yhteenveto", "closure"),                                   // 7 no task: "" row
		doc(10, "Perhetyön suunnitelma", "planning", "families"),                          // 8 present 15014
		doc(11, "Täydentävän tai ehkäisevän toimeentulotuen hakemus", "", "older_people"), // 9 multi-task 3012
		doc(12, "Suunnitelma", "planning", "child_welfare"),                               // 10 undecided
	}}
}

func runCoverage(t *testing.T, inv *inventory.Inventory, opts Options) (*Result, *analyzer.Run) {
	t.Helper()
	cat := sosmeta.MustDefault()
	acc, err := mapping.ParseAccepted("acc.csv", strings.NewReader("name;service_task;code\nTyölista;Lastensuojelu;-\n"), cat)
	if err != nil {
		t.Fatal(err)
	}
	res, err := analyzer.Execute(analyzer.Input{Catalogue: cat, Inventory: inv},
		[]analyzer.Option{mapping.Analyzer.With(mapping.Options{Accepted: acc}), Analyzer.With(opts)}, Analyzer)
	if err != nil {
		t.Fatal(err)
	}
	cr, _ := Analyzer.Result(res)
	return cr, res
}

func TestCoverage(t *testing.T) {
	cr, res := runCoverage(t, testInventory(), Options{})
	var tasks []string
	for _, tc := range cr.Tasks {
		tasks = append(tasks, tc.Task)
		if len(tc.Cells) != len(cr.Phases) {
			t.Errorf("task %q has %d cells, want %d", tc.Task, len(tc.Cells), len(cr.Phases))
		}
	}
	if want := []string{"families", "older_people", "child_welfare", ""}; !reflect.DeepEqual(tasks, want) {
		t.Fatalf("tasks = %q, want %q (inventoried tasks in catalogue order, then none)", tasks, want)
	}
	cw := cr.Task("child_welfare")
	if got := cw.Cell("initiation").Duplicates; len(got) != 1 || got[0].Key != "4009" || !reflect.DeepEqual(got[0].Docs, []int{0, 1}) {
		t.Errorf("duplicates = %+v, want 4009 on docs 0 and 1", got)
	}
	if got := cw.Cell("decision").Misphased; len(got) != 1 || got[0] != (Misphased{Doc: 2, Key: "11023", Local: "planning", National: "decision"}) {
		t.Errorf("misphased = %+v", got)
	}
	if got := cw.Cell("decision").WrongTask; !reflect.DeepEqual(got, []int{5}) {
		t.Errorf("wrong task = %v, want [5]", got)
	}
	if got := cw.Cell("").Extra; !reflect.DeepEqual(got, []int{3}) {
		t.Errorf("extra in the no-phase cell = %v, want [3]", got)
	}
	if got := cw.Cell("planning"); !reflect.DeepEqual(got.Extra, []int{10}) || !reflect.DeepEqual(got.Undecided, []int{10}) {
		t.Errorf("planning extra/undecided = %v/%v, want [10]/[10]", got.Extra, got.Undecided)
	}
	missing := map[string]bool{}
	for _, c := range cw.Cells {
		for _, k := range c.Missing {
			missing[k] = true
		}
	}
	for _, k := range []string{"3007", "1006", "11027"} {
		if !missing[k] {
			t.Errorf("child welfare: %s should be missing", k)
		}
	}
	for _, k := range []string{"4009", "11023", "15009", "4019", "1019"} {
		if missing[k] {
			t.Errorf("child welfare: %s reported missing (present or common)", k)
		}
	}
	if cw.Totals.Expected != len(sosmeta.MustDefault().TypesForTask("child_welfare")) || cw.Totals.Missing != cw.Totals.Expected-3 {
		t.Errorf("totals = %+v", cw.Totals)
	}
	// 3012 is a multi-task type present under older_people: not missing
	// in families.
	for _, c := range cr.Task("families").Cells {
		for _, k := range c.Missing {
			if k == "3012" || k == "15014" {
				t.Errorf("families: %s reported missing", k)
			}
		}
	}
	// 15012 (older people, disability, families) is missing everywhere: it
	// is missing in each of its tasks the inventory covers, so every task's
	// figure is Expected − Covered.
	where := map[string]bool{}
	for _, tc := range cr.Tasks {
		for _, c := range tc.Cells {
			for _, k := range c.Missing {
				if k == "15012" {
					where[tc.Task] = true
				}
			}
		}
	}
	if !reflect.DeepEqual(where, map[string]bool{"older_people": true, "families": true}) {
		t.Errorf("15012 missing under %v, want older_people and families", where)
	}
	for _, tc := range cr.Tasks {
		if tc.Task != "" && tc.Totals.Missing != tc.Totals.Expected-tc.Totals.Covered {
			t.Errorf("%s: missing %d ≠ expected %d − covered %d", tc.Task, tc.Totals.Missing, tc.Totals.Expected, tc.Totals.Covered)
		}
		if tc.Totals.InPhase > tc.Totals.Covered {
			t.Errorf("%s: in phase %d > covered %d", tc.Task, tc.Totals.InPhase, tc.Totals.Covered)
		}
	}
	// The task-less summary sits in the "" row, with no missing types.
	if none := cr.Task(""); none == nil || none.Totals.Present != 1 || none.Totals.Missing != 0 {
		t.Errorf(`"" row = %+v`, none)
	}

	counts := map[string]int{}
	for _, f := range res.Findings {
		counts[f.RuleID]++
	}
	if counts["COV002"] != 1 || counts["COV003"] != 1 || counts["COV004"] != 1 || counts["COV005"] != 1 {
		t.Errorf("finding counts = %v, want one each of COV002..COV005", counts)
	}
	if counts["COV001"] != cw.Totals.Missing+cr.Task("families").Totals.Missing+cr.Task("older_people").Totals.Missing {
		t.Errorf("COV001 = %d, not one per missing type", counts["COV001"])
	}
	b, err := json.MarshalIndent(cr, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "coverage.json", append(b, '\n'))
}

// TestCoverageLegacyTaskCountsOnce: a legacy task name resolving to
// several tasks counts a document under the task its type belongs to, or
// the default one; it does not open rows for the other tasks.
func TestCoverageLegacyTaskCountsOnce(t *testing.T) {
	cat := sosmeta.MustDefault()
	kotipalvelut := cat.ResolveTask("Kotipalvelut")
	if len(kotipalvelut) < 2 {
		t.Fatalf("Kotipalvelut resolves to %v, want several tasks", kotipalvelut)
	}
	inv := &inventory.Inventory{Documents: []inventory.Document{
		doc(2, "Lapsiperheiden palvelupäätös", "decision", kotipalvelut...), // families only
		doc(3, "Sosiaalihuollon yhteenveto", "closure", kotipalvelut...),    // common: default task
		doc(4, "Työlista", "", kotipalvelut...),                             // unmapped: default task
	}}
	cr, res := runCoverage(t, inv, Options{})
	var tasks []string
	for _, tc := range cr.Tasks {
		tasks = append(tasks, tc.Task)
	}
	want := []string{"families", kotipalvelut[0]}
	slices.Sort(want)
	want = slices.Compact(want)
	slices.Sort(tasks)
	if !slices.Equal(tasks, want) {
		t.Fatalf("task rows %v, want %v", tasks, want)
	}
	for _, f := range res.Findings {
		if f.RuleID == "COV005" {
			t.Errorf("legacy multi-task name gave a wrong-task finding: %+v", f)
		}
	}
}

func TestCoverageAllTasks(t *testing.T) {
	cr, _ := runCoverage(t, testInventory(), Options{AllTasks: true})
	if len(cr.Tasks) != len(sosmeta.MustDefault().Tasks)+1 {
		t.Errorf("AllTasks: %d task rows, want every task plus the no-task row", len(cr.Tasks))
	}
	if fl := cr.Task("family_law"); fl == nil || fl.Totals.Missing != fl.Totals.Expected || fl.Totals.Expected == 0 {
		t.Errorf("family_law with no documents should miss all its types: %+v", fl)
	}
}

func TestCoverageEmptyInventory(t *testing.T) {
	cr, res := runCoverage(t, &inventory.Inventory{}, Options{})
	if len(cr.Tasks) != 0 || len(cr.Phases) != 7 {
		t.Errorf("empty inventory: %+v", cr)
	}
	for _, f := range res.Findings {
		if strings.HasPrefix(f.RuleID, "COV") {
			t.Errorf("unexpected finding %+v", f)
		}
	}
}

// TestCoverageProducer: a producer is not told it lacks the documents only
// the organising authority writes (the decision to take a child into care,
// the application to the administrative court); they are listed as the
// organiser's instead, and the figure counts the rest (issue 14).
func TestCoverageProducer(t *testing.T) {
	inv := &inventory.Inventory{Documents: []inventory.Document{doc(2, "Hoito- ja kasvatussuunnitelma", "planning", "child_welfare")}}
	org, _ := runCoverage(t, inv, Options{})
	prod, run := runCoverage(t, inv, Options{Producer: true})
	o, p := org.Task("child_welfare"), prod.Task("child_welfare")
	if o == nil || p == nil {
		t.Fatal("no child welfare row")
	}
	if !slices.Contains(p.Organisers, "11023") || !slices.Contains(p.Organisers, "3004") || len(o.Organisers) != 0 {
		t.Errorf("organisers' types: producer %v, authority %v", p.Organisers, o.Organisers)
	}
	if p.Totals.Expected+len(p.Organisers) != o.Totals.Expected || p.Totals.Covered != o.Totals.Covered {
		t.Errorf("producer expects %d (+%d the organiser's), authority %d", p.Totals.Expected, len(p.Organisers), o.Totals.Expected)
	}
	for _, f := range run.Findings {
		if f.RuleID == "COV001" && (strings.Contains(f.Message.EN, "11023") || strings.Contains(f.Message.EN, "3004 ")) {
			t.Errorf("producer told it lacks an authority's document: %s", f.Message.EN)
		}
	}
}
