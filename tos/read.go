package tos

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/internal/xlsxguard"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// Options adjust how a plan file is read.
type Options struct {
	// Kind forces every entry of the file into the TOS or the AMS; ""
	// decides per row from a storage-form column and defaults to TOS.
	Kind PlanKind
	// Sheet limits an XLSX file to one sheet (name compared trimmed); ""
	// reads every sheet whose header is recognised.
	Sheet string
}

// headerSearchRows is how far down a sheet the header row may be: title
// and instruction rows above it are common in hand-made plans.
const headerSearchRows = 30

// ReadFile reads a TOS or AMS file: CSV (any encoding and delimiter
// textio.Open accepts) or XLSX, generic TOS columns or the Helsinki JHS 191
// workbook, or JHS 191 TOS XML (.xml). Every data row (XML: Asiakirjatieto)
// becomes an Entry or a rejected-row finding.
// Errors wrap kartoitus.ErrUnreadable (cannot open or parse) or
// kartoitus.ErrNotRecognised (no plan columns, no rows).
func ReadFile(path string, cat *sosmeta.Catalogue, opts Options) (*Plan, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return ReadXLSX(f, path, cat, opts)
	case ".csv", ".txt", ".tsv":
		return ReadCSV(f, path, cat, opts)
	case ".xml":
		return ReadJHS191(f, path, cat, opts)
	case ".xls", ".ods":
		return nil, fmt.Errorf("%w: %s: %s files are not supported; save the plan as .xlsx or .csv",
			kartoitus.ErrUnreadable, path, filepath.Ext(path))
	}
	// Unknown extension: an XLSX is a zip archive, XML starts with "<".
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", kartoitus.ErrUnreadable, path, err)
	}
	if bytes.HasPrefix(head[:n], []byte("PK\x03\x04")) {
		return ReadXLSX(f, path, cat, opts)
	}
	if t := bytes.TrimLeft(bytes.TrimPrefix(head[:n], []byte("\ufeff")), " \t\r\n"); bytes.HasPrefix(t, []byte("<")) {
		return ReadJHS191(f, path, cat, opts)
	}
	return ReadCSV(f, path, cat, opts)
}

// ReadCSV reads a delimited plan; name is used in locations and messages.
func ReadCSV(r io.Reader, name string, cat *sosmeta.Catalogue, opts Options) (*Plan, error) {
	tr := textio.Open(r)
	cr := csv.NewReader(tr)
	cr.Comma = tr.Delimiter
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	plan := &Plan{}
	sr := newSheetReader(cat, opts, name, "", plan)
	for {
		rec, err := cr.Read()
		textio.RestoreRecord(rec) // the tool's own TOS draft, filled in, reads back
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", kartoitus.ErrUnreadable, name, err)
		}
		line, _ := cr.FieldPos(0)
		if !sr.row(line, rec) {
			break
		}
	}
	if sr.hdr == nil {
		return nil, fmt.Errorf("%w: %s: no TOS/AMS columns recognised (%s); want a document column (%s) and at least one of %s",
			kartoitus.ErrNotRecognised, name, sr.seenText(), wantDocument, wantOther)
	}
	sr.tally.Encoding, sr.tally.Delimiter, sr.tally.EncodingLine = tr.Describe()
	sr.finish(plan)
	if len(plan.Entries) == 0 && len(plan.Rejected) == 0 {
		return nil, fmt.Errorf("%w: %s: header recognised (%s) but no data rows", kartoitus.ErrNotRecognised, name, sr.headerText())
	}
	return plan, nil
}

