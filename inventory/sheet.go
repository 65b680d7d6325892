package inventory

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// SheetStatus says what the reader did with a sheet.
type SheetStatus string

const (
	SheetRead         SheetStatus = "read"
	SheetInstructions SheetStatus = "instructions" // skipped by name: Ohjeet, Täyttöohje, Koodistot, …
	SheetEmpty        SheetStatus = "empty"
	SheetNoHeader     SheetStatus = "no_header" // has content, but no inventory header row
	SheetFiltered     SheetStatus = "filtered"  // not among Options.Sheets
)

// Sheet is how one sheet (or one CSV file, with an empty Name) was read.
type Sheet struct {
	File   string      `json:"file"`
	Name   string      `json:"name,omitempty"`
	Status SheetStatus `json:"status"`
	// HeaderRow is the first header row (1-based); HeaderRows is 1, or 2
	// for a two-row (grouped) header. Zero when no header was found.
	HeaderRow  int      `json:"header_row,omitempty"`
	HeaderRows int      `json:"header_rows,omitempty"`
	Columns    []Column `json:"columns,omitempty"`
	// Seen is the most header-like row when no header was recognised, so
	// the error can name what was there.
	SeenRow int      `json:"seen_row,omitempty"`
	Seen    []string `json:"seen,omitempty"`
	// Task is the service task the sheet gives its rows when they have no
	// task of their own, and TaskFrom where it came from: "title" (a title
	// row such as "Palvelutehtävä: Lastensuojelu") or "sheet" (the sheet or
	// file name).
	Task     string `json:"task,omitempty"`
	TaskFrom string `json:"task_from,omitempty"`
	// Rows breaks the skipped rows down by reason; Tally is the total.
	Rows  RowCounts     `json:"rows"`
	Tally finding.Tally `json:"tally"`
}

// RowCounts counts the rows of a sheet by what they were.
type RowCounts struct {
	Documents      int `json:"documents"`
	Rejected       int `json:"rejected"`
	Title          int `json:"title"`           // above the header
	Header         int `json:"header"`          // the header row(s)
	Blank          int `json:"blank"`           // no value in any cell
	Section        int `json:"section"`         // a lone service task heading the rows below it
	Instruction    int `json:"instruction"`     // "(valitse listasta)", "esim. …" under the header
	RepeatedHeader int `json:"repeated_header"` // the header again, further down
	NotRead        int `json:"not_read"`        // rows of a sheet with no header
}

// Column is one header cell and what it was understood to hold.
type Column struct {
	Index  int    `json:"index"` // 0-based
	Letter string `json:"letter"`
	// Header as written; a two-row header gives "Group / Sub".
	Header string `json:"header"`
	Field  Field  `json:"field,omitempty"`
	// Via is how the field was found: mapping, synonym or prefix.
	Via string `json:"via,omitempty"`
	// Duplicate is set when an earlier column already holds the field.
	Duplicate bool `json:"duplicate,omitempty"`
}

// Recognised reports whether the column holds an inventory field.
func (c Column) Recognised() bool { return c.Field != FieldNone }

// headerScanRows is how far down a sheet the header row is looked for.
// Title blocks, logos and instructions above the header are common; thirty
// rows is more than any seen, and keeps the buffer small.
const headerScanRows = 30

// maxCols bounds how many columns a row may have; a stray cell at column
// XFD must not make every row 16,384 cells wide.
const maxCols = 512

// rawRow is one row as the file gave it, cells already cleaned and masked.
type rawRow struct {
	num   int // row number (xlsx) or line number (CSV)
	seq   int // position in the sheet, 1-based: adjacency for two-row headers
	cells []string
	// merges flags cells that are part of a merged area (xlsx only): a
	// merged cell over several header columns is a column group, and a
	// cell merged down from the row above ties two header rows together.
	merges []mergeFlag
}

type mergeFlag uint8

const (
	mergedAcross mergeFlag = 1 << iota // part of a merge spanning columns
	mergedDown                         // filled from a merged cell above
)

func (r rawRow) cell(i int) string {
	if i < len(r.cells) {
		return r.cells[i]
	}
	return ""
}

func (r rawRow) merged(i int) bool { return i < len(r.merges) && r.merges[i]&mergedAcross != 0 }

// mergedFromAbove reports whether any cell continues a merge from the row above.
func (r rawRow) mergedFromAbove() bool {
	for _, f := range r.merges {
		if f&mergedDown != 0 {
			return true
		}
	}
	return false
}

