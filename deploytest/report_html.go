package deploytest

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/xlsxprint"
)

// label is a report heading in Finnish (the form's language, K25's
// words) with a Swedish and an English one. The Swedish and English
// headings are our translations: Kela's form is not in the sources.
type label struct{ FI, SV, EN string }

func (l label) second(lang finding.Lang) string {
	if lang == finding.EN {
		return l.EN
	}
	return l.SV
}

type reportLabels struct {
	Title, Customer, Name, OID, TestInfo, Systems, Rationale, Producer, System, TestDate, Result, Deadline, Archiving,
	Problems, Email, To, Subject, Steps, Notes, Check label
}

var labels = reportLabels{
	Title:     label{"Rekisterinkäyttöoikeuden käyttöönottokoe – raporttiluonnos", "Ibruktagningsprov av registeranvändningsrätten – rapportutkast", "Register use right deployment test – report draft"},
	Customer:  label{"Asiakas", "Kund", "Customer"},
	Name:      label{"Palvelunjärjestäjän nimi", "Tjänsteanordnarens namn", "Organiser's name"},
	OID:       label{"Toimintayksikön OID", "Verksamhetsenhetens OID", "Toimintayksikkö OID"},
	TestInfo:  label{"Käyttöönottokokeen tiedot", "Uppgifter om ibruktagningsprovet", "Deployment test details"},
	Systems:   label{"Sertifioitu järjestelmä", "Certifierat system", "Certified system"},
	Rationale: label{"Käyttöönottokokeen perustelu", "Motivering för ibruktagningsprovet", "Rationale of the deployment test"},
	Producer:  label{"Palveluntuottaja", "Serviceproducent", "Producer"},
	System:    label{"Käytössä oleva tietojärjestelmä", "Informationssystem i bruk", "Information system in use"},
	TestDate:  label{"Käyttöönottokokeen päivä", "Provets datum", "Test date"},
	Result:    label{"Tulos", "Resultat", "Result"},
	Deadline:  label{"Raportti viimeistään", "Rapporten senast", "Report due by"},
	Archiving: label{"Arkistointi alkaa", "Arkiveringen börjar", "Archiving starts"},
	Problems:  label{"Ongelmat ja niiden ratkaisut", "Problem och deras lösningar", "Problems and their solutions"},
	Email:     label{"Lähettäminen", "Sändning", "Sending"},
	To:        label{"Vastaanottaja", "Mottagare", "To"},
	Subject:   label{"Aihe", "Ämne", "Subject"},
	Steps:     label{"Testitapauksen vaiheet viennin perusteella", "Testfallets steg enligt exporten", "Test case steps from the exports"},
	Notes:     label{"Huomioitavaa ennen lähettämistä", "Att beakta före sändning", "Before sending"},
	Check:     label{"Tarkistus", "Kontroll", "Check"},
}

func resultLabel(r Result, l finding.Lang) string {
	switch r {
	case ResultPass:
		return tr(l, "onnistui", "passed")
	case ResultFail:
		return tr(l, "epäonnistui", "failed")
	case ResultPlanned:
		return tr(l, "sovittu", "planned")
	}
	return "–"
}

func dayFI(d calendar.Day) string {
	if d.IsZero() {
		return "–"
	}
	return d.Finnish()
}

type htmlRow struct {
	Field   string
	Label   label
	Value   string
	Comment string
	Bad     bool
}

type htmlStep struct {
	ID, Status, StatusClass, Text, Reason string
	Evidence                              []string
}

type htmlData struct {
	Lang                 string
	L                    func(label) template.HTML
	T                    reportLabels
	Customer, Test, Send []htmlRow
	Notes                []string
	Steps                []htmlStep
	StepsSummary         string
	Footer               string
}