// ReadXLSX reads every sheet of a workbook whose header is recognised.
func ReadXLSX(r io.Reader, name string, cat *sosmeta.Catalogue, opts Options) (_ *Plan, err error) {
	// excelize reads untrusted zip and XML; a panic deep inside it must
	// become an unreadable-input error, not a stack trace.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %s: not a readable xlsx workbook (%v)", kartoitus.ErrUnreadable, name, p)
		}
	}()
	f, err := xlsxguard.Open(r, name, excelize.Options{}) // the limits every XLSX reader shares
	if err != nil {
		return nil, err
	}
	defer f.Close()
	plan := &Plan{}
	var seen []string
	recognised := 0
	found := opts.Sheet == ""
	for _, sheet := range f.GetSheetList() {
		if opts.Sheet != "" {
			if strings.TrimSpace(sheet) != strings.TrimSpace(opts.Sheet) {
				continue
			}
			found = true
		}
		sr := newSheetReader(cat, opts, name, sheet, plan)
		rows, err := f.Rows(sheet)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: sheet %q: %v", kartoitus.ErrUnreadable, name, sheet, err)
		}
		n := 0
		for rows.Next() {
			n++
			cells, err := rows.Columns()
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("%w: %s: sheet %q row %d: %v", kartoitus.ErrUnreadable, name, sheet, n, err)
			}
			if !sr.row(n, cells) {
				break
			}
		}
		if err := rows.Error(); err != nil {
			rows.Close()
			return nil, fmt.Errorf("%w: %s: sheet %q: %v", kartoitus.ErrUnreadable, name, sheet, err)
		}
		rows.Close()
		if sr.hdr == nil {
			seen = append(seen, fmt.Sprintf("sheet %q: %s", strings.TrimSpace(sheet), sr.seenText()))
			continue
		}
		recognised++
		sr.finish(plan)
	}
	if !found {
		return nil, fmt.Errorf("%w: %s: no sheet %q (have %s)", kartoitus.ErrUsage, name, opts.Sheet, quoteList(f.GetSheetList()))
	}
	if recognised == 0 {
		return nil, fmt.Errorf("%w: %s: no sheet has TOS/AMS columns (%s); want a document column (%s) and at least one of %s",
			kartoitus.ErrNotRecognised, name, strings.Join(seen, "; "), wantDocument, wantOther)
	}
	if len(plan.Entries) == 0 && len(plan.Rejected) == 0 {
		return nil, fmt.Errorf("%w: %s: TOS/AMS header recognised but no document rows", kartoitus.ErrNotRecognised, name)
	}
	return plan, nil
}

const (
	wantDocument = "Asiakirja, Asiakirjatyyppi, Asiakirjatyypin tarkenne, Koodi"
	wantOther    = "Säilytysaika, Säilytysajan peruste, Säilytysajan laskentaperuste, Palvelutehtävä, Tehtäväluokka, Tallennusmuoto"
)

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = Quote(x)
	}
	return strings.Join(q, ", ")
}

// sheetReader turns the rows of one CSV file or sheet into entries.
type sheetReader struct {
	cat   *sosmeta.Catalogue
	opts  Options
	file  string
	sheet string

	hdr      *header
	hdrRow   int
	firstRow []string // first non-empty row, for "not recognised" messages
	tally    finding.Tally
	// plan receives entries, rejected rows and notes as they are read;
	// finish adds the tally.
	plan *Plan

	// Helsinki layout state: the task class the data sits under, the
	// process-level retention, and the current phase, action and record.
	class, className   string
	classTasks         []string
	classTasksInferred bool
	classNoted         bool
	proc               Entry
	phase, action      string
	record             string
}

func newSheetReader(cat *sosmeta.Catalogue, opts Options, file, sheet string, plan *Plan) *sheetReader {
	src := file
	if sheet != "" {
		src = file + ":" + strings.TrimSpace(sheet) // as the inventory reader names its tallies
	}
	return &sheetReader{cat: cat, opts: opts, file: file, sheet: sheet, tally: finding.Tally{Source: src}, plan: plan}
}

// row handles one row (n is its 1-based line or row number); false stops
// reading (no header within headerSearchRows).
func (s *sheetReader) row(n int, cells []string) bool {
	if s.hdr == nil {
		if blank(cells) {
			return n < headerSearchRows
		}
		if s.firstRow == nil {
			s.firstRow = cells
		}
		if h := parseHeader(cells); h != nil {
			s.hdr, s.hdrRow = h, n
			// Rows above the header were titles or instructions.
			s.tally.Read += n - 1
			s.tally.Skipped += n - 1
			s.noteUnknownColumns()
			return true
		}
		return n < headerSearchRows
	}
	s.tally.Read++
	if blank(cells) {
		s.tally.Skipped++
		return true
	}
	if s.hdr.helsinki {
		s.helsinkiRow(n, cells)
	} else {
		s.genericRow(n, cells)
	}
	return true
}

func (s *sheetReader) finish(p *Plan) {
	p.Tallies = append(p.Tallies, s.tally)
}

