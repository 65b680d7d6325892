package mapping

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/internal/xlsxguard"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// The accepted-mappings file is a CSV that a workshop edits: one row per
// local document name and service task, with the national code the
// workshop confirmed. `kartoitus map --write-accepted FILE` writes it with
// the current best guesses filled in; `--accepted FILE` reads it back.
// Rows are keyed by the folded name and the resolved task, so re-runs give
// the same result whatever the row order or spelling of case and accents.
//
// A code cell may hold a code ("11023", "group:1"), an OID, a national
// name, "11023 Päätös …" as copied from a report, or "-" / "ei" / "none"
// for "not a national document". A blank code means "not decided yet":
// the row is skipped and the document is matched as usual.
//
// The file the tool writes fills the code in wherever it recognised the
// document (the method column says how), so that a workshop only edits
// what it disagrees with. Such a row, as written (a recognition method in
// the method column, no confirmed_by), is a suggestion, not a decision:
// while the document is still recognised as the row says, it keeps that
// recognition (a roster recognised as no client document stays one, not
// "confirmed not national"). An edited code, a confirmed_by, or a method
// column saying accepted or nothing makes the row the workshop's decision.

// AcceptedColumns is the header the template is written with.
var AcceptedColumns = []string{"name", "service_task", "code", "national_name", "method", "confidence", "candidates", "confirmed_by", "comment"}

// acceptedHeaders maps folded header spellings to columns.
var acceptedHeaders = map[string]string{
	"name": "name", "local name": "name", "local_name": "name", "nimi": "name", "asiakirjan nimi": "name",
	"paikallinen nimi": "name", "asiakirja": "name", "document": "name", "document name": "name", "dokumentets namn": "name",
	"service task": "task", "service_task": "task", "task": "task", "palvelutehtava": "task", "tehtava": "task", "serviceuppgift": "task",
	"code": "code", "koodi": "code", "national code": "code", "accepted code": "code", "valtakunnallinen koodi": "code",
	"hyvaksytty koodi": "code", "asiakirjatyyppi": "code", "national type": "code", "valtakunnallinen asiakirjatyyppi": "code", "kod": "code",
	"confirmed by": "confirmed_by", "confirmed_by": "confirmed_by", "vahvistaja": "confirmed_by", "hyvaksyja": "confirmed_by", "vahvistanut": "confirmed_by",
	"comment": "comment", "kommentti": "comment", "huomautus": "comment", "note": "comment", "notes": "comment", "lisatiedot": "comment",
	"method": "method", "menetelma": "method",
}

// suggestionMethods are the method-column values of a row the tool filled
// in from its own recognition (see the package comment on suggestions).
var suggestionMethods = map[string]bool{
	string(MethodCode): true, string(MethodExact): true, string(MethodNormalised): true, string(MethodSynonym): true,
	string(MethodFuzzy): true, string(MethodLocal): true, string(MethodNone): true,
}

// notNational are code cell values meaning "confirmed: no national type".
var notNational = map[string]bool{
	"-": true, "ei": true, "none": true, "no": true, "ei kansallinen": true, "ei valtakunnallinen": true,
	"not national": true, "paikallinen": true, "local": true, "ingen": true,
}

// RuleAcceptedRow rejects a row of the accepted-mappings file.
var RuleAcceptedRow = finding.Rule{
	ID: "MAP006", Severity: finding.Warning,
	Title: finding.T("Hyväksyttyjen vastaavuuksien tiedoston riviä ei voitu käyttää", "Accepted-mappings row could not be used"),
	Basis: "Sosmeta " + sosmeta.DocumentTypeOID,
	Samples: finding.Samples{
		Good: []finding.Sample{{Note: "a catalogue code",
			Inventory: "Palvelutehtävä;Asiakirjan nimi\nLastensuojelu;Huostaanottopäätös\n",
			Accepted:  "name;service_task;code;national_name;confirmed_by\nHuostaanottopäätös;Lastensuojelu;11023;;Asiakirjatyöpaja 3.3.2025\n"}},
		Bad: []finding.Sample{
			{Note: "a code the catalogue does not have",
				Inventory: "Palvelutehtävä;Asiakirjan nimi\nLastensuojelu;Huostaanottopäätös\n",
				Accepted:  "name;service_task;code;national_name;confirmed_by\nHuostaanottopäätös;Lastensuojelu;11099;;Asiakirjatyöpaja 3.3.2025\n"},
			{Note: "a service task the catalogue does not have",
				Inventory: "Palvelutehtävä;Asiakirjan nimi\nLastensuojelu;Huostaanottopäätös\n",
				Accepted:  "name;service_task;code;national_name;confirmed_by\nHuostaanottopäätös;Perhekeskus;11023;;Asiakirjatyöpaja 3.3.2025\n"},
		},
	},
}

