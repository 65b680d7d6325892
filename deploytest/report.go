package deploytest

import (
	"fmt"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
)

// The report's address and subject line, as K25 gives them: "Täytetty
// Käyttöönottokokeen raportti lähetetään sähköpostin liitetiedostona
// osoitteeseen kanta@kanta.fi kahden arkipäivän sisällä
// käyttöönottokokeen suorittamisesta. Viestin aihekenttään otsikoksi ”SHA
// Rekisterinkäyttöoikeus käyttöönottokoe + organisaation nimi”."
const (
	ReportAddress = "kanta@kanta.fi"
	SubjectPrefix = "SHA Rekisterinkäyttöoikeus käyttöönottokoe"
	// DeadlineWorkdays: "kahden arkipäivän sisällä" (K25; K20 3E).
	DeadlineWorkdays = 2
)

// OIDCheck is an OID as given and what the OID rules say of it.
type OIDCheck struct {
	OID     string       `json:"oid"`
	Valid   bool         `json:"valid"`
	Message finding.Text `json:"message"`
}

// SkippedDay is a non-working day between the test and the deadline.
type SkippedDay struct {
	Day  calendar.Day `json:"day"`
	Name finding.Text `json:"name"`
}

// ReportDraft is the filled draft of the deployment-test report (K25,
// Käyttöönottokokeen raportointi). Kela's own form is the document sent;
// this draft carries what goes into it.
type ReportDraft struct {
	Schema string `json:"schema"`
	Kind   string `json:"kind"`
	Pair   int    `json:"pair"`
	// Asiakas: the organiser's name and toimintayksikkö OID.
	Organiser    Party    `json:"organiser"`
	OrganiserOID OIDCheck `json:"organiser_oid"`
	// Sertifioitu järjestelmä: both systems of the test (one in the
	// rinnakkaisliittymismalli, where the producer uses the organiser's).
	Systems  []string `json:"systems"`
	Parallel bool     `json:"parallel"`
	// Perustelu: the test, the rinnakkaisliittyminen if so, the producer's
	// name, toimintayksikkö OID and system.
	Rationale   string       `json:"rationale"`
	Producer    Party        `json:"producer"`
	ProducerOID OIDCheck     `json:"producer_oid"`
	TestDate    calendar.Day `json:"test_date"`
	Result      Result       `json:"result"`
	// Deadline: two working days after the test date.
	Deadline      calendar.Day `json:"deadline"`
	DeadlineBasis finding.Text `json:"deadline_basis"`
	Skipped       []SkippedDay `json:"skipped_days"`
	// ArchivingStart: the date production use starts (K20 3E).
	ArchivingStart calendar.Day `json:"archiving_start"`
	// Problems: the problems met and their solutions (K25).
	Problems     string         `json:"problems"`
	EmailTo      string         `json:"email_to"`
	EmailSubject string         `json:"email_subject"`
	Notes        []finding.Text `json:"notes"`
	// Failed is set when an OID is invalid or an attached verify has a
	// failed step: the draft is not ready to send.
	Failed bool          `json:"failed"`
	Verify *VerifyResult `json:"verify,omitempty"`
}

// ReportConfig configures Draft.
type ReportConfig struct {
	// Calendar decides working days (default: calendar.Default(), both
	// eves off).
	Calendar *calendar.Calendar
	// TestDate overrides the pair's latest done test.
	TestDate calendar.Day
	// ArchivingStart overrides the test record's.
	ArchivingStart calendar.Day
	// Verify, when set, is shown with the draft.
	Verify *VerifyResult
}

// SelectPair returns pair n (1-based) of ps; n == 0 takes the only pair.
func SelectPair(ps *Pairs, n int) (*Pair, error) {
	if n == 0 {
		if len(ps.Pairs) == 1 {
			return &ps.Pairs[0], nil
		}
		return nil, fmt.Errorf("%w: %s has %d pairs: choose one with --pair N (1–%d)", kartoitus.ErrUsage, ps.Source, len(ps.Pairs), len(ps.Pairs))
	}
	if n < 1 || n > len(ps.Pairs) {
		return nil, fmt.Errorf("%w: --pair %d: %s has %d readable pairs", kartoitus.ErrUsage, n, ps.Source, len(ps.Pairs))
	}
	return &ps.Pairs[n-1], nil
}

