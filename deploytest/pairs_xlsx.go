package deploytest

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/internal/xlsxprint"
)

// pairCol is a column of the pairs workbook.
type pairCol int

const (
	colOrgName pairCol = iota
	colOrgOID
	colOrgSystem
	colProdName
	colProdOID
	colProdUnit
	colProdUnitName
	colProdSystem
	colModel
	colPrivate
	colConnection
	colOrgArchive
	colProdArchive
	colTestDate
	colTestResult
	colArchivingStart
	colBackup
	colNotes
	numPairCols
)

// pairColumns: the header written by the template in fi and en, the
// canonical key (the YAML field it matches), synonyms (folded before
// matching), and the column width.
var pairColumns = [numPairCols]struct {
	key, fi, en string
	syn         []string
	width       float64
}{
	colOrgName: {"organiser_name", "Palvelunjärjestäjä", "Organiser", []string{"palvelunjärjestäjän nimi", "järjestäjä", "organiser name",
		"organizer", "organizer name", "tjänsteanordnare"}, 28},
	colOrgOID: {"organiser_oid", "Palvelunjärjestäjän toimintayksikön OID", "Organiser toimintayksikkö OID", []string{"palvelunjärjestäjän oid",
		"järjestäjän oid", "organiser oid", "organizer oid"}, 28},
	colOrgSystem: {"organiser_system", "Palvelunjärjestäjän tietojärjestelmä", "Organiser system", []string{"palvelunjärjestäjän järjestelmä",
		"järjestäjän järjestelmä", "organizer system", "organiser information system"}, 22},
	colProdName: {"producer_name", "Palveluntuottaja", "Producer", []string{"palveluntuottajan nimi", "tuottaja", "producer name",
		"serviceproducent"}, 28},
	colProdOID: {"producer_oid", "Palveluntuottajan toimintayksikön OID", "Producer toimintayksikkö OID", []string{"palveluntuottajan oid",
		"tuottajan oid", "producer oid"}, 28},
	colProdUnit: {"producer_unit", "Palveluyksikön OID", "Service unit OID", []string{"palveluyksikkö", "palveluntuottajan palveluyksikkö",
		"service unit", "unit oid", "unit"}, 28},
	colProdUnitName: {"producer_unit_name", "Palveluyksikön nimi", "Service unit name", []string{"unit name"}, 24},
	colProdSystem: {"producer_system", "Palveluntuottajan tietojärjestelmä", "Producer system", []string{"palveluntuottajan järjestelmä",
		"tuottajan järjestelmä", "producer information system"}, 22},
	colModel: {"model", "Malli", "Model", []string{"liittymismalli", "connection model"}, 24},
	colPrivate: {"private_clients", "Tuottajalla omia yksityisiä asiakkaita", "Producer has private clients", []string{"yksityisiä asiakkaita",
		"omia yksityisiä asiakkaita", "private clients", "own private clients"}, 14},
	colConnection: {"connection_test", "Kanta-yhteydet testattu", "Connections tested", []string{"yhteystesti", "yhteyksien testaus",
		"connection test", "connections to kanta tested"}, 14},
	colOrgArchive: {"organiser_archive_test", "Järjestäjän arkiston käyttöönottokoe", "Organiser archive test", []string{"palvelunjärjestäjän arkiston käyttöönottokoe",
		"organiser archive deployment test", "organizer archive test"}, 16},
	colProdArchive: {"producer_archive_test", "Tuottajan arkiston käyttöönottokoe", "Producer archive test", []string{"palveluntuottajan arkiston käyttöönottokoe",
		"producer archive deployment test"}, 16},
	colTestDate:       {"test_date", "Koepäivä", "Test date", []string{"käyttöönottokokeen päivä", "testipäivä", "date"}, 12},
	colTestResult:     {"test_result", "Tulos", "Result", []string{"kokeen tulos", "test result"}, 12},
	colArchivingStart: {"archiving_start", "Arkistointi alkaa", "Archiving starts", []string{"käyttö alkaa", "archiving start"}, 12},
	colBackup:         {"backup_date", "Varapäivä", "Backup date", []string{"backup"}, 12},
	colNotes:          {"notes", "Ongelmat ja ratkaisut", "Problems and solutions", []string{"huomiot", "lisätiedot", "problems and solutions", "notes"}, 40},
}

var pairHeaderIndex = func() map[string]pairCol {
	m := map[string]pairCol{}
	for c := pairCol(0); c < numPairCols; c++ {
		d := pairColumns[c]
		for _, s := range append([]string{d.key, d.fi, d.en}, d.syn...) {
			m[textnorm.FoldHeader(s)] = c
		}
	}
	return m
}()