// reportRows lays out the draft: Asiakas, Käyttöönottokokeen tiedot and
// the sending, in the order of K25's report instructions.
func reportRows(d *ReportDraft, l finding.Lang) (customer, test, send []htmlRow) {
	customer = []htmlRow{
		{Field: "organiser_name", Label: labels.Name, Value: d.Organiser.Name},
		{Field: "organiser_oid", Label: labels.OID, Value: dash(d.OrganiserOID.OID), Comment: d.OrganiserOID.Message.In(l), Bad: !d.OrganiserOID.Valid},
	}
	test = []htmlRow{
		{Field: "systems", Label: labels.Systems, Value: strings.Join(d.Systems, "; ")},
		{Field: "rationale", Label: labels.Rationale, Value: d.Rationale},
		{Field: "producer_name", Label: labels.Producer, Value: d.Producer.label()},
		{Field: "producer_oid", Label: labels.OID, Value: dash(d.ProducerOID.OID), Comment: d.ProducerOID.Message.In(l), Bad: !d.ProducerOID.Valid},
		{Field: "producer_system", Label: labels.System, Value: d.Producer.System},
		{Field: "test_date", Label: labels.TestDate, Value: dayFI(d.TestDate)},
		{Field: "result", Label: labels.Result, Value: resultLabel(d.Result, l), Bad: d.Result != ResultPass},
		{Field: "problems", Label: labels.Problems, Value: dash(d.Problems)},
		{Field: "archiving_start", Label: labels.Archiving, Value: dayFI(d.ArchivingStart)},
	}
	var skipped []string
	for _, s := range d.Skipped {
		skipped = append(skipped, s.Day.Finnish()+" "+s.Name.In(l))
	}
	dl := d.DeadlineBasis.In(l)
	if len(skipped) > 0 {
		dl += " " + tr(l, "Ohitetut päivät: ", "Days skipped: ") + strings.Join(skipped, ", ") + "."
	}
	send = []htmlRow{
		{Field: "deadline", Label: labels.Deadline, Value: dayFI(d.Deadline), Comment: dl},
		{Field: "email_to", Label: labels.To, Value: d.EmailTo},
		{Field: "email_subject", Label: labels.Subject, Value: d.EmailSubject},
	}
	return
}

// WriteReportHTML writes the draft as one self-contained page (inline
// style, no scripts, no fonts, images or links to fetch).
func WriteReportHTML(w io.Writer, d *ReportDraft, l finding.Lang) error {
	data := htmlData{Lang: string(l), T: labels,
		L: func(x label) template.HTML {
			return template.HTML(template.HTMLEscapeString(x.FI) + ` <span class="sv">/ ` + template.HTMLEscapeString(x.second(l)) + `</span>`)
		}}
	data.Customer, data.Test, data.Send = reportRows(d, l)
	for _, n := range d.Notes {
		data.Notes = append(data.Notes, n.In(l))
	}
	if v := d.Verify; v != nil {
		for _, s := range v.Steps {
			data.Steps = append(data.Steps, htmlStep{ID: s.ID, Status: StatusLabel(s.Status, l), StatusClass: string(s.Status),
				Text: s.Text.In(l), Reason: s.Reason.In(l), Evidence: evidenceLines(s.Evidence, l)})
		}
		data.StepsSummary = fmt.Sprintf(tr(l, "Testihenkilö %s. Läpäisty %d, epäonnistui %d, varmistettava %d.", "Test person %s. %d pass, %d fail, %d to confirm."),
			v.TestPerson, v.Summary.Pass, v.Summary.Fail, v.Summary.Confirm)
	}
	data.Footer = tr(l, "Luonnos Kelan raporttilomakkeen täyttämiseen (kartoitus deploytest report). Lähteet: ", "Draft for filling in Kela's report form (kartoitus deploytest report). Sources: ") +
		K25 + "; " + K20 + tr(l, ". Ruotsin- ja englanninkieliset otsikot ovat kartoituksen käännöksiä.", ". The Swedish and English headings are kartoitus's translations.")
	return reportTemplate.Execute(w, data)
}

