package retention

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

func withOverlay(t *testing.T, yaml string) *sosmeta.Catalogue {
	t.Helper()
	cat, err := sosmeta.Load("")
	if err != nil {
		t.Fatal(err)
	}
	o, err := sosmeta.ParseOverlay("overlay.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.Apply(o); err != nil {
		t.Fatal(err)
	}
	return cat
}

func find(fs []finding.Finding, id string) *finding.Finding {
	for i := range fs {
		if fs[i].RuleID == id {
			return &fs[i]
		}
	}
	return nil
}

func TestPlanPresence(t *testing.T) {
	cat := sosmeta.MustDefault()
	withDigi := func(e tos.Entry, d string) tos.Entry { e.Digitisation = d; return e }
	cases := []struct {
		name    string
		doc     inventory.Document
		key     string
		entries []tos.Entry
		want    []string
		says    string // a phrase the first finding's English message must hold
	}{
		{name: "electronic without TOS", doc: doc(2, "Huostaanottopäätös", "child_welfare", inventory.MediumElectronic), key: "11023",
			want: []string{"RET001"}, says: `"2 vuotta asiakkaan kuolemasta"`},
		{name: "unknown medium taken as electronic", doc: doc(2, "Huostaanottopäätös", "child_welfare", inventory.MediumUnknown), key: "11023",
			want: []string{"RET001"}, says: "taken to be electronic"},
		{name: "TOS entry only for another task", doc: doc(2, "Iäkkään arvio", "older_people", inventory.MediumElectronic), key: "1000",
			entries: []tos.Entry{entry(5, tos.TOS, "1000", "Iäkkään arvio", "disability", "10", "asian sulkemisesta")},
			want:    []string{"RET001", "RET005", "RET006", "RET012"}, says: "only for other service tasks (Disability services)"}, // the row itself is checked under disability, where this case's closing comes before the last case's
		{name: "paper with AMS and digitisation decision", doc: doc(2, "Iäkkään arvio", "older_people", inventory.MediumPaper), key: "1000",
			entries: []tos.Entry{withDigi(entry(5, tos.AMS, "1000", "", "", "10", "asian sulkemisesta"), "digitoidaan saapuessa")}},
		{name: "paper without AMS", doc: doc(2, "Iäkkään arvio", "older_people", inventory.MediumPaper), key: "1000",
			want: []string{"RET002", "RET003"}, says: "no AMS entry"},
		{name: "both media, TOS only", doc: doc(2, "Iäkkään arvio", "older_people", inventory.MediumBoth), key: "1000",
			entries: []tos.Entry{entry(5, tos.TOS, "1000", "", "", "10", "asian sulkemisesta")},
			want:    []string{"RET002", "RET003"}},
		{name: "AMS entry does not satisfy the TOS, but its period is checked", doc: doc(2, "Iäkkään arvio", "older_people", inventory.MediumElectronic), key: "1000",
			entries: []tos.Entry{entry(5, tos.AMS, "1000", "", "", "6", "asian sulkemisesta")},
			want:    []string{"RET001", "RET005"}},
		{name: "arrives on paper", doc: func() inventory.Document {
			d := doc(2, "Hakemus", "older_people", inventory.MediumElectronic)
			d.MediumRaw = "sähköinen (saapuu paperilla)"
			return d
		}(), key: "3005",
			entries: []tos.Entry{entry(5, tos.TOS, "3005", "", "", "10", "asian sulkemisesta")},
			want:    []string{"RET003"}, says: "arrives on paper"},
		{name: "matched by local name", doc: doc(2, "Omaishoidon sopimus", "older_people", inventory.MediumElectronic),
			entries: []tos.Entry{entry(5, tos.TOS, "", "omaishoidon  SOPIMUS", "older_people", "10", "asian sulkemisesta")}},
		{name: "matched by national name as specifier", doc: doc(2, "Palvelutarpeen arvio (iäkkäät)", "older_people", inventory.MediumElectronic), key: "1000",
			entries: []tos.Entry{entry(5, tos.TOS, "", "Iäkkäiden palvelutarpeen arvio", "", "10", "asian sulkemisesta")}},
		{name: "inventory columns as the TOS", doc: func() inventory.Document {
			d := doc(2, "Huostaanottopäätös", "child_welfare", inventory.MediumElectronic)
			d.RetentionRaw, d.RetentionYears, d.HasRetention, d.RetentionStart = "2", 2, true, "asiakkaan kuolemasta"
			return d
		}(), key: "11023"},
		{name: "inventory columns shorter than the law", doc: func() inventory.Document {
			d := doc(2, "Lapsen ja perheen palvelutarpeen arvio", "families", inventory.MediumElectronic)
			d.RetentionRaw, d.RetentionYears, d.HasRetention, d.RetentionStart = "10", 10, true, "asian sulkemisesta"
			return d
		}(), key: "1005", want: []string{"RET005"}, says: "the inventory's retention"},
		{name: "inventory reference only", doc: func() inventory.Document {
			d := doc(2, "Huostaanottopäätös", "child_welfare", inventory.MediumElectronic)
			d.TOSRef = "x"
			return d
		}(), key: "11023", want: []string{"RET011"}, says: `TOS reference "x"`},
		{name: "inventory reference naming a row", doc: func() inventory.Document {
			d := doc(2, "Perhehoidon sopimus", "child_welfare", inventory.MediumElectronic)
			d.TOSRef = "perhehoitosopimus"
			return d
		}(), entries: []tos.Entry{entry(5, tos.TOS, "", "Perhehoitosopimus", "child_welfare", "2", "asiakkaan kuolemasta")}},
		{name: "inventory reference to a one-row task class names no row", doc: func() inventory.Document {
			d := doc(2, "Perhehoidon sopimus", "child_welfare", inventory.MediumElectronic)
			d.TOSRef = "05 02  03"
			return d
		}(), entries: []tos.Entry{func() tos.Entry {
			e := entry(5, tos.TOS, "", "Perhehoitosopimus", "child_welfare", "2", "asiakkaan kuolemasta")
			e.Class = "05 02 03"
			return e
		}()}, want: []string{"RET001", "RET012"}, says: `reference "05 02  03" is a task class (1 row in the plan)`},
		{name: "start not understood", doc: doc(2, "Iäkkään arvio", "older_people", inventory.MediumElectronic), key: "1000",
			entries: []tos.Entry{entry(5, tos.TOS, "1000", "", "", "10", "tarpeen mukaan")},
			want:    []string{"RET011"}, says: "not understood"},
		{name: "records-management start the annex never uses", doc: doc(2, "Maksusitoumus", "older_people", inventory.MediumElectronic), key: "9001",
			entries: []tos.Entry{entry(5, tos.TOS, "9001", "", "", "10", "Tilikauden päättyminen")},
			want:    []string{"RET005", "RET006"}, says: `start event ("Tilikauden päättyminen") can come before the law's (case closing)`},
		{name: "inventory period without a start is not a finding", doc: func() inventory.Document {
			d := doc(2, "Iäkkään arvio", "older_people", inventory.MediumBoth)
			d.RetentionRaw, d.RetentionYears, d.HasRetention = "10", 10, true
			return d
		}(), key: "1000", want: []string{"RET003"}},
		{name: "inventory period below the law, both media: reported once", doc: func() inventory.Document {
			d := doc(2, "Iäkkään arvio", "older_people", inventory.MediumBoth)
			d.RetentionRaw, d.RetentionYears, d.HasRetention = "6", 6, true
			return d
		}(), key: "1000", want: []string{"RET003", "RET005"}},
		{name: "unmapped document: the note says the annex may not apply", doc: func() inventory.Document {
			d := doc(2, "Työvuorolista", "older_people", inventory.MediumElectronic)
			d.RetentionRaw, d.RetentionYears, d.HasRetention = "2", 2, true
			return d
		}(), want: []string{"RET005"}, says: "if it is not a client document"},
		{name: "class reference shared by several rows matches none", doc: func() inventory.Document {
			d := doc(2, "Tulohaastattelu", "older_people", inventory.MediumElectronic)
			d.TOSRef = "05 04 02"
			return d
		}(), entries: []tos.Entry{
			func() tos.Entry {
				e := entry(5, tos.TOS, "", "HOPA", "", "10", "asian sulkemisesta")
				e.Class = "05 04 02"
				return e
			}(),
			func() tos.Entry {
				e := entry(6, tos.TOS, "", "RAI", "", "10", "asian sulkemisesta")
				e.Class = "05 04 02"
				return e
			}(),
		}, want: []string{"RET001", "RET012"}, says: `reference "05 04 02" is a task class (2 rows in the plan)`},
		{name: "retention not a period", doc: doc(2, "Iäkkään arvio", "older_people", inventory.MediumElectronic), key: "1000",
			entries: []tos.Entry{entry(5, tos.TOS, "1000", "", "", "30 v / 12 v kuolemasta", "")},
			want:    []string{"RET004"}, says: "not a number of years"},
		{name: "longer with an archival basis is fine", doc: doc(2, "Iäkkään arvio", "older_people", inventory.MediumElectronic), key: "1000",
			entries: []tos.Entry{func() tos.Entry {
				e := entry(5, tos.TOS, "1000", "", "", "50", "asian sulkemisesta")
				e.RetentionBasis = "Valtionarkiston päätös 1989, osa 5"
				return e
			}()}},
		{name: "no service task", doc: doc(2, "Muistiinpanot", "", inventory.MediumElectronic),
			want: []string{"RET001", "RET009"}, says: "service task missing"},
		{name: "no service task, paper", doc: doc(2, "Muistiinpanot", "", inventory.MediumPaper),
			want: []string{"RET002", "RET003", "RET009"}},
		{name: "task from the national type's default", doc: doc(2, "Huostaanottopäätös", "", inventory.MediumElectronic), key: "11023",
			entries: []tos.Entry{entry(5, tos.TOS, "11023", "", "", "2", "asiakkaan kuolemasta")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inv := &inventory.Inventory{Documents: []inventory.Document{c.doc}}
			keys := map[int]string{}
			if c.key != "" {
				keys[0] = c.key
			}
			_, fs := Analyze(cat, inv, &tos.Plan{Entries: c.entries}, mres(keys))
			got := ruleIDs(fs)
			if !slices.Equal(got, c.want) {
				for _, f := range fs {
					t.Log(f.RuleID, f.Location, f.Message.EN)
				}
				t.Fatalf("findings %v, want %v", got, c.want)
			}
			if c.says != "" && !strings.Contains(fs[0].Message.EN, c.says) && !strings.Contains(fs[len(fs)-1].Message.EN, c.says) {
				t.Errorf("message %q does not say %q", fs[0].Message.EN, c.says)
			}
			for _, f := range fs {
				if f.Location.File == "" || f.Location.Row == 0 {
					t.Errorf("%s has no file/row: %+v", f.RuleID, f.Location)
				}
			}
		})
	}
}

