package tos

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// JHSNamespace is the namespace of the JHS 191 TOS schema (TOS-rakenne ja
// skeema, Skeema_TOS_kooste.xsd of 2015-01-15).
const JHSNamespace = "http://skeemat.jhs-suositukset.fi/tos/2015/01/15"

// ExtensionNamespace is the namespace of kartoitus's own data inside a
// JHS 191 Laajennos element (the schema's extension point): the national
// code, the service task, the medium and the analysis status of a draft
// row, so the draft reads back without guessing.
const ExtensionNamespace = "urn:kartoitus:tos-draft:1"

// JHSPlan is a JHS 191 TOS document: TosTiedot and its Luokka elements.
// Values are kept as written (codes as text), so a reader keeps what an
// export says and the writer checks what the schema requires.
type JHSPlan struct {
	ID           string
	Title        string // Nimeke (kieliKoodi fi)
	Contact      string // YhteyshenkiloNimi
	Version      string // TosVersio
	Status       string // TilaKoodi: 1 Luonnos … 5 Ei käytössä; "" omits it
	Organisation string // OrganisaatioNimi
	Created      string // LaadittuPvm, YYYY-MM-DD; "" omits it
	Info         string // LisatiedotTeksti
	Classes      []JHSClass
}

// JHSClass is a Luokka: a task class and its one handling process.
type JHSClass struct {
	ID          string
	Code        string // Luokitustunnus
	Title       string // Nimeke
	Description string // LuokitusKuvausTeksti
	Process     JHSProcess
	// HasProcess is false for a classification-only Luokka (helerm exports
	// classes without an approved function that way).
	HasProcess bool
	Extension  *JHSExtension
	Line       int // reader: the line of <Luokka>
}

// JHSProcess is KasittelyprosessiTiedot: the process-level defaults and
// its actions.
type JHSProcess struct {
	ID          string
	System      string
	Restriction JHSRestriction
	Retention   JHSRetention
	Actions     []JHSAction
}

// JHSAction is Toimenpidetiedot: a phase or an action, holding records or
// further actions.
type JHSAction struct {
	ID   string
	Type string // ToimenpideluokkaTeksti
	// Specifier is ToimenpideluokkaTarkenneTeksti: helerm writes it, the
	// 2015 schema has no such element, so it is read and never written.
	Specifier   string
	Description string
	Actions     []JHSAction
	Records     []JHSRecord
}

// JHSRecord is Asiakirjatieto.
type JHSRecord struct {
	ID          string
	Restriction JHSRestriction
	Retention   JHSRetention
	Type        string // AsiakirjaluokkaTeksti
	Specifier   string // AsiakirjaluokkaTarkenneTeksti
	System      string
	Extension   *JHSExtension
	Line        int
}

// JHSRestriction is Kayttorajoitustiedot.
type JHSRestriction struct {
	Publicity    string // JulkisuusluokkaKoodi 1–4
	PersonalData string // HenkilotietoluonneKoodi 1–3
	SecrecyYears string // SalassapitoAikaArvo
	SecrecyBasis string // SalassapitoPerusteTeksti
	SecrecyStart string // SalassapidonLaskentaperusteTeksti
}

// JHSRetention is Sailytysaikatiedot.
type JHSRetention struct {
	Years string // SailytysajanPituusArvo, -1 = permanent
	Basis string // SailytysajanPerusteTeksti
	Start string // SailytysajanLaskentaperusteTeksti
}

func (r JHSRetention) empty() bool { return r.Years == "" && r.Basis == "" && r.Start == "" }

// JHSExtension is kartoitus's Laajennos content.
type JHSExtension struct {
	Code         string // national type code
	CodeSystem   string // its code system OID
	StructureOID string
	// ServiceTask is the task ID; "*" for a class of every task.
	ServiceTask  string
	TaskInferred bool
	Medium       string // electronic, paper, both, unknown
	Plans        string
	Status       string
	Findings     []string
	LocalNames   []string
	Current      []string // what the plan said, "Säilytysaika: 10", …
	Notes        []string
}

// JHS 191 code lists (Skeema_TOS_atomaariset.xsd) and, for reading,
// helerm's two further personal-data codes (metarecord/exporter/jhs).
var (
	publicityCodes = map[string]string{"1": "Julkinen", "2": "Osittain salassa pidettävä", "3": "Salassa pidettävä", "4": "Ei-julkinen"}
	personalCodes  = map[string]string{"1": "Ei sisällä henkilötietoja", "2": "Sisältää henkilötietoja", "3": "Sisältää arkaluonteisia henkilötietoja",
		"4": "Sisältää erityisiä henkilötietoja", "5": "Sisältää rikoksiin tai rikkomuksiin liittyvää henkilötietoa"}
)

// PublicityLabel and PersonalDataLabel turn a JHS 191 code into its label
// ("" for an unknown code).
func PublicityLabel(code string) string    { return publicityCodes[strings.TrimSpace(code)] }
func PersonalDataLabel(code string) string { return personalCodes[strings.TrimSpace(code)] }