// header is the recognised header of a sheet.
type header struct {
	first             int // row number of the first header row
	firstSeq, lastSeq int // positions of the header rows in the sheet
	cols              []Column
	byField           map[Field][]int
	folded            []string // folded header text per column, for repeated headers
}

// pendingWarning collects identical value warnings of a sheet into one.
type pendingWarning struct {
	rule  finding.Rule
	field Field
	value string
	loc   finding.Location
	count int
}

// sheetReader turns the rows of one sheet (or CSV file) into documents and
// rejected rows. The xlsx and CSV readers feed it rows; header finding and
// everything after it is shared.
type sheetReader struct {
	cat  *sosmeta.Catalogue
	opts *Options
	inv  *Inventory
	info Sheet

	seq       int
	buf       []rawRow // rows before the header is decided
	decided   bool
	hdr       *header
	sinceHead int // data rows seen since the header

	sheetTask   string // from the sheet or file name
	titleTask   string // from a title row
	sectionTask string // from the last section heading row

	taskCache     map[string][]string
	phaseCache    map[string]string
	registerCache map[string]registers.Kind
	mediumCache   map[string]mediumResult
	retCache      map[string]retentionResult
	warnings      []*pendingWarning
	warnIndex     map[string]*pendingWarning
	hetu          int
	hetuAt        finding.Location

	csv bool // a CSV file: every record has all its fields, so short rows mean something
	// Rows whose width disagrees with the header (INV005, INV006): a count
	// and the first few row numbers, one finding per sheet.
	beyond, short shapeCount
	long          shapeCount // cells cut to maxCell (INV007)
}

// maxCell is Excel's limit on the characters of one cell; a CSV cell
// longer than that cannot have come from a spreadsheet.
const maxCell = 32767

// shapeCount counts rows of one shape problem, keeping the first rows.
type shapeCount struct {
	n    int
	rows []int
	col  string // column letter of the first stray value (INV005)
}

func (c *shapeCount) add(row int) {
	c.n++
	if len(c.rows) < 5 {
		c.rows = append(c.rows, row)
	}
}

func newSheetReader(cat *sosmeta.Catalogue, opts *Options, inv *Inventory, file, sheet, taskHint string) *sheetReader {
	p := &sheetReader{
		cat: cat, opts: opts, inv: inv,
		info:          Sheet{File: file, Name: sheet, Status: SheetEmpty},
		taskCache:     map[string][]string{},
		phaseCache:    map[string]string{},
		registerCache: map[string]registers.Kind{},
		mediumCache:   map[string]mediumResult{},
		retCache:      map[string]retentionResult{},
		warnIndex:     map[string]*pendingWarning{},
	}
	if taskHint != "" {
		if len(p.resolveTask(taskHint)) > 0 {
			p.sheetTask = taskHint
		} else if h := textnorm.FoldHeader(taskHint); h != "" && len(cat.ResolveTask(h)) > 0 {
			p.sheetTask = taskHint
		}
	}
	return p
}

func (p *sheetReader) loc(row int, col string) finding.Location {
	return finding.Location{File: p.info.File, Sheet: p.info.Name, Row: row, Column: col}
}

// row takes the next row. cells may be reused by the caller after return.
func (p *sheetReader) row(num int, cells []string, merges []mergeFlag) {
	p.info.Tally.Read++
	p.seq++
	if len(cells) > maxCols {
		cells = cells[:maxCols]
	}
	r := rawRow{num: num, seq: p.seq, cells: make([]string, len(cells))}
	for i, c := range cells {
		if len(c) > maxCell*4 || utf8.RuneCountInString(c) > maxCell {
			// Longer than an Excel cell can be: not a value anyone typed.
			c = textio.Excerpt(c, maxCell)
			if p.long.n == 0 {
				p.long.col = columnLetter(i)
			}
			p.long.add(num)
		}
		c = clean(c)
		if masked, ok := maskHetu(c); ok {
			c = masked
			if p.hetu == 0 {
				p.hetuAt = p.loc(num, columnLetter(i))
			}
			p.hetu++
		}
		r.cells[i] = c
	}
	if len(merges) > 0 && !p.decided {
		r.merges = append([]mergeFlag(nil), merges[:min(len(merges), len(r.cells))]...)
	}
	if p.decided {
		if p.hdr == nil {
			p.notRead(r)
			return
		}
		p.data(r)
		return
	}
	p.buf = append(p.buf, r)
	if len(p.buf) >= headerScanRows {
		p.decide()
	}
}

