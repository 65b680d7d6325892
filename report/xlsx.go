package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/xlsxprint"
)

// XLSX writes the assessment as a workbook a consultant edits further:
// a summary, the mapping (with an editable accepted-code column), the
// coverage matrix and its rows, register findings, retention findings, the
// TOS draft (with empty columns for the records manager), rejected rows,
// every finding and the rules. Data sheets have a styled header, a frozen
// header row, an autofilter and column widths; editable columns are yellow.
type XLSX struct{}

// Write renders a findings Result alone, so XLSX also serves as a Reporter.
func (XLSX) Write(w io.Writer, r *Result) error {
	return XLSX{}.WriteAssessment(w, NewAssessment(r, ""))
}

// Sheet names in each language. The accepted-mappings reader finds the
// mapping sheet by these names and its columns by MappingHeaders.
var xlsxSheets = map[string]finding.Text{
	"summary":    finding.T("Yhteenveto", "Summary"),
	"mapping":    finding.T("Kartoitus", "Mapping"),
	"coverage":   finding.T("Kattavuus", "Coverage"),
	"detail":     finding.T("Kattavuus-erittely", "Coverage detail"),
	"regs":       finding.T("Rekisterit", "Registers"),
	"ret":        finding.T("Säilytys", "Retention"),
	"tos":        finding.T("TOS-luonnos", "TOS draft"),
	"rejected":   finding.T("Hylätyt rivit", "Rejected rows"),
	"findings":   finding.T("Havainnot", "Findings"),
	"rules":      finding.T("Säännöt", "Rules"),
	"deploytest": finding.T("Käyttöönottokoe", "Deployment test"),
	"onboarding": finding.T("Käyttöönoton valmius", "Onboarding readiness"),
	"lists":      finding.T("Koodistot", "Code lists"),
}

// SheetName returns the name of a workbook sheet ("mapping", "tos", …) in l.
func SheetName(key string, l finding.Lang) string { return xlsxSheets[key].In(l) }

// MappingColumns are the mapping sheet's columns, by key, in order. Saved
// as CSV, the sheet is an accepted-mappings file for `--accepted`: its
// "name" (Asiakirjan nimi / Local name), "task" (Palvelutehtävä / Service
// task) and "accepted" (Hyväksytty koodi / Accepted code) headers are the
// ones analyzer/mapping reads, and no other header is one it reads as a
// code, so the machine's suggestion is never taken as accepted.
var MappingColumns = []string{"file", "sheet", "row", "name", "national_raw", "task", "phase", "medium", "system", "register",
	"code", "national", "method", "confidence", "candidates", "accepted"}

var mappingHeaderKeys = map[string]string{
	"file": "col.file", "sheet": "col.sheet", "row": "col.row", "name": "xlsx.name", "national_raw": "col.nationalraw",
	"task": "col.task", "phase": "col.phase", "medium": "col.medium", "system": "col.system", "register": "col.register",
	"code": "xlsx.suggested", "national": "col.national", "method": "col.method", "confidence": "col.confidence",
	"candidates": "col.candidates", "accepted": "col.acceptedcode",
}

// MappingHeaders returns the mapping sheet's header row in l.
func MappingHeaders(l finding.Lang) []string {
	out := make([]string, len(MappingColumns))
	for i, k := range MappingColumns {
		out[i] = ui(l, mappingHeaderKeys[k])
	}
	return out
}

// maxCell is Excel's limit on characters in one cell.
const maxCell = 32767

// xw carries one workbook being written.
type xw struct {
	f *excelize.File
	a *Assessment
	l finding.Lang
	// Styles.
	head, headEdit, body, edit, num, pct, title, label, bold int
	fill                                                     map[string]int
}

