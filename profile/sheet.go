package profile

import (
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	kartoitus "github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/internal/xlsxguard"
)

// The profile as a sheet of the inventory template: the organisation's
// own facts as label–value rows, then a table each of service units,
// organisers and subcontractors. Labels are matched folded, in Finnish or
// English, so a filled sheet reads back whichever language wrote it.

// SheetNames are the names the profile sheet goes by.
var SheetNames = []string{"Organisaatioprofiili", "Organisation profile"}

// SheetName is the sheet's name in a language.
func SheetName(lang string) string {
	if lang == "en" {
		return SheetNames[1]
	}
	return SheetNames[0]
}

type label struct{ fi, en string }

var (
	lName     = label{"Toimintayksikön nimi", "Organisation name"}
	lYTunnus  = label{"Y-tunnus", "Business ID (Y-tunnus)"}
	lOID      = label{"Toimintayksikön OID", "Organisation OID"}
	lKind     = label{"Laji (julkinen / yksityinen)", "Kind (public / private)"}
	lRoles    = label{"Roolit (palvelunjärjestäjä, palveluntuottaja, alihankkija)", "Roles (organiser, producer, subcontractor)"}
	lSelfPay  = label{"Itsemaksavia asiakkaita (kyllä / ei)", "Self-paying clients (yes / no)"}
	lUnits    = label{"Palveluyksiköt", "Service units"}
	lOrgs     = label{"Palvelunjärjestäjät, joille tuotetaan", "Organisers produced for"}
	lSubs     = label{"Alihankkijat", "Subcontractors"}
	colsUnits = []label{{"Nimi", "Name"}, {"OID", "OID"}, {"Palvelutehtävät", "Service tasks"}}
	colsOrgs  = []label{{"Nimi", "Name"}, {"Y-tunnus", "Y-tunnus"}, {"OID-tunnukset", "OIDs"}, {"Laji (julkinen / yksityinen / Kela)", "Kind (public / private / Kela)"}}
	colsSubs  = []label{{"Nimi", "Name"}, {"Y-tunnus", "Y-tunnus"}, {"OID-tunnukset", "OIDs"}}
)

func (l label) in(lang string) string {
	if lang == "en" {
		return l.en
	}
	return l.fi
}

func (l label) is(cell string) bool {
	f := textnorm.Fold(cell)
	return f != "" && (f == textnorm.Fold(l.fi) || f == textnorm.Fold(l.en))
}

// tableRows is how many blank rows each table offers.
const tableRows = 20

// AddSheet adds a blank profile sheet to a workbook (the inventory
// template).
func AddSheet(f *excelize.File, lang string) error {
	sh := SheetName(lang)
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	set := func(cell string, v any) {
		if err == nil {
			err = f.SetCellValue(sh, cell, v)
		}
	}
	title := "Organisaatioprofiili: kenen rekisteriin asiakirjat kuuluvat (kartoitus --profile lukee tämän välilehden)"
	if lang == "en" {
		title = "Organisation profile: whose register the documents belong to (kartoitus --profile reads this sheet)"
	}
	set("A1", title)
	row := 3
	for _, l := range []label{lName, lYTunnus, lOID, lKind, lRoles, lSelfPay} {
		set(fmt.Sprintf("A%d", row), l.in(lang))
		row++
	}
	row++
	for _, t := range []struct {
		title label
		cols  []label
	}{{lUnits, colsUnits}, {lOrgs, colsOrgs}, {lSubs, colsSubs}} {
		set(fmt.Sprintf("A%d", row), t.title.in(lang))
		row++
		for i, c := range t.cols {
			col, _ := excelize.ColumnNumberToName(i + 1)
			set(fmt.Sprintf("%s%d", col, row), c.in(lang))
		}
		last, _ := excelize.ColumnNumberToName(len(t.cols))
		if err == nil {
			err = f.SetCellStyle(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("%s%d", last, row), bold)
		}
		row += tableRows + 2
	}
	if err == nil {
		err = f.SetCellStyle(sh, "A1", "A1", bold)
	}
	if err == nil {
		err = f.SetColWidth(sh, "A", "A", 48)
	}
	if err == nil {
		err = f.SetColWidth(sh, "B", "D", 30)
	}
	return err
}