func (s *sheetReader) loc(n int, column string) finding.Location {
	return finding.Location{File: s.file, Sheet: s.sheet, Row: n, Column: column}
}

func (s *sheetReader) noteUnknownColumns() {
	for _, h := range s.hdr.unknown {
		s.plan.Notes = append(s.plan.Notes, finding.New(RuleUnusedColumn,
			finding.Tf("Saraketta %s ei tunnistettu TOS/AMS-sarakkeeksi; sen tietoja ei käytetty.",
				"Column %s is not a recognised TOS/AMS column; its values were not used.", Quote(h)),
			s.loc(s.hdrRow, h), s.file, s.sheet, textnorm.Fold(h)))
	}
}

func (s *sheetReader) reject(rule finding.Rule, n int, column string, msg finding.Text, keys ...string) {
	s.tally.Rejected++
	s.plan.Rejected = append(s.plan.Rejected, finding.New(rule, msg, s.loc(n, column), append([]string{s.file, s.sheet}, keys...)...))
}

func (s *sheetReader) accept(es ...Entry) {
	s.tally.Accepted++
	s.plan.Entries = append(s.plan.Entries, es...)
}

// genericRow reads a row of a plain TOS/AMS table.
func (s *sheetReader) genericRow(n int, cells []string) {
	h := s.hdr
	e := Entry{Source: s.loc(n, ""), DocumentRaw: h.cell(cells, fDocType), Name: h.cell(cells, fName)}
	code := h.cell(cells, fCode)
	if att := h.cell(cells, fAttachment); e.Name == "" && att != "" {
		e.Name, e.Attachment = att, true
	}
	if e.Name == "" && e.DocumentRaw == "" && code == "" {
		col := h.column(fName)
		if h.idx[fName] < 0 {
			col = h.column(fDocType)
		}
		s.reject(RuleNoDocument, n, col,
			finding.Tf("Rivillä on tietoja mutta ei asiakirjan nimeä, tyyppiä tai koodia (%s); riviä ei voi liittää asiakirjoihin.",
				"The row has values but no document name, type or code (%s); it cannot be matched to documents.",
				rowPreview(h, cells)), rowKey(cells))
		return
	}
	if e.Name == "" {
		e.Name = e.DocumentRaw
	}
	s.resolveCode(&e, n, code, true)
	if e.Name == "" {
		// A row named by code alone: show the national name, or the code.
		e.Name = code
		if d := s.lookup(e.Code); d != nil {
			e.Name = d.NameFI
		}
	}
	s.fillCommon(&e, cells)

	// Task: a Palvelutehtävä column, or a Tehtäväluokka holding a class
	// code ("05 02 03"), a code and name, or just a name.
	e.ServiceTaskRaw = h.cell(cells, fTask)
	classCode, className := splitClass(h.cell(cells, fClass))
	e.Class = classCode
	if e.ServiceTaskRaw == "" {
		e.ServiceTaskRaw = className
	}
	s.resolveTasks(&e, n)

	s.accept(s.split(e, cells, n)...)
}

// split decides whether a row is a TOS entry, an AMS entry or both.
func (s *sheetReader) split(e Entry, cells []string, n int) []Entry {
	h := s.hdr
	if s.opts.Kind != "" {
		e.Kind = s.opts.Kind
		return []Entry{e}
	}
	var m Medium
	var decided bool
	for _, f := range []field{fPlanKind, fMedium} {
		v := h.cell(cells, f)
		if v == "" {
			continue
		}
		if mm, ok := ParseMedium(v); ok {
			m, decided = mm, true
			break
		}
		s.plan.Notes = append(s.plan.Notes, finding.New(RuleUnknownMedium,
			finding.Tf("Tallennusmuotoa %s ei tunnistettu (odotettiin paperi, sähköinen, molemmat, TOS tai AMS); rivi luettiin TOS-rivinä.",
				"Storage form %s not understood (want paper, electronic, both, TOS or AMS); the row was read as a TOS row.", Quote(v)),
			s.loc(n, h.column(f)), s.file, s.sheet, textnorm.Fold(e.Name), textnorm.Fold(v)))
	}
	if !decided {
		if truthy(h.cell(cells, fPaperFlag)) {
			m.Paper, decided = true, true
		}
		if truthy(h.cell(cells, fElectronicFlag)) {
			m.Electronic, decided = true, true
		}
	}
	paperRaw := h.cell(cells, fPaperRetention)
	paper := ParseRetention(paperRaw)
	if !decided {
		if paperRaw != "" && !paper.Electronic {
			// A paper-archive period next to the electronic one: both.
			m = Medium{Electronic: h.cell(cells, fRetention) != "", Paper: true}
		} else {
			m.Electronic = true
		}
	}
	var out []Entry
	if m.Electronic {
		t := e
		t.Kind = TOS
		out = append(out, t)
	}
	if m.Paper {
		a := e
		a.Kind = AMS
		if paperRaw != "" && !paper.Electronic {
			s.setRetention(&a, paperRaw, h.column(fPaperRetention))
		}
		out = append(out, a)
	}
	return out
}

