package deploytest

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/xlsxprint"
)

// testDayOrder is the order of the test day: the ground rule, the
// organiser's start, the producer's part, the organiser's reading and
// end, then the checks after the end (K25 Taulukko 1 and 2 side by side).
var testDayOrder = []string{"T0", "J1", "J2", "T1", "T2", "T3", "T4", "T5", "J3", "J4", "J5", "T6"}

// checkItem is a prerequisite or closing item of the checklist.
type checkItem struct {
	Text  finding.Text
	Basis string
}

// prerequisites are the things K25 and K20 ask to be ready before the
// test, and the test case's preconditions (K25 Esiehdot).
var prerequisites = []checkItem{
	{finding.T("Tietoliikenneyhteydet Kanta-palveluun testattu (molempien järjestelmien)", "Connections to Kanta tested (both systems)"), K25 + ", Ennen käyttöönottokoetta"},
	{finding.T("Palvelunjärjestäjän oma Sosiaalihuollon asiakastietovarannon käyttöönottokoe tehty (tai tehdään tämän kokeen yhteydessä)",
		"The organiser's own deployment test of the client data repository done (or done together with this test)"), K25 + ", Ennen käyttöönottokoetta"},
	{finding.T("Palveluntuottajan oma käyttöönottokoe tehty, jos se tuottaa myös yksityisiä sosiaalipalveluja omille asiakkailleen",
		"The producer's own deployment test done, if it also gives private social services to clients of its own"), K25 + ", Ennen käyttöönottokoetta"},
	{finding.T("Kelan antama 900-sarjan testihenkilötunnus (palvelunjärjestäjä tai sen järjestelmätoimittaja ilmoittaa)",
		"A 900-series test henkilötunnus from Kela (the organiser or its system vendor gives it)"), K25 + ", Käyttöönottokoe"},
	{finding.T("Osallistujilla käyttöoikeudet ja pääsy tuotantoympäristöön sekä varmennekortti", "Participants have access rights, production access and a certificate card"), K25 + ", Käyttöönottokoe"},
	{finding.T("Kanta-arkistonhoitaja, jolla käyttöoikeus Arkistonhoitajan käyttöliittymään (tarvittaessa)", "A Kanta archivist with access to the archivist UI (if needed)"), K25 + ", Käyttöönottokoe"},
	{finding.T("Koepäivä ja varapäivä sovittu järjestelmätoimittajien kanssa; aloitus aamulla, ”kuuma linja” toimittajaan", "Test date and backup date agreed with the vendors; start in the morning, a \"hot line\" to the vendor"), K20 + ", 3C–3D"},
	{finding.T("Esiehto: asiakkuus perustettu palvelunjärjestäjän järjestelmään", "Precondition: the client relationship exists in the organiser's system"), K25 + ", Esiehdot"},
	{finding.T("Esiehto: asiakkuusasiakirja tallennettu palvelunjärjestäjän sosiaalihuollon asiakasrekisteriin", "Precondition: the Asiakkuusasiakirja is stored in the organiser's client register"), K25 + ", Esiehdot"},
	{finding.T("Esiehto: sosiaalihuollon asia avattu ja prosessin mukainen asiakasasiakirja (esim. palvelupäätös) tallennettu", "Precondition: a case is open and a process document (e.g. a service decision) is stored"), K25 + ", Esiehdot"},
}

