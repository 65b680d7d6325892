package inventory

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/internal/xlsxprint"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// templateRows is how many rows of the inventory sheet get drop-down
// lists. Inventories run to hundreds of rows; the benchmark size is 5,000.
const templateRows = 5000

// templateColumn is one column of the blank inventory.
type templateColumn struct {
	field        Field
	width        float64
	hintFI       string // header remark in parentheses (ignored when read back)
	hintEN       string
	helpFI       string // the instructions sheet, column by column
	helpEN       string
	exampleFI    string
	exampleEN    string
	list         int  // index into the value lists, -1 for none
	wholeNumbers bool // years or a permanent word (see retentionRule)
}

// Value lists on the hidden sheet, in column order there.
const (
	listTasks = iota
	listPhases
	listMedia
	listRegisters
	listTypes
	listBases
)

var templateColumns = []templateColumn{
	{FieldServiceTask, 26, "", "",
		"Valitse listasta nykyinen palvelutehtävä. Vanhat nimet (esim. Aikuissosiaalityö, Vanhustenhuolto) tunnistetaan myös. Jos asiakirja kuuluu useaan tehtävään, tee rivi kullekin.",
		"Pick the current service task from the list. Old names (such as Aikuissosiaalityö, Vanhustenhuolto) are recognised too. If a document belongs to several tasks, add a row for each.",
		"Lastensuojelu", "Child welfare", listTasks, false},
	{FieldName, 40, "organisaatiossa", "as used locally",
		"Asiakirjan nimi organisaatiossanne sellaisena kuin se näkyy lomakkeessa tai järjestelmässä. Pakollinen, ellei valtakunnallista asiakirjatyyppiä ole annettu.",
		"The document's name in your organisation, as shown on the form or in the system. Required unless the national document type is given.",
		"Ls-ilmoitus (Effica)", "Child welfare notification (Effica)", -1, false},
	{FieldNational, 48, "Sosmeta", "Sosmeta",
		"Vastaava valtakunnallinen (Sosmeta) asiakirjatyyppi, jos se tiedetään: valitse listasta tai kirjoita koodi (esim. 4009) tai OID. Jätä tyhjäksi, jos et tiedä; kartoitus ehdottaa vastinetta.",
		"The matching national (Sosmeta) document type, if known: pick from the list or write its code (such as 4009) or OID. Leave empty if unsure; kartoitus suggests a match.",
		"Lastensuojeluilmoitus", "Lastensuojeluilmoitus", listTypes, false},
	{FieldPhase, 28, "", "",
		"Asiakasprosessin vaihe, jossa asiakirja syntyy.",
		"The client-process phase in which the document is produced.",
		"Asian vireilletulo", "Initiation", listPhases, false},
	{FieldMedium, 16, "", "",
		"paperi, sähköinen tai molemmat.",
		"paper, electronic or both.",
		"sähköinen", "electronic", listMedia, false},
	{FieldSystem, 22, "", "",
		"Tietojärjestelmä, johon asiakirja tallennetaan.",
		"The information system the document is stored in.",
		"Lifecare", "Lifecare", -1, false},
	{FieldRegister, 32, "", "",
		"Rekisteri, johon asiakirja kuuluu.",
		"The register the document belongs to.",
		"Sosiaalihuollon asiakasrekisteri", "Social welfare client register", listRegisters, false},
	{FieldTOS, 14, "", "",
		"Tiedonohjaussuunnitelman (TOS) tehtäväluokka tai rivin tunniste, jos asiakirja on TOS:ssa.",
		"The records management plan (TOS) class or row, if the document is in the TOS.",
		"05 02 01", "05 02 01", -1, false},
	{FieldAMS, 14, "", "",
		"Arkistonmuodostussuunnitelman (AMS) viite, jos käytössä.",
		"The archive formation plan (AMS) reference, if one is used.",
		"", "", -1, false},
	{FieldRetention, 16, "vuotta, -1 = pysyvä", "years, -1 = permanent",
		"Säilytysaika vuosina (esim. 10). Pysyvä säilytys: -1.",
		"Retention in years (such as 10). Permanent retention: -1.",
		"2", "2", -1, true},
	{FieldRetentionStart, 26, "", "",
		"Mistä säilytysaika lasketaan.",
		"What the retention period runs from.",
		"asiakkaan kuolema", "client's death", -1, false},
	{FieldNotes, 40, "", "",
		"Muuta huomioitavaa.",
		"Anything else worth noting.",
		"", "", -1, false},
	{FieldBasis, 20, "", "",
		"Miten palvelu tuotetaan: oma tuotanto tai itsemaksava asiakas (oma rekisteri), ostopalvelu, palveluseteli tai alihankinta (palvelunjärjestäjän rekisteri), Kelan hankinta.",
		"How the service is produced: own production or a self-paying client (own register), purchased service, voucher or subcontract (the organiser's register), Kela-procured.",
		"ostopalvelu", "purchased", listBases, false},
	{FieldController, 28, "", "",
		"Kenen rekisteriin asiakirja kuuluu: rekisterinpitäjän nimi tai Y-tunnus.",
		"Whose register the document belongs to: the controller's name or Y-tunnus.",
		"Järvimaan hyvinvointialue", "Järvimaan hyvinvointialue", -1, false},
}