// finish decides a short sheet's header and closes the accounts.
func (p *sheetReader) finish() {
	if !p.decided {
		p.decide()
	}
	if p.hdr == nil {
		if p.info.Rows.NotRead > 0 {
			p.info.Status = SheetNoHeader
			p.inv.Warnings = append(p.inv.Warnings, finding.New(RuleSheetNotRead,
				finding.Tf("Taulukossa %s on %d riviä tietoa, mutta mikään rivi %d ensimmäisestä ei ole tunnistettava inventaarion otsikkorivi (esim. Asiakirjan nimi, Palvelutehtävä); taulukkoa ei luettu. Rivillä %d oli: %s. Anna sarakkeiden merkitys --columns-tiedostolla.",
					"Sheet %s has %d rows of content, but none of its first %d rows is a recognisable inventory header (such as Document name, Service task); the sheet was not read. Row %d held: %s. Give the columns' meaning with a --columns file.",
					p.sheetLabel(), p.info.Rows.NotRead, headerScanRows, p.info.SeenRow, quoteList(p.info.Seen, 8)),
				p.loc(0, ""), p.info.Name))
		}
	} else {
		p.info.Status = SheetRead
	}
	p.flushWarnings()
	p.shapeWarnings()
	t := &p.info.Tally
	t.Source = p.info.File
	if p.info.Name != "" {
		t.Source += ":" + p.info.Name
	}
	rc := p.info.Rows
	t.Accepted = rc.Documents
	t.Rejected = rc.Rejected
	t.Skipped = rc.Title + rc.Header + rc.Blank + rc.Section + rc.Instruction + rc.RepeatedHeader + rc.NotRead
	if p.info.Status == SheetRead || p.info.Status == SheetNoHeader {
		p.inv.Tallies = append(p.inv.Tallies, *t)
	}
	p.inv.Sheets = append(p.inv.Sheets, p.info)
}

func (p *sheetReader) sheetLabel() string {
	if p.info.Name == "" {
		return p.info.File
	}
	return fmt.Sprintf("%q", p.info.Name)
}

func (p *sheetReader) notRead(r rawRow) {
	if isBlank(r.cells) {
		p.info.Rows.Blank++
		return
	}
	p.info.Rows.NotRead++
}

// decide finds the header among the buffered rows and replays them.
func (p *sheetReader) decide() {
	p.decided = true
	buf := p.buf
	p.buf = nil
	h := findHeader(buf, p.opts.Mapping)
	if h == nil {
		p.info.SeenRow, p.info.Seen = mostHeaderLike(buf)
		for _, r := range buf {
			p.notRead(r)
		}
		return
	}
	p.hdr = h
	p.info.HeaderRow = h.first
	p.info.HeaderRows = h.lastSeq - h.firstSeq + 1
	p.info.Columns = h.cols
	p.duplicateWarnings()
	for _, r := range buf {
		switch {
		case r.seq < h.firstSeq:
			if isBlank(r.cells) {
				p.info.Rows.Blank++
			} else {
				p.info.Rows.Title++
				p.titleRow(r)
			}
		case r.seq <= h.lastSeq:
			p.info.Rows.Header++
		default:
			p.data(r)
		}
	}
	switch {
	case p.titleTask != "":
		p.info.Task, p.info.TaskFrom = p.titleTask, "title"
	case p.sheetTask != "":
		p.info.Task, p.info.TaskFrom = p.sheetTask, "sheet"
	}
}

// titleRow looks for the service task in a title block: "Palvelutehtävä:
// Lastensuojelu", a "Palvelutehtävä" cell followed by its value, or a
// cell that is itself a service task name.
func (p *sheetReader) titleRow(r rawRow) {
	if p.titleTask != "" {
		return
	}
	for i, c := range r.cells {
		if c == "" {
			continue
		}
		if label, value, ok := strings.Cut(c, ":"); ok {
			if f, _ := matchHeader(label, p.opts.Mapping); f == FieldServiceTask && strings.TrimSpace(value) != "" {
				p.titleTask = strings.TrimSpace(value)
				return
			}
		}
		if f, _ := exactHeader(c, p.opts.Mapping); f == FieldServiceTask {
			for _, v := range r.cells[i+1:] {
				if v != "" && v != c {
					p.titleTask = v
					return
				}
			}
		}
		if len(p.cat.ResolveTask(c)) > 0 {
			p.titleTask = c
			return
		}
	}
}

