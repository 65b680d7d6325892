package onboarding

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/xlsxprint"
)

// Sheet names of the plan workbook.
var (
	SheetPlan      = finding.T("Suunnitelma", "Plan")
	SheetCards     = finding.T("Kortit", "Cards")
	SheetCost      = finding.T("Korttikustannus", "Card cost")
	SheetReadiness = finding.T("Valmius", "Readiness")
)

// xstyles are the styles one workbook uses.
type xstyles struct {
	head, body, wrap, date, bold, num, title int
}

func newStyles(f *excelize.File) (xstyles, error) {
	var s xstyles
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	dateFmt := "d.m.yyyy"
	defs := []struct {
		dst *int
		st  excelize.Style
	}{
		{&s.head, excelize.Style{Font: &excelize.Font{Bold: true, Size: 11}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.body, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.wrap, excelize.Style{Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.date, excelize.Style{Border: border, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}}},
		{&s.bold, excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.num, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right"}}},
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.st)
		if err != nil {
			return s, err
		}
		*d.dst = id
	}
	return s, nil
}

// sheetWriter writes one table sheet: header, rows, widths, print setup.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	st    xstyles
	err   error
}

func (w *sheetWriter) set(col, row int, v any, style int) {
	if w.err != nil {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		w.err = err
		return
	}
	switch x := v.(type) {
	case calendar.Day:
		if x.IsZero() {
			v = ""
		} else {
			v = x.Time()
		}
		if style == w.st.body {
			style = w.st.date
		}
	case string:
		if len(x) > 32000 {
			v = x[:32000]
		}
	}
	if err := w.f.SetCellValue(w.sheet, cell, v); err != nil {
		w.err = err
		return
	}
	w.err = w.f.SetCellStyle(w.sheet, cell, cell, style)
}

// table finishes a sheet: widths, frozen header, autofilter, landscape
// print fitted to the page width with the header repeated on each page.
func (w *sheetWriter) table(headers []string, widths []float64, lastRow int) {
	if w.err != nil {
		return
	}
	for i, h := range headers {
		w.set(i+1, 1, h, w.st.head)
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if w.err == nil {
			w.err = w.f.SetColWidth(w.sheet, col, col, wd)
		}
	}
	if w.err != nil {
		return
	}
	last, _ := excelize.ColumnNumberToName(len(headers))
	landscape, one, zero, fit := "landscape", 1, 0, true
	steps := []func() error{
		func() error {
			return w.f.SetPanes(w.sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
				Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
		},
		func() error {
			return w.f.AutoFilter(w.sheet, "A1:"+last+strconv.Itoa(max(lastRow, 2)), nil)
		},
		func() error {
			return w.f.SetPageLayout(w.sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero})
		},
		func() error { return w.f.SetSheetProps(w.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}) },
		func() error {
			return w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + strings.ReplaceAll(w.sheet, "'", "''") + "'!$1:$1", Scope: w.sheet})
		},
	}
	for _, s := range steps {
		if err := s(); err != nil {
			w.err = err
			return
		}
	}
}

func ensureSheet(f *excelize.File, name string) error {
	idx, err := f.GetSheetIndex(name)
	if err != nil {
		return err
	}
	if idx >= 0 {
		return nil
	}
	_, err = f.NewSheet(name)
	return err
}

// planHeaders are the plan sheet's columns. Tila, Vastuuhenkilö,
// Päivämäärä, Oma kesto and Huomiot are the status file's headers, so the
// sheet, filled in, reads back with --status.
func planHeaders(l finding.Lang) []string {
	if l == finding.EN {
		return []string{"ID", "Task", "Start", "Finish", "Latest start", "Latest finish", "Duration (working days)", "Source of the duration",
			"Depends on", "Critical path", "Status", "Owner", "Date", "Own duration (working days)", "Timing", "Why", "Note"}
	}
	return []string{"Tunnus", "Tehtävä", "Alkaa", "Valmis", "Viimeisin aloitus", "Viimeisin valmistuminen", "Kesto (työpäivää)", "Keston lähde",
		"Riippuu tehtävistä", "Kriittinen polku", "Tila", "Vastuuhenkilö", "Päivämäärä", "Oma kesto (työpäivää)", "Ajoitus", "Peruste", "Huomiot"}
}

