package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/report"
	"github.com/xuri/excelize/v2"
)

// assessSamplesTo assesses the samples into dir (no graphs: only the
// findings are compared) and returns the findings read back.
func assessSamplesTo(t *testing.T, dir string, extra ...string) *report.Result {
	t.Helper()
	args := append([]string{"assess",
		"--inventory", "../../samples/inventory.xlsx",
		"--export", "../../samples/register-export.csv",
		"--tos", "../../samples/tos.xlsx",
		"--overlay", "../../samples/overlay.yaml",
		"--organisation", "Hoivapolku Oy", "--out", dir, "--no-graphs", "--ignore", "", "-q"}, extra...)
	if r := runCLI(t, "", args...); r.code != 1 {
		t.Fatalf("assess exit %d, want 1 (the sample has errors)\nstderr:\n%s", r.code, r.stderr)
	}
	res, err := report.ReadResult(dir)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// diffOf runs `kartoitus diff --format json old new`.
func diffOf(t *testing.T, old, cur string) report.Diff {
	t.Helper()
	r := runCLI(t, "", "diff", "--format", "json", "--fail-on", "never", old, cur)
	if r.code != 0 {
		t.Fatalf("diff exit %d\nstderr:\n%s", r.code, r.stderr)
	}
	var d report.Diff
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	return d
}

// subjects names findings for comparison: the rule and what the finding
// is about (the document's row, or the key of a type-level finding).
func subjects(fs []finding.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.RuleID+" "+f.Location.Sheet+":"+itoa(f.Location.Row)+" "+f.Location.Key)
	}
	slices.Sort(out)
	return out
}

// TestFingerprintsNameDistinctSubjects: in the sample assessment two
// findings of one rule share a fingerprint only when they say the same
// thing about the same subject (the inventory lists "Hoitoneuvottelun
// muistio" twice under one task): different documents, plan rows or
// types never collide.
func TestFingerprintsNameDistinctSubjects(t *testing.T) {
	res := assessSamplesTo(t, t.TempDir())
	byFP := map[string][]finding.Finding{}
	for _, f := range res.Findings {
		if f.Fingerprint == "" {
			t.Errorf("%s %s: no fingerprint", f.RuleID, f.Location.In(finding.EN))
		}
		k := f.RuleID + "/" + f.Fingerprint
		byFP[k] = append(byFP[k], f)
	}
	shared := 0
	for k, fs := range byFP {
		if len(fs) < 2 {
			continue
		}
		shared++
		for _, f := range fs[1:] {
			if f.Message != fs[0].Message || f.Location.File != fs[0].Location.File || f.Location.Key != fs[0].Location.Key {
				t.Errorf("%s: two subjects share a fingerprint:\n  %s: %s\n  %s: %s", k,
					fs[0].Location.In(finding.EN), fs[0].Message.EN, f.Location.In(finding.EN), f.Message.EN)
			}
		}
	}
	if shared > 1 {
		t.Errorf("%d fingerprints shared, want only the sample's duplicated row", shared)
	}
}

// threeAccepted accepts three of the sample's candidates (each the top
// one offered) in a workshop's own accepted-mappings file.
const threeAccepted = "name;service_task;code;confirmed_by\n" +
	"Palvelusetelipäätös (kopio);Iäkkäiden palvelut;11000;Asiakirjatyöpaja 3.3.2025\n" +
	"Asumisen päättymisen yhteenveto;Iäkkäiden palvelut;16009;Asiakirjatyöpaja 3.3.2025\n" +
	"Valmennussuunnitelma;Työikäisten palvelut;15020;Asiakirjatyöpaja 3.3.2025\n"