// fillCommon reads the columns shared by both layouts.
func (s *sheetReader) fillCommon(e *Entry, cells []string) {
	h := s.hdr
	s.setRetention(e, h.cell(cells, fRetention), h.column(fRetention))
	e.RetentionBasis = h.cell(cells, fBasis)
	if st := h.cell(cells, fStart); st != "" {
		e.RetentionStart, e.StartColumn = st, h.column(fStart)
	}
	e.Start, _ = ParseStart(e.RetentionStart)
	e.Digitisation = h.cell(cells, fDigitisation)
	e.System = h.cell(cells, fSystem)
	e.Publicity = h.cell(cells, fPublicity)
	e.SecrecyBasis = h.cell(cells, fSecrecy)
	e.PersonalData = h.cell(cells, fPersonal)
	e.Storage = h.cell(cells, fStorage)
	if e.Phase == "" {
		e.Phase = h.cell(cells, fPhase)
	}
	if e.Action == "" {
		e.Action = h.cell(cells, fAction)
	}
}

// setRetention stores a period as written and parsed. Wording after the
// number ("10 vuotta asian sulkemisesta") is the start event when the
// row has no separate one.
func (s *sheetReader) setRetention(e *Entry, raw, column string) {
	e.RetentionRaw, e.RetentionColumn = raw, column
	r := ParseRetention(raw)
	e.HasRetention, e.RetentionYears = r.OK, 0
	if r.OK {
		e.RetentionYears = r.Years
		if r.Rest != "" && e.RetentionStart == "" {
			e.RetentionStart, e.StartColumn = r.Rest, column
			e.Start, _ = ParseStart(r.Rest)
		}
	}
}

// resolveCode sets Code from an explicit code or OID, else (when byName)
// from an exact national name in the document or name column.
func (s *sheetReader) resolveCode(e *Entry, n int, code string, byName bool) {
	if s.cat == nil {
		return
	}
	if code != "" {
		if d := s.cat.Resolve(code); d != nil {
			e.Code = d.Key()
			return
		}
		s.plan.Notes = append(s.plan.Notes, finding.New(RuleUnknownCode,
			finding.Tf("Koodi %s ei ole kansallisessa asiakirjaluokituksessa; riviä verrataan asiakirjoihin vain nimen perusteella.",
				"Code %s is not in the national document catalogue; the row is matched to documents by name only.", Quote(code)),
			s.loc(n, s.hdr.column(fCode)), s.file, s.sheet, code))
	}
	names := []string{e.Name}
	if byName {
		names = append(names, e.DocumentRaw)
	}
	for _, nm := range names {
		if nm == "" {
			continue
		}
		if d := s.cat.Resolve(nm); d != nil {
			e.Code = d.Key()
			return
		}
		if key, ok := s.cat.Synonyms[textnorm.Fold(nm)]; ok {
			e.Code = key
			return
		}
	}
}

