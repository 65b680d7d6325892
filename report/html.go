package report

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
)

//go:embed assets/report.html.tmpl assets/report.css assets/report.js
var assets embed.FS

// HTML writes the assessment as one self-contained page (index.html): the
// stylesheet and script are inlined, graphs are inline SVG, and a
// Content-Security-Policy forbids every network fetch. Tables sort by
// clicking a header and filter by a text box; the print stylesheet starts
// each section on a new page and hides the interactive parts.
type HTML struct{}

// Write renders a findings Result alone (no mapping, coverage or graphs),
// so HTML also serves as a Reporter for any command.
func (HTML) Write(w io.Writer, r *Result) error {
	return HTML{}.WriteAssessment(w, NewAssessment(r, ""))
}

// WriteAssessment renders the whole assessment in a.Meta.Lang.
func (HTML) WriteAssessment(w io.Writer, a *Assessment) error {
	a = a.completed()
	v := newHTMLView(a)
	t, err := reportPage().tmpl.Clone()
	if err != nil {
		return err
	}
	t.Funcs(v.funcs())
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "report.html.tmpl", v); err != nil {
		return err
	}
	out := buf.Bytes()
	if !a.Meta.RevealIDs {
		// Producers mask client ids; this is the last line of defence
		// for anything henkilötunnus-shaped that slipped through.
		out = []byte(ident.Redact(string(out)))
	}
	_, err = w.Write(out)
	return err
}

// reportPage holds the report page's assets and parsed template, made on first
// use: parsing the template at start-up cost every command (the register
// gate's included) several milliseconds it never needed.
var reportPage = sync.OnceValue(func() pageAssets {
	css, err := assets.ReadFile("assets/report.css")
	if err != nil {
		panic(err)
	}
	js, err := assets.ReadFile("assets/report.js")
	if err != nil {
		panic(err)
	}
	p := pageAssets{css: string(css), js: string(js)}
	// The policy allows exactly our one script (by hash), inline styles
	// (inline SVG carries style attributes), data: images and the folder's
	// own graph pictures ('self'); nothing else can be fetched, so the page
	// works offline and leaks nothing.
	sum := sha256.Sum256(js)
	p.csp = "default-src 'none'; script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; style-src 'unsafe-inline'; img-src data: 'self'; base-uri 'none'; form-action 'none'"
	// Placeholder funcs so the template parses; WriteAssessment binds the
	// real ones to the language and data.
	p.tmpl = template.Must(template.New("report").Funcs((&htmlView{A: &Assessment{}}).funcs()).
		ParseFS(assets, "assets/report.html.tmpl"))
	return p
})

type pageAssets struct {
	css, js, csp string
	tmpl         *template.Template
}

// htmlView is the template's data.
type htmlView struct {
	A           *Assessment
	S           AssessmentSummary
	Lang        finding.Lang
	CSP         string
	CSS         template.CSS
	JS          template.JS
	VerdictText string
	Nav         []navItem
	CovPhases   []string
	CovRows     []covRowView
	CovDetail   []covDetail
	Overview    svgView
	Timeline    svgView // the onboarding plan's Gantt chart
	Graphs      []graphView
	Rules       []ruleView
	// TOS is the TOS draft in the one layout report.xlsx and
	// tos-draft.csv share (tosView).
	TOS *tosView

	phaseOrder map[string]int
	// MultiSource: the mapping rows come from more than one file, so each
	// row's number carries its file as a tooltip.
	MultiSource bool
	// BriefRows: more than maxTableRows mapping rows have findings, so the
	// rows name the rules only; the texts are in report.xlsx and
	// findings.csv (a 5,000-row inventory's page, issue 17).
	BriefRows bool

	// rowFindings are the mapping section's findings by the inventory
	// row (rowKey) of a mapping row.
	rowFindings map[string][]finding.Finding
	rowOther    map[string][]otherRef
}

// rowFindingsView is what a mapping row lists: the mapping section's
// findings of its document, and the rules of the other sections' findings
// of the same inventory row, each linked to its section, so the row is
// the document's whole list.
type rowFindingsView struct {
	Findings []finding.Finding
	Other    []otherRef
}

type otherRef struct{ RuleID, Anchor string }

