package retention

import (
	"slices"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

// TestLegacyLoss: a document under an old task name whose 254/2015 annex
// line kept it permanently warns (RET013) unless a recorded archival
// decision keeps at least as much; current names never do.
func TestLegacyLoss(t *testing.T) {
	kp := `
archival:
  - id: KA-KP
    basis: "AL/20064/07.01.01.03.01/2014"
    legacy_tasks: [Kotipalvelut]
    kinds: [Päätös, Suunnitelma, Asiakaskertomusmerkintä]
    birth_days: [8, 18, 28]
`
	only81828 := `
archival:
  - id: KA-TI
    basis: "AL/20064/07.01.01.03.01/2014"
    tasks: [working_age]
    birth_days: [8, 18, 28]
`
	for _, tc := range []struct {
		name, overlay, doc, task, key string
		want                          bool
		says                          string
	}{
		{"Kotipalvelut decision", "", "Kotipalvelupäätös", "Kotipalvelut", "11000", true, "decisions, plans and client narratives of clients born on the 8th, 18th or 28th"},
		{"Kotipalvelut decision, decision recorded", kp, "Kotipalvelupäätös", "Kotipalvelut", "11000", false, ""},
		{"Kotipalvelut notification: the line does not reach it", "", "Ilmoitus sosiaalihuollon tarpeesta", "Kotipalvelut", "4006", false, ""},
		{"unmapped document: may be reached", "", "Kotihoidon muistio", "Kotipalvelut", "", true, "The document's kind is not known"},
		{"unmapped, kind in its name", "", "Kotipalvelupäätös", "Kotipalvelut", "", true, ""},
		{"Kotoutumisen edistäminen: every document", "", "Kotoutumissuunnitelma", "Kotoutumisen edistäminen", "", true, "every document"},
		{"8/18/28 recorded does not keep an every-client line", only81828, "Kotoutumissuunnitelma", "Kotoutumisen edistäminen", "", true, ""},
		{"Toimeentulotuki 8/18/28 kept by the 8/18/28 decision", only81828, "Toimeentulotukipäätös", "Toimeentulotuki", "", false, ""},
		{"old name without a 254/2015 line", "", "Aikuissosiaalityön suunnitelma", "Aikuissosiaalityö", "", false, ""},
		{"current name", "", "Iäkkäiden palvelupäätös", "Iäkkäiden palvelut", "11000", false, ""},
		{"Lastensuojelu is also a current name", "", "Huostaanottopäätös", "Lastensuojelu", "11023", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cat := sosmeta.MustDefault()
			if tc.overlay != "" {
				cat = withOverlay(t, tc.overlay)
			}
			d := doc(2, tc.doc, "", inventory.MediumElectronic)
			d.ServiceTaskRaw, d.ServiceTasks = tc.task, cat.ResolveTask(tc.task)
			keys := map[int]string{}
			if tc.key != "" {
				keys[0] = tc.key
			}
			_, fs := Analyze(cat, &inventory.Inventory{Documents: []inventory.Document{d}}, nil, mres(keys))
			f := find(fs, "RET013")
			if (f != nil) != tc.want {
				t.Fatalf("RET013 %v, want %v (%v)", f != nil, tc.want, ruleIDs(fs))
			}
			if f != nil {
				for _, s := range []string{tc.says, "703/2023 § 101 mom 3", "(inferred)", "legacy_tasks: [" + strings.Fields(tc.task)[0]} {
					if !strings.Contains(f.Message.EN, s) {
						t.Errorf("message does not say %q: %s", s, f.Message.EN)
					}
				}
				if f.Location.Column != "Palvelutehtävä" || f.Severity.String() != "warning" {
					t.Errorf("location %+v severity %s", f.Location, f.Severity)
				}
			}
		})
	}
}

// TestArchivalByDateAndOldName: a decision limited to old task names and
// creation dates covers the type in part, like the 8/18/28 rule.
func TestArchivalByDateAndOldName(t *testing.T) {
	cat := withOverlay(t, `
archival:
  - id: KA-KP
    basis: "AL/20064/07.01.01.03.01/2014"
    legacy_tasks: [Kotipalvelut]
    created_from: 2015-04-01
    created_to: 2023-12-31
`)
	run := func(task, ret, basis string) []string {
		d := doc(2, "Kotipalvelupäätös", "", inventory.MediumElectronic)
		d.ServiceTaskRaw, d.ServiceTasks = task, cat.ResolveTask(task)
		e := entry(4, tos.TOS, "11000", "Kotipalvelupäätös", "", ret, "asian sulkemisesta")
		e.RetentionBasis = basis
		_, fs := Analyze(cat, &inventory.Inventory{Documents: []inventory.Document{d}}, &tos.Plan{Entries: []tos.Entry{e}}, mres(map[int]string{0: "11000"}))
		if f := find(fs, "RET008"); f != nil && !strings.Contains(f.Message.FI, "1.4.2015–31.12.2023 laadituista asiakirjoista") {
			t.Errorf("RET008 does not say the dates: %s", f.Message.FI)
		}
		if f := find(fs, "RET007"); f != nil && !strings.Contains(f.Message.EN, "for documents created 2015-04-01 to 2023-12-31") {
			t.Errorf("RET007 does not say the dates: %s", f.Message.EN)
		}
		return ruleIDs(fs)
	}
	if got := run("Kotipalvelut", "10", "703/2023 liite"); !slices.Contains(got, "RET008") {
		t.Errorf("fixed-term under the old name: %v, want RET008", got)
	}
	if got := run("Kotipalvelut", "10", "703/2023 liite; 2015–2023 laaditut pysyvästi"); slices.Contains(got, "RET008") {
		t.Errorf("the row mentions it: %v", got)
	}
	if got := run("Kotipalvelut", "-1", ""); !slices.Contains(got, "RET007") {
		t.Errorf("permanent for all where the decision keeps a date range: %v, want RET007", got)
	}
	if got := run("Iäkkäiden palvelut", "10", "703/2023 liite"); slices.Contains(got, "RET008") {
		t.Errorf("the current name is not the old one: %v", got)
	}
}