// PublicityCode and PersonalDataCode turn a label (or a code) as a plan
// writes it into the JHS 191 code the schema accepts ("" when it is none).
func PublicityCode(s string) string { return codeOf(s, publicityCodes, 4) }
func PersonalDataCode(s string) string {
	return codeOf(s, personalCodes, 3)
}

func codeOf(s string, labels map[string]string, max int) string {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= max {
			return s
		}
		return ""
	}
	f := strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "salassapidettävä", "salassa pidettävä"))), " ")
	for code, l := range labels {
		if n, _ := strconv.Atoi(code); n <= max && strings.ToLower(l) == f {
			return code
		}
	}
	return ""
}

// WriteJHS191 writes the plan as JHS 191 TOS XML that validates against
// Skeema_TOS_kooste.xsd: elements in the schema's order, the tos prefix
// on elements and on the id and kieliKoodi attributes. It checks what the
// schema requires (a class, a process with an action, codes in their
// lists, integer periods) and writes nothing when the plan falls short.
func WriteJHS191(w io.Writer, p *JHSPlan) error {
	if err := p.check(); err != nil {
		return err
	}
	x := &xw{w: bufio.NewWriter(w)}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.open("Tos", "xmlns:tos", JHSNamespace)
	x.open("TosTiedot", "tos:id", p.ID)
	x.title(p.Title)
	x.leaf("YhteyshenkiloNimi", p.Contact)
	x.leaf("TosVersio", p.Version)
	x.opt("TilaKoodi", p.Status)
	x.opt("OrganisaatioNimi", p.Organisation)
	x.opt("LaadittuPvm", p.Created)
	x.opt("LisatiedotTeksti", p.Info)
	x.close("TosTiedot")
	for _, c := range p.Classes {
		x.open("Luokka", "tos:id", c.ID)
		x.leaf("Luokitustunnus", c.Code)
		x.title(c.Title)
		x.opt("LuokitusKuvausTeksti", c.Description)
		pr := c.Process
		x.open("KasittelyprosessiTiedot", "tos:id", pr.ID)
		x.opt("TietojarjestelmaNimi", pr.System)
		x.restriction(pr.Restriction)
		x.retention(pr.Retention)
		for _, a := range pr.Actions {
			x.action(a)
		}
		x.close("KasittelyprosessiTiedot")
		x.extension(c.Extension)
		x.close("Luokka")
	}
	x.close("Tos")
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}

