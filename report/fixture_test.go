package report

import (
	"fmt"
	"time"

	"github.com/kartoitus/kartoitus/finding"
)

// Rules of the fixture, shaped like the analyzers' rules.
var (
	fxRuleRow     = finding.Rule{ID: "INV001", Severity: finding.Error, Title: finding.T("Riviä ei voitu lukea", "Row could not be read")}
	fxRuleUnmap   = finding.Rule{ID: "MAP001", Severity: finding.Warning, Title: finding.T("Asiakirjalle ei löytynyt kansallista tyyppiä", "No national type for a document"), Basis: "Sosmeta 1.2.246.537.6.1506"}
	fxRuleMissing = finding.Rule{ID: "COV001", Severity: finding.Warning, Title: finding.T("Kansallinen asiakirjatyyppi puuttuu", "National document type missing"), Basis: "Sosmeta 1.2.246.537.6.1506", Inferred: true}
	fxRuleHealth  = finding.Rule{ID: "REG001", Severity: finding.Error, Title: finding.T("Potilasasiakirja sosiaalihuollon rekisterissä", "Patient document in the social-welfare register"), Basis: "703/2023 § 18"}
	fxRuleOwnReg  = finding.Rule{ID: "REG004", Severity: finding.Error, Title: finding.T("Ostopalvelun asiakirja tuottajan omassa rekisterissä", "Purchased-service document in the producer's own register"), Basis: "703/2023 § 14"}
	fxRuleShort   = finding.Rule{ID: "RET002", Severity: finding.Error, Title: finding.T("TOS:n säilytysaika on lakia lyhyempi", "TOS retention shorter than the law"), Basis: "703/2023 liite"}
	fxRuleNoTOS   = finding.Rule{ID: "RET001", Severity: finding.Warning, Title: finding.T("Asiakirja puuttuu TOS:sta", "Document missing from the TOS"), Basis: "Arkistolaki 831/1994 § 8"}
	fxRuleOdd     = finding.Rule{ID: "XYZ001", Severity: finding.Info, Title: finding.T("Muu huomio", "Other note")}
)