// closing are the items after the steps.
var closing = []checkItem{
	{finding.T("Arkistonhoitaja tarkistaa, että asiakirjat arkistoituivat, metatiedot ovat oikein ja vastaavat järjestelmän kirjauksia", "The archivist checks that the documents were archived and their metadata are right and match the system's entries"), K20 + ", 3E"},
	{finding.T("Molemmat osapuolet varmistavat, että palveluntuottajan asiakirjat tallentuivat palvelunjärjestäjän rekisteriin ja että kumpikin voi käsitellä asiakirjoja testitapauksen mukaisesti", "Both parties confirm that the producer's documents were stored in the organiser's register and both can process them as the test case describes"), K25 + ", Käyttöönottokokeen raportointi"},
	{finding.T("Ongelmat ja niiden ratkaisut kirjattu; epäonnistunut koe tehdään uudelleen", "Problems and their solutions recorded; a failed test is re-run"), K25 + ", Käyttöönottokokeessa esiintyvät ongelmat"},
	{finding.T("Raportti liitteenä osoitteeseen "+ReportAddress+" kahden arkipäivän sisällä, aihe ”"+SubjectPrefix+" + organisaation nimi” (kartoitus deploytest report laskee määräpäivän)",
		"The report as an attachment to "+ReportAddress+" within two working days, subject \""+SubjectPrefix+" + organisaation nimi\" (kartoitus deploytest report computes the deadline)"), K25 + ", Käyttöönottokokeen raportointi"},
}

// ChecklistSheets are the sheet names of the checklist workbook.
func ChecklistSheets(l finding.Lang) (basics, prereq, day string) {
	if l == finding.EN {
		return "Basics", "Prerequisites", "Test day"
	}
	return "Perustiedot", "Esivaatimukset", "Koepäivä"
}

