package onboarding

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Card is a DVV social and health care certificate card (K20 dia 17–19).
type Card string

const (
	// Ammattikortti: professionals registered in Valvira's central
	// registers (Terhikki or Suosikki; JulkiSuosikki/JulkiTerhikki are
	// their public views) (K20 dia 18).
	Ammattikortti Card = "ammattikortti"
	// Henkilostokortti: the organisation's workers who are not registered
	// professionals, e.g. secretaries and assisting staff (K20 dia 19).
	Henkilostokortti Card = "henkilostokortti"
	// Toimijakortti: stakeholders outside social and health care, e.g.
	// system vendors (K20 dia 19).
	Toimijakortti Card = "toimijakortti"
	// Varakortti: for a broken or unavailable card (K20 dia 19).
	Varakortti Card = "varakortti"
)

// Cards lists the card types in the order reports show them.
var Cards = []Card{Ammattikortti, Henkilostokortti, Toimijakortti, Varakortti}

var cardText = map[Card]finding.Text{
	Ammattikortti:    finding.T("ammattikortti", "professional card (ammattikortti)"),
	Henkilostokortti: finding.T("henkilöstökortti", "staff card (henkilöstökortti)"),
	Toimijakortti:    finding.T("toimijakortti", "operator card (toimijakortti)"),
	Varakortti:       finding.T("varakortti", "backup card (varakortti)"),
}

// CardText is the card's name in l.
func CardText(c Card, l finding.Lang) string { return cardText[c].In(l) }

func parseCard(s string) (Card, bool) {
	switch textnorm.Fold(s) {
	case "":
		return "", true
	case "ammattikortti", "sote ammattikortti", "professional card", "professional":
		return Ammattikortti, true
	case "henkilostokortti", "sote henkilostokortti", "staff card", "staff":
		return Henkilostokortti, true
	case "toimijakortti", "sote toimijakortti", "operator card", "vendor card", "operator":
		return Toimijakortti, true
	case "varakortti", "backup card", "spare card", "backup":
		return Varakortti, true
	}
	return "", false
}

// Person is one row of the staff list.
type Person struct {
	Name string `json:"name"`
	Role string `json:"role,omitempty"`
	// Registered: a professional registered with Valvira (JulkiSuosikki /
	// Terhikki); nil when the list does not say.
	Registered *bool `json:"registered"`
	Vendor     bool  `json:"vendor"`
	Card       Card  `json:"card"`
	// Why is the rule that chose the card.
	Why finding.Text     `json:"why"`
	Loc finding.Location `json:"location"`
}

// Staff is a read staff list.
type Staff struct {
	Source   string
	People   []Person
	Tally    finding.Tally
	Findings []finding.Finding
}

var staffColumns = []column{
	{"name", []string{"Nimi", "Name", "Henkilö", "Työntekijä", "Person", "Employee"}},
	{"role", []string{"Rooli", "Tehtävä", "Nimike", "Ammattinimike", "Role", "Title", "Job title"}},
	{"registered", []string{"Rekisteröity ammattihenkilö", "Rekisteröity", "Ammattihenkilö", "JulkiSuosikki", "JulkiTerhikki", "Terhikki",
		"Suosikki", "Laillistettu", "Registered", "Registered professional"}},
	{"vendor", []string{"Toimittajan henkilö", "Toimittaja", "Järjestelmätoimittaja", "Ulkopuolinen", "Vendor", "Vendor staff"}},
	{"card", []string{"Korttityyppi", "Kortti", "Card", "Card type"}},
	{"note", []string{"Huomiot", "Lisätiedot", "Note", "Notes"}},
}

// ReadStaff reads a staff list: CSV (any delimiter and encoding textio
// knows) or an .xlsx workbook (the first sheet with a name column and a
// registration or card column).
func ReadStaff(path string) (*Staff, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, ident.Redact(err.Error()))
	}
	name := ident.Redact(path)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return ParseStaffXLSX(name, b)
	case ".csv", ".txt", ".tsv":
		return ParseStaffCSV(name, bytes.NewReader(b))
	}
	return nil, fmt.Errorf("%w: %s: a staff list is .csv or .xlsx", kartoitus.ErrUnreadable, name)
}