func (p *sheetReader) duplicateWarnings() {
	for f, idx := range p.hdr.byField {
		if len(idx) < 2 || f == FieldNotes || f == FieldIgnore {
			continue
		}
		var letters []string
		for _, i := range idx {
			letters = append(letters, columnLetter(i))
		}
		cols := strings.Join(letters, ", ")
		msg := finding.Text{
			FI: fmt.Sprintf("Sarakkeet %s ovat kaikki tietoa %q; sarakkeen %s arvo luetaan, ja muut vain kun se on tyhjä. Tarkista otsikot tai anna --columns-tiedosto.",
				cols, f.Label("fi"), letters[0]),
			EN: fmt.Sprintf("Columns %s all hold %q; column %s is read, the others only when it is empty. Check the headers or give a --columns file.",
				cols, f.Label("en"), letters[0]),
		}
		p.inv.Warnings = append(p.inv.Warnings, finding.New(RuleDuplicateColumn, msg,
			p.loc(p.hdr.first, letters[1]), p.info.Name, string(f)))
	}
}

// data handles one row below the header.
func (p *sheetReader) data(r rawRow) {
	p.sinceHead++
	rc := &p.info.Rows
	var filled []int
	for i, c := range r.cells {
		if c != "" {
			filled = append(filled, i)
		}
	}
	if len(filled) == 0 {
		rc.Blank++
		return
	}
	if p.repeatedHeader(r) {
		rc.RepeatedHeader++
		return
	}
	if p.sinceHead <= 3 && instructionRow(r, filled) {
		rc.Instruction++
		return
	}
	if len(filled) == 1 {
		i := filled[0]
		f := p.fieldOf(i)
		v := r.cells[i]
		if f == FieldServiceTask || (f == FieldName && len(p.hdr.byField[FieldServiceTask]) == 0 && len(p.resolveTask(v)) > 0) {
			p.sectionTask = v
			rc.Section++
			if len(p.resolveTask(v)) == 0 {
				p.warn(RuleUnknownTask, FieldServiceTask, v, p.loc(r.num, columnLetter(i)))
			}
			return
		}
	}
	p.checkWidth(r, filled)
	name := p.get(r, FieldName)
	national := p.get(r, FieldNational)
	if name == "" && national == "" {
		p.reject(r, filled)
		return
	}
	d := Document{Source: p.loc(r.num, ""), Name: name, NationalRaw: normaliseNumber(national)}
	p.fillTask(&d, r)
	if d.PhaseRaw = p.get(r, FieldPhase); d.PhaseRaw != "" {
		d.Phase = p.resolvePhase(d.PhaseRaw)
		if d.Phase == "" {
			p.warn(RuleUnknownPhase, FieldPhase, d.PhaseRaw, p.colLoc(r.num, FieldPhase))
		}
	}
	p.fillMedium(&d, r)
	d.System = p.get(r, FieldSystem)
	if d.RegisterRaw = p.get(r, FieldRegister); d.RegisterRaw != "" {
		d.Register = p.classifyRegister(d.RegisterRaw)
		if d.Register == registers.Unknown {
			p.warn(RuleUnknownRegister, FieldRegister, d.RegisterRaw, p.colLoc(r.num, FieldRegister))
		}
	}
	if d.BasisRaw = p.get(r, FieldBasis); d.BasisRaw != "" {
		if d.Basis = registers.ParseBases(d.BasisRaw); d.Basis == registers.BasisUnknown {
			p.warn(RuleUnknownBasis, FieldBasis, d.BasisRaw, p.colLoc(r.num, FieldBasis))
		}
	}
	d.Controller = p.get(r, FieldController)
	d.TOSRef = normaliseNumber(p.get(r, FieldTOS))
	d.AMSRef = normaliseNumber(p.get(r, FieldAMS))
	if d.RetentionRaw = p.get(r, FieldRetention); d.RetentionRaw != "" {
		d.RetentionYears, d.HasRetention = p.parseRetention(d.RetentionRaw)
		if !d.HasRetention {
			p.warn(RuleBadRetention, FieldRetention, d.RetentionRaw, p.colLoc(r.num, FieldRetention))
		}
	}
	d.RetentionStart = p.get(r, FieldRetentionStart)
	d.Notes = p.get(r, FieldNotes)
	p.inv.Documents = append(p.inv.Documents, d)
	rc.Documents++
}

// checkWidth notes a row with values right of the last header column
// (they belong to no field and would be dropped) or, in CSV, with fewer
// fields than the header (a row cut short or shifted).
func (p *sheetReader) checkWidth(r rawRow, filled []int) {
	w := len(p.hdr.cols)
	if last := filled[len(filled)-1]; last >= w {
		if p.beyond.n == 0 {
			p.beyond.col = columnLetter(last)
		}
		p.beyond.add(r.num)
	}
	if p.csv && len(r.cells) < w {
		p.short.add(r.num)
	}
}