// FillSheet writes the plan's tasks on sheet (created if missing) of f,
// with a frozen header, an autofilter and print setup (landscape, fitted
// to the page width, header row on every page). The assessment's
// report.xlsx uses it for its plan sheet.
func FillSheet(f *excelize.File, sheet string, p *Plan, l finding.Lang) error {
	if err := ensureSheet(f, sheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	w := &sheetWriter{f: f, sheet: sheet, st: st}
	yes, no := "kyllä", "ei"
	if l == finding.EN {
		yes, no = "yes", "no"
	}
	r := 2
	for _, s := range p.Tasks {
		body, text := st.body, st.wrap
		if s.Kind == Group {
			body, text = st.bold, st.bold
		}
		title := s.Title.In(l)
		if s.Parent != "" {
			title = "   " + title
		}
		dur, src, own := "", s.Source, ""
		if s.Kind == Work {
			dur = durationNumber(s.Duration)
			src = sourceText(s.Duration, l)
			if s.Duration.Override != "" {
				own = strconv.Itoa(s.Duration.Max)
			}
			if s.Deadline != nil {
				src += "; " + tf("määräaika %s", "deadline %s", s.Deadline.Source).In(l) + ": \"" + s.Deadline.Quote.In(l) + "\""
			}
		}
		end := any(s.End)
		if s.Kind == Ongoing {
			end = tf("jatkuva", "ongoing").In(l)
		}
		crit := no
		if s.Critical {
			crit = yes
		}
		timing := TimingText(s.Timing, l)
		vals := []any{s.ID, title, s.Start, end, s.LatestStart, s.LatestFinish, dur, src, strings.Join(s.DependsOn, ", "), crit,
			ProgressText(s.Progress, l), s.Owner, s.StatusDate, own, timing, s.Reason.In(l), s.Note}
		for i, v := range vals {
			style := body
			if i == 1 || i == 7 || i == 15 || i == 16 {
				style = text
			}
			w.set(i+1, r, v, style)
		}
		r++
	}
	w.table(planHeaders(l), []float64{16, 46, 12, 12, 12, 12, 11, 50, 22, 10, 14, 22, 12, 12, 13, 44, 30}, r-1)
	return w.err
}

// FillCardsSheet writes the card plan's people: who gets which card and why.
func FillCardsSheet(f *excelize.File, sheet string, cp *CardPlan, l finding.Lang) error {
	if err := ensureSheet(f, sheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	w := &sheetWriter{f: f, sheet: sheet, st: st}
	yn := func(b *bool) string {
		switch {
		case b == nil:
			return ""
		case *b && l == finding.EN:
			return "yes"
		case *b:
			return "kyllä"
		case l == finding.EN:
			return "no"
		}
		return "ei"
	}
	r := 2
	for _, p := range cp.People {
		v := p.Vendor
		for i, val := range []any{p.Name, p.Role, yn(p.Registered), yn(&v), CardText(p.Card, l), p.Why.In(l)} {
			w.set(i+1, r, val, st.wrap)
		}
		r++
	}
	last := r - 1
	headers := []string{"Nimi", "Rooli", "Rekisteröity ammattihenkilö", "Toimittajan henkilö", "Korttityyppi", "Peruste"}
	if l == finding.EN {
		headers = []string{"Name", "Role", "Registered professional", "Vendor staff", "Card type", "Why"}
	}
	w.table(headers, []float64{30, 28, 16, 14, 22, 50}, last)
	return w.err
}

// FillCostSheet writes the card plan's counts and cost at the deck's 2020
// prices. It is a sheet of its own so that the cards sheet stays a staff
// list that reads back with --staff.
func FillCostSheet(f *excelize.File, sheet string, cp *CardPlan, l finding.Lang) error {
	if err := ensureSheet(f, sheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	w := &sheetWriter{f: f, sheet: sheet, st: st}
	r := 1
	L := func(fi, en string) string {
		if l == finding.EN {
			return en
		}
		return fi
	}
	r++
	for _, c := range cp.Lines {
		w.set(1, r, c.Item.In(l), st.wrap)
		w.set(2, r, c.Count, st.num)
		w.set(3, r, euroRange(c.UnitMin, c.UnitMax, l), st.num)
		w.set(4, r, euroRange(c.TotalMin, c.TotalMax, l), st.num)
		w.set(5, r, c.Source, st.body)
		w.set(6, r, c.Note.In(l), st.wrap)
		r++
	}
	w.set(1, r, L("Yhteensä", "Total"), st.bold)
	w.set(2, r, cp.Total, st.num)
	w.set(4, r, euroRange(cp.CostMin, cp.CostMax, l), st.bold)
	r++
	last := r
	r++
	w.set(1, r, cp.PriceNote.In(l), st.bold)
	for _, u := range cp.Unpriced {
		r++
		w.set(1, r, u.In(l), st.body)
	}
	if !cp.ContractBy.IsZero() {
		r++
		w.set(1, r, tf("Toimikorttisopimus alkuun viimeistään %s, kortit tilattava viimeistään %s.",
			"Card contract started by %s, cards ordered by %s.", cp.ContractBy, cp.OrderBy).In(l), st.body)
	}
	w.table([]string{L("Kohde", "Item"), L("Määrä", "Count"), L("Kappalehinta", "Unit price"), L("Yhteensä", "Total"), L("Lähde", "Source"), L("Huomio", "Note")},
		[]float64{34, 10, 14, 16, 14, 60}, last)
	return w.err
}

// FillReadinessSheet writes the readiness lines.
func FillReadinessSheet(f *excelize.File, sheet string, rs []Readiness, l finding.Lang) error {
	if err := ensureSheet(f, sheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	w := &sheetWriter{f: f, sheet: sheet, st: st}
	r := 2
	for _, x := range rs {
		var lines []string
		for _, d := range x.Details {
			lines = append(lines, d.In(l))
		}
		for i, v := range []any{x.Step, x.Title.In(l), readinessSymbol(x.Status) + " " + ReadinessText(x.Status, l), strings.Join(lines, "\n"), x.Basis} {
			w.set(i+1, r, v, st.wrap)
		}
		r++
	}
	headers := []string{"Vaihe", "Asia", "Tila", "Havainnot", "Peruste"}
	if l == finding.EN {
		headers = []string{"Step", "Item", "Status", "Details", "Basis"}
	}
	w.table(headers, []float64{10, 40, 16, 90, 20}, r-1)
	return w.err
}

// WriteXLSX writes the plan workbook: the plan sheet, and the card plan
// and readiness sheets when the plan has them.
func WriteXLSX(out io.Writer, p *Plan, m Meta) (err error) {
	l := m.lang()
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName("Sheet1", SheetPlan.In(l)); err != nil {
		return err
	}
	if err := FillSheet(f, SheetPlan.In(l), p, l); err != nil {
		return err
	}
	if p.Cards != nil {
		if err := FillCardsSheet(f, SheetCards.In(l), p.Cards, l); err != nil {
			return err
		}
		if err := FillCostSheet(f, SheetCost.In(l), p.Cards, l); err != nil {
			return err
		}
	}
	if len(p.Readiness) > 0 {
		if err := FillReadinessSheet(f, SheetReadiness.In(l), p.Readiness, l); err != nil {
			return err
		}
	}
	title := tf("Käyttöönottosuunnitelma", "Onboarding plan").In(l)
	if p.Organisation != "" {
		title += " — " + p.Organisation
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: strings.TrimSpace("kartoitus " + m.Version), Language: string(l)}); err != nil {
		return err
	}
	if err := xlsxprint.SetupAll(f); err != nil {
		return err
	}
	_, err = f.WriteTo(out)
	return err
}

// Template sheet names.
var (
	SheetInstructions = finding.T("Ohjeet", "Instructions")
	SheetStatus       = finding.T("Tila", "Status")
	SheetStaff        = finding.T("Henkilöstö", "Staff")
)

// templateStaffRows is how many staff rows get drop-down lists.
const templateStaffRows = 500

// WriteTemplate writes the blank status and staff workbook: instructions,
// the Tila sheet with a row per task (status drop-down, date and duration
// checks) and the Henkilöstö sheet for the card plan. Filled in, it is read
// by `kartoitus plan --status FILE --staff FILE` (the same file for both).
func WriteTemplate(out io.Writer, l finding.Lang) (err error) {
	if l == "" {
		l = finding.FI
	}
	L := func(fi, en string) string {
		if l == finding.EN {
			return en
		}
		return fi
	}
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	status, staff, help := SheetStatus.In(l), SheetStaff.In(l), SheetInstructions.In(l)
	if err := f.SetSheetName("Sheet1", status); err != nil {
		return err
	}
	// Status sheet.
	w := &sheetWriter{f: f, sheet: status, st: st}
	r := 2
	for _, t := range Catalogue() {
		title := t.Title.In(l)
		style := st.wrap
		if t.Parent != "" {
			title = "   " + title
		}
		if t.Kind == Group {
			style = st.bold
		}
		dur, src := "", t.Source
		if t.Kind == Work {
			dur = durationText(t.Duration, l)
			src = sourceText(t.Duration, l)
		}
		for i, v := range []any{t.ID, title, ProgressText(NotStarted, l), "", calendar.Day{}, "", "", dur, src} {
			s := st.body
			if i == 1 || i == 8 {
				s = style
			}
			w.set(i+1, r, v, s)
		}
		r++
	}
	last := r - 1
	headers := []string{"Tunnus", "Tehtävä", "Tila", "Vastuuhenkilö", "Päivämäärä", "Oma kesto (työpäivää)", "Huomiot", "Kesto suunnitelmassa", "Keston lähde"}
	if l == finding.EN {
		headers = []string{"ID", "Task", "Status", "Owner", "Date", "Own duration (working days)", "Note", "Duration in the plan", "Source of the duration"}
	}
	w.table(headers, []float64{16, 50, 16, 24, 13, 14, 36, 18, 60}, last)
	if w.err != nil {
		return w.err
	}
	statusList := []string{ProgressText(NotStarted, l), ProgressText(InProgress, l), ProgressText(Done, l)}
	if err := dropList(f, status, fmt.Sprintf("C2:C%d", last), statusList, L("Tila", "Status"), L("valmis, kesken tai aloittamatta", "done, in progress or not started")); err != nil {
		return err
	}
	if err := dateCheck(f, status, fmt.Sprintf("E2:E%d", last), L("Päivämäärä", "Date"),
		L("valmis: valmistumispäivä; kesken: aloituspäivä; aloittamatta: suunniteltu aloitus (valinnainen)", "done: the day finished; in progress: the day started; not started: planned start (optional)")); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("F2:F%d", last))
	if err := dv.SetRange(1, 400, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetInput(L("Oma kesto", "Own duration"), L("työpäivinä; korvaa suunnitelman keston", "in working days; replaces the plan's duration"))
	if err := f.AddDataValidation(status, dv); err != nil {
		return err
	}
	// Staff sheet.
	if _, err := f.NewSheet(staff); err != nil {
		return err
	}
	w = &sheetWriter{f: f, sheet: staff, st: st}
	sh := []string{"Nimi", "Rooli", "Rekisteröity ammattihenkilö (JulkiSuosikki/Terhikki)", "Toimittajan henkilö", "Korttityyppi (valinnainen)", "Huomiot"}
	if l == finding.EN {
		sh = []string{"Name", "Role", "Registered professional (JulkiSuosikki/Terhikki)", "Vendor staff", "Card type (optional)", "Note"}
	}
	for row := 2; row <= templateStaffRows+1; row++ {
		for col := 1; col <= len(sh); col++ {
			w.set(col, row, "", st.body)
		}
	}
	w.table(sh, []float64{30, 28, 24, 16, 24, 36}, templateStaffRows+1)
	if w.err != nil {
		return w.err
	}
	yesno := []string{L("kyllä", "yes"), L("ei", "no")}
	rng := func(col string) string { return fmt.Sprintf("%s2:%s%d", col, col, templateStaffRows+1) }
	if err := dropList(f, staff, rng("C"), yesno, L("Rekisteröity", "Registered"),
		L("kyllä = Valviran JulkiSuosikkiin/Terhikkiin rekisteröity ammattihenkilö (ammattikortti)", "yes = registered in Valvira's JulkiSuosikki/Terhikki (professional card)")); err != nil {
		return err
	}
	if err := dropList(f, staff, rng("D"), yesno, L("Toimittaja", "Vendor"),
		L("kyllä = järjestelmätoimittajan tai muun ulkopuolisen henkilö (toimijakortti)", "yes = the vendor's or another outside party's person (operator card)")); err != nil {
		return err
	}
	var cards []string
	for _, c := range Cards {
		cards = append(cards, cardText[c].FI)
	}
	if err := dropList(f, staff, rng("E"), cards, L("Korttityyppi", "Card type"),
		L("tyhjä = päätellään sarakkeista C ja D; varakortti = organisaation varakortti", "empty = from columns C and D; varakortti = a backup card of the organisation")); err != nil {
		return err
	}
	// Instructions.
	if _, err := f.NewSheet(help); err != nil {
		return err
	}
	lines := []string{
		L("Käyttöönottosuunnitelman tila ja henkilöstö", "Onboarding plan: status and staff"),
		"",
		L("1. Täytä välilehdelle "+status+" jokaisen tehtävän tila (valmis, kesken, aloittamatta), vastuuhenkilö ja päivämäärä:",
			"1. On the "+status+" sheet give each task's status (done, in progress, not started), owner and date:"),
		L("   valmis = valmistumispäivä, kesken = aloituspäivä, aloittamatta = suunniteltu aloitus (valinnainen).",
			"   done = the day it was finished, in progress = the day it started, not started = planned start (optional)."),
		L("   Oma kesto (työpäivää) korvaa suunnitelman keston; lähteettömät kestot ovat työkalun oletuksia.",
			"   Own duration (working days) replaces the plan's duration; durations without a source are the tool's defaults."),
		L("   Alatehtävä kuten 2G.sopimus kuuluu vaiheeseen 2G; vaiheen tila koskee alatehtäviä, joilla ei ole omaa riviä täytettynä.",
			"   A sub-task such as 2G.sopimus belongs to step 2G; a step's status applies to its sub-tasks that have no status of their own."),
		L("2. Luettele välilehdelle "+staff+" jokainen Kanta-palveluja käyttävä henkilö: ammattihenkilöt saavat ammattikortin,",
			"2. On the "+staff+" sheet list everyone who will use Kanta: registered professionals get a professional card,"),
		L("   muut henkilöstökortin ja toimittajan henkilöt toimijakortin (K20 dia 17–19). Varakortit: rivi korttityypillä varakortti.",
			"   others a staff card and vendor staff an operator card (K20 slides 17–19). Backup cards: a row with card type varakortti."),
		L("3. Aja: kartoitus plan --go-live PP.KK.VVVV --status TÄMÄ.xlsx --staff TÄMÄ.xlsx --today PP.KK.VVVV -o suunnitelma.html",
			"3. Run: kartoitus plan --go-live YYYY-MM-DD --status THIS.xlsx --staff THIS.xlsx --today YYYY-MM-DD -o plan.html"),
		"",
		L("Lähde: "+DeckRef, "Source: "+DeckRef),
	}
	for i, s := range lines {
		cell := "A" + strconv.Itoa(i+1)
		if err := f.SetCellValue(help, cell, s); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(help, "A1", "A1", st.title); err != nil {
		return err
	}
	if err := f.SetColWidth(help, "A", "A", 130); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: L("Käyttöönoton tila ja henkilöstö", "Onboarding status and staff"), Creator: "kartoitus", Language: string(l)}); err != nil {
		return err
	}
	if err := xlsxprint.SetupAll(f); err != nil {
		return err
	}
	_, err = f.WriteTo(out)
	return err
}

func dropList(f *excelize.File, sheet, sqref string, values []string, title, msg string) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(sqref)
	if err := dv.SetDropList(values); err != nil {
		return err
	}
	dv.SetInput(title, msg)
	return f.AddDataValidation(sheet, dv)
}

func dateCheck(f *excelize.File, sheet, sqref, title, msg string) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(sqref)
	// 36526 = 1.1.2000, 73415 = 31.12.2100 as Excel serial dates.
	if err := dv.SetRange(36526, 73415, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetInput(title, msg)
	return f.AddDataValidation(sheet, dv)
}