// resolvePairHeader maps a row to columns; ok when it names at least the
// organiser, the organiser's system and one producer column.
func resolvePairHeader(cols []string) ([numPairCols]int, bool) {
	var idx [numPairCols]int
	for i := range idx {
		idx[i] = -1
	}
	for i, h := range cols {
		if c, ok := pairHeaderIndex[textnorm.FoldHeader(h)]; ok && idx[c] < 0 {
			idx[c] = i
		}
	}
	ok := idx[colOrgName] >= 0 && idx[colOrgSystem] >= 0 && (idx[colProdName] >= 0 || idx[colProdSystem] >= 0)
	return idx, ok
}

// ReadPairsXLSX reads a pairs workbook: the first sheet with a pairs
// header in its first 20 rows. One row per pair and test; rows naming the
// same pair (organiser, systems, producer, unit, model) are merged, their
// tests collected. Blank rows are skipped; a row that cannot be read is
// rejected (DPT021) with sheet and row.
func ReadPairsXLSX(name string, r io.Reader) (*Pairs, error) {
	xf, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: not a readable XLSX workbook: %v", kartoitus.ErrUnreadable, name, err)
	}
	defer xf.Close()
	var seen []string
	for _, sheet := range xf.GetSheetList() {
		rows, err := xf.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("%w: %s: sheet %q: %v", kartoitus.ErrUnreadable, name, sheet, err)
		}
		for hr := 0; hr < len(rows) && hr < 20; hr++ {
			idx, ok := resolvePairHeader(rows[hr])
			if !ok {
				continue
			}
			return readPairRows(name, sheet, rows, hr, idx)
		}
		seen = append(seen, sheet)
	}
	return nil, fmt.Errorf("%w: %s: no sheet has a pairs header (want columns such as %q, %q, %q; sheets: %s)",
		kartoitus.ErrNotRecognised, name, pairColumns[colOrgName].fi, pairColumns[colOrgSystem].fi, pairColumns[colProdSystem].fi,
		strings.Join(seen, ", "))
}

func readPairRows(name, sheet string, rows [][]string, hr int, idx [numPairCols]int) (*Pairs, error) {
	ps := &Pairs{Source: name, Tally: finding.Tally{Source: name + " / " + sheet}}
	byKey := map[[6]string]int{}
	for i := hr + 1; i < len(rows); i++ {
		cells := rows[i]
		get := func(c pairCol) string {
			if j := idx[c]; j >= 0 && j < len(cells) {
				return strings.TrimSpace(cells[j])
			}
			return ""
		}
		ps.Tally.Read++
		blank := true
		for _, v := range cells {
			if strings.TrimSpace(v) != "" {
				blank = false
				break
			}
		}
		if blank {
			ps.Tally.Skipped++
			continue
		}
		row := i + 1
		loc := finding.Location{File: name, Sheet: sheet, Row: row}
		raw := rawPair{orgName: get(colOrgName), orgOID: get(colOrgOID), orgSystem: get(colOrgSystem),
			prodName: get(colProdName), prodOID: get(colProdOID), prodUnit: get(colProdUnit), prodUnitName: get(colProdUnitName),
			prodSystem: get(colProdSystem), model: get(colModel), private: get(colPrivate), connection: get(colConnection),
			orgArchive: get(colOrgArchive), prodArchive: get(colProdArchive), backup: get(colBackup), notes: ""}
		raw.tests = []rawTest{{date: get(colTestDate), result: get(colTestResult), start: get(colArchivingStart), notes: get(colNotes)}}
		if raw.tests[0].date == "" && raw.tests[0].result == "" {
			// No test on this row: its notes are the pair's.
			raw.notes, raw.tests = get(colNotes), nil
		}
		p, problems := raw.build(loc)
		if len(problems) > 0 {
			ps.reject(loc, problems)
			continue
		}
		ps.Tally.Accepted++
		if k, ok := byKey[p.keyFields]; ok {
			q := &ps.Pairs[k]
			q.Tests = append(q.Tests, p.Tests...)
			q.Rows = append(q.Rows, row)
			mergePrereq(&q.ConnectionTest, p.ConnectionTest)
			mergePrereq(&q.OrganiserArchiveTest, p.OrganiserArchiveTest)
			mergePrereq(&q.ProducerArchiveTest, p.ProducerArchiveTest)
			q.PrivateClients = q.PrivateClients || p.PrivateClients
			if q.BackupDate.IsZero() {
				q.BackupDate = p.BackupDate
			}
			if q.Notes == "" {
				q.Notes = p.Notes
			}
			continue
		}
		p.Rows = []int{row}
		p.index = len(ps.Pairs) + 1
		byKey[p.keyFields] = len(ps.Pairs)
		ps.Pairs = append(ps.Pairs, p)
	}
	if ps.Tally.Accepted+ps.Tally.Rejected == 0 {
		return nil, fmt.Errorf("%w: %s: sheet %q has a pairs header on row %d but no pairs under it", kartoitus.ErrNotRecognised, name, sheet, hr+1)
	}
	return ps, nil
}

