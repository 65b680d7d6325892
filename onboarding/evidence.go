package onboarding

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
)

// EvidenceSchema names the evidence file format.
const EvidenceSchema = "kartoitus.evidence/v1"

// Evidence is what the assessment knows that bears on readiness. The
// assessment pipeline fills it; `kartoitus plan --evidence FILE` reads it
// from JSON so the plan also runs on its own. A nil part is "not known"
// and gives the line the status unknown, never ready.
type Evidence struct {
	Schema string `json:"schema,omitempty"`
	// Source says what produced it ("kartoitus assess 2026-11-16", a file).
	Source         string                  `json:"source,omitempty"`
	Organisation   *OrganisationEvidence   `json:"organisation,omitempty"`
	Inventory      *InventoryEvidence      `json:"inventory,omitempty"`
	Registers      *RegistersEvidence      `json:"registers,omitempty"`
	DeploymentTest *DeploymentTestEvidence `json:"deployment_test,omitempty"`
}

// OrganisationEvidence is the organisation profile (2C): the
// toimintayksikkö and its palveluyksiköt with their OIDs.
type OrganisationEvidence struct {
	Name    string         `json:"name,omitempty"`
	YTunnus string         `json:"y_tunnus,omitempty"`
	OID     string         `json:"oid,omitempty"`
	Units   []UnitEvidence `json:"units,omitempty"`
	// Problems the profile reader found, one sentence each.
	Problems []string `json:"problems,omitempty"`
}

// UnitEvidence is one palveluyksikkö.
type UnitEvidence struct {
	Name string `json:"name,omitempty"`
	OID  string `json:"oid,omitempty"`
}

// InventoryEvidence is the inventory's mapping and TOS/AMS coverage (2D).
type InventoryEvidence struct {
	// Documents read from the inventory; Rejected rows that were not.
	Documents int `json:"documents"`
	Rejected  int `json:"rejected"`
	// Mapped to a national type; Unmapped still need a decision (no
	// national counterpart accepted nor a code chosen).
	Mapped   int `json:"mapped"`
	Unmapped int `json:"unmapped"`
	// Electronic documents and those with a TOS entry; paper documents
	// and those with an AMS entry.
	Electronic      int `json:"electronic"`
	ElectronicInTOS int `json:"electronic_in_tos"`
	Paper           int `json:"paper"`
	PaperInAMS      int `json:"paper_in_ams"`
	// RetentionErrors: retention findings at error severity (a plan that
	// may destroy before the law allows).
	RetentionErrors int `json:"retention_errors"`
}