// resolveTasks sets ServiceTasks from the task name, else from the class.
func (s *sheetReader) resolveTasks(e *Entry, n int) {
	if s.cat == nil {
		return
	}
	if e.ServiceTaskRaw != "" {
		e.ServiceTasks = s.cat.ResolveTask(e.ServiceTaskRaw)
	}
	if len(e.ServiceTasks) == 0 && e.Class != "" {
		if ts := HelsinkiClassTasks(e.Class); len(ts) > 0 {
			e.ServiceTasks, e.TasksInferred = ts, true
		}
	}
	if len(e.ServiceTasks) == 0 && (e.ServiceTaskRaw != "" || e.Class != "") {
		what := strings.TrimSpace(e.Class + " " + e.ServiceTaskRaw)
		s.plan.Notes = append(s.plan.Notes, finding.New(RuleUnknownTask,
			finding.Tf("Palvelutehtävää tai tehtäväluokkaa %s ei tunnistettu sosiaalihuollon palvelutehtäväksi; riviä ei rajata palvelutehtävän mukaan.",
				"Service task or task class %s is not a recognised social-welfare service task; the row is not limited to a service task.", Quote(what)),
			s.loc(n, s.hdr.column(fTask)), s.file, s.sheet, textnorm.Fold(what)))
	}
}

// helsinkiRow reads a row of the Helsinki TOS workbook: column A holds the
// row type, and only document and attachment rows are entries.
func (s *sheetReader) helsinkiRow(n int, cells []string) {
	h := s.hdr
	a := h.cell(cells, fClass)
	typ := textnorm.Fold(a)
	switch {
	case a != "" && isClassCode(a):
		s.class, s.className = normClass(a), h.cell(cells, fTask)
		s.classTasks, s.classTasksInferred, s.classNoted = nil, false, false
		if s.cat != nil {
			s.classTasks = s.cat.ResolveTask(s.className)
		}
		if len(s.classTasks) == 0 {
			s.classTasks = HelsinkiClassTasks(s.class)
			s.classTasksInferred = len(s.classTasks) > 0
		}
		s.tally.Skipped++
	case typ == "asian metatiedot":
		// Process-level (JHS 191 5.x) values: the default for records
		// that leave theirs empty.
		s.proc = Entry{}
		s.fillCommon(&s.proc, cells)
		s.tally.Skipped++
	case strings.HasPrefix(typ, "asiakirjallisen tiedon kasittely"):
		s.tally.Skipped++ // heading row, "ei täytetä"
	case typ == "kasittelyvaiheen metatiedot":
		s.phase, s.action = h.cell(cells, fPhase), ""
		s.tally.Skipped++
	case typ == "toimenpiteen metatiedot":
		s.action = h.cell(cells, fAction)
		s.tally.Skipped++
	case typ == "asiakirjan metatiedot", typ == "asiakirjan liitteen metatiedot":
		s.helsinkiRecord(n, cells, typ == "asiakirjan liitteen metatiedot")
	case a == "":
		s.reject(RuleRowType, n, h.column(fClass),
			finding.Tf("Rivityyppi puuttuu sarakkeesta Tehtäväluokka (rivillä: %s); riviä ei voi tulkita.",
				"Row type missing in column Tehtäväluokka (row has: %s); the row cannot be interpreted.", rowPreview(h, cells)),
			rowKey(cells))
	default:
		s.reject(RuleRowType, n, h.column(fClass),
			finding.Tf("Tuntematon rivityyppi %s (odotettiin tehtäväluokan koodia tai Asian/Käsittelyvaiheen/Toimenpiteen/Asiakirjan/Asiakirjan liitteen metatiedot).",
				"Unknown row type %s (want a task-class code or Asian/Käsittelyvaiheen/Toimenpiteen/Asiakirjan/Asiakirjan liitteen metatiedot).", Quote(a)),
			typ, rowKey(cells))
	}
}