// isWorkbook reports whether a profile file is an xlsx (a zip).
func isWorkbook(b []byte) bool { return len(b) >= 4 && string(b[:4]) == "PK\x03\x04" }

// readSheet reads the profile sheet of a workbook into a Profile (not yet
// validated).
func readSheet(path string, b []byte) (*Profile, error) {
	f, err := xlsxguard.OpenBytes(b, path, excelize.Options{})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var sheet string
	for _, s := range f.GetSheetList() {
		for _, n := range SheetNames {
			if textnorm.Fold(s) == textnorm.Fold(n) {
				sheet = s
			}
		}
	}
	if sheet == "" {
		return nil, fmt.Errorf("%w: %s: no sheet %q or %q", kartoitus.ErrNotRecognised, path, SheetNames[0], SheetNames[1])
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: sheet %q: %v", kartoitus.ErrUnreadable, path, sheet, err)
	}
	p := &Profile{}
	cell := func(r []string, i int) string {
		if i < len(r) {
			return strings.TrimSpace(r[i])
		}
		return ""
	}
	section := ""
	for n, r := range rows {
		a := cell(r, 0)
		switch {
		case lName.is(a):
			p.Organisation.Name = cell(r, 1)
		case lYTunnus.is(a):
			p.Organisation.YTunnus = cell(r, 1)
		case lOID.is(a):
			p.Organisation.OID = cell(r, 1)
		case lKind.is(a):
			p.Organisation.Kind = cell(r, 1)
		case lRoles.is(a):
			for _, w := range splitList(cell(r, 1)) {
				role, ok := parseRole(w)
				if !ok {
					return nil, fmt.Errorf("%s: sheet %q row %d: role %q: want organiser, producer or subcontractor (palvelunjärjestäjä, palveluntuottaja, alihankkija)", path, sheet, n+1, w)
				}
				p.Roles = append(p.Roles, role)
			}
		case lSelfPay.is(a):
			if v := cell(r, 1); v != "" {
				yes, ok := parseYesNo(v)
				if !ok {
					return nil, fmt.Errorf("%s: sheet %q row %d: %q: want kyllä or ei (yes or no)", path, sheet, n+1, v)
				}
				p.SelfPayingClients = &yes
			}
		case lUnits.is(a):
			section = "units"
		case lOrgs.is(a):
			section = "organisers"
		case lSubs.is(a):
			section = "subcontractors"
		case colsUnits[0].is(a):
			// a table's header row
		case a == "" && cell(r, 1) == "" && cell(r, 2) == "":
			// a blank row
		default:
			switch section {
			case "units":
				p.ServiceUnits = append(p.ServiceUnits, ServiceUnit{Name: a, OID: cell(r, 1), ServiceTasks: splitList(cell(r, 2))})
			case "organisers":
				p.Organisers = append(p.Organisers, Organiser{Name: a, YTunnus: cell(r, 1), OIDs: splitList(cell(r, 2)), Kind: cell(r, 3)})
			case "subcontractors":
				p.Subcontractors = append(p.Subcontractors, Party{Name: a, YTunnus: cell(r, 1), OIDs: splitList(cell(r, 2))})
			}
		}
	}
	return p, nil
}

func splitList(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func parseRole(s string) (Role, bool) {
	switch textnorm.Fold(s) {
	case "organiser", "organizer", "palvelunjarjestaja", "jarjestaja", "tjanstearrangor":
		return RoleOrganiser, true
	case "producer", "palveluntuottaja", "tuottaja", "serviceproducent":
		return RoleProducer, true
	case "subcontractor", "alihankkija", "palveluntoteuttaja", "underleverantor":
		return RoleSubcontractor, true
	}
	return "", false
}

func parseYesNo(s string) (bool, bool) {
	switch textnorm.Fold(s) {
	case "kylla", "k", "yes", "y", "ja", "true", "x", "1":
		return true, true
	case "ei", "e", "no", "n", "nej", "false", "0", "-":
		return false, true
	}
	return false, false
}

// readFile reads a profile file's bytes.
func readFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	return b, nil
}