// rowKey is an inventory row: file, sheet and row.
func rowKey(x finding.Location) string {
	return x.File + "\x00" + x.Sheet + "\x00" + strconv.Itoa(x.Row)
}

// mappingRowHas says whether f is listed in a row of the mapping table.
func (v *htmlView) mappingRowHas(f finding.Finding) bool {
	if f.Location.Row == 0 {
		return false
	}
	for _, g := range v.rowFindings[rowKey(f.Location)] {
		if g.Fingerprint == f.Fingerprint && g.RuleID == f.RuleID {
			return true
		}
	}
	return false
}

type navItem struct {
	ID, Title string
	// Count is the section's errors and warnings (its badge), Total all
	// its findings; a collapsed section's heading shows both.
	Count, Total int
}

type covRowView struct {
	Row   *CoverageRow
	Cells []covCellView
	Fit   TaskFitness
}

type covCellView struct {
	Phase string
	C     *CoverageCell
	// Class is the cell's colour: the worst status it holds.
	Class string
}

type covDetail struct {
	Task, Phase, Kind, Symbol string
	Rank                      int
	Ref                       DocRef
}

type svgView struct {
	Present bool
	Markup  template.HTML
	Err     string
	// File is the full-size SVG beside the page (the link); Src is set
	// when the page shows that file instead of inlining a large graph.
	File, Src string
	// Width and Height are the shown size in CSS px (0: as drawn): wide
	// enough that the smallest text is readable (graphSize).
	Width, Height int
}

type graphView struct {
	ID, Task                    string
	Figures                     []Figure
	Current, Target, Comparison svgView
}

// tosView is the page's subset of the TOS draft layout (SheetTable): the
// columns the analysis fills, in the layout's order. Left out are the
// columns the records manager fills in (in report.xlsx and tos-draft.csv)
// and those with one value on every row, which Same states once.
type tosView struct {
	Columns []SheetColumn
	Rows    []tosRowView
	Same    []tosSame
}

type tosRowView struct {
	Status string // the row's class: TOSMissing, TOSOK, …
	Cells  []tosCell
}

// tosCell is a cell's text and, in the status column, the class that
// colours it (status-missing, …).
type tosCell struct{ Text, Class string }

type tosSame struct{ Header, Value string }

func newTOSView(a *Assessment) *tosView {
	t := a.TOSDraftSheet
	if t == nil || len(t.Rows) == 0 {
		return nil
	}
	var keep []int
	v := &tosView{}
	for j, c := range t.Columns {
		if c.Edit {
			continue
		}
		first, same := "", true
		for i, r := range t.Rows {
			x := ""
			if j < len(r) {
				x = r[j]
			}
			if i == 0 {
				first = x
			} else if x != first {
				same = false
				break
			}
		}
		if same && len(t.Rows) > 1 {
			if first != "" {
				v.Same = append(v.Same, tosSame{c.Header, first})
			}
			continue
		}
		keep = append(keep, j)
		v.Columns = append(v.Columns, c)
	}
	for i, r := range t.Rows {
		rv := tosRowView{Cells: make([]tosCell, len(keep))}
		if len(a.TOSDraft) == len(t.Rows) {
			rv.Status = a.TOSDraft[i].Status
		}
		for k, j := range keep {
			if j < len(r) {
				rv.Cells[k].Text = r[j]
			}
			if t.Columns[j].Status && rv.Status != "" {
				rv.Cells[k].Class = "status-" + rv.Status
			}
		}
		v.Rows = append(v.Rows, rv)
	}
	return v
}

type ruleView struct {
	Rule    finding.Rule
	Section Section
	Count   int
}

type figView struct {
	ID, Display, Label, Note string
	Value                    int
}

type findingsView struct {
	ID       string
	Findings []finding.Finding
	// Rows are the table's rows: one per document (finding subject), its
	// findings listed in it, the rows with the most serious first when
	// the table is capped at maxTableRows. Shown are the findings of those
	// rows; More how many are only in report.xlsx, findings.csv and
	// findings.json (a 5,000-row inventory made a 20 MB page).
	Rows  []docRow
	Shown []finding.Finding
	More  int
}

