package stategraph

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/kartoitus/kartoitus/analyzer/coverage"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// update rewrites golden files: go test ./stategraph -update
var update = flag.Bool("update", false, "rewrite golden files")

// row is a compact hand-built inventory row with its mapping key.
type row struct {
	task, name, key, phase, system, register string
	medium                                   inventory.Medium
}

// fixture is a small fictional child-welfare and disability inventory
// exercising every status: matched, misphased (15002, 11042), extra
// (unmapped, another task's type, obsolete, unknown key), a common type,
// no phase given (national default and unknown cluster), a health and a
// mixed register, a paper document, a legacy multi-task name, and a
// document with no task.
var fixture = []row{
	{"child_welfare", "Lastensuojeluilmoitus", "4009", "initiation", "Lifecare", "Sosiaalihuollon asiakasrekisteri", ""},
	{"child_welfare", "Ennakollinen ls-ilmoitus", "4019", "initiation", "Lifecare", "asiakasrekisteri", ""},
	{"child_welfare", "Lastensuojelutarpeen selvitys", "", "assessment", "Lifecare", "asiakasrekisteri", ""},
	{"child_welfare", "Huostaanottopäätös", "11023", "decision", "Lifecare", "asiakasrekisteri", ""},
	{"child_welfare", "Päätös kiireellisestä sijoituksesta", "11027", "decision", "Lifecare", "asiakasrekisteri", ""},
	{"child_welfare", "Asiakassuunnitelma (LS)", "15009", "planning", "Lifecare", "asiakasrekisteri", ""},
	{"child_welfare", "Hoito- ja kasvatussuunnitelma", "15002", "implementation", "Lifecare", "asiakasrekisteri", ""},
	{"child_welfare", "Sijaishuoltopaikan muutos", "11042", "implementation", "Lifecare", "asiakasrekisteri", ""},
	{"child_welfare", "Jälkihuoltopäätös", "11035", "", "Lifecare", "asiakasrekisteri", ""},
	{"child_welfare", "Sosiaalihuollon yhteenveto", "16009", "closure", "Lifecare", "asiakasrekisteri", ""},
	{"child_welfare", "Terveydenhoitajan lausunto", "", "assessment", "Pegasos", "potilasrekisteri", ""},
	{"child_welfare", "Perhetyön käyntikirjaus", "19005", "implementation", "Pegasos", "yhteinen sote-rekisteri", ""},
	{"child_welfare", "Vammaispalvelupäätös (virheellinen tehtävä)", "11040", "decision", "Lifecare", "asiakasrekisteri", ""},
	{"child_welfare", "Toimintakykyarvio", "1020", "assessment", "Lifecare", "asiakasrekisteri", ""},
	{"child_welfare", "Vanha lomake", "99999", "", "", "", inventory.MediumPaper},
	{"child_welfare", "Muistiinpanot", "", "", "", "", inventory.MediumPaper},
	{"disability", "Vammaispalveluhakemus", "3013", "initiation", "Lifecare", "asiakasrekisteri", ""},
	{"disability", "Palvelutarpeen arvio (VPL)", "1013", "assessment", "Lifecare", "asiakasrekisteri", ""},
	{"disability", "Kuljetuspalvelupäätös", "", "decision", "Lifecare", "asiakasrekisteri", ""},
	{"", "Yleinen neuvontakirjaus", "19003", "implementation", "Lifecare", "asiakasrekisteri", ""},
}

// fixtureDocs turns the fixture into documents and mapping keys. The
// legacy name "Omaishoidon tuki" resolves to two tasks; its document is
// mapped to a disability type, so it is drawn in disability only.
func fixtureDocs(t testing.TB, cat *sosmeta.Catalogue) ([]inventory.Document, []string) {
	t.Helper()
	var docs []inventory.Document
	var keys []string
	for i, r := range fixture {
		d := inventory.Document{
			Source:         finding.Location{File: "testdata/inventaario.xlsx", Sheet: "Kartoitus", Row: i + 2},
			ServiceTaskRaw: r.task,
			Name:           r.name,
			NationalRaw:    r.key,
			PhaseRaw:       r.phase,
			Phase:          cat.ResolvePhase(r.phase),
			System:         r.system,
			RegisterRaw:    r.register,
			Register:       registers.Classify(r.register),
			Medium:         r.medium,
		}
		if r.task != "" {
			d.ServiceTasks = cat.ResolveTask(r.task)
		}
		docs = append(docs, d)
		keys = append(keys, r.key)
	}
	docs = append(docs, inventory.Document{
		Source:         finding.Location{File: "testdata/inventaario.xlsx", Sheet: "Kartoitus", Row: len(fixture) + 2},
		ServiceTaskRaw: "Omaishoidon tuki",
		ServiceTasks:   cat.ResolveTask("Omaishoidon tuki"),
		Name:           "VPL-asiakassuunnitelma",
		Phase:          "planning",
		System:         "Lifecare",
		RegisterRaw:    "asiakasrekisteri",
		Register:       registers.Social,
	})
	keys = append(keys, "15023")
	return docs, keys
}

// goldenFile compares got with testdata/<name>, rewriting it with -update.
func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
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
		t.Errorf("%s differs from the golden file (run go test ./stategraph -update if intended)\n--- got ---\n%s", name, got)
	}
}

// covOf computes coverage from mapping keys, as the pipeline does from the
// mapping result: the graphs place documents and take figures from it.
func covOf(cat *sosmeta.Catalogue, docs []inventory.Document, keys []string) *coverage.Result {
	mr := &mapping.Result{Matches: make([]mapping.Match, len(docs))}
	for i := range docs {
		mr.Matches[i] = mapping.Match{Doc: i, Key: keys[i], Method: mapping.MethodExact}
		if keys[i] == "" {
			mr.Matches[i].Method = mapping.MethodNone
		}
	}
	return coverage.Compute(cat, docs, mr, coverage.Options{})
}