// check reports the first thing the schema would reject.
func (p *JHSPlan) check() error {
	if len(p.Classes) == 0 {
		return errors.New("JHS 191: a TOS needs at least one Luokka")
	}
	if p.Status != "" && !inRange(p.Status, 1, 5) {
		return fmt.Errorf("JHS 191: TilaKoodi %q is not 1–5", p.Status)
	}
	if p.Created != "" && !isISODate(p.Created) {
		return fmt.Errorf("JHS 191: LaadittuPvm %q is not YYYY-MM-DD", p.Created)
	}
	for _, c := range p.Classes {
		where := "Luokka " + strconv.Quote(c.Code+" "+c.Title)
		if len(c.Process.Actions) == 0 {
			return fmt.Errorf("JHS 191: %s: KasittelyprosessiTiedot needs at least one Toimenpidetiedot", where)
		}
		if err := checkLevel(where, c.Process.Restriction, c.Process.Retention); err != nil {
			return err
		}
		var walk func(a JHSAction) error
		walk = func(a JHSAction) error {
			if len(a.Records) > 0 && len(a.Actions) > 0 {
				return fmt.Errorf("JHS 191: %s: Toimenpidetiedot %q holds both records and actions", where, a.Type)
			}
			for _, r := range a.Records {
				if strings.TrimSpace(r.Type) == "" {
					return fmt.Errorf("JHS 191: %s: Asiakirjatieto %q has no AsiakirjaluokkaTeksti", where, r.Specifier)
				}
				if err := checkLevel(where+", Asiakirjatieto "+strconv.Quote(r.Specifier), r.Restriction, r.Retention); err != nil {
					return err
				}
			}
			for _, b := range a.Actions {
				if err := walk(b); err != nil {
					return err
				}
			}
			return nil
		}
		for _, a := range c.Process.Actions {
			if err := walk(a); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkLevel(where string, r JHSRestriction, s JHSRetention) error {
	switch {
	case !inRange(r.Publicity, 1, 4):
		return fmt.Errorf("JHS 191: %s: JulkisuusluokkaKoodi %q is not 1–4", where, r.Publicity)
	case !inRange(r.PersonalData, 1, 3):
		return fmt.Errorf("JHS 191: %s: HenkilotietoluonneKoodi %q is not 1–3", where, r.PersonalData)
	case r.SecrecyYears != "" && !isInt(r.SecrecyYears):
		return fmt.Errorf("JHS 191: %s: SalassapitoAikaArvo %q is not a number", where, r.SecrecyYears)
	case !isInt(s.Years):
		return fmt.Errorf("JHS 191: %s: SailytysajanPituusArvo %q is not a number of years", where, s.Years)
	}
	return nil
}

func isInt(s string) bool { _, err := strconv.Atoi(s); return err == nil }

func inRange(s string, lo, hi int) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= lo && n <= hi
}

func isISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// xw writes indented XML with the tos prefix.
type xw struct {
	w     *bufio.Writer
	depth int
	err   error
}

func (x *xw) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

func (x *xw) indent() { x.raw(strings.Repeat("  ", x.depth)) }

// open writes a start tag; attrs are name, value pairs.
func (x *xw) open(name string, attrs ...string) {
	x.indent()
	x.raw("<tos:" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.raw(" " + attrs[i] + `="` + escape(attrs[i+1]) + `"`)
	}
	x.raw(">\n")
	x.depth++
}

func (x *xw) close(name string) {
	x.depth--
	x.indent()
	x.raw("</tos:" + name + ">\n")
}

// leaf writes an element that the schema requires, empty or not.
func (x *xw) leaf(name, v string) {
	x.indent()
	x.raw("<tos:" + name + ">" + escape(v) + "</tos:" + name + ">\n")
}

// opt writes an optional element only when it has a value.
func (x *xw) opt(name, v string) {
	if strings.TrimSpace(v) != "" {
		x.leaf(name, v)
	}
}

func (x *xw) title(v string) {
	x.open("Nimeke")
	x.open("NimekeKielella", "tos:kieliKoodi", "fi")
	x.leaf("NimekeTeksti", v)
	x.close("NimekeKielella")
	x.close("Nimeke")
}

func (x *xw) restriction(r JHSRestriction) {
	x.open("Kayttorajoitustiedot")
	x.leaf("JulkisuusluokkaKoodi", r.Publicity)
	x.leaf("HenkilotietoluonneKoodi", r.PersonalData)
	x.opt("SalassapitoAikaArvo", r.SecrecyYears)
	x.opt("SalassapitoPerusteTeksti", r.SecrecyBasis)
	x.opt("SalassapidonLaskentaperusteTeksti", r.SecrecyStart)
	x.close("Kayttorajoitustiedot")
}

func (x *xw) retention(r JHSRetention) {
	x.open("Sailytysaikatiedot")
	x.leaf("SailytysajanPituusArvo", r.Years)
	x.leaf("SailytysajanPerusteTeksti", r.Basis)
	x.opt("SailytysajanLaskentaperusteTeksti", r.Start)
	x.close("Sailytysaikatiedot")
}

func (x *xw) action(a JHSAction) {
	x.open("Toimenpidetiedot", "tos:id", a.ID)
	x.leaf("ToimenpideluokkaTeksti", a.Type)
	x.opt("ToimenpiteenKuvausTeksti", a.Description)
	for _, r := range a.Records {
		x.open("Asiakirjatieto", "tos:id", r.ID)
		x.restriction(r.Restriction)
		x.retention(r.Retention)
		x.leaf("AsiakirjaluokkaTeksti", r.Type)
		x.opt("AsiakirjaluokkaTarkenneTeksti", r.Specifier)
		x.opt("TietojarjestelmaNimi", r.System)
		x.extension(r.Extension)
		x.close("Asiakirjatieto")
	}
	for _, b := range a.Actions {
		x.action(b)
	}
	x.close("Toimenpidetiedot")
}

// extension writes kartoitus's data as the one element of a Laajennos.
func (x *xw) extension(e *JHSExtension) {
	if e == nil {
		return
	}
	x.open("Laajennos")
	x.indent()
	x.raw(`<k:Kartoitus xmlns:k="` + ExtensionNamespace + `">` + "\n")
	x.depth++
	kleaf := func(name, v string, attrs ...string) {
		if strings.TrimSpace(v) == "" {
			return
		}
		x.indent()
		x.raw("<k:" + name)
		for i := 0; i+1 < len(attrs); i += 2 {
			if attrs[i+1] != "" {
				x.raw(" " + attrs[i] + `="` + escape(attrs[i+1]) + `"`)
			}
		}
		x.raw(">" + escape(v) + "</k:" + name + ">\n")
	}
	kleaf("Koodi", e.Code, "koodisto", e.CodeSystem)
	kleaf("Rakenne", e.StructureOID)
	inferred := ""
	if e.TaskInferred {
		inferred = "true"
	}
	kleaf("Palvelutehtava", e.ServiceTask, "paatelty", inferred)
	kleaf("Tallennusmuoto", e.Medium)
	kleaf("Suunnitelma", e.Plans)
	kleaf("Tila", e.Status)
	kleaf("Havainnot", strings.Join(e.Findings, " "))
	for _, n := range e.LocalNames {
		kleaf("PaikallinenNimi", n)
	}
	for _, n := range e.Current {
		kleaf("Nykyinen", n)
	}
	for _, n := range e.Notes {
		kleaf("Huomautus", n)
	}
	x.depth--
	x.indent()
	x.raw("</k:Kartoitus>\n")
	x.close("Laajennos")
}

func escape(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return ""
	}
	return b.String()
}