// TemplateSheet returns the name of the inventory sheet of a template.
func TemplateSheet(lang string) string {
	if lang == "en" {
		return "Inventory"
	}
	return "Inventaario"
}

// templateHeader is the header text of a column.
func (c templateColumn) header(lang string) string {
	h, hint := c.field.Label(lang), c.hintFI
	if lang == "en" {
		hint = c.hintEN
	}
	if hint != "" {
		h += " (" + hint + ")"
	}
	return h
}

// templateLists builds the value lists from the catalogue.
func templateLists(cat *sosmeta.Catalogue, lang string) [][]string {
	lists := make([][]string, listBases+1)
	for _, t := range cat.Tasks {
		lists[listTasks] = append(lists[listTasks], t.Name(lang))
	}
	for _, p := range cat.Phases {
		lists[listPhases] = append(lists[listPhases], p.Name(lang))
	}
	if lang == "en" {
		lists[listMedia] = []string{"paper", "electronic", "both"}
		lists[listBases] = []string{"own production", "self-paying", "purchased", "voucher", "Kela-procured", "subcontract"}
		lists[listRegisters] = []string{"Social welfare client register", "Patient register",
			"Social welfare notification register (before 1.11.2021)", "Joint social and health care register"}
	} else {
		lists[listMedia] = []string{"paperi", "sähköinen", "molemmat"}
		lists[listBases] = []string{"oma tuotanto", "itsemaksava", "ostopalvelu", "palveluseteli", "Kela-hankinta", "alihankinta"}
		lists[listRegisters] = []string{"Sosiaalihuollon asiakasrekisteri", "Potilasrekisteri",
			"Sosiaalihuollon ilmoitusrekisteri (ennen 1.11.2021)", "Yhteinen sosiaali- ja terveydenhuollon rekisteri"}
	}
	for _, d := range cat.CurrentTypes() {
		if !d.IsGroup() {
			lists[listTypes] = append(lists[listTypes], d.NameFI)
		}
	}
	return lists
}