func TestArchivalOverlay(t *testing.T) {
	cat := withOverlay(t, `
archival:
  - id: KA-LS-PAATOKSET
    basis: "AL/20064/07.01.01.03.01/2014"
    tasks: [child_welfare]
    kinds: [Päätös, Suunnitelma]
  - id: KA-8-18-28
    basis: "AL/20064/07.01.01.03.01/2014 (8/18/28)"
    tasks: [older_people]
    birth_days: [8, 18, 28]
retention:
  - id: R703-05
    text: "Päihdehuollon palvelutehtävä (paikallinen arkistointipäätös)"
    period: "pysyvästi"
    years: -1
    start: none
    tasks: [substance_abuse]
`)
	cases := []struct {
		name      string
		docName   string
		task, key string
		ret       string
		basis     string
		want      []string
		says      string
	}{
		{"decision fixed-term where archived", "Huostaanottopäätös", "child_welfare", "11023", "2", "", []string{"RET008"}, "KA-LS-PAATOKSET"},
		{"decision permanent where archived", "Huostaanottopäätös", "child_welfare", "11023", "-1", "", nil, ""},
		{"kind not covered", "LS-ilmoituksen arvio", "child_welfare", "1006", "-1", "", []string{"RET007"}, "no archival decision covers"},
		{"unmapped decision by local name", "Sijoituspäätös", "child_welfare", "", "2", "", []string{"RET008"}, "orders permanent"},
		{"birth days not mentioned", "Iäkkään arvio", "older_people", "1000", "10", "703/2023", []string{"RET008"}, "day 8, 18 or 28"},
		{"birth days mentioned", "Iäkkään arvio", "older_people", "1000", "10", "703/2023; 8., 18. ja 28. pv syntyneet pysyvästi", nil, ""},
		{"permanent for all where only birth days", "Iäkkään arvio", "older_people", "1000", "-1", "", []string{"RET007"}, "only for clients born on day 8, 18 or 28"},
		{"overlay rule says permanent", "Päihdearvio", "substance_abuse", "1008", "10", "", []string{"RET008"}, "R703-05"},
		{"overlay rule permanent kept", "Päihdearvio", "substance_abuse", "1008", "-1", "", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inv := &inventory.Inventory{Documents: []inventory.Document{doc(3, c.docName, c.task, inventory.MediumElectronic)}}
			keys := map[int]string{}
			if c.key != "" {
				keys[0] = c.key
			}
			e := entry(7, tos.TOS, c.key, c.docName, "", c.ret, "")
			e.RetentionBasis = c.basis
			if c.task == "child_welfare" {
				e.RetentionStart, e.Start = "asiakkaan kuolemasta", sosmeta.StartClientDeath
			} else {
				e.RetentionStart, e.Start = "asian sulkemisesta", sosmeta.StartCaseClosed
			}
			_, fs := Analyze(cat, inv, &tos.Plan{Entries: []tos.Entry{e}}, mres(keys))
			if got := ruleIDs(fs); !slices.Equal(got, c.want) {
				for _, f := range fs {
					t.Log(f.RuleID, f.Message.EN)
				}
				t.Fatalf("findings %v, want %v", got, c.want)
			}
			if c.says != "" && !strings.Contains(fs[0].Message.EN, c.says) {
				t.Errorf("message %q does not say %q", fs[0].Message.EN, c.says)
			}
			if f := find(fs, "RET008"); f != nil && !strings.Contains(f.Basis, "AL/20064") && !strings.Contains(f.Basis, "overlay.yaml") {
				t.Errorf("RET008 basis %q does not cite the decision", f.Basis)
			}
		})
	}
}