// WriteChecklist writes the test-day checklist workbook: the basic data
// (test and backup date, parties, test person), the prerequisites, and
// both tables' steps in test-day order with who does what, a tick column,
// the time, the evidence (document id and version) and notes.
func WriteChecklist(w io.Writer, l finding.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	basics, prereq, day := ChecklistSheets(l)
	if err := f.SetSheetName(f.GetSheetName(0), basics); err != nil {
		return err
	}
	for _, s := range []string{prereq, day} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	notice, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	if err != nil {
		return err
	}
	row := func(sheet string, n int, vals ...string) error {
		for i, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(i+1, n)
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return err
			}
		}
		return nil
	}
	style := func(sheet string, n, cols, st int) error {
		last, _ := excelize.CoordinatesToCellName(cols, n)
		return f.SetCellStyle(sheet, fmt.Sprintf("A%d", n), last, st)
	}
	widths := func(sheet string, ws ...float64) error {
		for i, wd := range ws {
			col, _ := excelize.ColumnNumberToName(i + 1)
			if err := f.SetColWidth(sheet, col, col, wd); err != nil {
				return err
			}
		}
		return nil
	}
	tick := func(sheet, col string, from, to int) error {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s%d:%s%d", col, from, col, to)
		if err := dv.SetDropList([]string{"x", tr(l, "ei", "no")}); err != nil {
			return err
		}
		return f.AddDataValidation(sheet, dv)
	}

	// Basics.
	info := [][2]string{
		{tr(l, "Rekisterinkäyttöoikeuden käyttöönottokoe – tarkistuslista", "Register use right deployment test – checklist"), ""},
		{tr(l, "Koepäivä", "Test date"), ""},
		{tr(l, "Varapäivä", "Backup date"), ""},
		{tr(l, "Palvelunjärjestäjä (nimi, toimintayksikön OID)", "Organiser (name, toimintayksikkö OID)"), ""},
		{tr(l, "Palvelunjärjestäjän tietojärjestelmä (Valviran rekisterin nimi)", "Organiser's system (name in Valvira's register)"), ""},
		{tr(l, "Palveluntuottaja (nimi, toimintayksikön OID)", "Producer (name, toimintayksikkö OID)"), ""},
		{tr(l, "Palveluyksikkö (nimi, OID)", "Service unit (name, OID)"), ""},
		{tr(l, "Palveluntuottajan tietojärjestelmä (Valviran rekisterin nimi)", "Producer's system (name in Valvira's register)"), ""},
		{tr(l, "Malli (oma järjestelmä / rinnakkaisliittymismalli)", "Model (own system / rinnakkaisliittymismalli)"), ""},
		{tr(l, "Testihenkilö (Kelan 900-sarjan testihenkilötunnus)", "Test person (Kela's 900-series test henkilötunnus)"), ""},
		{tr(l, "Yhteyshenkilöt ja järjestelmätoimittajien ”kuuma linja”", "Contacts and the vendors' \"hot line\""), ""},
		{tr(l, "Kanta-arkistonhoitaja", "Kanta archivist"), ""},
		{tr(l, "Raportti viimeistään (kartoitus deploytest report)", "Report due (kartoitus deploytest report)"), ""},
	}
	for i, kv := range info {
		if err := row(basics, i+1, kv[0], kv[1]); err != nil {
			return err
		}
		if err := style(basics, i+1, 1, head); err != nil {
			return err
		}
	}
	if err := widths(basics, 60, 60); err != nil {
		return err
	}

	// Prerequisites.
	hdr := []string{tr(l, "Esivaatimus", "Prerequisite"), tr(l, "Peruste", "Basis"), tr(l, "Tehty", "Done"), tr(l, "Päivä", "Date"), tr(l, "Huomiot", "Notes")}
	if err := row(prereq, 1, hdr...); err != nil {
		return err
	}
	if err := style(prereq, 1, len(hdr), head); err != nil {
		return err
	}
	for i, it := range prerequisites {
		if err := row(prereq, i+2, it.Text.In(l), it.Basis); err != nil {
			return err
		}
		if err := style(prereq, i+2, len(hdr), wrap); err != nil {
			return err
		}
	}
	if err := tick(prereq, "C", 2, len(prerequisites)+1); err != nil {
		return err
	}
	if err := widths(prereq, 70, 40, 8, 12, 40); err != nil {
		return err
	}

	// Test day.
	hdr = []string{tr(l, "Vaihe", "Step"), tr(l, "Kuka", "Who"), tr(l, "Toiminto (Kela 2025)", "Action (Kela 2025)"),
		tr(l, "Miten näkyy (kartoitus deploytest verify)", "How it shows (kartoitus deploytest verify)"), tr(l, "Tehty", "Done"),
		tr(l, "Klo", "Time"), tr(l, "Näyttö: asiakirjan tunniste ja versio", "Evidence: document id and version"), tr(l, "Huomiot", "Notes"), tr(l, "Peruste", "Basis")}
	if err := row(day, 1, hdr...); err != nil {
		return err
	}
	if err := style(day, 1, len(hdr), head); err != nil {
		return err
	}
	n := 2
	for _, id := range testDayOrder {
		s, _ := Step(id)
		if err := row(day, n, s.ID, s.Who.In(l), s.Text.In(l), s.Check.In(l), "", "", "", "", s.Basis); err != nil {
			return err
		}
		if err := style(day, n, len(hdr), wrap); err != nil {
			return err
		}
		n++
		for _, nt := range Notices {
			if nt.After != id {
				continue
			}
			if err := row(day, n, "→", nt.Who.In(l), nt.Text.In(l), tr(l, "Ei näy viennistä", "Not shown by an export"), "", "", "", "", K25); err != nil {
				return err
			}
			if err := style(day, n, len(hdr), notice); err != nil {
				return err
			}
			n++
		}
	}
	for _, it := range closing {
		if err := row(day, n, "✓", "", it.Text.In(l), "", "", "", "", "", it.Basis); err != nil {
			return err
		}
		if err := style(day, n, len(hdr), wrap); err != nil {
			return err
		}
		n++
	}
	if err := tick(day, "E", 2, n-1); err != nil {
		return err
	}
	if err := widths(day, 7, 24, 60, 45, 7, 8, 36, 36, 30); err != nil {
		return err
	}
	if err := f.SetPanes(day, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	idx, _ := f.GetSheetIndex(day)
	f.SetActiveSheet(idx)
	if err := xlsxprint.SetupAll(f); err != nil {
		return err
	}
	return f.Write(w)
}