// mergePrereq keeps a done prerequisite, and its date when the first row
// had none.
func mergePrereq(dst *Prerequisite, src Prerequisite) {
	if !src.Done {
		return
	}
	if !dst.Done || dst.Date.IsZero() {
		*dst = src
	}
}

// PairsSheet is the data sheet name of the pairs template.
func PairsSheet(lang finding.Lang) string {
	if lang == finding.EN {
		return "Deployment tests"
	}
	return "Käyttöönottokokeet"
}

// WritePairsTemplate writes a blank pairs workbook: instructions, the
// data sheet with a frozen header and drop-down lists for the model,
// yes/no and the result.
func WritePairsTemplate(w io.Writer, lang finding.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	en := lang == finding.EN
	help, data := "Ohjeet", PairsSheet(lang)
	if en {
		help = "Instructions"
	}
	if err := f.SetSheetName(f.GetSheetName(0), help); err != nil {
		return err
	}
	if _, err := f.NewSheet(data); err != nil {
		return err
	}
	lines := []string{
		"Rekisterinkäyttöoikeuden käyttöönottokokeet: yksi rivi kutakin palvelunjärjestäjän ja palveluntuottajan paria ja koetta kohden.",
		"Käyttöönottokoe vaaditaan, kun rekisterinkäyttöoikeus otetaan käyttöön ensimmäistä kertaa tietyllä järjestelmien yhdistelmällä; muulloin se on suositeltava (Kela 27.6.2025).",
		"Rinnakkaisliittymismallissa (palveluntuottaja käyttää palvelunjärjestäjän järjestelmää) Kela suosittelee koetta vähintään ensimmäisen palveluntuottajan kohdalla.",
		"Järjestelmät: virallinen nimi Valviran tietojärjestelmärekisterissä. OID: toimintayksikön OID SOTE-organisaatiorekisterin mukaan.",
		"Päivämäärät muodossa p.k.vvvv tai vvvv-kk-pp. Sama pari usealla rivillä = useampi koe (esim. epäonnistunut ja uusittu).",
		"Tarkista: kartoitus deploytest plan --pairs TÄMÄ.xlsx",
	}
	if en {
		lines = []string{
			"Register-use-right deployment tests: one row per organiser–producer pair and test.",
			"A test is required the first time the register use right is used with a given combination of systems; otherwise it is recommended (Kela 27.6.2025).",
			"In the rinnakkaisliittymismalli (the producer uses the organiser's system) Kela recommends a test at least for the first producer.",
			"Systems: the official name in Valvira's information-system register. OID: the toimintayksikkö OID as in the SOTE organisation register.",
			"Dates as d.m.yyyy or yyyy-mm-dd. The same pair on several rows = several tests (e.g. a failed one and its re-run).",
			"Check: kartoitus deploytest plan --pairs THIS.xlsx",
		}
	}
	for i, l := range lines {
		if err := f.SetCellStr(help, fmt.Sprintf("A%d", i+1), l); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(help, "A", "A", 140); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	for c := pairCol(0); c < numPairCols; c++ {
		cell, _ := excelize.CoordinatesToCellName(int(c)+1, 1)
		label := pairColumns[c].fi
		if en {
			label = pairColumns[c].en
		}
		if err := f.SetCellStr(data, cell, label); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(int(c) + 1)
		if err := f.SetColWidth(data, col, col, pairColumns[c].width); err != nil {
			return err
		}
	}
	last, _ := excelize.ColumnNumberToName(int(numPairCols))
	if err := f.SetCellStyle(data, "A1", last+"1", head); err != nil {
		return err
	}
	if err := f.SetRowHeight(data, 1, 45); err != nil {
		return err
	}
	lists := map[pairCol][]string{
		colModel:      {"oma järjestelmä", "rinnakkaisliittymismalli"},
		colPrivate:    {"kyllä", "ei"},
		colTestResult: {"onnistui", "epäonnistui", "suunniteltu"},
	}
	if en {
		lists = map[pairCol][]string{
			colModel:      {"own system", "rinnakkaisliittymismalli"},
			colPrivate:    {"yes", "no"},
			colTestResult: {"pass", "fail", "planned"},
		}
	}
	for _, c := range []pairCol{colModel, colPrivate, colTestResult} {
		col, _ := excelize.ColumnNumberToName(int(c) + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = col + "2:" + col + "500"
		if err := dv.SetDropList(lists[c]); err != nil {
			return err
		}
		if err := f.AddDataValidation(data, dv); err != nil {
			return err
		}
	}
	if err := f.SetPanes(data, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	idx, _ := f.GetSheetIndex(data)
	f.SetActiveSheet(idx)
	if err := xlsxprint.SetupAll(f); err != nil {
		return err
	}
	return f.Write(w)
}