// AcceptedEntry is one confirmed mapping.
type AcceptedEntry struct {
	Name string `json:"name"`
	// Task is the resolved service task ID ("" = any task).
	Task string `json:"task,omitempty"`
	// Key is the catalogue key; "" means confirmed as not national.
	Key         string `json:"key"`
	ConfirmedBy string `json:"confirmed_by,omitempty"`
	Comment     string `json:"comment,omitempty"`
	Row         int    `json:"row"`
	// Suggested marks a row as the tool wrote it: it holds only if the
	// tool no longer recognises the document as the row says.
	Suggested bool `json:"suggested,omitempty"`
}

// Agrees reports whether the entry says what the tool's own match m says:
// the same national type, or "not national" for a document the tool
// recognised as no client document.
func (e AcceptedEntry) Agrees(m Match) bool {
	return e.Key == m.Key && (e.Key != "" || m.Method == MethodLocal)
}

// Accepted is a read accepted-mappings file.
type Accepted struct {
	Source  string
	entries map[string]*AcceptedEntry
	// Entries in file order.
	Entries []*AcceptedEntry
	// Rejected rows, as MAP006 findings.
	Rejected []finding.Finding
	Tally    finding.Tally
}

func acceptKey(name, task string) string { return textnorm.Fold(name) + "\x00" + task }

// Entry returns the entry for a name in one of the tasks (the first that
// has one), or a task-less entry for the name.
func (a *Accepted) Entry(name string, tasks []string) *AcceptedEntry {
	if a == nil {
		return nil
	}
	for _, t := range tasks {
		if e := a.entries[acceptKey(name, t)]; e != nil {
			return e
		}
	}
	return a.entries[acceptKey(name, "")]
}

// Lookup is Entry by value.
func (a *Accepted) Lookup(name string, tasks []string) (AcceptedEntry, bool) {
	if e := a.Entry(name, tasks); e != nil {
		return *e, true
	}
	return AcceptedEntry{}, false
}

// ReadAccepted reads an accepted-mappings file.
func ReadAccepted(path string, cat *sosmeta.Catalogue) (*Accepted, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	defer f.Close()
	return ParseAccepted(path, f, cat)
}

// ParseAccepted reads accepted mappings from r; src names it in messages.
// CSV (any delimiter and encoding textio understands) or an XLSX workbook,
// whose first sheet with a name and a code column is read (so the mapping
// sheet of the XLSX report can be edited and passed back). A file without
// name and code columns, or without data rows, is ErrNotRecognised; bad
// rows become MAP006 findings.
func ParseAccepted(src string, r io.Reader, cat *sosmeta.Catalogue) (*Accepted, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(8)
	isXLSX, err := xlsxguard.Sniff(src, head)
	if err != nil {
		return nil, err
	}
	if isXLSX {
		return parseAcceptedXLSX(src, br, cat)
	}
	tr := textio.Open(br)
	cr := textio.NewRecords(tr, tr.Delimiter)
	next := func() ([]string, int, error) {
		rec, err := cr.Read()
		if err != nil {
			return nil, 0, err
		}
		if rec.Broken {
			return nil, rec.Line, &swallowedError{rec.Line, rec.EndLine}
		}
		textio.RestoreRecord(rec.Fields) // a file this tool wrote reads back as written
		return rec.Fields, rec.Line, nil
	}
	a, err := parseAcceptedRecords(src, "", next, cat)
	if a != nil {
		a.Tally.Encoding, a.Tally.Delimiter, a.Tally.EncodingLine = tr.Describe()
	}
	return a, err
}

// swallowedError is a stray quote that ran on over lines Line–EndLine: the
// rows on them cannot be read, and each is counted as rejected.
type swallowedError struct{ Line, EndLine int }

func (e *swallowedError) Error() string {
	return fmt.Sprintf("lines %d–%d: a quote does not end its field", e.Line, e.EndLine)
}