// swallowed rejects the lines of a CSV record that a stray quote ran on
// over: each line was meant as a row, and none can be trusted.
func (p *sheetReader) swallowed(rec textio.Record) {
	n := rec.Lines()
	p.info.Tally.Read += n
	p.info.Rows.Rejected += n
	first := ""
	if len(rec.Fields) > 0 {
		first = textio.Excerpt(clean(rec.Fields[0]), 60)
		if m, ok := maskHetu(first); ok {
			first = m
		}
	}
	msg := finding.Tf("Rivit %d–%d (%s) hylättiin: rivillä %d alkava lainausmerkki ei pääty kentän loppuun, joten sitä seuraavat rivit luettiin yhdeksi soluksi (alkaa %q). Poista ylimääräinen lainausmerkki tai kahdenna se (\"\").",
		"Lines %d–%d (%s) were rejected: a quote opened on line %d does not end its field, so the lines after it were read as one cell (starting %q). Remove the stray quote or double it (\"\").",
		rec.Line, rec.EndLine, finding.Count{N: n, FIOne: "rivi", FIMany: "riviä", ENOne: "line", ENMany: "lines"}, rec.Line, first)
	p.inv.Rejected = append(p.inv.Rejected, finding.New(RuleQuoteSwallowed, msg, p.loc(rec.Line, ""),
		p.info.Name, fmt.Sprintf("%d-%d", rec.Line, rec.EndLine)))
}

// shapeWarnings reports the rows counted by checkWidth.
func (p *sheetReader) shapeWarnings() {
	rows := func(c shapeCount) string {
		parts := make([]string, len(c.rows))
		for i, r := range c.rows {
			parts[i] = fmt.Sprint(r)
		}
		s := strings.Join(parts, ", ")
		if c.n > len(c.rows) {
			s += ", …"
		}
		return s
	}
	w := 0
	if p.hdr != nil {
		w = len(p.hdr.cols)
	}
	if c := p.beyond; c.n > 0 {
		p.inv.Warnings = append(p.inv.Warnings, finding.New(RuleCellsBeyondHeader,
			finding.Tf("Taulukossa %s on %d rivillä arvoja otsikkorivin viimeisen sarakkeen (%s) oikealla puolella, ensimmäinen sarakkeessa %s (rivit %s); niitä ei luettu. Anna sarakkeille otsikot tai tarkista, onko rivillä ylimääräinen erotinmerkki.",
				"Sheet %s has values in %d rows right of the header's last column (%s), the first in column %s (rows %s); they were not read. Give the columns headers, or check the rows for a stray delimiter.",
				p.sheetLabel(), c.n, columnLetter(w-1), c.col, rows(c)),
			p.loc(c.rows[0], c.col), p.info.Name, "beyond"))
	}
	if c := p.long; c.n > 0 {
		p.inv.Warnings = append(p.inv.Warnings, finding.New(RuleLongCell,
			finding.Tf("Taulukossa %s on %d solua, joissa on enemmän kuin Excelin enimmäismäärä %d merkkiä, ensimmäinen sarakkeessa %s (rivit %s); ne katkaistiin. Tarkista tiedosto: näin pitkä arvo ei ole käsin kirjoitettu.",
				"Sheet %s has %d cells longer than Excel's limit of %d characters, the first in column %s (rows %s); they were cut. Check the file: a value this long was not typed by hand.",
				p.sheetLabel(), c.n, maxCell, c.col, rows(c)),
			p.loc(c.rows[0], c.col), p.info.Name, "long"))
	}
	if c := p.short; c.n > 0 {
		p.inv.Warnings = append(p.inv.Warnings, finding.New(RuleMissingCells,
			finding.Tf("Tiedostossa %s on %d rivillä vähemmän kenttiä kuin otsikkorivillä (%d) (rivit %s); puuttuvat kentät luettiin tyhjiksi. Tarkista, onko rivi katkennut tai siirtynyt.",
				"File %s has %d rows with fewer fields than the header's %d (rows %s); the missing fields were read as empty. Check whether the row was cut short or shifted.",
				p.sheetLabel(), c.n, w, rows(c)),
			p.loc(c.rows[0], ""), p.info.Name, "short"))
	}
}