// fixtureAssessment is a hand-built assessment of a small fictional
// organisation: enough of every section to exercise both reporters.
func fixtureAssessment(l finding.Lang) *Assessment {
	inv := "inventory.xlsx"
	fs := []finding.Finding{
		finding.New(fxRuleRow, finding.T("Asiakirjan nimi puuttuu", "The document name is missing"),
			finding.Location{File: inv, Sheet: "Asiakirjaluettelo", Row: 31, Column: "Asiakirjan nimi organisaatiossa"}, "row-31"),
		withCode(finding.New(fxRuleUnmap, finding.T("Asiakirjalle ”Työvuorolista” ei löytynyt kansallista tyyppiä", "No national type for “Työvuorolista”"),
			finding.Location{File: inv, Sheet: "Asiakirjaluettelo", Row: 22}, "tyovuorolista"), "", "older_people"),
		withCode(finding.New(fxRuleMissing, finding.T("Iäkkäiden palvelujen toteuttamissuunnitelma puuttuu", "Genomförandeplan missing"),
			finding.Location{Key: "older_people/15004"}, "older_people", "15004"), "15004", "older_people"),
		withCode(finding.New(fxRuleHealth, finding.T("Potilasasiakirja (HOI) on tallennettu sosiaalihuollon asiakasrekisteriin: <script>alert(1)</script>", "Patient document (HOI) stored in the social-welfare register: <script>alert(1)</script>"),
			finding.Location{File: "register-export.csv", Row: 118, Key: "HP-2025-000117"}, "HP-2025-000117"), "HOI", ""),
		withCode(finding.New(fxRuleOwnReg, finding.T("Ostopalvelun asiakirja tuottajan omassa rekisterissä (asiakas 010181-900C → 010181-****)", "Purchased-service document in the producer's register"),
			finding.Location{File: "register-export.csv", Row: 240, Key: "HP-2025-000239"}, "HP-2025-000239"), "19007", "older_people"),
		withCode(finding.New(fxRuleShort, finding.T("TOS: 6 v, laki: 10 vuotta asian sulkemisesta", "TOS: 6 y, law: 10 years from the closing of the case"),
			finding.Location{File: "tos.xlsx", Sheet: "TOS", Row: 9}, "15003", "older_people"), "15003", "older_people"),
		withCode(finding.New(fxRuleNoTOS, finding.T("Merkintä asiakkaan arjesta puuttuu TOS:sta", "Anteckning missing from the TOS"),
			finding.Location{Key: "older_people/19007"}, "19007", "older_people"), "19007", "older_people"),
		finding.New(fxRuleOdd, finding.T("Muu huomio & erikoismerkit \"<>\"", "Other note & special characters \"<>\""), finding.Location{}, "odd"),
	}
	rules := []finding.Rule{fxRuleRow, fxRuleUnmap, fxRuleMissing, fxRuleHealth, fxRuleOwnReg, fxRuleShort, fxRuleNoTOS, fxRuleOdd,
		{ID: "REG009", Severity: finding.Error, Title: finding.T("Tarkistettu, ei havaintoja", "Checked, clean"), Basis: "703/2023 § 37"}}
	inputs := []finding.Tally{
		{Source: inv + " / Asiakirjaluettelo", Read: 9, Accepted: 8, Rejected: 1},
		{Source: "register-export.csv", Read: 400, Accepted: 400},
	}
	// The register gate listed one REG004 finding and counted two more.
	r := NewResult("assess", l, finding.Error, finding.Run{Inputs: inputs, Findings: fs, Rules: rules,
		Omitted:    map[string]int{fxRuleOwnReg.ID: 2},
		NotChecked: []NotChecked{{Rule: "REG020", Title: finding.T("Asiakkuusikkuna", "Relationship window"), Missing: []string{"unit_start", "unit_end"}}}})
	r.Generated = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	r.Version = "v0.0.0-test"

	a := NewAssessment(r, "Hoivapolku Oy")
	a.Meta.Inputs = []InputFile{{Role: RoleInventory, Path: "samples/" + inv}, {Role: RoleExport, Path: "samples/register-export.csv"}, {Role: RoleTOS, Path: "samples/tos.xlsx"}}
	a.SetSection("INV001", SectionInput)
	a.Tasks = []Label{
		{ID: "older_people", Name: finding.T("Iäkkäiden palvelut", "Services for older people")},
		{ID: "disability", Name: finding.T("Vammaispalvelut", "Disability services")},
	}
	a.Phases = []Label{
		{ID: "initiation", Name: finding.T("Asian vireilletulo", "Initiation")},
		{ID: "assessment", Name: finding.T("Palvelutarpeen arviointi", "Needs assessment")},
		{ID: "planning", Name: finding.T("Asiakassuunnitelma", "Client planning")},
		{ID: "implementation", Name: finding.T("Palvelun toteuttaminen ja seuranta", "Service delivery and follow-up")},
	}
	loc := func(row int) finding.Location {
		return finding.Location{File: inv, Sheet: "Asiakirjaluettelo", Row: row}
	}
	a.Mapping = []MappingRow{
		{Source: loc(6), Name: "Palvelutarpeen arviointi (RAI)", Task: "older_people", TaskRaw: "Ikäihmisten palvelut", Phase: "assessment", PhaseRaw: "Arviointi",
			Medium: "electronic", System: "Hilkka", Register: "sosiaalihuollon asiakasrekisteri", RegisterKind: "social",
			Code: "1000", NationalName: "Iäkkäiden palvelutarpeen arvio", Method: "fuzzy", Confidence: 0.71,
			Candidates: []Candidate{{Code: "1019", Name: "Sosiaalihuollon palvelutarpeen arvio", Method: "fuzzy", Confidence: 0.64}}},
		{Source: loc(7), Name: "Palvelusuunnitelma", Task: "older_people", Phase: "planning", Medium: "both", System: "Hilkka",
			Register: "sosiaalihuollon asiakasrekisteri", RegisterKind: "social", Code: "15003", NationalName: "Iäkkäiden palvelujen asiakassuunnitelma",
			Method: "synonym", Confidence: 0.9, Accepted: "15003"},
		{Source: loc(8), Name: "Päivittäiskirjaukset", Task: "older_people", Phase: "implementation", Medium: "electronic", System: "Hilkka",
			Register: "potilasrekisteri", RegisterKind: "health", Code: "19007", NationalName: "Merkintä asiakkaan arjesta", Method: "synonym", Confidence: 0.88},
		{Source: loc(9), Name: "Asumispalveluhakemus", Task: "older_people", Phase: "implementation", PhaseRaw: "Palvelun päättäminen", Medium: "paper",
			Register: "sosiaalihuollon asiakasrekisteri", RegisterKind: "social", Code: "3005", NationalName: "Iäkkäiden palvelujen hakemus", Method: "fuzzy", Confidence: 0.58},
		{Source: loc(22), Name: "Työvuorolista", Task: "older_people", Medium: "electronic", System: "Vuoroin", Method: "none", Confidence: 0},
		{Source: loc(23), Name: "Asiakkaan avainkuittaus", Task: "older_people", Medium: "paper", Method: "none", Confidence: 0.12,
			Candidates: []Candidate{{Code: "14003", Name: "Sosiaalihuollon valtakirja", Method: "fuzzy", Confidence: 0.12}}},
		{Source: loc(24), Name: "PTA", Task: "disability", TaskRaw: "Vammaispalvelut", Phase: "assessment", Medium: "electronic", System: "Hilkka",
			Register: "yhteinen", RegisterKind: "mixed", Code: "1013", NationalName: "Vammaispalvelujen palvelutarpeen arvio", Method: "synonym", Confidence: 0.8},
		{Source: loc(25), Name: "Asiakkuusasiakirja", Task: "disability", Phase: "initiation", Medium: "electronic",
			Code: "group:1", NationalName: "Asiakkuusasiakirja", Method: "exact", Confidence: 1},
	}
	c := a.CoverageCell("older_people", "assessment")
	c.Present = append(c.Present, DocRef{Code: "1000", Name: "Iäkkäiden palvelutarpeen arvio", Local: []string{"Palvelutarpeen arviointi (RAI)"}})
	c = a.CoverageCell("older_people", "planning")
	c.Present = append(c.Present, DocRef{Code: "15003", Name: "Iäkkäiden palvelujen asiakassuunnitelma", Local: []string{"Palvelusuunnitelma"}})
	c.Missing = append(c.Missing, DocRef{Code: "15004", Name: "Iäkkäiden palvelujen toteuttamissuunnitelma"})
	c = a.CoverageCell("older_people", "initiation")
	c.Missing = append(c.Missing, DocRef{Code: "3005", Name: "Iäkkäiden palvelujen hakemus"})
	c = a.CoverageCell("older_people", "implementation")
	c.Misphased = append(c.Misphased, DocRef{Code: "3005", Name: "Iäkkäiden palvelujen hakemus", Local: []string{"Asumispalveluhakemus"}, ExpectedPhase: "initiation", RecordedPhase: "implementation"})
	c.Extra = append(c.Extra, DocRef{Local: []string{"Työvuorolista"}}, DocRef{Local: []string{"Asiakkaan avainkuittaus"}})
	c = a.CoverageCell("disability", "assessment")
	c.Present = append(c.Present, DocRef{Code: "1013", Name: "Vammaispalvelujen palvelutarpeen arvio", Local: []string{"PTA"}})
	c = a.CoverageCell("disability", "planning")
	c.Missing = append(c.Missing, DocRef{Code: "15023", Name: "Vammaispalvelujen asiakassuunnitelma"}, DocRef{Code: "15024", Name: "Vammaispalvelujen toteuttamissuunnitelma"})
	// A cell in a phase the assessment did not declare.
	c = a.CoverageCell("disability", "")
	c.Extra = append(c.Extra, DocRef{Code: "group:1", Name: "Asiakkuusasiakirja", Local: []string{"Asiakkuusasiakirja"}})

	a.TOSDraft = []TOSDraftRow{
		{Task: "older_people", Code: "15003", NationalName: "Iäkkäiden palvelujen asiakassuunnitelma", LocalNames: []string{"Palvelusuunnitelma"},
			Phase: "planning", Medium: "both", Years: 10, Start: "case_closed", Period: "10 vuotta asian sulkemisesta", RuleID: "R703-04", Basis: "703/2023 liite",
			Plans: "TOS, AMS", Existing: "6 v", ExistingStart: "asiakirjan päivämäärä", ExistingSources: []finding.Location{{File: "tos.xlsx", Sheet: "TOS", Row: 9}}, Status: TOSDiffers,
			Findings: []string{"RET005", "RET006"}, Publicity: "Salassa pidettävä"},
		{Task: "older_people", Code: "19007", NationalName: "Merkintä asiakkaan arjesta", LocalNames: []string{"Päivittäiskirjaukset"},
			Phase: "implementation", Medium: "electronic", Years: 10, Start: "case_closed", Period: "10 vuotta asian sulkemisesta", RuleID: "R703-04", Basis: "703/2023 liite", Plans: "TOS", Status: TOSMissing, Findings: []string{"RET001"}},
		{Task: "disability", Code: "1013", NationalName: "Vammaispalvelujen palvelutarpeen arvio", LocalNames: []string{"PTA"},
			Phase: "assessment", Medium: "electronic", Years: 10, Start: "last_case_closed", Period: "10 vuotta viimeisen asian sulkemisesta, kun vammaispalvelujen tarve on päättynyt",
			RuleID: "R703-06", Basis: "703/2023 liite", Existing: "10 v", Status: TOSOK},
		{Task: "disability", TaskInferred: true, Code: "16001", NationalName: "Selvitys rajoitustoimenpiteistä", Medium: "paper", Plans: "AMS", Status: TOSNoRule},
		{Task: "disability", Code: "group:1", NationalName: "Asiakkuusasiakirja", Medium: "electronic", Years: 2, Start: "client_death",
			Period: "2 vuotta asiakkaan kuolemasta", RuleID: "R703-01", Basis: "703/2023 liite", Existing: "pysyvä", Status: TOSDiffers,
			Archival: finding.T("ei arkistointipäätöstä", "no archival decision")},
	}
	a.TOSDraftSheet = fixtureDraftSheet(a, l)
	a.Graphs = Graphs{
		Overview: `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz -->
<svg width="120pt" height="44pt" viewBox="0 0 120 44" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="graph0" class="graph"><title>overview</title>
<g id="node1" class="node"><title>older_people</title><ellipse fill="#d8efd9" stroke="black" cx="60" cy="22" rx="56" ry="18"/>
<text text-anchor="middle" x="60" y="26" font-family="Times,serif" font-size="12.00">Iäkkäät &amp; muut</text></g></g></svg>`,
		Tasks: []TaskGraph{{
			Task: "older_people",
			Current: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" onload="alert(1)"><script>alert(2)</script>` +
				`<a xlink:href="https://example.com/" xmlns:xlink="http://www.w3.org/1999/xlink"><rect id="r" width="40" height="20" fill="url(#grad)" style="stroke:black"/></a>` +
				`<foreignObject><div>x</div></foreignObject><use href="#r" x="50"/></svg>`,
			Target:     `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>`,
			Comparison: `<svg><unclosed></svg>`,
			Figures: []Figure{
				{ID: "fitness", Label: finding.T("Vastaavuus", "Fitness"), Value: 0.625, Percent: true},
				{ID: "missing", Label: finding.T("Puuttuvia", "Missing"), Value: 2},
			},
		}},
	}
	a.Complete()
	return a
}