func parseAcceptedXLSX(src string, r io.Reader, cat *sosmeta.Catalogue) (a *Accepted, err error) {
	defer func() {
		// excelize has panicked on malformed workbooks; a bad file is
		// unreadable input, not a crash.
		if p := recover(); p != nil {
			a, err = nil, fmt.Errorf("%w: %s: malformed xlsx workbook (%v)", kartoitus.ErrUnreadable, src, p)
		}
	}()
	f, err := xlsxguard.Open(r, src, excelize.Options{}) // the limits every XLSX reader shares
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	for _, sheet := range sheets {
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: sheet %q: %v", kartoitus.ErrUnreadable, src, sheet, err)
		}
		for h := 0; h < len(rows) && h < 20; h++ {
			if cols := acceptedColumns(rows[h]); cols["name"] && cols["code"] {
				i := h
				next := func() ([]string, int, error) {
					if i >= len(rows) {
						return nil, 0, io.EOF
					}
					i++
					return rows[i-1], i, nil
				}
				return parseAcceptedRecords(src, sheet, next, cat)
			}
		}
	}
	return nil, fmt.Errorf("%w: %s: no sheet has a header with name and code columns (sheets: %s)", kartoitus.ErrNotRecognised, src,
		strings.Join(quoteAll(sheets), ", "))
}

// acceptedColumns reports which columns a header row names.
func acceptedColumns(header []string) map[string]bool {
	out := map[string]bool{}
	for _, h := range header {
		if c, ok := headerColumn(h); ok {
			out[c] = true
		}
	}
	return out
}

func headerColumn(h string) (string, bool) {
	if c, ok := acceptedHeaders[textnorm.FoldHeader(h)]; ok {
		return c, true
	}
	c, ok := acceptedHeaders[strings.ToLower(strings.TrimSpace(h))]
	return c, ok
}