// TestDiffAfterAcceptingMappings: accepting three mappings fixes their
// three MAP002 findings and the two COV001 findings of types that are now
// in the inventory, and nothing else: the documents' other findings
// (RET001, RET003, RET008 …) stay, with the fingerprints they had, so the
// diff reports no new findings and an ignore entry written for one of
// them by fingerprint still holds.
func TestDiffAfterAcceptingMappings(t *testing.T) {
	tmp := t.TempDir()
	before := filepath.Join(tmp, "before")
	old := assessSamplesTo(t, before)
	acc := filepath.Join(tmp, "accepted.csv")
	if err := os.WriteFile(acc, []byte(threeAccepted), 0o644); err != nil {
		t.Fatal(err)
	}
	after := filepath.Join(tmp, "after")
	cur := assessSamplesTo(t, after, "--accepted", acc)

	d := diffOf(t, before, after)
	want := []string{
		"COV001 :0 older_people/11000",
		"COV001 :0 working_age/15020",
		"MAP002 Asiakirjaluettelo:17 ",
		"MAP002 Asiakirjaluettelo:21 ",
		"MAP002 Asiakirjaluettelo:42 ",
	}
	if got := subjects(d.Fixed); !slices.Equal(got, want) {
		t.Errorf("fixed:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if len(d.Added) != 0 {
		t.Errorf("new findings after accepting mappings: %s", strings.Join(subjects(d.Added), "; "))
	}
	if d.Unchanged != len(old.Findings)-len(want) || len(cur.Findings) != d.Unchanged {
		t.Errorf("unchanged %d, findings %d → %d", d.Unchanged, len(old.Findings), len(cur.Findings))
	}

	// The finding of an accepted document that stays, and whose text now
	// names the accepted type, is ignored by the fingerprint it had before.
	var kept finding.Finding
	for _, f := range old.Findings {
		if f.RuleID == "RET002" && strings.Contains(f.Message.FI, `"Palvelusetelipäätös (kopio)"`) {
			kept = f
		}
	}
	if kept.Fingerprint == "" {
		t.Fatal("the sample has no RET002 for Palvelusetelipäätös (kopio)")
	}
	ign := filepath.Join(tmp, "ignore.yaml")
	if err := os.WriteFile(ign, []byte("ignore:\n  - rule: RET002\n    fingerprint: "+kept.Fingerprint+"\n    reason: AMS row in preparation\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ignored := assessSamplesTo(t, filepath.Join(tmp, "ignored"), "--accepted", acc, "--ignore", ign)
	if ignored.Suppressed != 1 || len(ignored.Findings) != len(cur.Findings)-1 {
		t.Errorf("suppressed %d, findings %d (want 1 and %d)", ignored.Suppressed, len(ignored.Findings), len(cur.Findings)-1)
	}
	for _, f := range ignored.Findings {
		if f.RuleID == finding.RuleIgnoreUnused.ID || f.Fingerprint == kept.Fingerprint {
			t.Errorf("the ignore entry did not hold: %s %s", f.RuleID, f.Message.EN)
		}
	}
}

// TestAssessOwnAcceptedFile: the accepted-mappings.csv an assessment
// writes, read back unchanged, changes no finding (the roster, the
// medication plan, the resident meeting notes and the attendance list it
// recognised as no client documents stay so, with no RET001/RET005); a
// row left blank changes nothing either; editing one row changes only
// the findings about that document (and the coverage of the type it now
// has).
func TestAssessOwnAcceptedFile(t *testing.T) {
	tmp := t.TempDir()
	before := filepath.Join(tmp, "before")
	assessSamplesTo(t, before)
	own, err := os.ReadFile(filepath.Join(before, "accepted-mappings.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		old, new string // one row's text, replaced; "" = the file unchanged
		fixed    []string
		added    []string
	}{
		{name: "unchanged"},
		{name: "a recognised row blanked",
			old: "Lääkehoitosuunnitelma;Iäkkäiden palvelut;-;;local;", new: "Lääkehoitosuunnitelma;Iäkkäiden palvelut;;;local;"},
		{name: "a code filled in",
			old: "Palvelusetelipäätös (kopio);Iäkkäiden palvelut;;;none;", new: "Palvelusetelipäätös (kopio);Iäkkäiden palvelut;11000;;none;",
			fixed: []string{"COV001 :0 older_people/11000", "MAP002 Asiakirjaluettelo:17 "}},
		{name: "a recognition confirmed as not national",
			old: "Työvuorolista;Iäkkäiden palvelut;-;;local;0.95;;;", new: "Työvuorolista;Iäkkäiden palvelut;-;;local;0.95;;Asiakirjatyöpaja 3.3.2025;",
			added: []string{"COV002 Asiakirjaluettelo:24 ", "RET001 Asiakirjaluettelo:24 ", "RET005 Asiakirjaluettelo:24 ", "RET008 Asiakirjaluettelo:24 "}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := string(own)
			if tt.old != "" {
				if !strings.Contains(text, tt.old) {
					t.Fatalf("the written file lacks %q:\n%s", tt.old, text)
				}
				text = strings.Replace(text, tt.old, tt.new, 1)
			}
			acc := filepath.Join(tmp, itoa(i)+".csv")
			if err := os.WriteFile(acc, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			after := filepath.Join(tmp, itoa(i))
			cur := assessSamplesTo(t, after, "--accepted", acc)
			for _, f := range cur.Findings {
				if f.RuleID == "MAP006" || f.RuleID == "MAP007" {
					t.Errorf("%s: %s", f.RuleID, f.Message.EN)
				}
			}
			d := diffOf(t, before, after)
			if got := subjects(d.Fixed); !slices.Equal(got, append([]string{}, tt.fixed...)) {
				t.Errorf("fixed: %q, want %q", got, tt.fixed)
			}
			if got := subjects(d.Added); !slices.Equal(got, append([]string{}, tt.added...)) {
				t.Errorf("new: %q, want %q", got, tt.added)
			}
			if tt.old == "" {
				// Written again from the same decisions, the file is the same.
				again, err := os.ReadFile(filepath.Join(after, "accepted-mappings.csv"))
				if err != nil || string(again) != text {
					t.Errorf("accepted-mappings.csv written back differs (%v)", err)
				}
			}
		})
	}
}

// TestAssessReportSheetAsAccepted: report.xlsx's mapping sheet passed back
// as --accepted keeps every decision of the run that wrote it, a "not
// national" one too (its accepted-code cell is "-", not blank).
func TestAssessReportSheetAsAccepted(t *testing.T) {
	tmp := t.TempDir()
	acc := filepath.Join(tmp, "accepted.csv")
	if err := os.WriteFile(acc, []byte("name;service_task;code;confirmed_by\n"+
		"Työvuorolista;Iäkkäiden palvelut;-;Asiakirjatyöpaja 3.3.2025\n"+
		"Palvelusetelipäätös (kopio);Iäkkäiden palvelut;11000;Asiakirjatyöpaja 3.3.2025\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(tmp, "first")
	assessSamplesTo(t, first, "--accepted", acc)
	second := filepath.Join(tmp, "second")
	assessSamplesTo(t, second, "--accepted", filepath.Join(first, "report.xlsx"))
	if d := diffOf(t, first, second); len(d.Fixed)+len(d.Added) != 0 {
		t.Errorf("the report's sheet passed back changed findings: fixed %q, new %q", subjects(d.Fixed), subjects(d.Added))
	}
}

// TestAssessReportCodeDropDown: the mapping sheet's accepted-code column
// offers the national types and "-" from a hidden list sheet, and a value
// picked from that list, passed back with --accepted, is read as the
// workshop's decision.
func TestAssessReportCodeDropDown(t *testing.T) {
	tmp := t.TempDir()
	first := filepath.Join(tmp, "first")
	assessSamplesTo(t, first)
	f, err := excelize.OpenFile(filepath.Join(first, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if vis, err := f.GetSheetVisible("Koodistot"); err != nil || vis {
		t.Fatalf("the lists sheet: visible %v, %v", vis, err)
	}
	choices, err := f.GetRows("Koodistot")
	if err != nil || len(choices) < 190 || choices[1][0] != "-" {
		t.Fatalf("lists sheet: %d rows (%v)", len(choices), err)
	}
	pick := ""
	for _, r := range choices {
		if strings.HasPrefix(r[0], "11000 ") {
			pick = r[0]
		}
	}
	dvs, err := f.GetDataValidations("Kartoitus")
	if err != nil {
		t.Fatal(err)
	}
	if len(dvs) != 1 || dvs[0].Type != "list" || !strings.HasPrefix(dvs[0].Sqref, "P2:") ||
		dvs[0].Formula1 != fmt.Sprintf("'Koodistot'!$A$2:$A$%d", len(choices)) {
		t.Fatalf("accepted-code validation: %+v", dvs)
	}
	rows, _ := f.GetRows("Kartoitus")
	if rows[0][15] != "Hyväksytty koodi" {
		t.Fatalf("column P is %q", rows[0][15])
	}
	for i, r := range rows {
		if len(r) > 3 && r[3] == "Palvelusetelipäätös (kopio)" {
			if err := f.SetCellValue("Kartoitus", fmt.Sprintf("P%d", i+1), pick); err != nil {
				t.Fatal(err)
			}
		}
	}
	edited := filepath.Join(tmp, "edited.xlsx")
	if err := f.SaveAs(edited); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(tmp, "second")
	cur := assessSamplesTo(t, second, "--accepted", edited)
	for _, f := range cur.Findings {
		if f.RuleID == "MAP006" {
			t.Errorf("%s: %s", f.RuleID, f.Message.EN)
		}
	}
	d := diffOf(t, first, second)
	if got, want := subjects(d.Fixed), []string{"COV001 :0 older_people/11000", "MAP002 Asiakirjaluettelo:17 "}; !slices.Equal(got, want) {
		t.Errorf("fixed %q, want %q", got, want)
	}
}
