// Package invregister checks the register column of a social-welfare
// document inventory: social-welfare client documents belong to the
// sosiaalihuollon asiakasrekisteri and patient documents to a patient
// register (703/2023 § 18); a joint needs assessment and client plan may
// stand in both (§§ 46–47). The register-export gate (rules REG0xx)
// checks the same law on exported records; these inventory-level rules
// are REG1xx.
package invregister

import (
	"fmt"
	"strings"

	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// Rules of the analysis.
var (
	RuleSocialInHealth = finding.Rule{
		ID: "REG101", Severity: finding.Error,
		Title: finding.T("Sosiaalihuollon asiakasasiakirja potilasrekisterissä", "Social-welfare client document in a patient register"),
		Basis: "703/2023 § 18",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "daily notes in the client register",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Päivittäiskirjaukset;Sosiaalihuollon asiakasrekisteri\n"}},
			Bad: []finding.Sample{{Note: "daily notes (19007) in the patient register",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Päivittäiskirjaukset;Potilasrekisteri\n"}},
		},
	}
	RuleMixed = finding.Rule{
		ID: "REG102", Severity: finding.Warning,
		Title: finding.T("Asiakirja yhteisessä tai sekä sosiaali- että terveydenhuollon rekisterissä", "Document in a joint or both social and health registers"),
		Basis: "703/2023 § 18",
		Samples: finding.Samples{
			Good: []finding.Sample{
				{Note: "daily notes in the client register",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Päivittäiskirjaukset;Sosiaalihuollon asiakasrekisteri\n"},
				{Note: "the client plan may stand in both registers (§§ 46–47)",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Iäkkäiden palvelujen asiakassuunnitelma;Sosiaalihuollon asiakasrekisteri ja potilasrekisteri\n"},
			},
			Bad: []finding.Sample{{Note: "daily notes in a joint social and health register",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Päivittäiskirjaukset;Yhteinen (sote)\n"}},
		},
	}
	RuleJointOnlyHealth = finding.Rule{
		ID: "REG103", Severity: finding.Warning,
		Title: finding.T("Yhteinen palvelutarpeen arvio tai asiakassuunnitelma vain potilasrekisterissä", "Joint needs assessment or client plan only in the patient register"),
		Basis: "703/2023 §§ 46–47",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the client plan in both registers",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Iäkkäiden palvelujen asiakassuunnitelma;Sosiaalihuollon asiakasrekisteri ja potilasrekisteri\n"}},
			Bad: []finding.Sample{{Note: "the client plan only in the patient register",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Iäkkäiden palvelujen asiakassuunnitelma;Potilasrekisteri\n"}},
		},
	}
	RuleHealthInSocial = finding.Rule{
		ID: "REG104", Severity: finding.Error, Inferred: true, // as the gate's REG001: one fact, one severity
		Title: finding.T("Potilasasiakirjalta näyttävä asiakirja sosiaalihuollon rekisterissä", "Apparent patient document in the social-welfare register"),
		Basis: "703/2023 § 18",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the medication plan in the patient register",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Lääkehoitosuunnitelma;Potilasrekisteri\n"}},
			Bad: []finding.Sample{{Note: "the medication plan in the social-welfare client register",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Lääkehoitosuunnitelma;Sosiaalihuollon asiakasrekisteri\n"}},
		},
	}
	RuleUnmappedInHealth = finding.Rule{
		ID: "REG105", Severity: finding.Warning,
		Title: finding.T("Sosiaalihuollon inventaarion asiakirja potilasrekisterissä", "Document of the social-welfare inventory in a patient register"),
		Basis: "703/2023 § 18",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "an unmapped home-visit report in the client register",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Kotikäyntiraportti;Sosiaalihuollon asiakasrekisteri\n"}},
			Bad: []finding.Sample{{Note: "an unmapped home-visit report in the patient register",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Kotikäyntiraportti;Potilasrekisteri\n"}},
		},
	}
	RulePatientDocument = finding.Rule{
		ID: "REG106", Severity: finding.Info, Inferred: true,
		Title: finding.T("Potilasasiakirja sosiaalihuollon inventaariossa: ei sosiaalihuollon asiakastiedon arkistoon", "Patient document in the social-welfare inventory: not for the social-welfare client-data archive"),
		Basis: "703/2023 § 18",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a social-welfare client document in the client register",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Päivittäiskirjaukset;Sosiaalihuollon asiakasrekisteri\n"}},
			Bad: []finding.Sample{{Note: "the nurse's medication plan, a patient document, listed in the social-welfare inventory",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Lääkehoitosuunnitelma;Potilasrekisteri\n"}},
		},
	}
	RuleLegacyRegister = finding.Rule{
		ID: "REG107", Severity: finding.Error, // as the gate's REG006: one fact, one severity
		Title: finding.T("Sosiaalihuollon ilmoitusrekisteri on lakkautettu", "The social-welfare notification register has been abolished"),
		Basis: "785/2021 (254/2015 § 22); 703/2023 § 18",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "decision in the client register",
				Inventory: "Asiakirjan nimi;Palvelutehtävä;Rekisteri\nLastensuojeluilmoitus;Lastensuojelu;Sosiaalihuollon asiakasrekisteri\n"}},
			Bad: []finding.Sample{{Note: "notification in the repealed ilmoitusrekisteri",
				Inventory: "Asiakirjan nimi;Palvelutehtävä;Rekisteri\nLastensuojeluilmoitus;Lastensuojelu;Sosiaalihuollon ilmoitusrekisteri\n"}},
		},
	}
)

// Rules lists every rule of the analysis.
var Rules = []finding.Rule{RuleSocialInHealth, RuleMixed, RuleJointOnlyHealth, RuleHealthInSocial,
	RuleUnmappedInHealth, RulePatientDocument, RuleLegacyRegister}

// Analyzer checks the register of every inventory document.
var Analyzer = &analyzer.Analyzer[struct{}, *Result]{
	Name: "invregister",
	Doc: `inventory register checks: social-welfare and patient documents in the right register

A social-welfare client document in a patient register or a joint
register, a patient document in the social-welfare register; the joint
needs assessment and client plan may stand in both (703/2023 §§ 46–47).`,
	Rules:    Rules,
	Requires: []analyzer.Node{mapping.Analyzer},
	Run:      run,
}

// Result counts documents per register class, so a report can say how
// many were checked.
type Result struct {
	ByRegister map[registers.Kind]int `json:"by_register"`
	// Checked counts documents with a register value.
	Checked int `json:"checked"`
}

// JointKeys returns the catalogue keys of the needs assessments and
// client plans that §§ 46–47 let stand in both registers (sosmeta's
// DocumentType.Joint, the one definition the gate uses too).
func JointKeys(cat *sosmeta.Catalogue) map[string]bool {
	out := map[string]bool{}
	for _, d := range cat.CurrentTypes() {
		if d.Joint() {
			out[d.Key()] = true
		}
	}
	return out
}

func run(pass *analyzer.Pass, _ struct{}) (*Result, error) {
	mr, ok := mapping.Analyzer.Result(pass)
	if !ok || mr == nil {
		return nil, fmt.Errorf("no mapping result")
	}
	res := &Result{ByRegister: map[registers.Kind]int{}}
	if pass.Inventory == nil {
		return res, nil
	}
	joint := JointKeys(pass.Catalogue)
	for i := range pass.Inventory.Documents {
		d := &pass.Inventory.Documents[i]
		if strings.TrimSpace(d.RegisterRaw) == "" && d.Register == registers.Unknown {
			continue
		}
		res.Checked++
		res.ByRegister[d.Register]++
		check(pass, d, mr.ByDoc(i), joint)
	}
	return res, nil
}

func check(pass *analyzer.Pass, d *inventory.Document, m *mapping.Match, joint map[string]bool) {
	cat := pass.Catalogue
	key := ""
	if m != nil {
		key = m.Key
	}
	typeName := ""
	if dt := cat.ByKey(key); dt != nil {
		typeName = fmt.Sprintf(" (%s %s)", key, dt.NameFI)
	}
	patient := key == "" && registers.LooksLikeHealthDocument(d.Name)
	add := func(r finding.Rule, fi, en string) {
		// The subject is the document and its register, not the type it
		// was mapped to: accepting a mapping keeps the fingerprint.
		f := finding.New(r, finding.Text{FI: fi, EN: en}, d.Source, textnorm.Fold(d.Name), d.Task(), string(d.Register))
		f.Code, f.ServiceTask = key, d.Task()
		pass.Report(f)
	}
	reg := d.RegisterRaw
	switch d.Register {
	case registers.Health:
		switch {
		case key != "" && joint[key]:
			add(RuleJointOnlyHealth,
				fmt.Sprintf("%q%s on merkitty vain potilasrekisteriin (%q): yhteinen palvelutarpeen arvio ja asiakassuunnitelma tallennetaan myös sosiaalihuollon asiakasrekisteriin", d.Name, typeName, reg),
				fmt.Sprintf("%q%s is recorded only in the patient register (%q): a joint needs assessment or client plan is stored in the social-welfare client register too", d.Name, typeName, reg))
		case key != "":
			add(RuleSocialInHealth,
				fmt.Sprintf("%q%s on sosiaalihuollon asiakasasiakirja, mutta rekisteriksi on merkitty %q: se kuuluu sosiaalihuollon asiakasrekisteriin", d.Name, typeName, reg),
				fmt.Sprintf("%q%s is a social-welfare client document but its register is %q: it belongs to the social-welfare client register", d.Name, typeName, reg))
		case patient:
			add(RulePatientDocument,
				fmt.Sprintf("%q näyttää potilasasiakirjalta ja on potilasrekisterissä (%q): se ei kuulu sosiaalihuollon asiakastiedon arkistoon eikä sosiaalihuollon TOS:iin", d.Name, reg),
				fmt.Sprintf("%q looks like a patient document and is in the patient register (%q): it does not belong to the social-welfare client-data archive or the social-welfare TOS", d.Name, reg))
		default:
			add(RuleUnmappedInHealth,
				fmt.Sprintf("%q on sosiaalihuollon inventaariossa, mutta rekisteriksi on merkitty %q: jos se on sosiaalihuollon asiakasasiakirja, se kuuluu sosiaalihuollon asiakasrekisteriin; jos potilasasiakirja, poista se sosiaalihuollon inventaariosta", d.Name, reg),
				fmt.Sprintf("%q is in the social-welfare inventory but its register is %q: a social-welfare client document belongs to the social-welfare client register; a patient document should leave the social-welfare inventory", d.Name, reg))
		}
	case registers.Mixed:
		if key != "" && joint[key] && !registers.NamesJointRegister(reg) {
			return // §§ 46–47: the joint assessment and plan may stand in both registers (not in a joint one)
		}
		add(RuleMixed,
			fmt.Sprintf("%q%s: rekisteri %q on yhteinen tai molemmat; sosiaalihuollon asiakasasiakirjat ja potilasasiakirjat tallennetaan eri rekistereihin (vain yhteinen palvelutarpeen arvio ja asiakassuunnitelma voivat olla molemmissa)", d.Name, typeName, reg),
			fmt.Sprintf("%q%s: register %q is joint or both; social-welfare client documents and patient documents are stored in separate registers (only the joint needs assessment and client plan may be in both)", d.Name, typeName, reg))
	case registers.Social, registers.Legacy:
		if patient {
			add(RuleHealthInSocial,
				fmt.Sprintf("%q näyttää potilasasiakirjalta, mutta rekisteriksi on merkitty %q: potilasasiakirjat tallennetaan potilasrekisteriin (sosiaalihuollossa syntyneet viimeistään 1.3.2027)", d.Name, reg),
				fmt.Sprintf("%q looks like a patient document but its register is %q: patient documents are stored in the patient register (those written in social welfare by 1.3.2027 at the latest)", d.Name, reg))
		}
		if d.Register == registers.Legacy {
			add(RuleLegacyRegister,
				fmt.Sprintf("%q: rekisteri %q on 254/2015 mukainen sosiaalihuollon ilmoitusrekisteri, joka lakkautettiin 1.11.2021; asiakirja kuuluu sosiaalihuollon asiakasrekisteriin", d.Name, reg),
				fmt.Sprintf("%q: register %q is the 254/2015 social-welfare notification register, abolished on 1.11.2021; the document belongs to the social-welfare client register", d.Name, reg))
		}
	default:
		// An unrecognised register value is the inventory reader's INV014.
	}
}