// parseAcceptedRecords reads the header (the first non-blank record) and
// the rows after it. next returns io.EOF at the end; another error is a
// broken row, rejected with its line.
func parseAcceptedRecords(src, sheet string, next func() ([]string, int, error), cat *sosmeta.Catalogue) (*Accepted, error) {
	a := &Accepted{Source: src, entries: map[string]*AcceptedEntry{}, Tally: finding.Tally{Source: src}}
	if sheet != "" {
		a.Tally.Source = src + " [" + sheet + "]"
	}
	var header []string
	for {
		rec, _, err := next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%w: %s: empty accepted-mappings file (want a header with %s)", kartoitus.ErrNotRecognised, src, strings.Join(AcceptedColumns[:3], ", "))
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", kartoitus.ErrUnreadable, src, err)
		}
		if !blank(rec) {
			header = rec
			break
		}
	}
	col := map[string]int{}
	for i, h := range header {
		c, ok := headerColumn(h)
		if _, dup := col[c]; ok && !dup {
			col[c] = i
		}
	}
	_, hasName := col["name"]
	_, hasCode := col["code"]
	if !hasName || !hasCode {
		return nil, fmt.Errorf("%w: %s: no %s columns in the header (saw: %s)", kartoitus.ErrNotRecognised, src,
			missing(hasName, hasCode), strings.Join(quoteAll(header), ", "))
	}
	get := func(rec []string, c string) string {
		if i, ok := col[c]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	colName := func(c string) string { return strings.TrimSpace(header[col[c]]) }

	for {
		rec, line, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		var sw *swallowedError
		if errors.As(err, &sw) {
			n := sw.EndLine - sw.Line + 1
			a.Tally.Read += n
			a.Tally.Rejected += n - 1 // reject counts one
			a.reject(finding.Location{File: src, Sheet: sheet, Row: line}, fmt.Sprintf("%d-%d", sw.Line, sw.EndLine),
				finding.Tf("rivit %d–%d (%d riviä) hylättiin: rivillä %d alkava lainausmerkki ei pääty kentän loppuun, joten sitä seuraavat rivit luettiin yhdeksi kentäksi; poista ylimääräinen lainausmerkki tai kahdenna se (\"\")",
					"lines %d–%d (%d lines) were rejected: a quote opened on line %d does not end its field, so the lines after it were read as one field; remove the stray quote or double it (\"\")",
					sw.Line, sw.EndLine, n, sw.Line))
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", kartoitus.ErrUnreadable, src, err)
		}
		if blank(rec) {
			continue
		}
		a.Tally.Read++
		name, taskRaw, code := get(rec, "name"), get(rec, "task"), get(rec, "code")
		loc := finding.Location{File: src, Sheet: sheet, Row: line}
		if name == "" {
			loc.Column = colName("name")
			a.reject(loc, "noname:"+strings.Join(rec, "\x00"), finding.T("paikallinen nimi puuttuu", "the local name is empty"))
			continue
		}
		if code == "" {
			a.Tally.Skipped++ // not decided yet
			continue
		}
		task := ""
		if taskRaw != "" {
			ids := cat.ResolveTask(taskRaw)
			if len(ids) == 0 {
				loc.Column = colName("task")
				a.reject(loc, name+"\x00"+taskRaw, finding.Tf("tuntematon palvelutehtävä %q (%s)", "unknown service task %q (%s)", excerpt(taskRaw), excerpt(name)))
				continue
			}
			task = ids[0]
		}
		key, ok := resolveAcceptedCode(cat, code)
		if !ok {
			loc.Column = colName("code")
			a.reject(loc, name+"\x00"+code, finding.Tf("tuntematon valtakunnallinen asiakirjatyyppi %q (%s)", "unknown national document type %q (%s)", excerpt(code), excerpt(name)))
			continue
		}
		confirmedBy := get(rec, "confirmed_by")
		suggested := confirmedBy == "" && suggestionMethods[strings.ToLower(get(rec, "method"))]
		k := acceptKey(name, task)
		if prev := a.entries[k]; prev != nil {
			if prev.Key == key {
				a.Tally.Accepted++ // a harmless repeat; a confirmed one confirms
				prev.Suggested = prev.Suggested && suggested
				continue
			}
			loc.Column = colName("code")
			a.reject(loc, k+"\x00"+key, finding.Tf("ristiriidassa rivin %d kanssa: %q on jo vastaavuus %s, tällä rivillä %s",
				"conflicts with row %d: %q is already mapped to %s, this row says %s", prev.Row, excerpt(name), show(prev.Key), show(key)))
			continue
		}
		e := &AcceptedEntry{Name: name, Task: task, Key: key, ConfirmedBy: confirmedBy, Comment: get(rec, "comment"), Row: line, Suggested: suggested}
		a.entries[k] = e
		a.Entries = append(a.Entries, e)
		a.Tally.Accepted++
	}
	if a.Tally.Read == 0 {
		return nil, fmt.Errorf("%w: %s: the accepted-mappings file has a header but no rows", kartoitus.ErrNotRecognised, src)
	}
	return a, nil
}

// excerpt bounds a value quoted in a message (one huge cell must not make
// megabytes of output).
func excerpt(s string) string { return textio.Excerpt(s, 80) }

func show(key string) string {
	if key == "" {
		return "(ei valtakunnallinen / not national)"
	}
	return key
}

func (a *Accepted) reject(loc finding.Location, content string, msg finding.Text) {
	a.Tally.Rejected++
	f := finding.New(RuleAcceptedRow, msg, loc, textnorm.Fold(content))
	a.Rejected = append(a.Rejected, f)
}

// resolveAcceptedCode reads a code cell: a key, code, OID or national
// name, optionally followed by the name ("11023 Päätös …").
func resolveAcceptedCode(cat *sosmeta.Catalogue, code string) (string, bool) {
	if notNational[strings.ToLower(strings.TrimSpace(code))] || notNational[textnorm.Fold(code)] {
		return "", true
	}
	if d := cat.ByKey(code); d != nil {
		return d.Key(), true
	}
	if d := cat.Resolve(code); d != nil {
		return d.Key(), true
	}
	first, rest, _ := strings.Cut(code, " ")
	if rest != "" {
		if d := cat.ByKey(first); d != nil {
			return d.Key(), true
		}
		if d := cat.Resolve(first); d != nil {
			return d.Key(), true
		}
	}
	return "", false
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func missing(hasName, hasCode bool) string {
	switch {
	case !hasName && !hasCode:
		return "name and code"
	case !hasName:
		return "name"
	}
	return "code"
}

func quoteAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strconv.Quote(x)
	}
	return out
}