var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8"/>
<title>{{.T.Title.FI}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.4}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e3e3e3}
th{width:32%;font-weight:600}.sv{color:#666;font-weight:400}.note{color:#555;font-size:.9em;display:block}
.bad{background:#fdecea}.pass{color:#1e6b2a}.fail{color:#a11;font-weight:600}.confirm{color:#8a5a00}
ul.notes li{margin:.2rem 0}table.steps th{width:3rem}footer{margin-top:2rem;font-size:.8em;color:#666}
@media print{body{margin:0}}
</style>
</head>
<body>
<h1>{{call .L .T.Title}}</h1>
{{if .Notes}}<h2>{{call .L .T.Notes}}</h2>
<ul class="notes">{{range .Notes}}<li>{{.}}</li>{{end}}</ul>
{{end}}<h2>{{call .L .T.Customer}}</h2>
<table>
{{range .Customer}}<tr{{if .Bad}} class="bad"{{end}}><th>{{call $.L .Label}}</th><td data-field="{{.Field}}">{{.Value}}{{if .Comment}}<span class="note">{{.Comment}}</span>{{end}}</td></tr>
{{end}}</table>
<h2>{{call .L .T.TestInfo}}</h2>
<table>
{{range .Test}}<tr{{if .Bad}} class="bad"{{end}}><th>{{call $.L .Label}}</th><td data-field="{{.Field}}">{{.Value}}{{if .Comment}}<span class="note">{{.Comment}}</span>{{end}}</td></tr>
{{end}}</table>
<h2>{{call .L .T.Email}}</h2>
<table>
{{range .Send}}<tr><th>{{call $.L .Label}}</th><td data-field="{{.Field}}">{{.Value}}{{if .Comment}}<span class="note">{{.Comment}}</span>{{end}}</td></tr>
{{end}}</table>
{{if .Steps}}<h2>{{call .L .T.Steps}}</h2>
<p>{{.StepsSummary}}</p>
<table class="steps">
{{range .Steps}}<tr><th>{{.ID}}</th><td data-step="{{.ID}}"><span class="{{.StatusClass}}">{{.Status}}</span> – {{.Reason}}<span class="note">{{.Text}}</span>{{range .Evidence}}<span class="note">{{.}}</span>{{end}}</td></tr>
{{end}}</table>
{{end}}<footer>{{.Footer}}</footer>
</body>
</html>
`))

// WriteReportXLSX writes the draft as a workbook: the report sheet
// (Finnish heading, Swedish or English heading, value, check) and, with an
// export check, the steps.
func WriteReportXLSX(w io.Writer, d *ReportDraft, l finding.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := tr(l, "Raportti", "Report")
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	bad, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FDECEA"}}})
	if err != nil {
		return err
	}
	n := 1
	set := func(vals ...string) error {
		for i, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(i+1, n)
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return err
			}
		}
		n++
		return nil
	}
	if err := set(labels.Title.FI, labels.Title.second(l)); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "B1", bold); err != nil {
		return err
	}
	n++
	customer, test, send := reportRows(d, l)
	for _, sec := range []struct {
		title label
		rows  []htmlRow
	}{{labels.Customer, customer}, {labels.TestInfo, test}, {labels.Email, send}} {
		if err := set(sec.title.FI, sec.title.second(l), "", ""); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, fmt.Sprintf("A%d", n-1), fmt.Sprintf("D%d", n-1), head); err != nil {
			return err
		}
		for _, r := range sec.rows {
			if err := set(r.Label.FI, r.Label.second(l), r.Value, r.Comment); err != nil {
				return err
			}
			st := wrap
			if r.Bad {
				st = bad
			}
			if err := f.SetCellStyle(sheet, fmt.Sprintf("A%d", n-1), fmt.Sprintf("D%d", n-1), st); err != nil {
				return err
			}
		}
		n++
	}
	if len(d.Notes) > 0 {
		if err := set(labels.Notes.FI, labels.Notes.second(l)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, fmt.Sprintf("A%d", n-1), fmt.Sprintf("D%d", n-1), head); err != nil {
			return err
		}
		for _, x := range d.Notes {
			if err := set("", "", x.In(l)); err != nil {
				return err
			}
		}
	}
	for col, wd := range map[string]float64{"A": 30, "B": 30, "C": 60, "D": 60} {
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	if v := d.Verify; v != nil {
		steps := tr(l, "Vaiheet", "Steps")
		if _, err := f.NewSheet(steps); err != nil {
			return err
		}
		hdr := []string{tr(l, "Vaihe", "Step"), tr(l, "Tila", "Status"), tr(l, "Perustelu", "Reason"), tr(l, "Näyttö", "Evidence"), tr(l, "Testitapauksen teksti", "Test case text")}
		for i, h := range hdr {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			if err := f.SetCellStr(steps, cell, h); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(steps, "A1", "E1", head); err != nil {
			return err
		}
		for i, s := range v.Steps {
			vals := []string{s.ID, StatusLabel(s.Status, l), s.Reason.In(l), strings.Join(evidenceLines(s.Evidence, l), "\n"), s.Text.In(l)}
			for j, x := range vals {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
				if err := f.SetCellStr(steps, cell, x); err != nil {
					return err
				}
			}
			if err := f.SetCellStyle(steps, fmt.Sprintf("A%d", i+2), fmt.Sprintf("E%d", i+2), wrap); err != nil {
				return err
			}
		}
		for col, wd := range map[string]float64{"A": 7, "B": 14, "C": 50, "D": 60, "E": 60} {
			if err := f.SetColWidth(steps, col, col, wd); err != nil {
				return err
			}
		}
	}
	if err := xlsxprint.SetupAll(f); err != nil {
		return err
	}
	return f.Write(w)
}
