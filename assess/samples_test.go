package assess

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/separation"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// TestRuleSamples is the enforced good/bad harness of every rule the
// pipeline reports from inventories, plans, accepted mappings and ignore
// files (INV, TOS, MAP, COV, REG1xx, RET, IGN): each rule must declare at
// least one good and one bad sample; every bad sample must make the rule
// report, and no good sample may. The register gate's rules (EXP, REG0xx,
// IDN) run through the gate's own harness in package separation, which
// enforces the same.
func TestRuleSamples(t *testing.T) {
	gate := map[string]bool{}
	for _, r := range separation.Rules() {
		gate[r.ID] = true
	}
	for _, rule := range Rules() {
		if gate[rule.ID] {
			continue
		}
		t.Run(rule.ID, func(t *testing.T) {
			if len(rule.Samples.Good) == 0 || len(rule.Samples.Bad) == 0 {
				t.Fatalf("%s declares %d good and %d bad samples; each rule needs both", rule.ID, len(rule.Samples.Good), len(rule.Samples.Bad))
			}
			for _, s := range rule.Samples.Bad {
				if got := runSample(t, s); !got[rule.ID] {
					t.Errorf("bad sample %q: %s not reported (reported: %v)", s.Note, rule.ID, sortedKeys(got))
				}
			}
			for _, s := range rule.Samples.Good {
				if got := runSample(t, s); got[rule.ID] {
					t.Errorf("good sample %q: %s reported", s.Note, rule.ID)
				}
			}
		})
	}
}

// runSample writes a sample's inputs and runs every stage that applies to
// them, returning the rules reported.
func runSample(t *testing.T, s finding.Sample) map[string]bool {
	t.Helper()
	dir := t.TempDir()
	write := func(name, text string) string {
		if text == "" {
			return ""
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cat := sosmeta.MustDefault()
	if s.Overlay != "" {
		var err error
		if cat, err = LoadCatalogue("", write("overlay.yaml", s.Overlay)); err != nil {
			t.Fatalf("%q: overlay: %v", s.Note, err)
		}
	}
	cfg := Config{Catalogue: cat, Accepted: write("accepted.csv", s.Accepted), Ignore: write("ignore.yaml", s.Ignore),
		Profile: write("profile.yaml", s.Profile)}
	if p := write("inventory.csv", s.Inventory); p != "" {
		cfg.Inventories = []string{p}
	}
	if len(s.InventorySheets) > 0 {
		cfg.Inventories = append(cfg.Inventories, writeWorkbook(t, filepath.Join(dir, "inventory.xlsx"), s.InventorySheets))
	}
	if p := write("tos.csv", s.TOS); p != "" {
		cfg.TOS = []string{p}
	}
	if p := write("ams.csv", s.AMS); p != "" {
		cfg.AMS = []string{p}
	}
	stages := Plans
	if len(cfg.Inventories) > 0 {
		stages = Mapping | Coverage | Registers | Retention
	}
	res, err := Run(context.Background(), cfg, stages)
	if err != nil {
		t.Fatalf("sample %q does not run: %v", s.Note, err)
	}
	got := map[string]bool{}
	for _, f := range res.Run.Findings {
		got[f.RuleID] = true
	}
	return got
}

func writeWorkbook(t *testing.T, path string, sheets []finding.Sheet) string {
	t.Helper()
	f := excelize.NewFile()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), sh.Name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.Rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(sh.Name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func sortedKeys(m map[string]bool) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return strings.Join(ks, " ")
}