// docRow is one document's findings in a findings table: the same
// document's RET00x and MAP00x were rows of their own, repeated.
type docRow struct {
	Location finding.Location
	Findings []finding.Finding
	// Worst is the most serious severity; Code, Task and Basis are the
	// findings' own, each value once.
	Worst               finding.Severity
	Codes, Tasks, Basis []string
}

// maxTableRows caps a findings table on the page.
const maxTableRows = 250

// subjectKey is the document a finding is about: its file, sheet, row and
// record key (not the column, which differs between findings of one row).
// A finding located nowhere more precise than a file is its own subject.
func subjectKey(f finding.Finding) (string, bool) {
	x := f.Location
	if x.Row == 0 && x.Key == "" {
		return "", false
	}
	return x.File + "\x00" + x.Sheet + "\x00" + strconv.Itoa(x.Row) + "\x00" + x.Key, true
}

// groupByDocument turns findings into per-document rows, in the order of
// each document's first finding.
func groupByDocument(fs []finding.Finding) []docRow {
	var rows []docRow
	at := map[string]int{}
	for _, f := range fs {
		key, ok := subjectKey(f)
		if ok {
			if i, seen := at[key]; seen {
				rows[i].add(f)
				continue
			}
			at[key] = len(rows)
		}
		loc := f.Location
		loc.Column = "" // the row's; each finding's column is in its message
		rows = append(rows, docRow{Location: loc})
		rows[len(rows)-1].add(f)
	}
	return rows
}

func (r *docRow) add(f finding.Finding) {
	if len(r.Findings) == 0 || f.Severity > r.Worst {
		r.Worst = f.Severity
	}
	if len(r.Findings) == 0 {
		r.Location = f.Location // one finding: its column too
	} else {
		r.Location.Column = ""
	}
	r.Findings = append(r.Findings, f)
	addOnce := func(list *[]string, v string) {
		if v != "" && !slices.Contains(*list, v) {
			*list = append(*list, v)
		}
	}
	addOnce(&r.Codes, strings.TrimPrefix(f.Code, "group:"))
	addOnce(&r.Tasks, f.ServiceTask)
	addOnce(&r.Basis, f.Basis)
}

func newFindingsView(id string, fs []finding.Finding) findingsView {
	v := findingsView{ID: id, Findings: fs, Rows: groupByDocument(fs), Shown: fs}
	if len(v.Rows) > maxTableRows {
		slices.SortStableFunc(v.Rows, func(a, b docRow) int { return cmp.Compare(b.Worst, a.Worst) })
		v.Rows = v.Rows[:maxTableRows]
		v.Shown = nil
		for _, r := range v.Rows {
			v.Shown = append(v.Shown, r.Findings...)
		}
		v.More = len(fs) - len(v.Shown)
	}
	return v
}

type sectionFindingsView struct {
	// Left findings of LeftRule are shown by the section itself.
	Left     int
	LeftRule string
	// InRows findings are listed in the rows of the section's own table
	// (the mapping table's documents), not again below it; Brief: those
	// rows name the rules only (htmlView.BriefRows).
	InRows   int
	Brief    bool
	TableID  string
	Findings []finding.Finding
}

