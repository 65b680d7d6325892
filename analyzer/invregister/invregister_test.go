package invregister

import (
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

func TestJointKeys(t *testing.T) {
	j := JointKeys(sosmeta.MustDefault())
	for _, k := range []string{"1019", "1000", "1005", "1013", "15003", "15009", "15023", "15020"} {
		if !j[k] {
			t.Errorf("%s should be a joint document", k)
		}
	}
	for _, k := range []string{"15004", "4009", "11000", "19013", "15001"} {
		if j[k] {
			t.Errorf("%s should not be a joint document", k)
		}
	}
}

func TestInventoryRegisterChecks(t *testing.T) {
	for _, c := range []struct {
		name     string
		docName  string
		task     string
		register string
		rule     string // "" = no finding
	}{
		{"social document in patient register", "Iäkkäiden palvelupäätös", "older_people", "Potilasrekisteri", "REG101"},
		{"joint assessment only in patient register", "Iäkkäiden palvelutarpeen arvio", "older_people", "potilasrekisteri", "REG103"},
		{"joint plan in both registers is allowed", "Iäkkäiden palvelujen asiakassuunnitelma", "older_people", "molemmat", ""},
		{"joint assessment in a joint register: §§ 46–47 say both registers, not a joint one", "PTA", "older_people", "yhteinen", "REG102"},
		{"other document in a joint register", "Iäkkäiden palvelupäätös", "older_people", "yhteinen", "REG102"},
		{"implementation plan is not joint", "Iäkkäiden palvelujen toteuttamissuunnitelma", "older_people", "sote-rekisteri", "REG102"},
		{"patient document in the social register", "Kotihoidon lääkelista", "older_people", "Sosiaalihuollon asiakasrekisteri", "REG104"},
		{"patient document in the patient register", "Lääkelista", "older_people", "potilasrekisteri", "REG106"},
		{"unmapped document in the patient register", "Työlista", "older_people", "potilasrekisteri", "REG105"},
		{"legacy register", "Lastensuojeluilmoitus", "child_welfare", "Sosiaalihuollon ilmoitusrekisteri", "REG107"},
		{"unknown register value is the reader's INV014", "Lastensuojeluilmoitus", "child_welfare", "Effica", ""},
		{"social document in the social register", "Lastensuojeluilmoitus", "child_welfare", "Sosiaalihuollon asiakasrekisteri", ""},
		{"no register given", "Lastensuojeluilmoitus", "child_welfare", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := inventory.Document{Source: finding.Location{File: "inv.csv", Row: 4, Column: "F"}, Name: c.docName,
				ServiceTasks: []string{c.task}, RegisterRaw: c.register, Register: registers.Classify(c.register)}
			res, err := analyzer.Execute(analyzer.Input{Catalogue: sosmeta.MustDefault(), Inventory: &inventory.Inventory{Documents: []inventory.Document{d}}}, nil, Analyzer)
			if err != nil {
				t.Fatal(err)
			}
			var got []finding.Finding
			for _, f := range res.Findings {
				if strings.HasPrefix(f.RuleID, "REG") {
					got = append(got, f)
				}
			}
			if c.rule == "" {
				if len(got) != 0 {
					t.Errorf("want no finding, got %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0].RuleID != c.rule {
				t.Fatalf("want one %s, got %+v", c.rule, got)
			}
			f := got[0]
			if f.Location != d.Source || f.Message.FI == "" || f.Message.EN == "" || f.Basis == "" || f.ServiceTask != c.task {
				t.Errorf("incomplete finding %+v", f)
			}
			if !strings.Contains(f.Message.EN, c.docName) || (c.register != "" && !strings.Contains(f.Message.EN, c.register)) {
				t.Errorf("message should name the document and the register value: %q", f.Message.EN)
			}
			ir, _ := Analyzer.Result(res)
			if ir.Checked != 1 || ir.ByRegister[d.Register] != 1 {
				t.Errorf("result = %+v", ir)
			}
		})
	}
}

func TestRuleIDsDoNotCollideWithExportGate(t *testing.T) {
	for _, r := range Rules {
		if !strings.HasPrefix(r.ID, "REG1") || len(r.ID) != 6 {
			t.Errorf("rule %s: inventory register rules are REG1xx", r.ID)
		}
	}
}