func withCode(f finding.Finding, code, task string) finding.Finding {
	f.Code = code
	f.ServiceTask = task
	return f
}

// testResult builds a Result from its parts, as the pipeline does.
func testResult(command string, l finding.Lang, failOn finding.Severity, inputs []finding.Tally, fs []finding.Finding, rules []finding.Rule) *Result {
	return NewResult(command, l, failOn, finding.Run{Inputs: inputs, Findings: fs, Rules: rules})
}

// fixtureDraftSheet lays the fixture's draft rows out as the retention
// analysis would, in a few of its columns.
func fixtureDraftSheet(a *Assessment, l finding.Lang) *SheetTable {
	tr := func(fi, en string) string {
		if l == finding.EN {
			return en
		}
		return fi
	}
	t := &SheetTable{Columns: []SheetColumn{
		{Header: tr("Palvelutehtävä", "Service task"), Width: 24}, {Header: tr("Koodi", "Code"), Width: 8},
		{Header: tr("Valtakunnallinen asiakirjatyyppi", "National document type"), Width: 45}, {Header: tr("Suunnitelma", "Plan"), Width: 10},
		{Header: tr("Säilytysaika (v, -1 = pysyvä)", "Retention (years, -1 = permanent)"), Width: 12, Numeric: true},
		{Header: tr("Tila", "Status"), Width: 12},
		{Header: tr("Julkisuusluokka", "Publicity class"), Width: 20, Edit: true, Choices: []string{"Julkinen", "Salassa pidettävä"}},
		{Header: tr("Huomautukset", "Notes"), Width: 30, Edit: true},
	}}
	for _, r := range a.TOSDraft {
		years := ""
		if r.RuleID != "" {
			years = fmt.Sprint(r.Years)
		}
		t.Rows = append(t.Rows, []string{a.TaskName(r.Task, l), r.Code, r.NationalName, r.Plans, years, r.Status, r.Publicity, ""})
	}
	return t
}