func newHTMLView(a *Assessment) *htmlView {
	l := a.Meta.Lang
	if l == "" {
		l = finding.FI
	}
	v := &htmlView{
		A: a, S: a.Summary, Lang: l, CSP: reportPage().csp,
		CSS: template.CSS(reportPage().css), JS: template.JS(reportPage().js),
		phaseOrder: map[string]int{},
	}
	for i, p := range a.Phases {
		v.phaseOrder[p.ID] = i + 1
	}
	if len(a.Mapping) > 0 {
		rows := map[string]bool{}
		for _, m := range a.Mapping {
			if m.Source.Row > 0 {
				rows[rowKey(m.Source)] = true
			}
		}
		v.rowFindings = map[string][]finding.Finding{}
		for _, f := range a.FindingsIn(SectionMapping) {
			if k := rowKey(f.Location); f.Location.Row > 0 && f.Location.Key == "" && rows[k] {
				v.rowFindings[k] = append(v.rowFindings[k], f)
			}
		}
		v.BriefRows = len(v.rowFindings) > maxTableRows
		if !v.BriefRows {
			// The other sections' rules, once a row; left out of a large
			// inventory's page with the texts (its size).
			v.rowOther = map[string][]otherRef{}
			for _, f := range a.Result.Findings {
				k, sec := rowKey(f.Location), a.SectionOf(f.RuleID)
				if sec == SectionMapping || f.Location.Row == 0 || f.Location.Key != "" || !rows[k] {
					continue
				}
				ref := otherRef{RuleID: f.RuleID, Anchor: sectionAnchor(sec)}
				if !slices.Contains(v.rowOther[k], ref) {
					v.rowOther[k] = append(v.rowOther[k], ref)
				}
			}
		}
		for _, m := range a.Mapping {
			if m.Source.File != a.Mapping[0].Source.File {
				v.MultiSource = true
				break
			}
		}
	}
	f := v.S.Findings
	if f.Failed {
		v.VerdictText = fmt.Sprintf(ui(l, "verdict.fail.text"), count(l, f.AtOrAbove(a.Result.FailOn), "havainto on", "havaintoa on", "finding is", "findings are"), severityName(l, a.Result.FailOn))
	} else {
		v.VerdictText = fmt.Sprintf(ui(l, "verdict.pass.text"), severityName(l, a.Result.FailOn))
	}

	// A badge counts the section's errors and warnings: what needs acting
	// on, the same figure as the summary's cards (notes are not gaps).
	count, total := map[Section]int{}, map[Section]int{}
	for _, sc := range v.S.Sections {
		count[sc.Section] = sc.Error + sc.Warning
		total[sc.Section] = sc.Total
	}
	v.Nav = []navItem{
		{ID: "mapping", Title: ui(l, "sec.mapping"), Count: count[SectionMapping]},
		{ID: "coverage", Title: ui(l, "sec.coverage"), Count: count[SectionCoverage]},
		{ID: "registers", Title: ui(l, "sec.registers"), Count: count[SectionRegisters]},
		{ID: "retention", Title: ui(l, "sec.retention"), Count: count[SectionRetention]},
		{ID: "graphs", Title: ui(l, "sec.graphs"), Count: count[SectionGraphs]},
		{ID: "rejected", Title: ui(l, "sec.input"), Count: count[SectionInput]},
	}
	if a.DeployTest != nil || total[SectionDeployTest] > 0 {
		v.Nav = append(v.Nav, navItem{ID: "deploytest", Title: ui(l, "sec.deploytest"), Count: count[SectionDeployTest]})
	}
	if a.Onboarding != nil || total[SectionOnboarding] > 0 {
		v.Nav = append(v.Nav, navItem{ID: "onboarding", Title: ui(l, "sec.onboarding"), Count: count[SectionOnboarding]})
	}
	if total[SectionOther] > 0 {
		v.Nav = append(v.Nav, navItem{ID: "other", Title: ui(l, "sec.other"), Count: count[SectionOther]})
	}
	v.Nav = append(v.Nav, navItem{ID: "rules", Title: ui(l, "sec.rules")})
	for i := range v.Nav {
		if s, ok := navSection[v.Nav[i].ID]; ok {
			v.Nav[i].Total = total[s]
		}
	}

	v.buildCoverage()
	v.TOS = newTOSView(a)

	n := 0
	svg := func(src, file string) svgView {
		if strings.TrimSpace(src) == "" {
			return svgView{}
		}
		sv := svgView{Present: true, File: file}
		sv.Width, sv.Height = graphSize(src)
		if file != "" && len(src) > maxInlineSVG {
			// A picture (<img>) runs nothing, so the file needs no
			// sanitising; the page stays small (issue 17: 28 MB).
			sv.Src = file
			return sv
		}
		n++
		out, err := SanitizeSVG(src, "g"+strconv.Itoa(n)+"-")
		if err != nil {
			return svgView{Present: true, File: file, Err: fmt.Sprintf(ui(l, "graph.invalid"), err)}
		}
		// Sanitised above: only drawing elements, no handlers or links.
		sv.Markup = template.HTML(out)
		return sv
	}
	v.Overview = svg(a.Graphs.Overview, a.Graphs.OverviewFile)
	if a.Onboarding != nil {
		v.Timeline = svg(a.Onboarding.SVG, "")
	}
	for i, g := range a.Graphs.Tasks {
		v.Graphs = append(v.Graphs, graphView{
			ID: strconv.Itoa(i + 1), Task: g.Task, Figures: g.Figures,
			Current: svg(g.Current, g.CurrentFile), Target: svg(g.Target, g.TargetFile), Comparison: svg(g.Comparison, g.ComparisonFile),
		})
	}

	for _, r := range a.Result.Rules {
		v.Rules = append(v.Rules, ruleView{Rule: r, Section: a.SectionOf(r.ID), Count: a.Result.Summary.ByRule[r.ID]})
	}
	return v
}

