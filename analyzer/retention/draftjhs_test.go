package retention

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

const jhsSchema = "../../tos/testdata/jhs191/Skeema_TOS_kooste.xsd"

// xmllintJHS191 validates a file against the JHS 191 schema; without
// xmllint it skips, except in CI, where it fails.
func xmllintJHS191(t *testing.T, path string) {
	t.Helper()
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint not found: CI must install libxml2-utils to validate the JHS 191 XML")
		}
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	if out, err := exec.Command(lint, "--noout", "--nonet", "--schema", jhsSchema, path).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}

// TestDraftJHS191RoundTrip: the scenario's TOS draft as JHS 191 XML is
// valid against the schema, matches the golden file, and read back as the
// organisation's TOS it satisfies the law for every row it holds: the
// draft is a plan the analysis passes.
func TestDraftJHS191RoundTrip(t *testing.T) {
	cat, inv, plan, m := scenario(t)
	res, _ := Analyze(cat, inv, plan, m)
	var b bytes.Buffer
	left, err := res.Draft.WriteJHS191(&b, cat, JHSOptions{Organisation: "Esimerkki Oy", Date: "2025-11-02"})
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("rows left out: %+v", left)
	}
	goldenFile(t, "scenario_draft.xml", b.String())
	path := filepath.Join(t.TempDir(), "tos.xml")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := tos.ReadFile(path, cat, tos.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Rejected)+len(back.Notes) != 0 {
		t.Errorf("reading the draft back: rejected %v notes %v", back.Rejected, back.Notes)
	}
	res2, fs := Analyze(cat, inv, back, m)
	for _, f := range fs {
		switch f.RuleID {
		case "RET003", "RET009": // digitisation and a document without a task are not about the plan's periods
		case "RET001":
			if f.Location.Row != 10 { // Muistiinpanot: no service task, so no law period and no row
				t.Errorf("%s %s", f.RuleID, f.Message.EN)
			}
		default:
			t.Errorf("the draft read back as the TOS: %s %s: %s", f.RuleID, f.Location, f.Message.EN)
		}
	}
	for _, r := range res2.Draft.Rows {
		if r.Status != StatusOK {
			t.Errorf("row %s %s: %s %v", r.ServiceTask, r.Key, r.Status, r.Findings)
		}
	}
	xmllintJHS191(t, path)
}

// TestDraftJHS191Contents: the XML carries the codes the tool has, no
// others; the defaults it had to fill; permanent rows where an archival
// decision keeps every document; the rows it could not write.
func TestDraftJHS191Contents(t *testing.T) {
	cat := withOverlay(t, `
archival:
  - id: KA-LS
    basis: "AL/20064/07.01.01.03.01/2014"
    tasks: [child_welfare]
    kinds: [Päätös]
`)
	inv := &inventory.Inventory{Documents: []inventory.Document{
		doc(2, "Huostaanottopäätös", "child_welfare", inventory.MediumElectronic),
		doc(3, "Iäkkään arvio", "older_people", inventory.MediumPaper),
		doc(4, "Muistiinpanot", "", inventory.MediumElectronic),
		doc(5, "Adoptoitavan lapsen taustatiedot", "family_law", inventory.MediumElectronic),
	}}
	res, _ := Analyze(cat, inv, nil, mres(map[int]string{0: "11023", 1: "1000", 3: "16000"}))
	p, left := res.Draft.JHS191(cat, JHSOptions{})
	if len(left) != 0 {
		t.Errorf("left %+v", left) // Muistiinpanot has no national type: no draft row at all
	}
	byTask := map[string]tos.JHSClass{}
	for _, c := range p.Classes {
		byTask[c.Extension.ServiceTask] = c
	}
	cw, old, fam := byTask["child_welfare"], byTask["older_people"], byTask["family_law"]
	if cw.Code != "10" || old.Code != "" || !strings.Contains(old.Description, "Koodia ei ole työkalun tiedoissa") {
		t.Errorf("class codes: %q %q %q", cw.Code, old.Code, old.Description)
	}
	rec := cw.Process.Actions[0].Records[0]
	if rec.Retention.Years != "-1" || rec.Retention.Start != "" || !strings.Contains(rec.Retention.Basis, "KA-LS") {
		t.Errorf("archived decision %+v", rec.Retention)
	}
	if rec.Restriction.Publicity != "3" || !slices.ContainsFunc(rec.Extension.Notes, func(n string) bool { return strings.Contains(n, "oletus") }) ||
		!strings.Contains(p.Info, "oletus 3 (Salassa pidettävä)") {
		t.Errorf("defaults not said: %+v %q", rec, p.Info)
	}
	arvio := old.Process.Actions[0].Records[0]
	if arvio.Retention.Years != "10" || arvio.Retention.Start != "Asian sulkeminen" || arvio.Extension.Medium != "paper" {
		t.Errorf("older people's assessment %+v %+v", arvio.Retention, arvio.Extension)
	}
	adopt := fam.Process.Actions[0].Records[0]
	if adopt.Retention.Years != "120" || !strings.Contains(adopt.Retention.Basis, "Adoptiolaki 22/2012 § 92: vähintään 100 vuotta niiden laatimisesta (AL22-92)") {
		t.Errorf("adoption %+v", adopt.Retention)
	}
	// A row without a law period is not written, and said.
	res.Draft.Rows = append(res.Draft.Rows, DraftRow{ServiceTask: "", Key: "x", Code: "x", NameFI: "Tuntematon"})
	p, left = res.Draft.JHS191(cat, JHSOptions{})
	if len(left) != 1 || !strings.Contains(p.Info, "Ilman lain säilytysaikaa (ei kirjoitettu") {
		t.Errorf("left %v, info %q", left, p.Info)
	}
	// Nothing to write at all is an error, not an invalid file.
	var b bytes.Buffer
	if _, err := (&Draft{}).WriteJHS191(&b, cat, JHSOptions{}); err == nil || b.Len() != 0 {
		t.Errorf("empty draft: %v, %d bytes", err, b.Len())
	}
	_ = sosmeta.Permanent
}