// AcceptedRow is one row of the accepted-mappings template. The XLSX
// report can write the same rows as a sheet.
type AcceptedRow struct {
	Name         string
	Task         string // service task name (FI), resolvable by ResolveTask
	Code         string // best guess at or above the threshold, the accepted code, "-" or ""
	NationalName string
	Method       Method
	Confidence   float64
	Candidates   string // "11023 Päätös … (0.62); …" below the threshold
	ConfirmedBy  string
	Comment      string
}

// TemplateRows builds the template: one row per distinct local name and
// task in inventory order, keeping earlier decisions (confirmed-by and
// comment) from acc.
func TemplateRows(cat *sosmeta.Catalogue, docs []inventory.Document, res *Result, acc *Accepted) []AcceptedRow {
	var rows []AcceptedRow
	seen := map[string]bool{}
	kept := map[*AcceptedEntry]bool{}
	for i := range docs {
		d := &docs[i]
		m := res.ByDoc(i)
		if m == nil {
			continue
		}
		k := acceptKey(d.Name, d.Task())
		if seen[k] || strings.TrimSpace(d.Name) == "" {
			continue
		}
		seen[k] = true
		row := AcceptedRow{Name: d.Name, Method: m.Method, Confidence: m.Confidence}
		if t := cat.Task(d.Task()); t != nil {
			row.Task = t.FI
		}
		switch {
		case m.Key != "":
			row.Code = m.Key
			if dt := cat.ByKey(m.Key); dt != nil {
				row.NationalName = dt.NameFI
			}
		case m.Method == MethodAccepted, m.Method == MethodLocal:
			row.Code = "-"
		default:
			var cs []string
			for _, c := range m.Candidates {
				name := ""
				if dt := cat.ByKey(c.Key); dt != nil {
					name = " " + dt.NameFI
				}
				cs = append(cs, fmt.Sprintf("%s%s (%.2f)", c.Key, name, c.Confidence))
			}
			row.Candidates = strings.Join(cs, "; ")
		}
		if e := acc.Entry(d.Name, d.ServiceTasks); e != nil {
			row.ConfirmedBy, row.Comment = e.ConfirmedBy, e.Comment
			kept[e] = true
		}
		rows = append(rows, row)
	}
	// Decisions about documents no longer in the inventory are kept, so
	// writing the template over the accepted file loses nothing.
	if acc != nil {
		for _, e := range acc.Entries {
			if kept[e] {
				continue
			}
			row := AcceptedRow{Name: e.Name, Code: e.Key, Method: MethodAccepted, Confidence: 1, ConfirmedBy: e.ConfirmedBy, Comment: e.Comment}
			if e.Key == "" {
				row.Code = "-"
			} else if dt := cat.ByKey(e.Key); dt != nil {
				row.NationalName = dt.NameFI
			}
			if t := cat.Task(e.Task); t != nil {
				row.Task = t.FI
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// acceptedColumnsFI are AcceptedColumns in Finnish, each one the reader
// reads as the same column (or, for those it does not read, as none).
var acceptedColumnsFI = []string{"Asiakirjan nimi", "Palvelutehtävä", "Koodi", "Kansallinen nimi", "Menetelmä", "Varmuus", "Ehdokkaat", "Vahvistaja", "Kommentti"}

// WriteAccepted writes template rows as CSV the way Finnish Excel opens
// it: UTF-8 with a byte-order mark, ';' between fields, the canonical
// headers.
func WriteAccepted(w io.Writer, rows []AcceptedRow) error {
	return WriteAcceptedIn(w, rows, finding.EN, textio.ExcelFI)
}

// WriteAcceptedIn writes template rows in a CSV dialect: Finnish headers
// in the Excel dialect under l = fi, the canonical ones otherwise.
func WriteAcceptedIn(w io.Writer, rows []AcceptedRow, l finding.Lang, d textio.Dialect) error {
	cw, err := d.Writer(w)
	if err != nil {
		return err
	}
	header := AcceptedColumns
	if !d.Canonical() && l != finding.EN {
		header = acceptedColumnsFI
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		conf := ""
		if r.Method != MethodNone || r.Confidence > 0 {
			conf = strconv.FormatFloat(r.Confidence, 'f', 2, 64)
		}
		if err := cw.Write([]string{r.Name, r.Task, r.Code, r.NationalName, string(r.Method), conf, r.Candidates, r.ConfirmedBy, r.Comment}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