// sectionAnchor is the id of a findings section on the page.
func sectionAnchor(s Section) string {
	if s == SectionInput {
		return "rejected" // the input section's id on the page
	}
	return string(s)
}

// navSection is the findings section each page section shows.
var navSection = map[string]Section{
	"mapping": SectionMapping, "coverage": SectionCoverage, "registers": SectionRegisters, "retention": SectionRetention,
	"graphs": SectionGraphs, "rejected": SectionInput, "deploytest": SectionDeployTest, "onboarding": SectionOnboarding, "other": SectionOther,
}

// Cell classes, worst first: the colour of a cell is its worst status.
var cellKinds = []struct{ kind, symbol string }{
	{"missing", "✗"}, {"misphased", "↻"}, {"extra", "+"}, {"present", "✓"},
}

func (v *htmlView) buildCoverage() {
	a := v.A
	v.CovPhases = a.coveragePhases()
	fit := map[string]TaskFitness{}
	for _, tf := range v.S.Tasks {
		fit[tf.Task] = tf
	}
	for _, row := range a.coverageRows() {
		rv := covRowView{Row: row, Fit: fit[row.Task]}
		for _, p := range v.CovPhases {
			c := row.Cell(p)
			if c == nil {
				c = &CoverageCell{Phase: p}
			}
			cv := covCellView{Phase: p, C: c, Class: "empty"}
			{
				lists := [][]DocRef{c.Missing, c.Misphased, c.Extra, c.Present}
				for i, k := range cellKinds {
					if len(lists[i]) > 0 {
						cv.Class = k.kind
						break
					}
				}
				for i, k := range cellKinds {
					for _, ref := range lists[i] {
						v.CovDetail = append(v.CovDetail, covDetail{Task: row.Task, Phase: p, Kind: k.kind, Symbol: k.symbol, Rank: i, Ref: ref})
					}
				}
			}
			rv.Cells = append(rv.Cells, cv)
		}
		v.CovRows = append(v.CovRows, rv)
	}
}