func TestUnusedEntries(t *testing.T) {
	cat := sosmeta.MustDefault()
	inv := &inventory.Inventory{Documents: []inventory.Document{doc(2, "Huostaanottopäätös", "child_welfare", inventory.MediumElectronic)}}
	plan := &tos.Plan{Entries: []tos.Entry{
		entry(4, tos.TOS, "11023", "Huostaanottopäätös", "child_welfare", "2", "asiakkaan kuolemasta"),
		entry(5, tos.TOS, "", "Kokouspöytäkirja", "", "-1", ""),
	}}
	res, fs := Analyze(cat, inv, plan, mres(map[int]string{0: "11023"}))
	if !slices.Equal(res.UnusedEntries, []int{1}) {
		t.Fatalf("unused %v, want [1]", res.UnusedEntries)
	}
	f := find(fs, "RET012")
	if f == nil || f.Location.Row != 5 || !strings.Contains(f.Message.FI, "Kokouspöytäkirja") {
		t.Fatalf("RET012 = %+v", f)
	}
}

// TestInventoryPeriodIsNoPlanRow: once a TOS file is read, the inventory's
// own retention column no longer counts as the document's TOS row, but
// its period is still compared with the law.
func TestInventoryPeriodIsNoPlanRow(t *testing.T) {
	cat := sosmeta.MustDefault()
	d := doc(2, "PTA", "disability", inventory.MediumElectronic)
	d.RetentionRaw, d.RetentionYears, d.HasRetention = "5", 5, true
	inv := &inventory.Inventory{Documents: []inventory.Document{d}}
	other := entry(9, tos.TOS, "1000", "", "older_people", "10", "asian sulkemisesta")
	_, fs := Analyze(cat, inv, &tos.Plan{Entries: []tos.Entry{other}}, mres(map[int]string{0: "1013"}))
	if got := ruleIDs(fs); !slices.Equal(got, []string{"RET001", "RET005", "RET012"}) {
		t.Fatalf("findings %v", got)
	}
	if f := find(fs, "RET001"); !strings.Contains(f.Message.EN, `The inventory's retention "5" does not replace a TOS entry`) {
		t.Errorf("RET001: %s", f.Message.EN)
	}
	if f := find(fs, "RET005"); f.Location.File != "inv.csv" || f.Location.Column != "Säilytysaika" {
		t.Errorf("RET005 at %+v", f.Location)
	}
	// Without a TOS file the same inventory row is the plan.
	_, fs = Analyze(cat, inv, nil, mres(map[int]string{0: "1013"}))
	if got := ruleIDs(fs); !slices.Equal(got, []string{"RET005"}) {
		t.Fatalf("without a plan file: %v", got)
	}
}