// WriteAssessment writes the workbook in a.Meta.Lang.
func (XLSX) WriteAssessment(w io.Writer, a *Assessment) (err error) {
	a = a.completed()
	x := &xw{f: excelize.NewFile(), a: a, l: a.Meta.Lang}
	if x.l == "" {
		x.l = finding.FI
	}
	defer func() {
		if cerr := x.f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := x.styles(); err != nil {
		return err
	}
	// The hidden lists sheet comes before the streamed ones: hiding a
	// sheet makes excelize re-read every streamed sheet (2.5 s of a
	// 5,000-row assessment's 7 s when it came last).
	steps := []func() error{x.summary, x.lists, x.mapping, x.coverage, x.coverageDetail, x.registers, x.retention, x.tosDraft, x.plans, x.rejected, x.findings, x.rules}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	// The summary (the renamed first sheet) is already the active one;
	// SetActiveSheet would re-read every streamed sheet to clear flags.
	if err := x.f.SetDocProps(&excelize.DocProperties{
		Title:    ui(x.l, "title") + orgSuffix(a.Meta.Organisation),
		Creator:  strings.TrimSpace(a.Meta.Tool + " " + a.Meta.Version),
		Created:  a.Meta.Generated.UTC().Format(time.RFC3339),
		Modified: a.Meta.Generated.UTC().Format(time.RFC3339),
		Language: string(x.l),
	}); err != nil {
		return err
	}
	_, err = x.f.WriteTo(w)
	return err
}

func orgSuffix(org string) string {
	if org == "" {
		return ""
	}
	return " – " + org
}

func (x *xw) styles() error {
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = x.f.NewStyle(s)
		return id
	}
	border := []excelize.Border{{Type: "bottom", Color: "A6ADB4", Style: 1}}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	x.head = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Border: border})
	x.headEdit = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "1D232B"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFD966"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Border: border})
	x.body = mk(&excelize.Style{Alignment: top})
	x.edit = mk(&excelize.Style{Alignment: top, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
		Border: []excelize.Border{{Type: "left", Color: "BF9000", Style: 1}, {Type: "right", Color: "BF9000", Style: 1}}, Protection: &excelize.Protection{Locked: false}})
	x.num = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	x.pct = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, NumFmt: 9})
	x.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}})
	x.label = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top})
	x.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	x.fill = map[string]int{}
	for k, c := range map[string]string{"missing": "F7D4D2", "misphased": "F8E6BD", "extra": "DAE6F5", "present": "D8EFD9", "empty": "F5F6F7"} {
		x.fill[k] = mk(&excelize.Style{Alignment: top, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}},
			Border: []excelize.Border{{Type: "left", Color: "D3D8DE", Style: 1}, {Type: "right", Color: "D3D8DE", Style: 1}, {Type: "top", Color: "D3D8DE", Style: 1}, {Type: "bottom", Color: "D3D8DE", Style: 1}}})
	}
	return err
}

// column is one column of a streamed table.
type column struct {
	header string
	width  float64
	// edit marks a column the user fills in; help is its input prompt and
	// list, if set, the range its drop-down offers.
	edit    bool
	help    string
	list    string
	choices []string
}