// RegistersEvidence is the register export's separation check (2E).
type RegistersEvidence struct {
	Rows     int            `json:"rows"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	ByRule   map[string]int `json:"by_rule,omitempty"`
	// NotChecked lists rules that could not run (a column was missing).
	NotChecked []string `json:"not_checked,omitempty"`
}

// DeploymentTestEvidence is the deployment-test plan (3C–3E): the
// register-use-right tests that are required or recommended and done, and
// the prerequisites still missing.
type DeploymentTestEvidence struct {
	Required    int `json:"required"`
	Recommended int `json:"recommended"`
	// Done with a passing result; Failed and not yet re-run.
	Done   int `json:"done"`
	Failed int `json:"failed"`
	// MissingPrerequisites, one per line ("connection test", …).
	MissingPrerequisites []string `json:"missing_prerequisites,omitempty"`
	// NonTestIDs: client ids in the test data that are not Kela's
	// 900-series test codes.
	NonTestIDs int `json:"non_test_ids"`
}

// ReadinessStatus is a readiness line's verdict.
type ReadinessStatus string

const (
	Ready   ReadinessStatus = "ready"
	Check   ReadinessStatus = "check"
	Gaps    ReadinessStatus = "gaps"
	Unknown ReadinessStatus = "unknown"
)

var readinessText = map[ReadinessStatus]finding.Text{
	Ready:   finding.T("valmis", "ready"),
	Check:   finding.T("tarkistettava", "check"),
	Gaps:    finding.T("puutteita", "gaps"),
	Unknown: finding.T("ei tietoa", "not known"),
}

// ReadinessText is the status in l.
func ReadinessText(s ReadinessStatus, l finding.Lang) string { return readinessText[s].In(l) }

// Readiness is one readiness line of the plan.
type Readiness struct {
	Step    string          `json:"step"`
	Title   finding.Text    `json:"title"`
	Status  ReadinessStatus `json:"status"`
	Details []finding.Text  `json:"details"`
	Basis   string          `json:"basis"`
}

// LoadEvidence reads an evidence JSON file.
func LoadEvidence(path string) (*Evidence, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, ident.Redact(err.Error()))
	}
	return ParseEvidence(ident.Redact(path), b)
}

// ParseEvidence decodes evidence JSON strictly: unknown fields are errors.
func ParseEvidence(name string, b []byte) (*Evidence, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var ev Evidence
	if err := dec.Decode(&ev); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%w: %s: empty evidence file", kartoitus.ErrNotRecognised, name)
		}
		return nil, fmt.Errorf("%w: %s: %s", kartoitus.ErrUnreadable, name, ident.Redact(err.Error()))
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: %s: more than one JSON value", kartoitus.ErrUnreadable, name)
	}
	if ev.Schema != "" && ev.Schema != EvidenceSchema {
		return nil, fmt.Errorf("%w: %s: schema %q, want %q", kartoitus.ErrUnreadable, name, ident.Redact(ev.Schema), EvidenceSchema)
	}
	if ev.Organisation == nil && ev.Inventory == nil && ev.Registers == nil && ev.DeploymentTest == nil {
		return nil, fmt.Errorf("%w: %s: no organisation, inventory, registers or deployment_test evidence", kartoitus.ErrNotRecognised, name)
	}
	return &ev, nil
}

// AssessReadiness computes the readiness lines (2C, 2D, 2E, 3C–3E) from
// the evidence; ev may be nil (every line unknown).
func AssessReadiness(ev *Evidence) []Readiness {
	if ev == nil {
		ev = &Evidence{}
	}
	return []Readiness{
		organisationReadiness(ev.Organisation),
		inventoryReadiness(ev.Inventory),
		registersReadiness(ev.Registers),
		testReadiness(ev.DeploymentTest),
	}
}

func unknown(r Readiness, what finding.Text) Readiness {
	r.Status = Unknown
	r.Details = []finding.Text{what}
	return r
}

// organisationReadiness: K20 dia 9 — every toimintayksikkö and
// palveluyksikkö has its own OID; a toimintayksikkö has at least one
// palveluyksikkö and cannot itself be one.
func organisationReadiness(o *OrganisationEvidence) Readiness {
	r := Readiness{Step: "2C", Title: finding.T("Organisaation OID-tunnukset ja yksiköt", "Organisation OIDs and units"), Basis: "K20 dia 9"}
	if o == nil {
		return unknown(r, finding.T("Organisaatioprofiilia ei luettu.", "No organisation profile was read."))
	}
	var gaps, checks []finding.Text
	var org ident.Org
	orgOK := false
	switch {
	case strings.TrimSpace(o.OID) == "":
		gaps = append(gaps, finding.T("Toimintayksikön OID puuttuu.", "The toimintayksikkö has no OID."))
	default:
		v, err := ident.ParseOrgOID(strings.TrimSpace(o.OID))
		if err != nil {
			gaps = append(gaps, tf("Toimintayksikön OID %q ei ole organisaation OID (%v).", "The toimintayksikkö OID %q is not an organisation OID (%v).", ident.Redact(o.OID), err))
		} else {
			org, orgOK = v, true
		}
	}
	if orgOK && o.YTunnus != "" {
		if y, err := ident.ParseYTunnus(strings.TrimSpace(o.YTunnus)); err != nil {
			gaps = append(gaps, tf("Y-tunnus %q ei kelpaa (%v).", "Y-tunnus %q is not valid (%v).", ident.Redact(o.YTunnus), err))
		} else if y != org.YTunnus {
			checks = append(checks, tf("Toimintayksikön OID %s ei sisällä Y-tunnusta %s: tarkista.", "The toimintayksikkö OID %s does not carry Y-tunnus %s: check.", ident.Redact(o.OID), y.String()))
		}
	}
	if len(o.Units) == 0 {
		gaps = append(gaps, finding.T("Palveluyksiköitä ei ole: toimintayksiköllä on oltava vähintään yksi palveluyksikkö.",
			"No service units: a toimintayksikkö must have at least one palveluyksikkö."))
	}
	seen := map[string]string{}
	withOID := 0
	for _, u := range o.Units {
		name := ident.Redact(strings.TrimSpace(u.Name))
		if name == "" {
			name = "?"
		}
		oid := strings.TrimSpace(u.OID)
		switch {
		case oid == "":
			gaps = append(gaps, tf("Palveluyksiköllä %s ei ole OID-tunnusta.", "Service unit %s has no OID.", name))
			continue
		case oid == strings.TrimSpace(o.OID):
			gaps = append(gaps, tf("Palveluyksiköllä %s on toimintayksikön OID: toimintayksikkö ei voi toimia palveluyksikkönä.",
				"Service unit %s has the toimintayksikkö's OID: a toimintayksikkö cannot be a service unit.", name))
			continue
		}
		if other, dup := seen[oid]; dup {
			gaps = append(gaps, tf("Palveluyksiköillä %s ja %s on sama OID %s.", "Service units %s and %s share the OID %s.", other, name, ident.Redact(oid)))
			continue
		}
		seen[oid] = name
		if _, err := ident.ParseOrgOID(oid); err != nil {
			gaps = append(gaps, tf("Palveluyksikön %s OID %q ei ole organisaation OID (%v).", "Service unit %s: OID %q is not an organisation OID (%v).", name, ident.Redact(oid), err))
			continue
		}
		withOID++
	}
	for _, p := range o.Problems {
		gaps = append(gaps, finding.T(ident.Redact(p), ident.Redact(p)))
	}
	r.Details = append(r.Details, tf("%s, OID %s; %s, joista %d OID-tunnuksella.", "%s, OID %s; %s, %d with an OID.",
		orDash(ident.Redact(o.Name)), orDash(ident.Redact(o.OID)), count(len(o.Units), "palveluyksikkö", "palveluyksikköä", "service unit", "service units"), withOID))
	r.Details = append(r.Details, gaps...)
	r.Details = append(r.Details, checks...)
	switch {
	case len(gaps) > 0:
		r.Status = Gaps
	case len(checks) > 0:
		r.Status = Check
	default:
		r.Status = Ready
		r.Details = append(r.Details, finding.T("Varmista, että tunnukset löytyvät SOTE-organisaatiorekisteristä; korjaukset AVIn tai Valviran kautta.",
			"Confirm the OIDs are in THL's SOTE organisation register; corrections go through the AVI or Valvira."))
	}
	return r
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

// inventoryReadiness: K20 dia 10 — documents against the national ones; a
// TOS for electronic and an AMS for paper records.
func inventoryReadiness(in *InventoryEvidence) Readiness {
	r := Readiness{Step: "2D", Title: finding.T("Asiakirjahallinnon nykytila: kartoitus ja TOS/AMS-kattavuus", "Records management: inventory and TOS/AMS coverage"),
		Basis: "K20 dia 10"}
	if in == nil {
		return unknown(r, finding.T("Inventaariota ei luettu.", "No inventory was read."))
	}
	if in.Documents <= 0 {
		r.Status = Gaps
		r.Details = []finding.Text{finding.T("Inventaariossa ei ole yhtään asiakirjaa.", "The inventory holds no documents.")}
		return r
	}
	var gaps, checks []finding.Text
	r.Details = append(r.Details, tf("%s; kansalliseen tyyppiin kartoitettu %d, päätöstä vailla %d.",
		"%s; %d mapped to a national type, %d awaiting a decision.",
		count(in.Documents, "asiakirja", "asiakirjaa", "document", "documents"), in.Mapped, in.Unmapped))
	if in.Unmapped > 0 {
		gaps = append(gaps, tf("%s vailla kartoituspäätöstä.", "%s without a mapping decision.", count(in.Unmapped, "asiakirja", "asiakirjaa", "document", "documents")))
	}
	r.Details = append(r.Details, tf("Sähköisiä %d, joista TOS:ssa %d; paperisia %d, joista AMS:ssä %d.",
		"%d electronic, %d of them in the TOS; %d on paper, %d of them in the AMS.", in.Electronic, in.ElectronicInTOS, in.Paper, in.PaperInAMS))
	if miss := in.Electronic - in.ElectronicInTOS; miss > 0 {
		gaps = append(gaps, tf("%s ilman TOS-riviä.", "%s without a TOS entry.", count(miss, "sähköinen asiakirja", "sähköistä asiakirjaa", "electronic document", "electronic documents")))
	}
	if miss := in.Paper - in.PaperInAMS; miss > 0 {
		gaps = append(gaps, tf("%s ilman AMS-riviä.", "%s without an AMS entry.", count(miss, "paperiasiakirja", "paperiasiakirjaa", "paper document", "paper documents")))
	}
	if in.RetentionErrors > 0 {
		gaps = append(gaps, tf("%s: suunnitelma voi hävittää ennen kuin laki sallii.", "%s: the plan may destroy before the law allows.",
			count(in.RetentionErrors, "säilytysvirhe", "säilytysvirhettä", "retention error", "retention errors")))
	}
	if in.Rejected > 0 {
		checks = append(checks, tf("%s jäi lukematta: korjaa ja aja uudelleen.", "%s could not be read: fix and run again.",
			count(in.Rejected, "inventaarion rivi", "inventaarion riviä", "inventory row", "inventory rows")))
	}
	r.Details = append(r.Details, gaps...)
	r.Details = append(r.Details, checks...)
	switch {
	case len(gaps) > 0:
		r.Status = Gaps
	case len(checks) > 0:
		r.Status = Check
	default:
		r.Status = Ready
	}
	return r
}

// registersReadiness: K20 dia 11 — the organiser's and own production's
// data, social and health data, and each controller's data separable.
func registersReadiness(rg *RegistersEvidence) Readiness {
	r := Readiness{Step: "2E", Title: finding.T("Rekisterien erottelu", "Separating the registers"), Basis: "K20 dia 11"}
	if rg == nil {
		return unknown(r, finding.T("Rekisteripoimintaa ei tarkistettu.", "No register export was checked."))
	}
	if rg.Rows <= 0 {
		return unknown(r, finding.T("Rekisteripoiminnassa ei ollut rivejä.", "The register export had no rows."))
	}
	r.Details = append(r.Details, tf("%s tarkistettu: %s, %s.", "%s checked: %s, %s.",
		count(rg.Rows, "rivi", "riviä", "row", "rows"), count(rg.Errors, "virhe", "virhettä", "error", "errors"),
		count(rg.Warnings, "varoitus", "varoitusta", "warning", "warnings")))
	if len(rg.ByRule) > 0 {
		var parts []string
		for _, id := range sortedKeys(rg.ByRule) {
			parts = append(parts, fmt.Sprintf("%s %d", ident.Redact(id), rg.ByRule[id]))
		}
		r.Details = append(r.Details, tf("Säännöittäin: %s.", "By rule: %s.", strings.Join(parts, ", ")))
	}
	if len(rg.NotChecked) > 0 {
		var ids []string
		for _, id := range rg.NotChecked {
			ids = append(ids, ident.Redact(id))
		}
		r.Details = append(r.Details, tf("Ei tarkistettu (sarake puuttui): %s.", "Not checked (a column was missing): %s.", strings.Join(ids, ", ")))
	}
	switch {
	case rg.Errors > 0:
		r.Status = Gaps
	case rg.Warnings > 0 || len(rg.NotChecked) > 0:
		r.Status = Check
	default:
		r.Status = Ready
	}
	return r
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// testReadiness: K20 dia 27–30 and K25 — the tests that are needed, their
// prerequisites, Kela's test ids only.
func testReadiness(dt *DeploymentTestEvidence) Readiness {
	r := Readiness{Step: "3C–3E", Title: finding.T("Käyttöönottokokeiden suunnitelma", "Deployment-test plan"), Basis: "K20 dia 27–30; K25"}
	if dt == nil {
		return unknown(r, finding.T("Käyttöönottokokeiden suunnitelmaa ei luettu.", "No deployment-test plan was read."))
	}
	r.Details = append(r.Details, tf("Rekisterinkäyttöoikeuden kokeita: pakollisia %d, suositeltuja %d; tehty hyväksytysti %d, epäonnistunut %d.",
		"Register-use-right tests: %d required, %d recommended; %d passed, %d failed.", dt.Required, dt.Recommended, dt.Done, dt.Failed))
	var gaps []finding.Text
	for _, m := range dt.MissingPrerequisites {
		gaps = append(gaps, tf("Edellytys puuttuu: %s.", "Missing prerequisite: %s.", ident.Redact(m)))
	}
	if dt.Failed > 0 {
		gaps = append(gaps, tf("%s uusittava.", "%s to be re-run.", count(dt.Failed, "epäonnistunut koe", "epäonnistunutta koetta", "failed test", "failed tests")))
	}
	if dt.NonTestIDs > 0 {
		gaps = append(gaps, tf("%s, jotka eivät ole Kelan 900-sarjan testihenkilötunnuksia.", "%s that are not Kela's 900-series test ids.",
			count(dt.NonTestIDs, "asiakastunnus", "asiakastunnusta", "client id", "client ids")))
	}
	r.Details = append(r.Details, gaps...)
	switch {
	case len(gaps) > 0:
		r.Status = Gaps
	case dt.Done < dt.Required:
		r.Status = Check
		r.Details = append(r.Details, tf("%s tekemättä.", "%s still to do.", count(dt.Required-dt.Done, "pakollinen koe", "pakollista koetta", "required test", "required tests")))
	default:
		r.Status = Ready
	}
	return r
}

// AttachCards adds a card plan and the dates it must meet.
func (p *Plan) AttachCards(cp *CardPlan, st *Staff) {
	if s := p.Task("2G.sopimus"); s != nil {
		cp.ContractBy = s.LatestStart
	}
	if s := p.Task("2G.kortit"); s != nil {
		cp.OrderBy = s.LatestStart
	}
	if s := p.Task("2H"); s != nil {
		cp.ReadersBy = s.LatestStart
	}
	p.Cards = cp
	if st != nil {
		p.Inputs = append(p.Inputs, st.Tally)
		p.Findings = append(p.Findings, st.Findings...)
	}
}

// AttachReadiness computes the readiness lines from ev and adds the
// schedule's dates to the deployment-test line.
func (p *Plan) AttachReadiness(ev *Evidence) {
	p.Readiness = AssessReadiness(ev)
	if ev != nil {
		p.EvidenceSource = ident.Redact(ev.Source)
	}
	for i := range p.Readiness {
		if p.Readiness[i].Step != "3C–3E" {
			continue
		}
		if t, rep := p.Task("3D"), p.Task("3E.raportti"); t != nil && rep != nil {
			p.Readiness[i].Details = append(p.Readiness[i].Details, tf("Suunnitelmassa koe viimeistään %s, raportti Kelaan viimeistään %s (2 arkipäivän sisällä, K20 dia 30).",
				"In the plan: the test by %s, the report to Kela by %s (within 2 working days, K20 slide 30).", t.LatestFinish, rep.End))
		}
	}
}