// TestUnmatchedEntryChecked: a plan row no document matches is still
// compared with the law by its own class or task.
func TestUnmatchedEntryChecked(t *testing.T) {
	cat := sosmeta.MustDefault()
	inv := &inventory.Inventory{Documents: []inventory.Document{doc(2, "KTT-sopimus", "working_age", inventory.MediumPaper)}}
	e := entry(41, tos.TOS, "", "Kuntouttavan työtoiminnan sopimus", "", "6", "asian sulkemisesta")
	e.Class, e.ServiceTasks, e.TasksInferred = "05 06 06", tos.HelsinkiClassTasks("05 06 06"), true
	_, fs := Analyze(cat, inv, &tos.Plan{Entries: []tos.Entry{e}}, nil)
	f := find(fs, "RET005")
	if f == nil || f.Location.Row != 41 || f.ServiceTask != "working_age" ||
		!strings.Contains(f.Message.EN, `TOS entry "Kuntouttavan työtoiminnan sopimus" (05 06 06; Services for working-age people (service task inferred)), matching no inventory document`) {
		t.Fatalf("RET005 = %+v\nall: %v", f, ruleIDs(fs))
	}
	if u := find(fs, "RET012"); u == nil || !strings.Contains(u.Message.EN, "compared with the law by its own type") {
		t.Fatalf("RET012 = %+v", u)
	}
}