func (p *sheetReader) fillTask(d *Document, r rawRow) {
	raw := p.get(r, FieldServiceTask)
	fromColumn := raw != ""
	switch {
	case raw != "":
	case p.sectionTask != "":
		raw = p.sectionTask
	case p.titleTask != "":
		raw = p.titleTask
	default:
		raw = p.sheetTask
	}
	d.ServiceTaskRaw = raw
	if raw == "" {
		return
	}
	d.ServiceTasks = p.resolveTask(raw)
	if len(d.ServiceTasks) == 0 && fromColumn {
		p.warn(RuleUnknownTask, FieldServiceTask, raw, p.colLoc(r.num, FieldServiceTask))
	} else if len(d.ServiceTasks) == 0 && raw == p.titleTask {
		p.warn(RuleUnknownTask, FieldServiceTask, raw, p.loc(p.hdr.first, ""))
	}
}

func (p *sheetReader) fillMedium(d *Document, r rawRow) {
	d.MediumRaw = p.get(r, FieldMedium)
	if d.MediumRaw != "" {
		m, ok := p.parseMedium(d.MediumRaw)
		if ok {
			d.Medium = m
			return
		}
		p.warn(RuleUnknownMedium, FieldMedium, d.MediumRaw, p.colLoc(r.num, FieldMedium))
	}
	paper, elec := p.get(r, FieldPaper), p.get(r, FieldElectronic)
	if paper == "" && elec == "" {
		return
	}
	var parts []string
	if paper != "" {
		parts = append(parts, p.headerOf(FieldPaper)+": "+paper)
	}
	if elec != "" {
		parts = append(parts, p.headerOf(FieldElectronic)+": "+elec)
	}
	if d.MediumRaw == "" {
		d.MediumRaw = strings.Join(parts, "; ")
	}
	d.Medium = mediumFromMarks(marked(paper), marked(elec))
}

func (p *sheetReader) reject(r rawRow, filled []int) {
	p.info.Rows.Rejected++
	col := ""
	for _, f := range []Field{FieldName, FieldNational} {
		if idx := p.hdr.byField[f]; len(idx) > 0 {
			col = columnLetter(idx[0])
			break
		}
	}
	var held []string
	var content []string
	for _, i := range filled {
		h := ""
		if i < len(p.hdr.cols) {
			h = p.hdr.cols[i].Header
		}
		if h == "" {
			held = append(held, columnLetter(i))
		} else {
			held = append(held, fmt.Sprintf("%s (%s)", columnLetter(i), h))
		}
		content = append(content, textnorm.Fold(r.cells[i]))
	}
	var msg finding.Text
	if col == "" {
		msg = finding.Tf("Rivi hylättiin: taulukossa ei ole asiakirjan nimen eikä valtakunnallisen asiakirjatyypin saraketta, joten rivistä ei voi tehdä asiakirjaa. Rivillä on arvoja sarakkeissa %s. Anna sarakkeiden merkitys --columns-tiedostolla.",
			"Row rejected: the sheet has no document name or national document type column, so the row cannot become a document. The row has values in columns %s. Give the columns' meaning with a --columns file.",
			strings.Join(held, ", "))
	} else {
		msg = finding.Tf("Rivi hylättiin: asiakirjan nimi ja valtakunnallinen asiakirjatyyppi puuttuvat. Rivillä on arvoja sarakkeissa %s.",
			"Row rejected: the document name and the national document type are both empty. The row has values in columns %s.",
			strings.Join(held, ", "))
	}
	p.inv.Rejected = append(p.inv.Rejected, finding.New(RuleRowRejected, msg, p.loc(r.num, col),
		p.info.Name, strings.Join(content, "\x1f")))
}

// warn records a value warning; identical values in one sheet are reported
// once, with the first location and a row count.
func (p *sheetReader) warn(rule finding.Rule, f Field, value string, loc finding.Location) {
	key := rule.ID + "\x00" + textnorm.Fold(value)
	if w := p.warnIndex[key]; w != nil {
		w.count++
		return
	}
	w := &pendingWarning{rule: rule, field: f, value: value, loc: loc, count: 1}
	p.warnIndex[key] = w
	p.warnings = append(p.warnings, w)
}