// WriteTemplate writes a blank inventory workbook: an instructions sheet,
// the inventory sheet with a frozen, styled header and drop-down lists,
// and a hidden sheet holding the lists (service tasks, phases, media,
// registers and the national document types from cat). The lists live on
// their own sheet because the document types far exceed the 255
// characters Excel allows in an inline list. Reading the file back with
// ReadFile gives the rows filled in.
//
// extra adds sheets of other inputs the workbook carries (the
// organisation profile's, which the inventory reader skips by name).
func WriteTemplate(w io.Writer, cat *sosmeta.Catalogue, lang string, extra ...func(*excelize.File, string) error) error {
	f, err := buildTemplate(cat, lang)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, add := range extra {
		if err := add(f, lang); err != nil {
			return err
		}
	}
	if err := xlsxprint.SetupAll(f); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func buildTemplate(cat *sosmeta.Catalogue, lang string) (*excelize.File, error) {
	if lang != "en" {
		lang = "fi"
	}
	tr := func(fi, en string) string {
		if lang == "en" {
			return en
		}
		return fi
	}
	f := excelize.NewFile()
	instr := tr("Ohjeet", "Instructions")
	inv := TemplateSheet(lang)
	const lists = "Koodistot"
	if err := f.SetSheetName("Sheet1", instr); err != nil {
		return nil, err
	}
	invIdx, err := f.NewSheet(inv)
	if err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(lists); err != nil {
		return nil, err
	}
	b := &bookWriter{f: f}

	// The value lists.
	vals := templateLists(cat, lang)
	listHeads := []string{tr("Palvelutehtävä", "Service task"), tr("Prosessin vaihe", "Process phase"),
		tr("Tallennusmuoto", "Medium"), tr("Rekisteri", "Register"),
		tr("Valtakunnallinen asiakirjatyyppi", "National document type"), tr("Käsittelyperuste", "Processing basis")}
	refs := make([]string, len(vals))
	for i, list := range vals {
		col := columnLetter(i)
		b.set(lists, col+"1", listHeads[i])
		for j, v := range list {
			b.set(lists, fmt.Sprintf("%s%d", col, j+2), v)
		}
		refs[i] = fmt.Sprintf("%s!$%s$2:$%s$%d", lists, col, col, len(list)+1)
	}
	// The document types' codes after the lists, for people looking a code up.
	codeCol := columnLetter(len(vals))
	b.set(lists, codeCol+"1", tr("Koodi", "Code"))
	row := 2
	for _, d := range cat.CurrentTypes() {
		if !d.IsGroup() {
			b.set(lists, fmt.Sprintf("%s%d", codeCol, row), d.Code)
			row++
		}
	}
	b.err = firstErr(b.err, f.SetColWidth(lists, "A", codeCol, 30))
	b.err = firstErr(b.err, f.SetSheetVisible(lists, false))

	// The inventory sheet.
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1}},
	})
	if err != nil {
		return nil, err
	}
	last := columnLetter(len(templateColumns) - 1)
	for i, c := range templateColumns {
		col := columnLetter(i)
		b.set(inv, col+"1", c.header(lang))
		b.err = firstErr(b.err, f.SetColWidth(inv, col, col, c.width))
		rng := fmt.Sprintf("%s2:%s%d", col, col, templateRows+1)
		help := tr(c.helpFI, c.helpEN)
		switch {
		case c.list >= 0:
			dv := excelize.NewDataValidation(true)
			dv.Sqref = rng
			dv.SetSqrefDropList(refs[c.list])
			// A warning, not a stop: local names and codes are allowed, and
			// the reader reports what it does not recognise.
			dv.SetError(excelize.DataValidationErrorStyleWarning, tr("Arvo ei ole listassa", "Value not in the list"),
				tr("Arvo ei ole valintalistassa. Hyväksytäänkö silti?", "The value is not in the list. Keep it anyway?"))
			dv.SetInput(c.field.Label(lang), truncate(help, 255))
			b.err = firstErr(b.err, f.AddDataValidation(inv, dv))
		case c.wholeNumbers:
			dv := excelize.NewDataValidation(true)
			dv.Sqref = rng
			dv.Type, dv.Formula1 = "custom", retentionRule(col+"2")
			dv.SetError(excelize.DataValidationErrorStyleWarning, tr("Säilytysaika vuosina", "Retention in years"),
				tr("Kirjoita vuodet (esim. 10) tai -1 pysyvälle säilytykselle.", "Write years (such as 10) or -1 for permanent retention."))
			dv.SetInput(c.field.Label(lang), truncate(help, 255))
			b.err = firstErr(b.err, f.AddDataValidation(inv, dv))
		}
	}
	b.err = firstErr(b.err, f.SetCellStyle(inv, "A1", last+"1", head))
	b.err = firstErr(b.err, f.SetRowHeight(inv, 1, 32))
	b.err = firstErr(b.err, f.SetPanes(inv, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}))
	b.err = firstErr(b.err, f.AutoFilter(inv, "A1:"+last+"1", nil))

	// The instructions.
	b.instructions(instr, cat, lang, tr)
	f.SetActiveSheet(invIdx)
	b.err = firstErr(b.err, f.SetDocProps(&excelize.DocProperties{
		Title:   tr("Sosiaalihuollon asiakasasiakirjojen nykytilan kartoitus", "Social welfare client document inventory"),
		Creator: "kartoitus", Language: lang,
	}))
	if b.err != nil {
		return nil, b.err
	}
	return f, nil
}