// TestNoHetuInOutput: a personal identity code typed into a document name
// or a plan cell never reaches a message or the draft in full.
func TestNoHetuInOutput(t *testing.T) {
	cat := sosmeta.MustDefault()
	d := doc(2, "Päätös 131052-308T", "child_welfare", inventory.MediumElectronic)
	d.RetentionRaw, d.RetentionYears, d.HasRetention = "1 v 131052-308T", 1, true
	e := entry(5, tos.TOS, "11023", "Päätös 131052-308T", "", "1", "131052-308T kuolemasta")
	e.Class, e.ServiceTaskRaw, e.Publicity = "05 02", "Lastensuojelu 131052-308T", "131052-308T"
	res, fs := Analyze(cat, &inventory.Inventory{Documents: []inventory.Document{d}}, &tos.Plan{Entries: []tos.Entry{e}}, mres(map[int]string{0: "11023"}))
	var b bytes.Buffer
	if err := res.Draft.WriteCSV(&b, finding.FI); err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		b.WriteString(f.Message.FI + f.Message.EN + f.Basis)
	}
	if len(fs) == 0 || strings.Contains(b.String(), "308T") {
		t.Fatalf("henkilötunnus leaked (or nothing reported):\n%s", b.String())
	}
}

// TestFingerprintStable: findings keep their fingerprints when rows move,
// so ignore entries survive a re-sorted inventory or TOS.
func TestFingerprintStable(t *testing.T) {
	cat := sosmeta.MustDefault()
	run := func(docRow, entryRow int) []string {
		inv := &inventory.Inventory{Documents: []inventory.Document{doc(docRow, "LS-ilmoituksen arvio", "child_welfare", inventory.MediumBoth)}}
		plan := &tos.Plan{Entries: []tos.Entry{entry(entryRow, tos.TOS, "1006", "", "", "1", "")}}
		_, fs := Analyze(cat, inv, plan, mres(map[int]string{0: "1006"}))
		var out []string
		for _, f := range fs {
			out = append(out, f.RuleID+" "+f.Fingerprint)
		}
		slices.Sort(out)
		return out
	}
	a, b := run(2, 3), run(40, 90)
	if len(a) < 3 || !slices.Equal(a, b) {
		t.Fatalf("fingerprints changed with row numbers:\n%v\n%v", a, b)
	}
}