func (s *sheetReader) helsinkiRecord(n int, cells []string, attachment bool) {
	h := s.hdr
	e := Entry{Source: s.loc(n, ""), DocumentRaw: h.cell(cells, fDocType), Name: h.cell(cells, fName),
		Class: s.class, ServiceTaskRaw: s.className, Phase: s.phase, Action: s.action}
	if attachment {
		e.Attachment, e.Parent = true, s.record
		if att := h.cell(cells, fAttachment); att != "" {
			e.Name = att
		}
	}
	if e.Name == "" {
		e.Name = e.DocumentRaw
	}
	if e.Name == "" {
		s.reject(RuleNoDocument, n, h.column(fName),
			finding.Tf("Asiakirjarivillä ei ole asiakirjan tyyppiä eikä tarkennetta (%s).",
				"Document row has neither a document type nor a specifier (%s).", rowPreview(h, cells)), rowKey(cells))
		return
	}
	if !attachment {
		s.record = e.Name
	}
	// The Helsinki "Asiakirjan tyyppi" is a generic JHS type (päätös,
	// pyyntö), never a national type: only the specifier is looked up.
	s.resolveCode(&e, n, h.cell(cells, fCode), false)
	s.fillCommon(&e, cells)
	if e.RetentionRaw == "" && s.proc.RetentionRaw != "" {
		e.RetentionRaw, e.RetentionYears, e.HasRetention = s.proc.RetentionRaw, s.proc.RetentionYears, s.proc.HasRetention
		e.RetentionColumn, e.RetentionFromProcess = s.proc.RetentionColumn, true
		if e.RetentionBasis == "" {
			e.RetentionBasis = s.proc.RetentionBasis
		}
		if e.RetentionStart == "" {
			e.RetentionStart, e.Start, e.StartColumn = s.proc.RetentionStart, s.proc.Start, s.proc.StartColumn
		}
	}
	e.ServiceTasks, e.TasksInferred = append([]string(nil), s.classTasks...), s.classTasksInferred
	if len(e.ServiceTasks) == 0 && !s.classNoted && (s.class != "" || s.className != "") {
		s.classNoted = true
		what := strings.TrimSpace(s.class + " " + s.className)
		s.plan.Notes = append(s.plan.Notes, finding.New(RuleUnknownTask,
			finding.Tf("Tehtäväluokka %s ei vastaa mitään sosiaalihuollon palvelutehtävää; sen rivejä ei rajata palvelutehtävän mukaan.",
				"Task class %s matches no social-welfare service task; its rows are not limited to a service task.", Quote(what)),
			s.loc(n, h.column(fClass)), s.file, s.sheet, textnorm.Fold(what)))
	}
	e.Kind = TOS
	if s.opts.Kind != "" {
		e.Kind = s.opts.Kind
		s.accept(e)
		return
	}
	out := []Entry{e}
	// The paper columns say "Säilytetään sähköisesti" when there is no
	// paper; anything else means the record is also kept on paper.
	if raw := h.cell(cells, fPaperRetention); raw != "" && !ParseRetention(raw).Electronic {
		a := e
		a.Kind = AMS
		a.RetentionFromProcess = false
		s.setRetention(&a, raw, h.column(fPaperRetention))
		out = append(out, a)
	}
	s.accept(out...)
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// truthy reads a flag cell: x, kyllä, k, yes, 1, true, ✓.
func truthy(s string) bool {
	switch textnorm.Fold(s) {
	case "x", "kylla", "k", "yes", "y", "ja", "1", "true", "tosi":
		return true
	}
	return strings.TrimSpace(s) == "✓" || strings.TrimSpace(s) == "✔"
}

// rowPreview lists a row's non-empty cells with their headers, for
// messages about rejected rows.
func rowPreview(h *header, cells []string) string {
	var parts []string
	for i, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		name := fmt.Sprintf("column %d", i+1)
		if i < len(h.raw) && strings.TrimSpace(h.raw[i]) != "" {
			name = strings.TrimSpace(h.raw[i])
		}
		parts = append(parts, name+"="+Quote(c))
		if len(parts) == 3 {
			break
		}
	}
	return strings.Join(parts, ", ")
}

// rowKey is a content key for fingerprints of rejected rows.
func rowKey(cells []string) string {
	var b strings.Builder
	for _, c := range cells {
		b.WriteString(textnorm.Fold(c))
		b.WriteByte('|')
	}
	return b.String()
}

// seenText describes what was seen where no header was recognised.
func (s *sheetReader) seenText() string {
	if s.firstRow == nil {
		return "empty"
	}
	var cells []string
	for _, c := range s.firstRow {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, Quote(c))
		}
		if len(cells) == 8 {
			cells = append(cells, "…")
			break
		}
	}
	return "first row: " + strings.Join(cells, ", ")
}

func (s *sheetReader) headerText() string {
	var cells []string
	for _, c := range s.hdr.raw {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, Quote(c))
		}
	}
	return strings.Join(cells, ", ")
}

func (s *sheetReader) lookup(key string) *sosmeta.DocumentType {
	if s.cat == nil || key == "" {
		return nil
	}
	return s.cat.ByKey(key)
}