func (p *sheetReader) flushWarnings() {
	for _, w := range p.warnings {
		w.value = textio.Excerpt(w.value, 80) // one huge cell must not make megabytes of output
		var msg finding.Text
		switch w.rule.ID {
		case RuleUnknownTask.ID:
			msg = finding.Tf("Palvelutehtävää %q ei tunnistettu (%s). Käytä nykyistä nimeä (esim. Lastensuojelu, Iäkkäiden palvelut) tai anna paikallinen nimi overlay-tiedoston task_aliases-kohdassa.",
				"Service task %q not recognised (%s). Use a current name (such as Lastensuojelu, Iäkkäiden palvelut) or give the local name under task_aliases in an overlay file.",
				w.value, finding.Rows(w.count))
		case RuleUnknownPhase.ID:
			msg = finding.Tf("Prosessin vaihetta %q ei tunnistettu (%s); katso kartoitus catalog phases.",
				"Process phase %q not recognised (%s); see kartoitus catalog phases.", w.value, finding.Rows(w.count))
		case RuleUnknownMedium.ID:
			msg = finding.Tf("Tallennusmuotoa %q ei tunnistettu (%s); käytä arvoja paperi, sähköinen tai molemmat.",
				"Medium %q not recognised (%s); use paper, electronic or both.", w.value, finding.Rows(w.count))
		case RuleBadRetention.ID:
			msg = finding.Tf("Säilytysaikaa %q ei voitu lukea vuosina (%s); kirjoita vuodet (esim. 10 tai 10 v) tai pysyvä (-1).",
				"Retention %q could not be read in years (%s); write years (such as 10 or 10 v) or pysyvä (-1).", w.value, finding.Rows(w.count))
		case RuleUnknownRegister.ID:
			msg = finding.Tf("Rekisteriä %q ei tunnistettu (%s): onko se sosiaalihuollon asiakasrekisteri vai potilasrekisteri?",
				"Register %q not recognised (%s): is it the social welfare client register or a patient register?", w.value, finding.Rows(w.count))
		case RuleUnknownBasis.ID:
			msg = finding.Tf("Käsittelyperustetta %q ei tunnistettu (%s); käytä arvoja oma tuotanto, itsemaksava, ostopalvelu, palveluseteli, Kela-hankinta tai alihankinta.",
				"Processing basis %q not recognised (%s); use own production, self-paying, purchased, voucher, Kela-procured or subcontract.", w.value, finding.Rows(w.count))
		}
		p.inv.Warnings = append(p.inv.Warnings, finding.New(w.rule, msg, w.loc, p.info.Name, string(w.field), textnorm.Fold(w.value)))
	}
	p.warnings = nil
	if p.hetu > 0 {
		p.inv.Warnings = append(p.inv.Warnings, finding.New(RuleHetuMasked,
			finding.Tf("Taulukossa %s oli %d solussa henkilötunnukselta näyttävä arvo; ne peitettiin. Inventaarioon ei kuulu asiakkaiden tietoja: poista ne lähdetiedostosta.",
				"Sheet %s had a value shaped like a personal identity code in %d cells; they were masked. An inventory should hold no client data: remove them from the source file.",
				p.sheetLabel(), p.hetu),
			p.hetuAt, p.info.Name))
	}
}

// get returns a field's value: the first non-empty of its columns, or all
// of them joined for notes.
func (p *sheetReader) get(r rawRow, f Field) string {
	idx := p.hdr.byField[f]
	if f == FieldNotes && len(idx) > 1 {
		var parts []string
		for _, i := range idx {
			if v := r.cell(i); v != "" {
				parts = append(parts, v)
			}
		}
		return strings.Join(parts, "; ")
	}
	for _, i := range idx {
		if v := r.cell(i); v != "" {
			return v
		}
	}
	return ""
}

func (p *sheetReader) fieldOf(i int) Field {
	if i < len(p.hdr.cols) {
		return p.hdr.cols[i].Field
	}
	return FieldNone
}

func (p *sheetReader) headerOf(f Field) string {
	if idx := p.hdr.byField[f]; len(idx) > 0 {
		return p.hdr.cols[idx[0]].Header
	}
	return f.Label("fi")
}

func (p *sheetReader) colLoc(row int, f Field) finding.Location {
	col := ""
	if idx := p.hdr.byField[f]; len(idx) > 0 {
		col = columnLetter(idx[0])
	}
	return p.loc(row, col)
}

func (p *sheetReader) repeatedHeader(r rawRow) bool {
	same, recognised := 0, 0
	for i, c := range p.hdr.cols {
		if !c.Recognised() {
			continue
		}
		recognised++
		v := r.cell(i)
		if v == "" {
			continue
		}
		// Folding is the costly part of a row; only fold what could match.
		if v == c.Header || (couldFoldTo(v, p.hdr.folded[i]) && textnorm.Fold(v) == p.hdr.folded[i]) {
			same++
		}
	}
	return recognised > 0 && same*2 > recognised
}

// couldFoldTo is a cheap pre-check for textnorm.Fold(v) == folded: the
// length is close and an ASCII first letter agrees.
func couldFoldTo(v, folded string) bool {
	if folded == "" || len(v) < len(folded) || len(v) > 2*len(folded)+8 {
		return false
	}
	c := v[0]
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c >= 0x80 || c == folded[0] || !isAlnum(c)
}