func TestRulesDeclared(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] || !strings.HasPrefix(r.ID, "RET") {
			t.Errorf("rule ID %q duplicate or outside RET", r.ID)
		}
		seen[r.ID] = true
		if r.Title.FI == "" || r.Title.EN == "" || r.Basis == "" {
			t.Errorf("%s: needs FI and EN titles and a basis", r.ID)
		}
	}
	// Each rule implies one status of the document it is reported on; a
	// new rule must be given one here, and the checks must agree.
	want := map[string]Status{
		"RET001": StatusMissing, "RET002": StatusMissing, "RET003": StatusOK, "RET004": StatusMissing,
		"RET005": StatusDiffers, "RET006": StatusDiffers, "RET007": StatusDiffers, "RET008": StatusDiffers,
		"RET009": StatusNoRule, "RET010": StatusDiffers, "RET011": StatusUnverified,
		"RET012": StatusOK, // reported on a plan row, not a document
		"RET013": StatusUnverified,
		"RET014": StatusOrganiser,
	}
	for id := range seen {
		w, ok := want[id]
		if !ok {
			t.Errorf("%s: no expected status; decide what the rule implies for a document", id)
			continue
		}
		if got := statusOf(id); got != w {
			t.Errorf("statusOf(%s) = %s, want %s", id, got, w)
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("%s has an expected status but is not a declared rule", id)
		}
	}
}

// scenario is a small organisation: an overlay with the 8/18/28 rule, an
// inventory, the mapping and a partial TOS/AMS.
func scenario(t *testing.T) (*sosmeta.Catalogue, *inventory.Inventory, *tos.Plan, *mapping.Result) {
	t.Helper()
	cat := withOverlay(t, `
archival:
  - id: KA-8-18-28
    basis: "AL/20064/07.01.01.03.01/2014"
    tasks: [older_people]
    birth_days: [8, 18, 28]
`)
	docs := []inventory.Document{
		doc(2, "Lastensuojeluilmoitus", "child_welfare", inventory.MediumElectronic),
		doc(3, "Huostaanottopäätös", "child_welfare", inventory.MediumBoth),
		doc(4, "Sijaishuoltopäätös", "child_welfare", inventory.MediumElectronic),
		doc(5, "Palvelutarpeen arvio", "older_people", inventory.MediumElectronic),
		doc(6, "Asiakasmaksupäätös", "older_people", inventory.MediumPaper),
		doc(7, "Asiakkuusasiakirja", "", inventory.MediumElectronic),
		doc(8, "Tositteet", "working_age", inventory.MediumPaper),
		doc(9, "Isyysselvitys", "family_law", inventory.MediumElectronic),
		doc(10, "Muistiinpanot", "", inventory.MediumUnknown),
	}
	keys := map[int]string{0: "4009", 1: "11023", 2: "11023", 3: "1000", 5: "group:1", 7: "7016"}
	plan := &tos.Plan{Entries: []tos.Entry{
		entry(2, tos.TOS, "4009", "Lastensuojeluilmoitus", "child_welfare", "2", "asiakkaan kuolemasta"),
		entry(3, tos.TOS, "11023", "Huostaanottopäätös", "child_welfare", "10", "Asian lopullinen ratkaisu"),
		func() tos.Entry {
			e := entry(4, tos.AMS, "11023", "Huostaanottopäätös", "child_welfare", "-1", "")
			e.Digitisation, e.Publicity, e.PersonalData = "ei digitoida", "Salassa pidettävä", "Sisältää arkaluonteisia henkilötietoja"
			return e
		}(),
		entry(5, tos.TOS, "1000", "Palvelutarpeen arvio", "older_people", "10", "asian sulkemisesta"),
		entry(6, tos.TOS, "group:1", "Asiakkuusasiakirja", "", "2 vuotta asiakkaan kuolemasta", ""),
		entry(7, tos.TOS, "", "Kokouspöytäkirja", "", "-1", ""),
	}}
	return cat, &inventory.Inventory{Documents: docs}, plan, mres(keys)
}