// ParseStaffCSV reads a staff list from delimited text.
func ParseStaffCSV(name string, r io.Reader) (*Staff, error) {
	t, err := readCSV(name, r)
	if err != nil {
		return nil, err
	}
	st, ok, err := staffFrom(t)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%w: %s: no staff header (Nimi and Rekisteröity ammattihenkilö or Korttityyppi); seen %s",
			kartoitus.ErrNotRecognised, name, headersSeen(t))
	}
	return st, nil
}

// ParseStaffXLSX reads a staff list from a workbook.
func ParseStaffXLSX(name string, b []byte) (*Staff, error) {
	f, err := openXLSX(name, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tables, err := xlsxTables(name, f)
	if err != nil {
		return nil, err
	}
	var seen []string
	for _, t := range tables {
		st, ok, err := staffFrom(t)
		if err != nil {
			return nil, err
		}
		if ok {
			return st, nil
		}
		seen = append(seen, fmt.Sprintf("%q: %s", ident.Redact(t.sheet), headersSeen(t)))
	}
	return nil, fmt.Errorf("%w: %s: no sheet has a staff header (Nimi and Rekisteröity ammattihenkilö or Korttityyppi); seen %s",
		kartoitus.ErrNotRecognised, name, strings.Join(seen, "; "))
}

// staffFrom reads the people of one table; ok is false when the table has
// no staff header.
func staffFrom(t table) (*Staff, bool, error) {
	h, ok := findHeader(t, staffColumns, "name", "registered")
	if !ok {
		if h, ok = findHeader(t, staffColumns, "name", "card"); !ok {
			return nil, false, nil
		}
	}
	src := t.file
	if t.sheet != "" {
		src += ": " + ident.Redact(t.sheet)
	}
	st := &Staff{Source: src, Tally: finding.Tally{Source: src}}
	colName := func(k string) string {
		if j, ok := h.col[k]; ok && j < len(t.rows[h.row]) {
			return ident.Redact(strings.TrimSpace(t.rows[h.row][j]))
		}
		return ""
	}
	for i := h.row + 1; i < len(t.rows); i++ {
		row := t.rows[i]
		if blank(row) {
			continue
		}
		st.Tally.Read++
		loc := finding.Location{File: t.file, Row: t.first + i}
		if t.sheet != "" {
			loc.Sheet = ident.Redact(t.sheet)
		}
		reject := func(col string, msg finding.Text) {
			l := loc
			l.Column = col
			st.Tally.Rejected++
			st.Findings = append(st.Findings, finding.New(RuleStaffRejected, msg, l, l.File, l.Sheet, strconv.Itoa(l.Row)))
		}
		p := Person{Name: ident.Redact(h.cell(row, "name")), Role: ident.Redact(h.cell(row, "role")), Loc: loc}
		card, okCard := parseCard(h.cell(row, "card"))
		if !okCard {
			reject(colName("card"), tf("korttityyppi %q ei ole ammattikortti, henkilöstökortti, toimijakortti tai varakortti",
				"card %q is not ammattikortti, henkilöstökortti, toimijakortti or varakortti", ident.Redact(h.cell(row, "card"))))
			continue
		}
		if p.Name == "" && card != Varakortti {
			reject(colName("name"), finding.T("nimi puuttuu", "no name"))
			continue
		}
		reg, regSet, okReg := yesNo(h.cell(row, "registered"))
		if !okReg {
			reject(colName("registered"), tf("%q: kirjoita kyllä tai ei", "%q: write yes or no", ident.Redact(h.cell(row, "registered"))))
			continue
		}
		vendor, _, okVendor := yesNo(h.cell(row, "vendor"))
		if !okVendor {
			reject(colName("vendor"), tf("%q: kirjoita kyllä tai ei", "%q: write yes or no", ident.Redact(h.cell(row, "vendor"))))
			continue
		}
		if regSet {
			p.Registered = &reg
		}
		p.Vendor = vendor
		switch {
		case card != "":
			p.Card, p.Why = card, finding.T("korttityyppi annettu luettelossa", "card type given in the list")
		case vendor:
			p.Card, p.Why = Toimijakortti, finding.T("toimittajan henkilö: toimijakortti (K20 dia 19)", "vendor staff: operator card (K20 slide 19)")
		case regSet && reg:
			p.Card, p.Why = Ammattikortti, finding.T("rekisteröity ammattihenkilö: ammattikortti (K20 dia 18)", "registered professional: professional card (K20 slide 18)")
		case regSet:
			p.Card, p.Why = Henkilostokortti, finding.T("ei rekisteröity ammattihenkilö: henkilöstökortti (K20 dia 19)", "not a registered professional: staff card (K20 slide 19)")
		default:
			p.Card, p.Why = Henkilostokortti, finding.T("rekisteröintiä ei kerrottu: oletettu henkilöstökortti", "registration not stated: staff card assumed")
			l := loc
			l.Column = colName("registered")
			st.Findings = append(st.Findings, finding.New(RuleRegistrationUnknown,
				tf("%s: rekisteröitymistä ammattihenkilöksi (JulkiSuosikki/Terhikki) ei kerrottu; laskettu henkilöstökortiksi. Tarkista ja merkitse kyllä tai ei.",
					"%s: registration as a professional (JulkiSuosikki/Terhikki) not stated; counted as a staff card. Check and write yes or no.", p.Name),
				l, l.File, l.Sheet, strconv.Itoa(l.Row)))
		}
		st.Tally.Accepted++
		st.People = append(st.People, p)
	}
	if st.Tally.Accepted == 0 {
		var reasons []string
		for i, f := range st.Findings {
			if i == 3 {
				reasons = append(reasons, "…")
				break
			}
			reasons = append(reasons, f.Location.In(finding.EN)+": "+f.Message.EN)
		}
		msg := src + ": no people in the staff list"
		if len(reasons) > 0 {
			msg += fmt.Sprintf(" (%d rows rejected: %s)", st.Tally.Rejected, strings.Join(reasons, "; "))
		}
		return nil, true, fmt.Errorf("%w: %s", kartoitus.ErrNotRecognised, msg)
	}
	return st, true, nil
}

// Prices the deck gives, in euros, as of 20.4.2020. They are the deck's
// and may have changed: reports say so.
const (
	PriceCardMin, PriceCardMax     = 0, 23  // henkilöstö-, toimija- and varakortti, by use purpose (K20 dia 19)
	PriceReaderMin, PriceReaderMax = 40, 50 // a card reader (K20 dia 21)
	PricesAsOf                     = "20.4.2020"
)

// CostLine is one line of the card plan's cost.
type CostLine struct {
	Item     finding.Text `json:"item"`
	Count    int          `json:"count"`
	UnitMin  int          `json:"unit_min_eur"`
	UnitMax  int          `json:"unit_max_eur"`
	TotalMin int          `json:"total_min_eur"`
	TotalMax int          `json:"total_max_eur"`
	Source   string       `json:"source"`
	Note     finding.Text `json:"note,omitzero"`
}

// CardPlan is how many cards of each kind, who gets which, and what they
// cost at the deck's 2020 prices.
type CardPlan struct {
	Source  string       `json:"source"`
	People  []Person     `json:"people"`
	Counts  map[Card]int `json:"counts"`
	Total   int          `json:"total"`
	Readers int          `json:"readers"`
	// ReadersGiven is false when no reader count was given: readers are
	// then priced per unit only.
	ReadersGiven bool       `json:"readers_given"`
	Lines        []CostLine `json:"lines"`
	CostMin      int        `json:"cost_min_eur"`
	CostMax      int        `json:"cost_max_eur"`
	// Unpriced lists costs the deck names without an amount.
	Unpriced  []finding.Text `json:"unpriced"`
	PriceNote finding.Text   `json:"price_note"`
	// Dates from the plan: the card contract, the order and the readers
	// must start by these.
	ContractBy calendar.Day `json:"contract_by,omitzero"`
	OrderBy    calendar.Day `json:"order_by,omitzero"`
	ReadersBy  calendar.Day `json:"readers_by,omitzero"`
}

// CardOptions add to the staff list what it does not say.
type CardOptions struct {
	// BackupCards are extra varakortit (the deck gives no number).
	BackupCards int
	// Readers is the number of card readers to buy; negative = not given.
	Readers int
}

// PlanCards counts the cards of a staff list and prices them.
func PlanCards(st *Staff, o CardOptions) *CardPlan {
	cp := &CardPlan{Source: st.Source, People: st.People, Counts: map[Card]int{}}
	for _, p := range st.People {
		cp.Counts[p.Card]++
	}
	cp.Counts[Varakortti] += o.BackupCards
	for _, c := range Cards {
		cp.Total += cp.Counts[c]
	}
	line := func(item finding.Text, n, lo, hi int, src string, note finding.Text) {
		cp.Lines = append(cp.Lines, CostLine{Item: item, Count: n, UnitMin: lo, UnitMax: hi, TotalMin: n * lo, TotalMax: n * hi, Source: src, Note: note})
		cp.CostMin += n * lo
		cp.CostMax += n * hi
	}
	line(finding.T("ammattikortti", "professional card"), cp.Counts[Ammattikortti], 0, 0, "K20 dia 18",
		finding.T("kortti on maksuton; rekisteröintipiste voi veloittaa oman palvelumaksunsa", "the card is free; the registration point may charge its own service fee"))
	line(finding.T("henkilöstökortti", "staff card"), cp.Counts[Henkilostokortti], PriceCardMin, PriceCardMax, "K20 dia 19",
		finding.T("hinta riippuu palvelussuhdetodistuksen käyttötarkoituksesta", "the price depends on the use purpose in the employment certificate"))
	line(finding.T("toimijakortti", "operator card"), cp.Counts[Toimijakortti], PriceCardMin, PriceCardMax, "K20 dia 19", finding.Text{})
	line(finding.T("varakortti", "backup card"), cp.Counts[Varakortti], PriceCardMin, PriceCardMax, "K20 dia 19",
		finding.T("lukumäärää diasarja ei anna: --backup-cards tai rivi korttityypillä varakortti", "the deck gives no number: --backup-cards or a row with card type varakortti"))
	if o.Readers >= 0 {
		cp.Readers, cp.ReadersGiven = o.Readers, true
		line(finding.T("kortinlukija", "card reader"), o.Readers, PriceReaderMin, PriceReaderMax, "K20 dia 21",
			finding.T("osassa koneista lukija on valmiina", "some computers have a reader built in"))
	} else {
		cp.Unpriced = append(cp.Unpriced, tf("kortinlukijat: määrää ei annettu (--readers); noin %d–%d € kappale (K20 dia 21, hinta %s)",
			"card readers: no number given (--readers); about €%d–%d each (K20 slide 21, price of %s)", PriceReaderMin, PriceReaderMax, PricesAsOf))
	}
	if cp.Counts[Ammattikortti] > 0 {
		cp.Unpriced = append(cp.Unpriced, finding.T("rekisteröintipisteen palvelumaksu ammattikorteista: summaa ei anneta (K20 dia 18)",
			"the registration point's service fee for professional cards: no amount given (K20 slide 18)"))
	}
	cp.PriceNote = tf("Hinnat ovat Kelan diasarjan (%s) vuoden 2020 hintoja; tarkista nykyiset hinnat DVV:ltä ja rekisteröintipisteestä.",
		"Prices are the 2020 prices of Kela's deck (%s); check current prices with DVV and the registration point.", PricesAsOf)
	return cp
}