func checkOID(oid string) OIDCheck {
	c := OIDCheck{OID: strings.TrimSpace(oid)}
	if c.OID == "" {
		c.Message = finding.T("OID puuttuu: kirjaa toimintayksikön OID SOTE-organisaatiorekisterin mukaan.",
			"OID missing: enter the toimintayksikkö OID as in the SOTE organisation register.")
		return c
	}
	o, err := CheckOID(c.OID)
	switch {
	case err != nil:
		c.Message = finding.Tf("Ei kelvollinen organisaation OID: %v.", "Not a valid organisation OID: %v.", err)
	case o.Node == 19:
		c.Valid = true
		c.Message = finding.T("Rekisterinpitäjän OID (solmuluokka 19): tarkista, että raporttiin tulee toimintayksikön OID.",
			"A register-controller OID (node class 19): check that the report gets the toimintayksikkö OID.")
	default:
		c.Valid = true
		c.Message = finding.Tf("Muoto ja Y-tunnuksen %s tarkiste kunnossa; tarkista OID SOTE-organisaatiorekisteristä.",
			"Format and the check digit of Y-tunnus %s are valid; check the OID in the SOTE organisation register.", o.YTunnus)
	}
	return c
}

// Rationale is the perustelu text K25 asks for, in Finnish: the report
// goes to Kela as written.
func Rationale(p *Pair) string {
	var b strings.Builder
	b.WriteString("Rekisterinkäyttöoikeus-toiminnallisuuden käyttöönottokoe")
	if p.Model == Parallel {
		b.WriteString(" (rinnakkaisliittyminen)")
	}
	fmt.Fprintf(&b, ". Palveluntuottaja: %s, toimintayksikön OID %s, tietojärjestelmä %s.", p.Producer.Name, dash(p.Producer.OID), p.Producer.System)
	return b.String()
}

// Deadline is the last day to send the report: the DeadlineWorkdays-th
// working day after the test date, with the non-working days it skips.
func Deadline(cal *calendar.Calendar, test calendar.Day) (calendar.Day, []SkippedDay) {
	if cal == nil {
		cal = calendar.Default()
	}
	d := cal.AddWorkdays(test, DeadlineWorkdays)
	var skipped []SkippedDay
	for x := test.AddDays(1); x.Before(d); x = x.AddDays(1) {
		if cal.IsWorkday(x) {
			continue
		}
		name := finding.T("lauantai", "Saturday")
		if h, ok := cal.HolidayOn(x); ok {
			name = finding.T(h.FI, h.EN)
		} else if x.Weekday() == time.Sunday {
			name = finding.T("sunnuntai", "Sunday")
		} else if x.Weekday() != time.Saturday {
			name = finding.T("muu vapaapäivä", "other day off")
		}
		skipped = append(skipped, SkippedDay{Day: x, Name: name})
	}
	return d, skipped
}