// instructionRow: a row right under the header whose every value is a
// parenthesised hint or an example ("(valitse listasta)", "esim. Pegasos").
func instructionRow(r rawRow, filled []int) bool {
	for _, i := range filled {
		c := r.cells[i]
		f := textnorm.Fold(c)
		paren := strings.HasPrefix(c, "(") && strings.HasSuffix(c, ")")
		example := strings.HasPrefix(f, "esim ") || strings.HasPrefix(f, "esimerkiksi ") || strings.HasPrefix(f, "t ex ") ||
			strings.HasPrefix(f, "e g ") || strings.HasPrefix(f, "for example ") || strings.HasPrefix(f, "exempel ")
		if !paren && !example {
			return false
		}
	}
	return true
}

func (p *sheetReader) resolveTask(raw string) []string {
	if ids, ok := p.taskCache[raw]; ok {
		return ids
	}
	ids := p.cat.ResolveTask(raw)
	if len(ids) == 0 {
		// "Lastensuojelu, Perheoikeudelliset palvelut": several tasks.
		parts := strings.FieldsFunc(raw, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '\n' || r == '+' })
		if len(parts) > 1 && len(parts) <= len(p.cat.Tasks) {
			seen := map[string]bool{}
			for _, part := range parts {
				for _, id := range p.cat.ResolveTask(part) {
					if !seen[id] {
						seen[id] = true
						ids = append(ids, id)
					}
				}
			}
			// Only when every part is a task: "Lapsen huolto / tapaaminen" is one name.
			for _, part := range parts {
				if strings.TrimSpace(part) != "" && len(p.cat.ResolveTask(part)) == 0 {
					ids = nil
					break
				}
			}
		}
	}
	if len(ids) == 0 {
		// "1. Lastensuojelu", "05 Lastensuojelu": numbering before the name.
		if h := textnorm.FoldHeader(raw); h != "" && h != textnorm.Fold(raw) {
			ids = p.cat.ResolveTask(h)
		}
	}
	p.taskCache[raw] = ids
	return ids
}

type mediumResult struct {
	m  Medium
	ok bool
}

// Inventories repeat a handful of values thousands of times: cache them.
func (p *sheetReader) parseMedium(raw string) (Medium, bool) {
	r, ok := p.mediumCache[raw]
	if !ok {
		r.m, r.ok = parseMedium(raw)
		p.mediumCache[raw] = r
	}
	return r.m, r.ok
}

type retentionResult struct {
	years int
	ok    bool
}

func (p *sheetReader) parseRetention(raw string) (int, bool) {
	r, ok := p.retCache[raw]
	if !ok {
		r.years, r.ok = parseRetention(raw)
		p.retCache[raw] = r
	}
	return r.years, r.ok
}

func (p *sheetReader) classifyRegister(raw string) registers.Kind {
	k, ok := p.registerCache[raw]
	if !ok {
		k = registers.Classify(raw)
		p.registerCache[raw] = k
	}
	return k
}

func (p *sheetReader) resolvePhase(raw string) string {
	if id, ok := p.phaseCache[raw]; ok {
		return id
	}
	id := p.cat.ResolvePhase(raw)
	if id == "" {
		if h := textnorm.FoldHeader(raw); h != "" && h != textnorm.Fold(raw) {
			id = p.cat.ResolvePhase(h)
		}
	}
	p.phaseCache[raw] = id
	return id
}

func isBlank(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

// mostHeaderLike picks the buffered row with the most text cells, to name
// in "no columns recognised" messages.
func mostHeaderLike(buf []rawRow) (int, []string) {
	best, bestN := -1, 0
	for i, r := range buf {
		n := 0
		for _, c := range r.cells {
			if c != "" {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	if best < 0 {
		return 0, nil
	}
	var seen []string
	for _, c := range buf[best].cells {
		if c != "" {
			seen = append(seen, c)
		}
	}
	return buf[best].num, seen
}

func quoteList(xs []string, max int) string {
	if len(xs) == 0 {
		return "(tyhjä / empty)"
	}
	var parts []string
	for i, x := range xs {
		if i == max {
			parts = append(parts, fmt.Sprintf("… (+%d)", len(xs)-max))
			break
		}
		if r := []rune(x); len(r) > 60 {
			x = string(r[:57]) + "…"
		}
		parts = append(parts, fmt.Sprintf("%q", x))
	}
	return strings.Join(parts, ", ")
}