// TestScenario runs a small organisation through the analysis and
// compares findings and the TOS draft with golden files.
func TestScenario(t *testing.T) {
	cat, inv, plan, m := scenario(t)
	res, fs := Analyze(cat, inv, plan, m)

	finding.Sort(fs)
	var b bytes.Buffer
	for _, f := range fs {
		fmt.Fprintf(&b, "%s %s %s | %s\n  fi: %s\n  en: %s\n  basis: %s\n", f.RuleID, f.Severity, f.Location, f.Fingerprint, f.Message.FI, f.Message.EN, f.Basis)
	}
	goldenFile(t, "scenario_findings.txt", b.String())

	var csvFI, csvEN bytes.Buffer
	if err := res.Draft.WriteCSV(&csvFI, finding.FI); err != nil {
		t.Fatal(err)
	}
	if err := res.Draft.WriteCSV(&csvEN, finding.EN); err != nil {
		t.Fatal(err)
	}
	goldenFile(t, "scenario_draft_fi.csv", csvFI.String())
	goldenFile(t, "scenario_draft_en.csv", csvEN.String())

	// Row by row: one row per national type (or annex group) and task.
	type want struct {
		task, key, rule string
		years           int
		status          Status
	}
	wants := []want{
		{"", "group:1", "R703-01", 2, StatusOK},
		{"older_people", "1000", "R703-04", 10, StatusDiffers}, // 8/18/28 not mentioned
		{"older_people", "", "R703-10", 12, StatusMissing},     // Asiakasmaksupäätös: no AMS
		{"working_age", "", "R703-09", 3, StatusMissing},
		{"child_welfare", "4009", "R703-07", 2, StatusOK},
		{"child_welfare", "11023", "R703-07", 2, StatusDiffers},
		{"family_law", "7016", "R703-08a", 120, StatusMissing},
	}
	var got []want
	for _, r := range res.Draft.Rows {
		got = append(got, want{r.ServiceTask, r.Key, r.RuleID, r.Years, r.Status})
	}
	slices.SortFunc(got, func(a, b want) int { return strings.Compare(a.task+a.key+a.rule, b.task+b.key+b.rule) })
	slices.SortFunc(wants, func(a, b want) int { return strings.Compare(a.task+a.key+a.rule, b.task+b.key+b.rule) })
	if !slices.Equal(got, wants) {
		t.Errorf("draft rows\n got %v\nwant %v", got, wants)
	}
	for _, r := range res.Draft.Rows {
		if r.Key == "11023" {
			if r.Medium != "both" || r.Plans != "TOS, AMS" || r.Publicity != "Salassa pidettävä" ||
				!slices.Equal(r.LocalNames, []string{"Huostaanottopäätös", "Sijaishuoltopäätös"}) {
				t.Errorf("11023 row: %+v", r)
			}
		}
	}
}

func goldenFile(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden file (run with -update if intended)\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// A document the mapping knows is not a client document (a staff roster,
// a patient record) is outside the 703/2023 annex: no retention findings.
func TestLocalDocumentsNotChecked(t *testing.T) {
	cat := sosmeta.MustDefault()
	inv := &inventory.Inventory{Documents: []inventory.Document{
		doc(2, "Työvuorolista", "older_people", inventory.MediumElectronic),
		doc(3, "Kotihoidon muistiinpanot", "older_people", inventory.MediumElectronic),
	}}
	m := &mapping.Result{Matches: []mapping.Match{
		{Doc: 0, Method: mapping.MethodLocal, Confidence: 0.95},
		{Doc: 1, Method: mapping.MethodNone},
	}}
	res, fs := Analyze(cat, inv, nil, m)
	if res.Documents[0].Status != StatusNotClient {
		t.Errorf("local document status %s, want %s", res.Documents[0].Status, StatusNotClient)
	}
	for _, f := range fs {
		if f.Location.Row == 2 {
			t.Errorf("local document reported: %s %s", f.RuleID, f.Message.EN)
		}
	}
	if res.Documents[1].Status == StatusNotClient || len(res.Documents[1].Findings) == 0 {
		t.Errorf("an unmapped (not known local) document must still be checked: %+v", res.Documents[1])
	}
}