func (v *htmlView) funcs() template.FuncMap {
	a := v.A
	l := v.Lang
	return template.FuncMap{
		"t":     func(key string) string { return ui(l, key) },
		"tx":    func(t finding.Text) string { return t.In(l) },
		"enum":  func(kind, value string) string { return enum(l, kind, value) },
		"str":   func(x any) string { return fmt.Sprint(x) },
		"sev":   func(s finding.Severity) string { return severityName(l, s) },
		"task":  func(id string) string { return a.TaskName(id, l) },
		"phase": func(id string) string { return a.PhaseName(id, l) },
		"phaseOrder": func(id string) int {
			if o, ok := v.phaseOrder[id]; ok {
				return o
			}
			return 99
		},
		"sevRank": func(s finding.Severity) int { return int(s) },
		"pct":     func(p int) string { return percentText(l, p) },
		"conf":    func(c float64) string { return confidenceText(l, c) },
		"years":   func(y int) string { return yearsText(l, y) },
		"sortYears": func(y int) int {
			if y < 0 {
				return math.MaxInt32
			}
			return y
		},
		"date":     func(t time.Time) string { return dateText(l, t) },
		"loc":      func(x finding.Location) string { return locationText(l, x) },
		"locSort":  locSort,
		"short":    func(code string) string { return strings.TrimPrefix(code, "group:") },
		"codeName": codeName,
		"join":     strings.Join,
		"status":   mappingStatus,
		"others":   otherCandidates,
		"fig": func(id string, value int, label, note string) figView {
			return figView{ID: id, Value: value, Display: strconv.Itoa(value), Label: label, Note: note}
		},
		"figPct": func(id string, value int, label, note string) figView {
			return figView{ID: id, Value: value, Display: percentText(l, value), Label: label, Note: note}
		},
		"figValue": func(f Figure) string {
			if f.Percent {
				return percentText(l, int(math.Round(f.Value*100)))
			}
			return decimal(l, f.Value)
		},
		// navCount is a section's figures for its heading: the same as its
		// badge in the contents.
		"navCount": func(id string) navItem {
			for _, n := range v.Nav {
				if n.ID == id {
					return n
				}
			}
			return navItem{ID: id}
		},
		"sectionFindings": func(s string) []finding.Finding { return a.FindingsIn(Section(s)) },
		"actions":         func() []ActionGroup { return a.Actions() },
		"actor":           func(x Actor) string { return x.Name(l) },
		"anchor":          sectionAnchor,
		"sec": func(s string) sectionFindingsView {
			sv := sectionFindingsView{TableID: "tbl-" + s + "-findings"}
			for _, f := range a.FindingsIn(Section(s)) {
				if s == string(SectionMapping) && v.mappingRowHas(f) {
					sv.InRows++
					sv.Brief = v.BriefRows
					continue
				}
				sv.Findings = append(sv.Findings, f)
			}
			return sv
		},
		// rowFindings are the mapping section's findings of one mapping
		// row's document, shown in that row.
		"rowFindings": func(m MappingRow) *rowFindingsView {
			k := rowKey(m.Source)
			if fs, o := v.rowFindings[k], v.rowOther[k]; len(fs) > 0 || len(o) > 0 {
				return &rowFindingsView{fs, o}
			}
			return nil
		},
		// secBut is sec without one rule's findings, which the section
		// shows otherwise (the coverage matrix lists every missing type:
		// COV001 repeated them one row each); Left counts them.
		"secBut": func(s, rule string) sectionFindingsView {
			v := sectionFindingsView{TableID: "tbl-" + s + "-findings"}
			for _, f := range a.FindingsIn(Section(s)) {
				if f.RuleID == rule {
					v.Left++
					continue
				}
				v.Findings = append(v.Findings, f)
			}
			v.LeftRule = rule
			return v
		},
		"clip":          func(s string) string { return clip(l, s) },
		"findingsTable": newFindingsView,
		"findingsCount": func(n int) string { return count(l, n, "havainto", "havaintoa", "finding", "findings") },
		"moreRows": func(v findingsView) string {
			return fmt.Sprintf(ui(l, "table.more"), len(v.Shown), len(v.Findings))
		},
		"omittedIn": func(fs []finding.Finding) []string {
			return omittedNotes(l, a.Result, fs)
		},
	}
}

// maxCellText bounds a text cell on the page: a 5,000-row inventory's
// coverage findings named 233 documents each and a TOS row's sources ran
// to 16,000 characters. The whole text is in report.xlsx and the CSVs.
const maxCellText = 500

// clip cuts s to maxCellText characters at a word boundary and says so.
func clip(l finding.Lang, s string) string {
	if len(s) <= maxCellText {
		return s
	}
	r := []rune(s)
	if len(r) <= maxCellText {
		return s
	}
	cut := string(r[:maxCellText])
	if i := strings.LastIndexAny(cut, " ;,"); i > maxCellText/2 {
		cut = cut[:i]
	}
	return cut + " … " + ui(l, "clipped")
}

// omittedNotes says, for each rule of fs whose producer capped the
// listed findings, how many more were counted.
func omittedNotes(l finding.Lang, r *Result, fs []finding.Finding) []string {
	if len(r.Omitted) == 0 {
		return nil
	}
	var notes []string
	seen := map[string]bool{}
	for _, f := range fs {
		if seen[f.RuleID] {
			continue
		}
		seen[f.RuleID] = true
		if n := r.Omitted[f.RuleID]; n > 0 {
			notes = append(notes, fmt.Sprintf(ui(l, "omitted"), count(l, n, "havainto", "havaintoa", "finding", "findings"), f.RuleID))
		}
	}
	return notes
}

// locSort orders locations by file, sheet, row, then key.
func locSort(x finding.Location) string {
	return fmt.Sprintf("%s | %s | %08d | %s | %s", x.File, x.Sheet, x.Row, x.Column, x.Key)
}