// Draft fills the report draft for one pair.
func Draft(p *Pair, cfg ReportConfig) (*ReportDraft, error) {
	cal := cfg.Calendar
	if cal == nil {
		cal = calendar.Default()
	}
	d := &ReportDraft{Schema: Schema, Kind: "report", Pair: p.index, Organiser: p.Organiser, Producer: p.Producer,
		Parallel: p.Model == Parallel, Rationale: Rationale(p), EmailTo: ReportAddress, Notes: []finding.Text{},
		Skipped: []SkippedDay{}, Verify: cfg.Verify}
	d.OrganiserOID, d.ProducerOID = checkOID(p.Organiser.OID), checkOID(p.Producer.OID)
	d.Systems = []string{p.Organiser.System}
	if p.Producer.System != "" && !sameValue(p.Producer.System, p.Organiser.System) {
		d.Systems = append(d.Systems, p.Producer.System)
	}
	// The organisation named in the subject: the organiser, who is
	// responsible for sending the report (K25). K25 writes only
	// "organisaation nimi" [inferred].
	d.EmailSubject = SubjectPrefix + " " + p.Organiser.Name
	// The test: the given date, else the pair's latest done test.
	var test *TestRecord
	for i := range p.Tests {
		t := &p.Tests[i]
		if t.Result == ResultPlanned {
			continue
		}
		if cfg.TestDate.IsZero() && (test == nil || !t.Date.Before(test.Date)) {
			test = t
		}
		if !cfg.TestDate.IsZero() && t.Date == cfg.TestDate {
			test = t
		}
	}
	d.TestDate = cfg.TestDate
	if d.TestDate.IsZero() {
		if test == nil {
			return nil, fmt.Errorf("%w: pair %d has no test with a result: give the test date with --test-date", kartoitus.ErrUsage, p.index)
		}
		d.TestDate = test.Date
	}
	if test != nil {
		d.Result, d.Problems, d.ArchivingStart = test.Result, test.Notes, test.ArchivingStart
	}
	if d.Problems == "" {
		d.Problems = p.Notes
	}
	if !cfg.ArchivingStart.IsZero() {
		d.ArchivingStart = cfg.ArchivingStart
	}
	d.Deadline, d.Skipped = Deadline(cal, d.TestDate)
	eves := finding.T("juhannusaatto ja jouluaatto vapaapäivinä", "Midsummer Eve and Christmas Eve as days off")
	if cal.EvesWork {
		eves = finding.T("juhannusaatto ja jouluaatto työpäivinä", "Midsummer Eve and Christmas Eve as working days")
	}
	d.DeadlineBasis = finding.T("Kaksi arkipäivää koepäivän jälkeen (K25 ”kahden arkipäivän sisällä”): maanantai–perjantai ilman arkipyhiä, "+eves.FI+" (tulkinta, laki 150/1930 § 5).",
		"Two working days after the test date (K25 \"kahden arkipäivän sisällä\"): Monday to Friday without public holidays, "+eves.EN+" (our reading, Act 150/1930 § 5).")
	if !d.OrganiserOID.Valid || !d.ProducerOID.Valid {
		d.Failed = true
		d.Notes = append(d.Notes, finding.T("Toimintayksikön OID puuttuu tai on virheellinen: korjaa ennen lähettämistä.",
			"A toimintayksikkö OID is missing or invalid: fix it before sending."))
	}
	switch d.Result {
	case ResultFail:
		d.Notes = append(d.Notes, finding.T("Koe epäonnistui: ratkaise ongelma ja tee koe uudelleen; kirjaa ongelma ja sen ratkaisu raporttiin (K25). Epäonnistuneesta kokeesta ei tarvitse raportoida (K20 3E).",
			"The test failed: solve the problem and re-run the test; describe the problem and its solution in the report (K25). A failed test need not be reported (K20 3E)."))
	case "":
		d.Notes = append(d.Notes, finding.T("Kokeen tulosta ei ole kirjattu parille.", "No test result is recorded for the pair."))
	}
	if d.ArchivingStart.IsZero() {
		d.Notes = append(d.Notes, finding.T("Arkistoinnin aloituspäivä puuttuu: käyttö voi alkaa heti onnistuneen kokeen jälkeen, kun molemmat osapuolet ovat varmistaneet asiakirjojen tallentumisen (K25).",
			"The archiving start date is missing: use may start right after a successful test, once both parties have confirmed the documents were stored (K25)."))
	}
	if v := cfg.Verify; v != nil {
		if v.Summary.Failed {
			d.Failed = true
			d.Notes = append(d.Notes, finding.T("Vientien tarkistuksessa "+count(v.Summary.Fail, "vaihe epäonnistui", "vaihetta epäonnistui")+": koe ei ole onnistunut testitapauksen mukaisesti.",
				count(v.Summary.Fail, "step", "steps")+" failed in the export check: the test did not pass as the test case describes."))
		}
		if v.Summary.Confirm > 0 {
			d.Notes = append(d.Notes, finding.T(count(v.Summary.Confirm, "vaihe on", "vaihetta on")+" varmistettava Arkistonhoitajan käyttöliittymästä tai järjestelmistä ennen raportointia.",
				count(v.Summary.Confirm, "step is", "steps are")+" to be confirmed in the archivist UI or the systems before reporting."))
		}
	}
	return d, nil
}
