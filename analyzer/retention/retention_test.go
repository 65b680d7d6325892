package retention

import (
	"flag"
	"slices"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

var update = flag.Bool("update", false, "rewrite golden files")

// doc builds an inventory document as the inventory reader would.
func doc(row int, name, task string, m inventory.Medium) inventory.Document {
	d := inventory.Document{Source: finding.Location{File: "inv.csv", Row: row}, Name: name, Medium: m}
	if task != "" {
		d.ServiceTaskRaw, d.ServiceTasks = task, []string{task}
	}
	return d
}

// entry builds a plan entry as the TOS reader would.
func entry(row int, kind tos.PlanKind, code, name, task, retention, start string) tos.Entry {
	e := tos.Entry{Source: finding.Location{File: "tos.csv", Row: row}, Kind: kind, Code: code, Name: name,
		RetentionRaw: retention, RetentionColumn: "Säilytysaika", RetentionStart: start, StartColumn: "Laskentaperuste"}
	if task != "" {
		e.ServiceTasks = []string{task}
	}
	r := tos.ParseRetention(retention)
	e.HasRetention, e.RetentionYears = r.OK, r.Years
	if e.RetentionStart == "" && r.Rest != "" {
		e.RetentionStart = r.Rest // as the reader does: "10 vuotta asian sulkemisesta"
	}
	e.Start, _ = tos.ParseStart(e.RetentionStart)
	return e
}

// mres builds a mapping result by hand: document index → catalogue key.
func mres(keys map[int]string) *mapping.Result {
	r := &mapping.Result{Matches: []mapping.Match{}}
	for i, k := range keys {
		r.Matches = append(r.Matches, mapping.Match{Doc: i, Key: k, Method: mapping.MethodCode, Confidence: 1})
	}
	return r
}

func ruleIDs(fs []finding.Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.RuleID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// TestEveryAnnexRow drives one document through every retention row of the
// catalogue with a TOS entry that complies and one that does not. A row
// added to the catalogue without a case here fails the test. Rules that
// bind beside the governing row (also) are checked for being applied and
// for the finding that names them.
func TestEveryAnnexRow(t *testing.T) {
	cat := sosmeta.MustDefault()
	type tc struct {
		rule      string
		name, key string // key "" = found by name (annex document group)
		task      string
		good      [2]string // retention, start
		bad       [2]string
		want      []string
	}
	cases := []tc{
		{"R703-01", "Asiakkuusasiakirja", "group:1", "child_welfare", [2]string{"2", "asiakkaan kuolemasta"}, [2]string{"1 v", "asiakkaan kuolemasta"}, []string{"RET005"}},
		{"R703-02", "Perheen palvelutarpeen arvio", "1005", "families", [2]string{"30", "Asian lopullinen ratkaisu"}, [2]string{"10", "asian sulkemisesta"}, []string{"RET005"}},
		{"R703-03", "Työikäisen arvio", "1012", "working_age", [2]string{"10 vuotta asian sulkemisesta", ""}, [2]string{"10", "Henkilön kuolema"}, []string{"RET006"}},
		{"R703-04", "Iäkkään arvio", "1000", "older_people", [2]string{"10", "asian sulkemisesta"}, [2]string{"-1 (säilytetään pysyvästi)", ""}, []string{"RET007"}},
		{"R703-05", "Päihdearvio", "1008", "substance_abuse", [2]string{"10", "asian sulkemisesta"}, [2]string{"", ""}, []string{"RET004"}},
		// Counted from the closing of this case, not of the last one: it
		// may end years before the law's.
		{"R703-06", "Vammaispalvelujen arvio", "1013", "disability", [2]string{"10", "viimeisen asian sulkemisesta"}, [2]string{"10", "asian sulkemisesta"}, []string{"RET005", "RET006"}},
		// The 254/2015 anchor: the end of the service comes before the
		// death, so 30 years from it is not "longer" than 2 from the death.
		{"R703-07", "LS-ilmoituksen arvio", "1006", "child_welfare", [2]string{"2", "asiakkaan kuolemasta"}, [2]string{"30", "palvelun päättymisestä"}, []string{"RET005", "RET006"}},
		{"R703-08a", "Huolto- ja tapaamisselvitys", "7005", "family_law", [2]string{"120", "lapsen syntymästä"}, [2]string{"10", "asian sulkemisesta"}, []string{"RET005", "RET006"}},
		{"R703-08b", "Puolison elatussopimus", "13003", "family_law", [2]string{"10", "Asian lopullinen ratkaisu"}, [2]string{"120", "lapsen syntymästä"}, []string{"RET006", "RET010"}},
		{"R703-09", "Tositteet", "", "working_age", [2]string{"3", ""}, [2]string{"2", ""}, []string{"RET005"}},
		// The case may close before or after the decision's validity ends.
		{"R703-10", "Asiakasmaksupäätökset", "", "older_people", [2]string{"12", "päätöksen voimassaolon päättymisestä"}, [2]string{"12", "asian sulkemisesta"}, []string{"RET005", "RET006"}},
		{"R703-11", "Kirjeenvaihto asiakkaan kanssa", "", "families", [2]string{"3", "Asiakirjan päivämäärä"}, [2]string{"1", "viestin päiväyksestä"}, []string{"RET005"}},
		{"R703-12", "Kopiot lausunnoista muille viranomaisille", "", "disability", [2]string{"5", "todistuksen tai lausunnon laatimisesta"}, [2]string{"pysyvä", ""}, []string{"RET007"}},
		{"R703-13", "Videotallenteet", "", "child_welfare", [2]string{"0", "käyttötarpeen päätyttyä"}, [2]string{"-1", ""}, []string{"RET007"}},
		// A log file may be dated before the events it records.
		{"R703-14", "Käyttölokitiedot", "", "working_age", [2]string{"12", "lokitapahtumasta"}, [2]string{"12", "Asiakirjan päivämäärä"}, []string{"RET005", "RET006"}},
		{"R703-15", "Luovutuslupa", "group:8", "older_people", [2]string{"12", "asiakkaan kuolemasta"}, [2]string{"3", "asiakkaan kuolemasta"}, []string{"RET005"}},
		// The earlier versions: a row that says so is compared with that
		// clause; the date of the old version comes before the newer one.
		{"R703-15b", "Luovutuslupa (aiemmat versiot)", "group:8", "older_people", [2]string{"12", "uuden version laatimisesta"}, [2]string{"12", "Asiakirjan päivämäärä"}, []string{"RET005", "RET006"}},
		// Adoptiolaki § 92 beside R703-08a: 90 years from the birth fails both.
		{"AL22-92", "Adoptoitavan lapsen taustatiedot", "16000", "family_law", [2]string{"120", "lapsen syntymästä"}, [2]string{"90", "lapsen syntymästä"}, []string{"RET005"}},
	}
	covered := map[string]bool{}
	for _, c := range cases {
		for _, variant := range []string{"good", "bad"} {
			t.Run(c.rule+"/"+variant, func(t *testing.T) {
				ret := c.good
				want := []string(nil)
				if variant == "bad" {
					ret, want = c.bad, c.want
				}
				inv := &inventory.Inventory{Documents: []inventory.Document{doc(2, c.name, c.task, inventory.MediumElectronic)}}
				keys := map[int]string{}
				if c.key != "" {
					keys[0] = c.key
				}
				plan := &tos.Plan{Entries: []tos.Entry{entry(2, tos.TOS, c.key, c.name, "", ret[0], ret[1])}}
				res, fs := Analyze(cat, inv, plan, mres(keys))
				r := res.Documents[0]
				rule, _ := cat.RetentionRule(c.rule)
				if rule.Also {
					if !slices.ContainsFunc(r.Also, func(a sosmeta.RetentionRule) bool { return a.ID == c.rule }) {
						t.Fatalf("%s not applied beside %+v: %+v", c.rule, r.Rule, r.Also)
					}
				} else if r.Rule == nil || r.Rule.ID != c.rule {
					t.Fatalf("governing row = %+v, want %s", r.Rule, c.rule)
				}
				if got := ruleIDs(fs); !slices.Equal(got, want) {
					for _, f := range fs {
						t.Log(f.RuleID, f.Message.EN)
					}
					t.Fatalf("findings %v, want %v", got, want)
				}
				wantStatus := StatusOK
				if variant == "bad" {
					wantStatus = statusOf(c.want[0])
					for _, id := range c.want {
						wantStatus = worse(wantStatus, statusOf(id))
					}
				}
				if r.Status != wantStatus {
					t.Errorf("status %s, want %s", r.Status, wantStatus)
				}
				named := len(fs) == 0
				for _, f := range fs {
					if strings.Contains(f.Basis, c.rule) {
						named = true
					} else if !rule.Also && f.RuleID != "RET004" {
						t.Errorf("%s basis %q does not name the annex row %s", f.RuleID, f.Basis, c.rule)
					}
					if f.Message.FI == "" || f.Message.EN == "" || f.Message.FI == f.Message.EN {
						t.Errorf("%s: message not in both languages: %+v", f.RuleID, f.Message)
					}
				}
				if !named && c.want[0] != "RET004" {
					t.Errorf("no finding names %s", c.rule)
				}
			})
		}
		covered[c.rule] = true
	}
	for _, r := range cat.Retention {
		if !covered[r.ID] {
			t.Errorf("annex row %s (%s) has no test case", r.ID, r.Text)
		}
	}
}