func (b *bookWriter) instructions(sheet string, cat *sosmeta.Catalogue, lang string, tr func(string, string) string) {
	f := b.f
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	b.set(sheet, "A1", tr("Sosiaalihuollon asiakasasiakirjojen nykytilan kartoitus – täyttöohje",
		"Social welfare client document inventory – how to fill it in"))
	b.err = firstErr(b.err, f.SetCellStyle(sheet, "A1", "A1", title))
	intro := []string{
		tr("Luetteloi välilehdelle "+TemplateSheet(lang)+" jokainen asiakasasiakirja, jota organisaationne tuottaa tänään: yksi rivi asiakirjaa ja palvelutehtävää kohden.",
			"List on the "+TemplateSheet(lang)+" sheet every client document your organisation produces today: one row per document and service task."),
		tr("Asiakirjan nimi tai valtakunnallinen asiakirjatyyppi on pakollinen; muut sarakkeet saa jättää tyhjiksi. Rivi, jolta molemmat puuttuvat, hylätään ja raportoidaan.",
			"The document name or the national document type is required; the other columns may be left empty. A row with neither is rejected and reported."),
		tr("Valintalistat tulevat THL:n Sosmeta-luokituksesta ("+fmt.Sprint(len(cat.CurrentTypes()))+" voimassa olevaa asiakirjatyyppiä). Listan ulkopuolinen arvo on sallittu; kartoitus kertoo, mitä se ei tunnistanut.",
			"The drop-down lists come from THL's Sosmeta catalogue ("+fmt.Sprint(len(cat.CurrentTypes()))+" current document types). Values outside the lists are allowed; kartoitus reports what it did not recognise."),
		tr("Sarakkeita saa lisätä ja järjestää uudelleen: ne tunnistetaan otsikon perusteella. Älä muuta otsikoiden sanoja.",
			"You may add and reorder columns: they are recognised by their header. Do not change the header wording."),
		tr("Tarkista täytetty tiedosto komennolla: kartoitus inventory columns inventaario.xlsx",
			"Check the filled-in file with: kartoitus inventory columns inventory.xlsx"),
	}
	row := 3
	for _, p := range intro {
		cell := fmt.Sprintf("A%d", row)
		b.set(sheet, cell, p)
		b.err = firstErr(b.err, f.MergeCell(sheet, cell, fmt.Sprintf("C%d", row)))
		b.err = firstErr(b.err, f.SetCellStyle(sheet, cell, cell, wrap))
		b.err = firstErr(b.err, f.SetRowHeight(sheet, row, 32))
		row++
	}
	row++
	b.set(sheet, fmt.Sprintf("A%d", row), tr("Sarake", "Column"))
	b.set(sheet, fmt.Sprintf("B%d", row), tr("Mitä kirjoitetaan", "What to write"))
	b.set(sheet, fmt.Sprintf("C%d", row), tr("Esimerkki", "Example"))
	b.err = firstErr(b.err, f.SetCellStyle(sheet, fmt.Sprintf("A%d", row), fmt.Sprintf("C%d", row), bold))
	row++
	for _, c := range templateColumns {
		b.set(sheet, fmt.Sprintf("A%d", row), c.field.Label(lang))
		b.set(sheet, fmt.Sprintf("B%d", row), tr(c.helpFI, c.helpEN))
		b.set(sheet, fmt.Sprintf("C%d", row), tr(c.exampleFI, c.exampleEN))
		b.err = firstErr(b.err, f.SetCellStyle(sheet, fmt.Sprintf("A%d", row), fmt.Sprintf("C%d", row), wrap))
		row++
	}
	b.err = firstErr(b.err, f.SetColWidth(sheet, "A", "A", 30))
	b.err = firstErr(b.err, f.SetColWidth(sheet, "B", "B", 80))
	b.err = firstErr(b.err, f.SetColWidth(sheet, "C", "C", 32))
}

// permanentWords are the retention words the validation lets through;
// the reader (parseRetention) reads them and more as permanent.
var permanentWords = []string{"pysyvä", "pysyvästi", "permanent"}

// retentionRule is the custom validation formula of the retention column
// at cell (its first row; Excel shifts the reference down the range): a
// whole number of years from -1 (permanent) to 200, or a permanent word.
// A whole-number rule would refuse "pysyvä", which the reader accepts.
// The formula is stored as XML text, hence the escaped comparisons.
func retentionRule(cell string) string {
	words := make([]string, len(permanentWords))
	for i, w := range permanentWords {
		words[i] = fmt.Sprintf(`LOWER(TRIM(%s))="%s"`, cell, w)
	}
	return fmt.Sprintf("OR(AND(ISNUMBER(%[1]s),%[1]s=INT(%[1]s),%[1]s&gt;=-1,%[1]s&lt;=200),%[2]s)", cell, strings.Join(words, ","))
}

// bookWriter keeps the first error of a run of cell writes.
type bookWriter struct {
	f   *excelize.File
	err error
}

func (b *bookWriter) set(sheet, cell string, v any) {
	b.err = firstErr(b.err, b.f.SetCellValue(sheet, cell, v))
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