// table writes a sheet with a header row and rows, streamed so that tens
// of thousands of findings stay cheap: styled header, frozen header row,
// autofilter over the data, column widths, yellow editable columns.
func (x *xw) table(sheetKey string, cols []column, n int, row func(i int) []any) error {
	name := SheetName(sheetKey, x.l)
	if _, err := x.f.NewSheet(name); err != nil {
		return err
	}
	last, err := excelize.ColumnNumberToName(len(cols))
	if err != nil {
		return err
	}
	// Autofilter and input prompts go in before streaming starts: the
	// stream writer copies them from the sheet when it flushes.
	if err := x.f.AutoFilter(name, "A1:"+last+strconv.Itoa(n+1), nil); err != nil {
		return err
	}
	if err := xlsxprint.Setup(x.f, name, len(cols)); err != nil {
		return err
	}
	for i, c := range cols {
		if !c.edit || (c.help == "" && c.list == "" && len(c.choices) == 0) {
			continue
		}
		colName, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", colName, colName, n+1001))
		if len(c.choices) > 0 {
			if err := dv.SetDropList(c.choices); err != nil {
				return err
			}
		}
		if c.list != "" {
			dv.SetSqrefDropList(c.list)
			// A warning, not a stop: the reader also takes an OID, a name
			// or "ei", and reports what it does not recognise.
			dv.SetError(excelize.DataValidationErrorStyleWarning, c.header, c.help)
		}
		if c.help != "" {
			dv.SetInput(c.header, c.help)
		}
		if err := x.f.AddDataValidation(name, dv); err != nil {
			return err
		}
	}
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		st := x.head
		if c.edit {
			st = x.headEdit
		}
		head[i] = excelize.Cell{StyleID: st, Value: c.header}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		vals := row(i)
		cells := make([]any, len(cols))
		for j := range cols {
			var v any
			if j < len(vals) {
				v = vals[j]
			}
			if (v == nil || v == "") && !cols[j].edit {
				// An empty body cell looks the same without a cell element;
				// a 5,000-row assessment's sheets held 200,000 of them.
				continue
			}
			cells[j] = x.cell(v, cols[j].edit)
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// pctValue marks a 0..1 number shown as a percentage.
type pctValue float64

func (x *xw) cell(v any, edit bool) excelize.Cell {
	st := x.body
	if edit {
		st = x.edit
	}
	switch t := v.(type) {
	case nil:
		return excelize.Cell{StyleID: st}
	case string:
		return excelize.Cell{StyleID: st, Value: x.text(t)}
	case int:
		if !edit {
			st = x.num
		}
		return excelize.Cell{StyleID: st, Value: t}
	case pctValue:
		return excelize.Cell{StyleID: x.pct, Value: float64(t)}
	}
	return excelize.Cell{StyleID: st, Value: v}
}

// text prepares a string for a cell: henkilötunnus-shaped runs masked
// (unless the user asked to reveal them) and cut to Excel's cell limit.
func (x *xw) text(s string) string {
	if !x.a.Meta.RevealIDs {
		s = ident.Redact(s)
	}
	if len(s) > maxCell {
		s = strings.ToValidUTF8(s[:maxCell], "")
	}
	return s
}

// rowNum leaves the cell empty for row 0 (no row).
func rowNum(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

func (x *xw) h(key string) string { return ui(x.l, key) }

func (x *xw) summary() error {
	f, a, l := x.f, x.a, x.l
	name := SheetName("summary", l)
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	s := a.Summary
	r := 1
	set := func(col string, v any, style int) {
		if str, ok := v.(string); ok {
			v = x.text(str)
		}
		cell := col + strconv.Itoa(r)
		_ = f.SetCellValue(name, cell, v)
		if style != 0 {
			_ = f.SetCellStyle(name, cell, cell, style)
		}
	}
	set("A", x.h("title"), x.title)
	r++
	if a.Meta.Organisation != "" {
		set("A", a.Meta.Organisation, x.bold)
		r++
	}
	r++
	kv := func(k string, v any) {
		set("A", k, x.label)
		set("B", v, x.body)
		r++
	}
	kv(x.h("generated"), dateText(l, a.Meta.Generated))
	kv(x.h("tool"), strings.TrimSpace(a.Meta.Tool+" "+a.Meta.Version))
	for _, in := range a.Meta.Inputs {
		kv(x.h("inputs")+": "+enum(l, "role", in.Role), in.Path)
	}
	r++
	verdict := x.h("verdict.pass")
	if s.Findings.Failed {
		verdict = x.h("verdict.fail")
	}
	kv(x.h("summary"), verdict)
	figs := []struct {
		key string
		v   any
	}{
		{"fig.documents", s.Documents}, {"fig.mapped", pctValue(float64(s.MappedPercent) / 100)},
		{"fig.missing", s.MissingTypes}, {"fig.regerrors", s.RegisterErrors}, {"fig.retention", s.RetentionGaps},
		{"fig.rejected", s.RejectedRows}, {"fig.total", s.Findings.Total}, {"fig.error", s.Findings.Error},
		{"fig.warning", s.Findings.Warning}, {"fig.info", s.Findings.Info}, {"fig.rowsread", s.RowsRead},
	}
	for _, fg := range figs {
		set("A", x.h(fg.key), x.label)
		switch v := fg.v.(type) {
		case pctValue:
			set("B", float64(v), x.pct)
		default:
			set("B", v, x.num)
		}
		r++
	}
	if a.Result.Suppressed > 0 {
		kv(x.h("fig.suppressed"), a.Result.Suppressed)
	}
	for _, note := range omittedNotes(l, a.Result, a.Result.Findings) {
		set("A", note, x.body)
		r++
	}

	block := func(title string, headers []string, rows [][]any) {
		r++
		set("A", title, x.bold)
		r++
		for i, hd := range headers {
			col, _ := excelize.ColumnNumberToName(i + 1)
			set(col, hd, x.head)
		}
		r++
		for _, row := range rows {
			for i, v := range row {
				col, _ := excelize.ColumnNumberToName(i + 1)
				st := x.body
				if _, ok := v.(int); ok {
					st = x.num
				}
				if p, ok := v.(pctValue); ok {
					v, st = float64(p), x.pct
				}
				set(col, v, st)
			}
			r++
		}
	}
	var secRows [][]any
	for _, sc := range s.Sections {
		if sc.Total > 0 {
			secRows = append(secRows, []any{enum(l, "section", string(sc.Section)), sc.Error, sc.Warning, sc.Info, sc.Total})
		}
	}
	block(x.h("by.section"), []string{x.h("col.section"), severityName(l, finding.Error), severityName(l, finding.Warning), severityName(l, finding.Info), x.h("col.total")}, secRows)
	if len(s.Tasks) > 0 {
		var rows [][]any
		for _, tf := range s.Tasks {
			var p any = "–"
			if tf.Percent >= 0 {
				p = pctValue(float64(tf.Percent) / 100)
			}
			name := a.TaskName(tf.Task, l)
			if tf.Task == "" {
				name = x.h("task.none")
			}
			rows = append(rows, []any{name, tf.Present, tf.Expected, p})
		}
		block(x.h("by.task"), []string{x.h("col.task"), x.h("col.present"), x.h("col.expected"), x.h("col.coverage")}, rows)
	}
	if len(s.ByMethod) > 0 {
		var rows [][]any
		for _, m := range s.ByMethod {
			rows = append(rows, []any{enum(l, "method", m.Method), m.Count})
		}
		block(x.h("by.method"), []string{x.h("col.method"), x.h("col.count")}, rows)
	}
	if len(a.Result.Inputs) > 0 {
		var rows [][]any
		for _, in := range a.Result.Inputs {
			rows = append(rows, []any{in.Source, in.Read, in.Accepted, in.Rejected, in.Skipped})
		}
		block(x.h("inputs.table"), []string{x.h("col.source"), x.h("col.read"), x.h("col.accepted"), x.h("col.rejected"), x.h("col.skipped")}, rows)
	}
	r++
	set("A", x.h("pii.note"), x.body)
	r++
	set("A", x.h("xlsx.editable"), x.body)
	if err := xlsxprint.Setup(f, name, 5); err != nil {
		return err
	}
	if err := f.SetColWidth(name, "A", "A", 42); err != nil {
		return err
	}
	return f.SetColWidth(name, "B", "E", 16)
}

func (x *xw) mapping() error {
	a, l := x.a, x.l
	headers := MappingHeaders(l)
	widths := map[string]float64{"file": 16, "sheet": 16, "row": 7, "name": 36, "national_raw": 28, "task": 22, "phase": 20, "medium": 14,
		"system": 16, "register": 24, "code": 9, "national": 40, "method": 14, "confidence": 10, "candidates": 48, "accepted": 16}
	cols := make([]column, len(MappingColumns))
	for i, k := range MappingColumns {
		cols[i] = column{header: headers[i], width: widths[k]}
		if k == "accepted" {
			cols[i].edit = true
			cols[i].help = x.h("xlsx.accepted.help")
			cols[i].list = x.codeListRef()
		}
	}
	return x.table("mapping", cols, len(a.Mapping), func(i int) []any {
		m := a.Mapping[i]
		task := m.TaskRaw
		if m.Task != "" {
			task = a.TaskName(m.Task, l)
		}
		phase := m.PhaseRaw
		if m.Phase != "" {
			phase = a.PhaseName(m.Phase, l)
		}
		var cands []string
		for _, c := range otherCandidates(m) {
			cands = append(cands, fmt.Sprintf("%s %s (%s)", c.Code, c.Name, confidenceText(l, c.Confidence)))
		}
		method := m.Method
		if method == "" {
			method = "none"
		}
		return []any{m.Source.File, m.Source.Sheet, rowNum(m.Source.Row), m.Name, m.NationalRaw, task, phase, enum(l, "medium", m.Medium),
			m.System, m.Register, m.Code, m.NationalName, enum(l, "method", method), pctValue(m.Confidence), strings.Join(cands, "\n"), m.Accepted}
	})
}

// codeChoices are the accepted-code drop-down's values: "-" (not
// national) and each national type as "code name", both of which the
// accepted-mappings reader takes.
func (x *xw) codeChoices() []string {
	if len(x.a.NationalTypes) == 0 {
		return nil
	}
	out := []string{"-"}
	for _, t := range x.a.NationalTypes {
		out = append(out, strings.TrimSpace(t.ID+" "+t.Name.In(x.l)))
	}
	return out
}

// codeListRef is the range of the code choices on the hidden lists sheet,
// or "" when the assessment names no national types.
func (x *xw) codeListRef() string {
	n := len(x.codeChoices())
	if n == 0 {
		return ""
	}
	name := strings.ReplaceAll(SheetName("lists", x.l), "'", "''")
	return fmt.Sprintf("'%s'!$A$2:$A$%d", name, n+1)
}

// lists writes the hidden sheet the drop-downs take their values from (a
// list of 200 types is far over the 255 characters of an inline list).
func (x *xw) lists() error {
	choices := x.codeChoices()
	if len(choices) == 0 {
		return nil
	}
	name := SheetName("lists", x.l)
	if _, err := x.f.NewSheet(name); err != nil {
		return err
	}
	if err := x.f.SetCellValue(name, "A1", x.h("col.acceptedcode")); err != nil {
		return err
	}
	for i, v := range choices {
		if err := x.f.SetCellValue(name, "A"+strconv.Itoa(i+2), v); err != nil {
			return err
		}
	}
	if err := x.f.SetColWidth(name, "A", "A", 60); err != nil {
		return err
	}
	if err := xlsxprint.Setup(x.f, name, 1); err != nil {
		return err
	}
	return x.f.SetSheetVisible(name, false)
}

func (x *xw) coverage() error {
	f, a, l := x.f, x.a, x.l
	name := SheetName("coverage", l)
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	phases := a.coveragePhases()
	rows := a.coverageRows()
	set := func(col, row int, v any, style int) error {
		if str, ok := v.(string); ok {
			v = x.text(str)
		}
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(name, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(name, cell, cell, style)
	}
	if err := set(1, 1, x.h("col.task"), x.head); err != nil {
		return err
	}
	for j, p := range phases {
		label := a.PhaseName(p, l)
		if p == "" {
			label = x.h("phase.none")
		}
		if err := set(j+2, 1, label, x.head); err != nil {
			return err
		}
	}
	if err := set(len(phases)+2, 1, x.h("col.coverage"), x.head); err != nil {
		return err
	}
	fit := map[string]TaskFitness{}
	for _, tf := range a.Summary.Tasks {
		fit[tf.Task] = tf
	}
	for i, row := range rows {
		rn := i + 2
		task := a.TaskName(row.Task, l)
		if row.Task == "" {
			task = x.h("task.none")
		}
		if err := set(1, rn, task, x.label); err != nil {
			return err
		}
		lines := 1
		for j, p := range phases {
			text, class := x.cellText(row.Cell(p))
			if n := strings.Count(text, "\n") + 1; n > lines {
				lines = n
			}
			if err := set(j+2, rn, text, x.fill[class]); err != nil {
				return err
			}
		}
		tf := fit[row.Task]
		var v any = "–"
		st := x.body
		if tf.Percent >= 0 && tf.Expected > 0 {
			v, st = float64(tf.Percent)/100, x.pct
		}
		if err := set(len(phases)+2, rn, v, st); err != nil {
			return err
		}
		h := float64(lines) * 13
		if h > 400 {
			h = 400
		}
		if h < 18 {
			h = 18
		}
		if err := f.SetRowHeight(name, rn, h); err != nil {
			return err
		}
	}
	last, _ := excelize.ColumnNumberToName(len(phases) + 2)
	if err := f.SetColWidth(name, "A", "A", 26); err != nil {
		return err
	}
	if len(phases) > 0 {
		first, _ := excelize.ColumnNumberToName(2)
		end, _ := excelize.ColumnNumberToName(len(phases) + 1)
		if err := f.SetColWidth(name, first, end, 34); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(name, last, last, 12); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	if err := f.AutoFilter(name, "A1:"+last+strconv.Itoa(len(rows)+1), nil); err != nil {
		return err
	}
	return xlsxprint.Setup(f, name, len(phases)+2) // after the filter, which replaces the sheet properties
}

// cellText writes a coverage cell as text with symbols, so the matrix
// reads without colour too, and returns the fill class.
func (x *xw) cellText(c *CoverageCell) (string, string) {
	if c.Empty() {
		return "·", "empty"
	}
	var b strings.Builder
	var counts []string
	lists := [][]DocRef{c.Missing, c.Misphased, c.Extra, c.Present}
	class := ""
	for i, k := range cellKinds {
		if len(lists[i]) == 0 {
			continue
		}
		if class == "" {
			class = k.kind
		}
		counts = append(counts, fmt.Sprintf("%s %d %s", k.symbol, len(lists[i]), ui(x.l, "legend."+k.kind)))
	}
	b.WriteString(strings.Join(counts, ", "))
	for i, k := range cellKinds {
		for _, r := range lists[i] {
			b.WriteString("\n")
			b.WriteString(k.symbol + " " + x.refText(r, k.kind))
		}
	}
	return b.String(), class
}

func (x *xw) refText(r DocRef, kind string) string {
	name := codeName(r.Code, r.Name)
	local := strings.Join(r.Local, ", ")
	switch {
	case kind == "misphased":
		s := local
		if name != "" {
			s += " (" + name + ")"
		}
		if r.ExpectedPhase != "" {
			s += " → " + x.a.PhaseName(r.ExpectedPhase, x.l)
		}
		return strings.TrimSpace(s)
	case kind == "extra" && local != "":
		return local
	case local != "" && name != "":
		return name + " (" + local + ")"
	case name != "":
		return name
	}
	return local
}

func (x *xw) coverageDetail() error {
	a, l := x.a, x.l
	type line struct {
		task, phase, kind string
		ref               DocRef
	}
	var lines []line
	for _, row := range a.coverageRows() {
		for _, p := range a.coveragePhases() {
			c := row.Cell(p)
			if c == nil {
				continue
			}
			lists := [][]DocRef{c.Missing, c.Misphased, c.Extra, c.Present}
			for i, k := range cellKinds {
				for _, r := range lists[i] {
					lines = append(lines, line{row.Task, p, k.kind, r})
				}
			}
		}
	}
	cols := []column{{header: x.h("col.task"), width: 24}, {header: x.h("col.phase"), width: 26}, {header: x.h("col.status"), width: 16},
		{header: x.h("col.code"), width: 9}, {header: x.h("col.national"), width: 44}, {header: x.h("col.localnames"), width: 40}, {header: x.h("col.expectedphase"), width: 24}}
	return x.table("detail", cols, len(lines), func(i int) []any {
		ln := lines[i]
		phase := a.PhaseName(ln.phase, l)
		if ln.phase == "" {
			phase = x.h("phase.none")
		}
		exp := ""
		if ln.ref.ExpectedPhase != "" {
			exp = a.PhaseName(ln.ref.ExpectedPhase, l)
		}
		return []any{a.TaskName(ln.task, l), phase, ui(l, "legend."+ln.kind), ln.ref.Code, ln.ref.Name, strings.Join(ln.ref.Local, ", "), exp}
	})
}

// findingsSheet writes findings with every location field in its own
// column, so they filter in Excel.
func (x *xw) findingsSheet(key string, fs []finding.Finding) error {
	a, l := x.a, x.l
	cols := []column{{header: x.h("col.rule"), width: 10}, {header: x.h("col.severity"), width: 11}, {header: x.h("col.message"), width: 70},
		{header: x.h("col.file"), width: 20}, {header: x.h("col.sheet"), width: 16}, {header: x.h("col.row"), width: 7}, {header: x.h("col.column"), width: 18},
		{header: x.h("col.key"), width: 22}, {header: x.h("col.code"), width: 9}, {header: x.h("col.offered"), width: 16},
		{header: x.h("col.task"), width: 22}, {header: x.h("col.basis"), width: 22},
		{header: x.h("col.fingerprint"), width: 18}}
	return x.table(key, cols, len(fs), func(i int) []any {
		f := fs[i]
		task := ""
		if f.ServiceTask != "" {
			task = a.TaskName(f.ServiceTask, l)
		}
		return []any{f.RuleID, severityName(l, f.Severity), f.Message.In(l), f.Location.File, f.Location.Sheet, rowNum(f.Location.Row),
			f.Location.Column, f.Location.Key, f.Code, strings.Join(f.Candidates, ", "), task, f.Basis, f.Fingerprint}
	})
}

// plans writes a sheet per plan the run was given (the deployment test's
// pairs, the onboarding readiness), the same rows as the page's sections.
func (x *xw) plans() error {
	for _, p := range []struct {
		key string
		s   *PlanSection
	}{{"deploytest", x.a.DeployTest}, {"onboarding", x.a.Onboarding}} {
		if p.s == nil {
			continue
		}
		cols := make([]column, len(p.s.Columns))
		for i, h := range p.s.Columns {
			cols[i] = column{header: h, width: 24}
		}
		cols[len(cols)-1].width = 60 // the reason or basis: the long text
		rows := p.s.Rows
		if err := x.table(p.key, cols, len(rows), func(i int) []any {
			r := make([]any, len(rows[i]))
			for j, v := range rows[i] {
				r[j] = v
			}
			return r
		}); err != nil {
			return err
		}
	}
	return nil
}

func (x *xw) registers() error { return x.findingsSheet("regs", x.a.RegisterFindings()) }
func (x *xw) retention() error { return x.findingsSheet("ret", x.a.RetentionFindings()) }
func (x *xw) rejected() error  { return x.findingsSheet("rejected", x.a.RejectedRows()) }
func (x *xw) findings() error  { return x.findingsSheet("findings", x.a.Result.Findings) }

// tosDraft writes the TOS draft in the layout every draft file has.
func (x *xw) tosDraft() error {
	t := x.a.TOSDraftSheet
	if t == nil {
		return nil
	}
	cols := make([]column, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = column{header: c.Header, width: c.Width, edit: c.Edit, choices: c.Choices}
	}
	return x.table("tos", cols, len(t.Rows), func(i int) []any {
		rec := t.Rows[i]
		out := make([]any, len(rec))
		for j, v := range rec {
			out[j] = v
			if j < len(t.Columns) && t.Columns[j].Numeric {
				if n, err := strconv.Atoi(v); err == nil {
					out[j] = n
				}
			}
			if v == "" {
				out[j] = nil
			}
		}
		return out
	})
}

func (x *xw) rules() error {
	a, l := x.a, x.l
	rs := a.Result.Rules
	nc := a.Result.NotChecked
	cols := []column{{header: x.h("col.rule"), width: 10}, {header: x.h("col.severity"), width: 11}, {header: x.h("col.title"), width: 60},
		{header: x.h("col.basis"), width: 28}, {header: x.h("col.inferred"), width: 10}, {header: x.h("col.section"), width: 16},
		{header: x.h("col.findings"), width: 11}, {header: x.h("col.omitted"), width: 11}, {header: x.h("col.checked"), width: 11},
		{header: x.h("col.missingcols"), width: 30}}
	return x.table("rules", cols, len(rs)+len(nc), func(i int) []any {
		if i >= len(rs) {
			n := nc[i-len(rs)]
			return []any{n.Rule, nil, n.Title.In(l), nil, nil, enum(l, "section", string(a.SectionOf(n.Rule))), nil, nil, x.h("no"), strings.Join(n.Missing, ", ")}
		}
		r := rs[i]
		inf := x.h("no")
		if r.Inferred {
			inf = x.h("yes")
		}
		var omitted any
		if n := a.Result.Omitted[r.ID]; n > 0 {
			omitted = n
		}
		return []any{r.ID, severityName(l, r.Severity), r.Title.In(l), r.Basis, inf, enum(l, "section", string(a.SectionOf(r.ID))),
			a.Result.Summary.ByRule[r.ID], omitted, x.h("yes"), nil}
	})
}
