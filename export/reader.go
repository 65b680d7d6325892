package export

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/internal/xlsxguard"
)

// Header is the resolved header row.
type Header struct {
	// Names are the headers as written (trimmed).
	Names []string
	// Index gives the column of each field, -1 when absent.
	Index [NumFields]int
	// Unknown lists headers that map to no field, in column order.
	Unknown []string
	// Ignored lists headers the mapping file told us to drop.
	Ignored []string
	// Unnamed lists the columns (0-based) with an empty header.
	Unnamed []int

	// cols are the fields that have a column, in field order, and absent
	// the others: what a row fills, without a look at the rest.
	cols   []fieldCol
	absent []Field
	// fieldOf is each column's field, -1 for none.
	fieldOf []int8
}

type fieldCol struct {
	f   Field
	col int
}

// Has reports whether the export has a column for f.
func (h *Header) Has(f Field) bool { return h.Index[f] >= 0 }

// Missing returns the fields of fs that have no column.
func (h *Header) Missing(fs ...Field) []Field {
	var out []Field
	for _, f := range fs {
		if !h.Has(f) {
			out = append(out, f)
		}
	}
	return out
}

// Column returns the header of field f as written, or "".
func (h *Header) Column(f Field) string {
	if i := h.Index[f]; i >= 0 {
		return h.Names[i]
	}
	return ""
}

// ResolveHeader maps header names to fields: the mapping file first, then
// the canonical names and built-in synonyms. A missing required column or
// two columns claiming one field is kartoitus.ErrNotRecognised, with the
// headers seen in the message (any henkilötunnus-shaped text redacted, in
// case the file had no header row and the first data row was taken for it).
func ResolveHeader(names []string, m *Mapping) (*Header, error) {
	h := &Header{Names: make([]string, len(names))}
	for i := range h.Index {
		h.Index[i] = -1
	}
	nonEmpty := 0
	for i, n := range names {
		n = strings.TrimSpace(strings.TrimPrefix(n, "\ufeff"))
		h.Names[i] = n
		if n == "" {
			h.Unnamed = append(h.Unnamed, i)
			continue
		}
		nonEmpty++
		f, ignored, ok := m.column(n)
		if ignored {
			h.Ignored = append(h.Ignored, n)
			continue
		}
		if !ok {
			f, ok = synonymIndex[textnorm.FoldHeader(n)]
		}
		if !ok {
			h.Unknown = append(h.Unknown, n)
			continue
		}
		if j := h.Index[f]; j >= 0 {
			return nil, fmt.Errorf("%w: columns %q and %q both mean %s; map one of them to ignore in a --mapping file",
				kartoitus.ErrNotRecognised, ident.Redact(h.Names[j]), ident.Redact(n), f)
		}
		h.Index[f] = i
	}
	if nonEmpty == 0 {
		return nil, fmt.Errorf("%w: the first row has no column names", kartoitus.ErrNotRecognised)
	}
	h.fieldOf = make([]int8, len(names))
	for i := range h.fieldOf {
		h.fieldOf[i] = -1
	}
	for f, i := range h.Index {
		if i >= 0 {
			h.fieldOf[i] = int8(f)
			h.cols = append(h.cols, fieldCol{Field(f), i})
		} else {
			h.absent = append(h.absent, Field(f))
		}
	}
	if miss := h.Missing(Required...); len(miss) > 0 {
		var want []string
		for _, f := range miss {
			want = append(want, f.String())
		}
		return nil, fmt.Errorf("%w: register export lacks required column(s) %s; headers seen: %s (name them in a --mapping file, or use the canonical names %s)",
			kartoitus.ErrNotRecognised, strings.Join(want, ", "), seenList(h.Names), strings.Join(fieldNames[:], ", "))
	}
	return h, nil
}

// seenList quotes at most 40 headers, each cut to 60 characters.
func seenList(names []string) string {
	var parts []string
	for i, n := range names {
		if i == 40 {
			parts = append(parts, fmt.Sprintf("… %d more", len(names)-40))
			break
		}
		if r := []rune(n); len(r) > 60 {
			n = string(r[:60]) + "…"
		}
		parts = append(parts, strconv.Quote(ident.Redact(n)))
	}
	return strings.Join(parts, ", ")
}

// Record is one data row. Values alias the text just read: copy any
// string kept beyond the next call of Next (strings.Clone), or the chunk
// of text it was read from (up to a few hundred KB) stays in memory.
type Record struct {
	// Line is the 1-based line of the row's start in the file (the sheet
	// row number for XLSX).
	Line int
	// Values holds each field's trimmed text, "" when empty or absent.
	Values [NumFields]string
	// Created, UnitStart and UnitEnd are parsed; 0 when empty or absent.
	Created   Timestamp
	UnitStart Date
	UnitEnd   Date
	// VersionNum is the leading integer of Version, 0 if none.
	VersionNum int

	// cleared is the header whose absent fields Values has "" in: the
	// reader never writes them otherwise, so a record reused row after
	// row (as the gate does) clears them once, not on every row (a
	// tenth of filling a row of a 20-column export).
	cleared *Header
}

// clearAbsent sets the header's absent fields to "".
func (r *Reader) clearAbsent(rec *Record) {
	if rec.cleared == r.Header {
		return
	}
	for _, f := range r.Header.absent {
		rec.Values[f] = ""
	}
	rec.cleared = r.Header
}

// Get returns a field's text.
func (r *Record) Get(f Field) string { return r.Values[f] }

// RowKind classifies rows that cannot be used.
type RowKind uint8

const (
	RowFieldCount RowKind = iota + 1 // wrong number of fields
	RowQuote                         // bad quoting
	RowBadDate                       // a date column that is not a date
	RowBlank                         // every field empty, or a blank line
	// RowBadVersion: a version that is not a whole number 1–999999999
	// ("abc", "-1", "0", "1.5", 20 digits).
	RowBadVersion
	// RowImplausibleDate: a created date outside MinYear to a year after
	// the run (1800, 2999): a typo or a placeholder, not when it was made.
	RowImplausibleDate
	// RowLongField: a value longer than MaxField bytes. No register field
	// (ids, codes, dates, statuses) comes near it; one 100 MB field once
	// made 209 MB of report.
	RowLongField
)

// MaxField is the longest value a register export field may have.
const MaxField = 4096

// MinYear is the earliest plausible year of a document's creation date.
// Client-system registers began in the 1980s and records digitised later
// keep their original dates, so the bound is generous; anything earlier
// (1800, 0001) is a typo or a placeholder. The upper bound is a year after
// the run, which allows for clocks and time zones but not a wrong year.
const MinYear = 1900

// RowError is a row that cannot be used. It never carries a client id.
type RowError struct {
	Kind RowKind
	// Line and EndLine delimit the row (EndLine > Line when a quoted
	// field ran over several lines).
	Line, EndLine int
	// Key is the row's document id when it could be read.
	Key string
	// Got and Want are field counts (RowFieldCount).
	Got, Want int
	// Field and Value name the bad date (RowBadDate).
	Field Field
	Value string
	// Column is the 1-based character column of a quoting error.
	Column int
	Err    error
}

// Lines is how many physical lines the row took: more than one when a
// quote ran on over lines, each of them a row lost.
func (e *RowError) Lines() int { return max(e.EndLine-e.Line+1, 1) }

func (e *RowError) Error() string {
	switch e.Kind {
	case RowFieldCount:
		return fmt.Sprintf("line %d: %d fields, header has %d", e.Line, e.Got, e.Want)
	case RowQuote:
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	case RowBadDate:
		return fmt.Sprintf("line %d: %s %q: %v", e.Line, e.Field, e.Value, ErrDate)
	case RowBlank:
		return fmt.Sprintf("line %d: blank row", e.Line)
	case RowBadVersion:
		return fmt.Sprintf("line %d: version %q is not a whole number from 1", e.Line, e.Value)
	case RowImplausibleDate:
		return fmt.Sprintf("line %d: %s %q is not a plausible date", e.Line, e.Field, e.Value)
	case RowLongField:
		return fmt.Sprintf("line %d: %s has %d bytes, more than %d", e.Line, e.Field, e.Got, MaxField)
	}
	return fmt.Sprintf("line %d: unusable row", e.Line)
}

// Format of an export file.
type Format string

const (
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
)

// Options configure a Reader.
type Options struct {
	Mapping *Mapping
	// Sheet selects the XLSX sheet (default: the first).
	Sheet string
	// Wrap, when set, wraps the raw byte stream of a CSV file (progress
	// counting).
	Wrap func(io.Reader) io.Reader
	// Now is the time of the run, for the latest plausible created date
	// (zero: time.Now()).
	Now time.Time
}

// Reader streams an export.
type Reader struct {
	Header    *Header
	Format    Format
	Encoding  textio.Encoding
	Delimiter rune
	Sheet     string
	// UnnamedValues counts, per unnamed column, rows with a value there:
	// data that the header does not name is reported, not dropped silently.
	UnnamedValues map[int]int

	text *textio.Reader // the decoded CSV text (nil for XLSX)

	// maxCreated is the latest plausible created timestamp.
	maxCreated Timestamp

	csv    *fastCSV
	reuse  bool // ReuseBuffers
	rows   *excelize.Rows
	xf     *excelize.File
	xrow   int
	closer io.Closer
}

// NewCSVReader reads the header row of a CSV export.
func NewCSVReader(r io.Reader, opts Options) (*Reader, error) {
	if opts.Wrap != nil {
		r = opts.Wrap(r)
	}
	tr := textio.Open(r)
	// fastCSV parses as encoding/csv would (see fastcsv.go for why it
	// exists), slicing lines straight out of a 64 KB buffer; the header's
	// width becomes the required width.
	cr := newFastCSVOver(tr, tr.Delimiter)
	first, err := cr.Read()
	for errors.Is(err, errBlankLine) { // blank lines above the header
		first, err = cr.Read()
	}
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: the export is empty (no header row)", kartoitus.ErrNotRecognised)
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%w: the header row cannot be read: %v", kartoitus.ErrNotRecognised, pe.Err)
		}
		return nil, streamError(err)
	}
	names := append([]string(nil), first...)
	h, err := ResolveHeader(names, opts.Mapping)
	if err != nil {
		return nil, err
	}
	return &Reader{Header: h, Format: FormatCSV, Encoding: tr.Encoding, Delimiter: tr.Delimiter, csv: cr, text: tr,
		UnnamedValues: map[int]int{}, maxCreated: latestCreated(opts.Now)}, nil
}

// NewXLSXReader reads the header row (the first non-empty row) of an XLSX
// export. XLSX runs at tens of thousands of rows a second and keeps the
// shared strings in memory: fine for small exports, CSV for large ones.
func NewXLSXReader(r io.Reader, opts Options) (*Reader, error) {
	return newXLSXReader(r, "the workbook", opts)
}

// newXLSXReader opens the workbook under the limits every XLSX reader
// shares (internal/xlsxguard); name is used in messages.
func newXLSXReader(r io.Reader, name string, opts Options) (*Reader, error) {
	xf, err := xlsxguard.Open(r, name, excelize.Options{})
	if err != nil {
		return nil, err
	}
	sheets := xf.GetSheetList()
	sheet := opts.Sheet
	if sheet == "" {
		if len(sheets) == 0 {
			xf.Close()
			return nil, fmt.Errorf("%w: the workbook has no sheets", kartoitus.ErrNotRecognised)
		}
		sheet = sheets[0]
	} else if idx, _ := xf.GetSheetIndex(sheet); idx < 0 {
		xf.Close()
		return nil, fmt.Errorf("%w: no sheet %q (sheets: %s)", kartoitus.ErrUsage, sheet, strings.Join(sheets, ", "))
	}
	rows, err := xf.Rows(sheet)
	if err != nil {
		xf.Close()
		return nil, fmt.Errorf("%w: sheet %q: %v", kartoitus.ErrUnreadable, sheet, err)
	}
	rd := &Reader{Format: FormatXLSX, Sheet: sheet, rows: rows, xf: xf, UnnamedValues: map[int]int{}, maxCreated: latestCreated(opts.Now)}
	for rows.Next() {
		rd.xrow++
		cols, err := rows.Columns()
		if err != nil {
			rd.Close()
			return nil, fmt.Errorf("%w: sheet %q row %d: %v", kartoitus.ErrUnreadable, sheet, rd.xrow, err)
		}
		if allEmpty(cols) {
			continue
		}
		h, err := ResolveHeader(cols, opts.Mapping)
		if err != nil {
			rd.Close()
			return nil, err
		}
		rd.Header = h
		return rd, nil
	}
	rd.Close()
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("%w: sheet %q: %v", kartoitus.ErrUnreadable, sheet, err)
	}
	return nil, fmt.Errorf("%w: sheet %q is empty (no header row)", kartoitus.ErrNotRecognised, sheet)
}

// Open opens an export file, CSV or XLSX by content. The caller closes it.
func Open(path string, opts Options) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	var magic [8]byte
	n, _ := io.ReadFull(f, magic[:])
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	isXLSX, err := xlsxguard.Sniff(path, magic[:n])
	if err != nil {
		f.Close()
		return nil, err
	}
	if isXLSX {
		defer f.Close() // excelize reads the whole zip into memory
		return newXLSXReader(f, path, opts)
	}
	r, err := NewCSVReader(f, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.closer = f
	return r, nil
}

// Text is what the CSV text was read as (final once every row is read:
// the encoding is decided line by line); nil for XLSX.
func (r *Reader) Text() *textio.Reader { return r.text }

// Close releases the file.
func (r *Reader) Close() error {
	var err error
	if r.rows != nil {
		err = r.rows.Close()
		r.rows = nil
	}
	if r.xf != nil {
		if e := r.xf.Close(); err == nil {
			err = e
		}
		r.xf = nil
	}
	if r.closer != nil {
		if e := r.closer.Close(); err == nil {
			err = e
		}
		r.closer = nil
	}
	return err
}

// Next reads the next row into rec. It returns io.EOF at the end, a
// *RowError for a row that cannot be used (read on after it), and any
// other error (wrapping kartoitus.ErrUnreadable, or ErrInternal when the
// stream was interrupted) when reading must stop.
func (r *Reader) Next(rec *Record) error {
	if r.csv != nil {
		return r.nextCSV(rec)
	}
	return r.nextXLSX(rec)
}

// ReadRaw reads the next row's fields (copied into dst) and its line
// without mapping them, so a pipeline can parse on one goroutine and Fill
// on another. Errors are as for Next; a *RowError has no record.
func (r *Reader) ReadRaw(dst []string) ([]string, int, error) {
	if r.csv == nil {
		return r.readRawXLSX(dst)
	}
	fields, err := r.readCSV()
	if err != nil {
		var rec Record
		err = r.csvError(&rec, fields, err)
		return dst[:0], rec.Line, err
	}
	return append(dst[:0], fields...), r.csv.Line(), nil
}

// Fill maps fields read by ReadRaw into rec. Call it from one goroutine
// at a time.
func (r *Reader) Fill(rec *Record, fields []string, line int) error {
	rec.Line = line
	if r.csv == nil {
		if err := r.xlsxWidth(fields, line); err != nil {
			return err
		}
		return r.fill(rec, fields, true)
	}
	return r.fill(rec, fields, false)
}

func (r *Reader) readRawXLSX(dst []string) ([]string, int, error) {
	if r.rows == nil || !r.rows.Next() {
		if r.rows != nil {
			if err := r.rows.Error(); err != nil {
				return dst[:0], 0, fmt.Errorf("%w: sheet %q: %v", kartoitus.ErrUnreadable, r.Sheet, err)
			}
		}
		return dst[:0], 0, io.EOF
	}
	r.xrow++
	cols, err := r.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return dst[:0], r.xrow, fmt.Errorf("%w: sheet %q row %d: %v", kartoitus.ErrUnreadable, r.Sheet, r.xrow, err)
	}
	return append(dst[:0], cols...), r.xrow, nil
}

// streamError is a failure of the byte stream under the CSV. A stream
// that already judged it (a database source: unreadable, or interrupted
// and so the tool's failure) keeps its sentinel; any other is unreadable.
func streamError(err error) error {
	if errors.Is(err, kartoitus.ErrUnreadable) || errors.Is(err, kartoitus.ErrInternal) {
		return err
	}
	return fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
}

func (r *Reader) csvError(rec *Record, fields []string, err error) error {
	return r.csvErrorOf(r.csv, rec, fields, err)
}

// csvErrorOf is csvError for an error of cr (a parser's own fastCSV).
func (r *Reader) csvErrorOf(cr *fastCSV, rec *Record, fields []string, err error) error {
	if err == io.EOF {
		return io.EOF
	}
	if errors.Is(err, errBlankLine) {
		rec.Line = cr.Line()
		return &RowError{Kind: RowBlank, Line: rec.Line, EndLine: rec.Line, Err: errBlankLine}
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return streamError(err)
	}
	re := &RowError{Line: pe.StartLine, EndLine: pe.Line, Err: pe.Err, Column: pe.Column}
	if i := r.Header.Index[DocumentID]; i >= 0 && i < len(fields) {
		re.Key = strings.TrimSpace(fields[i])
	}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		re.Kind, re.Got, re.Want = RowFieldCount, len(fields), len(r.Header.Names)
	} else {
		re.Kind = RowQuote
	}
	rec.Line = pe.StartLine
	return re
}

// ReuseBuffers makes a CSV export's rows, from the next one on, alias
// buffers that are overwritten: a Record's strings are valid only until
// the next call of Next (a Stream's: until the next Stream.Next), so
// anything kept must be cloned. It spares the allocation of every chunk
// of text and the garbage collections (and their write barriers on every
// field stored) that it brings. ReadRaw's copies alias them too: do not
// keep them. No effect on XLSX.
func (r *Reader) ReuseBuffers() {
	if r.csv == nil {
		return
	}
	r.reuse = true
	if k := r.csv.chunk; k != nil && k.next != nil {
		k.next.reuse = true
	}
}

// seqChunkSize is the chunk of a sequential read: small enough that a
// reused buffer stays in the core's cache, and large enough that text
// read straight from the file (textio.Reader.ReadLines) fills most of
// it, past the 64 KB textio buffers (BenchmarkGate/workers=1, 8 rounds:
// 64 KB 91.9 ms, 128 KB 90.5, 256 KB 90.7; 1M rows on one core 481 and
// 476 ms at 128 and 256 KB, 515 at 512 KB).
const seqChunkSize = 128 << 10

// readCSV reads the next record. The rows after the header are read in
// chunks (fastcsv.go): their strings alias a chunk, not a line.
func (r *Reader) readCSV() ([]string, error) {
	if r.csv.chunk == nil {
		r.csv.chunked(seqChunkSize)
		r.csv.chunk.next.reuse = r.reuse
	}
	return r.csv.Read()
}

func (r *Reader) nextCSV(rec *Record) error {
	if r.csv.chunk == nil {
		r.csv.chunked(seqChunkSize)
		r.csv.chunk.next.reuse = r.reuse
	}
	return r.readRow(r.csv, rec, r.UnnamedValues)
}

// readRow reads cr's next row into rec, as Next does, counting values in
// unnamed columns in unnamed. A line scanLine splits (the usual one) with
// the header's width fills rec straight from the line's offsets: only the
// fields that have a column are cut.
func (r *Reader) readRow(cr *fastCSV, rec *Record, unnamed map[int]int) error {
	if cr.scanNext() {
		str := cr.chunk.str
		if cr.nf == cr.want && len(r.Header.Unnamed) == 0 {
			rec.Line = cr.line
			if f0 := cr.field(str, 0); f0 != "" && f0[0] > ' ' && f0[0] < 0x7f { // not blank
				return r.fillScanned(rec, cr, str)
			}
		}
		fields := cr.cut(str)
		if err := cr.width(len(fields)); err != nil {
			return r.csvErrorOf(cr, rec, fields, err)
		}
		rec.Line = cr.line
		return r.fillCounting(rec, fields, false, unnamed)
	}
	fields, err := cr.Read()
	if err != nil {
		return r.csvErrorOf(cr, rec, fields, err)
	}
	rec.Line = cr.Line()
	return r.fillCounting(rec, fields, false, unnamed)
}

// fillScanned is fillCounting for the line cr.scanLine split, of the
// header's width, not blank, under a header without unnamed columns.
func (r *Reader) fillScanned(rec *Record, cr *fastCSV, str string) error {
	r.clearAbsent(rec)
	// The columns in order, each cut where the last ended (scanLine
	// leaves the line's end after the delimiters).
	pos := cr.pos[:cr.nf]
	start := cr.lstart
	// Two passes: this one has no call in it, so less of the loop's
	// state goes through the stack (BenchmarkGate/workers=1 97.4 → 96.7
	// ms). odd notes a value to trim or one over MaxField, for fillOdd.
	odd := false
	for col, f := range r.Header.fieldOf[:cr.nf] {
		end := int(pos[col])
		v := str[start:end]
		start = end + 1
		if f < 0 {
			continue
		}
		if n := len(v); n > 0 {
			a, z := v[0], v[n-1]
			odd = odd || n > MaxField || a <= ' ' || a >= 0x80 || z <= ' ' || z >= 0x80
		}
		rec.Values[Field(f)] = v
	}
	if odd {
		return r.fillOdd(rec, cr, str)
	}
	return r.parseValues(rec, false)
}

// fillOdd finishes fillScanned's row when a value needs trimming or is
// too long: rec holds every mapped value, untrimmed.
func (r *Reader) fillOdd(rec *Record, cr *fastCSV, str string) error {
	for _, f := range r.Header.fieldOf[:cr.nf] {
		if f >= 0 && len(rec.Values[Field(f)]) > MaxField {
			// Reported for the first such field in field order, as
			// fillCounting does.
			return r.fillCounting(rec, cr.cut(str), false, nil)
		}
	}
	for _, f := range r.Header.fieldOf[:cr.nf] {
		if f >= 0 {
			rec.Values[Field(f)] = strings.TrimSpace(rec.Values[Field(f)])
		}
	}
	return r.parseValues(rec, false)
}

func (r *Reader) nextXLSX(rec *Record) error {
	if r.rows == nil || !r.rows.Next() {
		if r.rows != nil {
			if err := r.rows.Error(); err != nil {
				return fmt.Errorf("%w: sheet %q: %v", kartoitus.ErrUnreadable, r.Sheet, err)
			}
		}
		return io.EOF
	}
	r.xrow++
	rec.Line = r.xrow
	cols, err := r.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return fmt.Errorf("%w: sheet %q row %d: %v", kartoitus.ErrUnreadable, r.Sheet, r.xrow, err)
	}
	if err := r.xlsxWidth(cols, r.xrow); err != nil {
		return err
	}
	// Shorter rows are normal in XLSX: trailing empty cells are not stored.
	return r.fill(rec, cols, true)
}

// xlsxWidth refuses a row with data right of the header.
func (r *Reader) xlsxWidth(cols []string, line int) error {
	if len(cols) <= len(r.Header.Names) {
		return nil
	}
	for _, c := range cols[len(r.Header.Names):] {
		if strings.TrimSpace(c) != "" {
			re := &RowError{Kind: RowFieldCount, Line: line, EndLine: line, Got: len(cols), Want: len(r.Header.Names)}
			if i := r.Header.Index[DocumentID]; i >= 0 && i < len(cols) {
				re.Key = strings.TrimSpace(cols[i])
			}
			return re
		}
	}
	return nil
}

// fill copies the mapped fields and parses dates and the version.
func (r *Reader) fill(rec *Record, fields []string, xlsx bool) error {
	return r.fillCounting(rec, fields, xlsx, r.UnnamedValues)
}

// fillCounting is fill counting values in unnamed columns in unnamed
// (a parser's own map, added to UnnamedValues in file order): it only
// reads the Reader.
func (r *Reader) fillCounting(rec *Record, fields []string, xlsx bool, unnamed map[int]int) error {
	// A row is blank when every field is empty or white space; a field
	// that starts with a printable ASCII byte (the usual first field)
	// settles it at once.
	if len(fields) == 0 || fields[0] == "" || fields[0][0] <= ' ' || fields[0][0] >= 0x7f {
		blank := true
		for i := range fields {
			if fields[i] != "" && trim(fields[i]) != "" {
				blank = false
				break
			}
		}
		if blank {
			return &RowError{Kind: RowBlank, Line: rec.Line, EndLine: rec.Line}
		}
	}
	for _, i := range r.Header.Unnamed {
		if i < len(fields) && strings.TrimSpace(fields[i]) != "" {
			unnamed[i]++
		}
	}
	r.clearAbsent(rec)
	for _, fc := range r.Header.cols {
		if fc.col >= len(fields) { // a short XLSX row
			rec.Values[fc.f] = ""
			continue
		}
		v := fields[fc.col]
		if len(v) > MaxField {
			return &RowError{Kind: RowLongField, Line: rec.Line, EndLine: rec.Line, Field: fc.f, Got: len(v), Want: MaxField,
				Value: ident.Redact(textio.Excerpt(v, 40))}
		}
		rec.Values[fc.f] = trim(v)
	}
	return r.parseValues(rec, xlsx)
}

// parseValues parses the version and the dates of a filled record.
func (r *Reader) parseValues(rec *Record, xlsx bool) error {
	var ok bool
	if rec.VersionNum, ok = parseVersion(rec.Values[Version]); !ok {
		return &RowError{Kind: RowBadVersion, Line: rec.Line, EndLine: rec.Line, Field: Version,
			Value: ident.Redact(textio.Excerpt(rec.Values[Version], 40)), Key: rec.Values[DocumentID]}
	}
	var err error
	if rec.Created, err = r.date(rec, Created, xlsx); err != nil {
		return err
	}
	if rec.Created != 0 && (rec.Created.Date()/10000 < MinYear || rec.Created > r.maxCreated) {
		return &RowError{Kind: RowImplausibleDate, Line: rec.Line, EndLine: rec.Line, Field: Created,
			Value: ident.Redact(textio.Excerpt(rec.Values[Created], 40)), Key: rec.Values[DocumentID]}
	}
	ts, err := r.date(rec, UnitStart, xlsx)
	if err != nil {
		return err
	}
	rec.UnitStart = ts.Date()
	if ts, err = r.date(rec, UnitEnd, xlsx); err != nil {
		return err
	}
	rec.UnitEnd = ts.Date()
	return nil
}

func (r *Reader) date(rec *Record, f Field, xlsx bool) (Timestamp, error) {
	v := rec.Values[f]
	if v == "" {
		return 0, nil
	}
	ts, err := ParseTimestamp(v)
	if err == nil {
		return ts, nil
	}
	if xlsx {
		if ts, ok := ExcelSerial(v); ok {
			return ts, nil
		}
	}
	return 0, &RowError{Kind: RowBadDate, Line: rec.Line, EndLine: rec.Line, Field: f, Value: ident.Redact(textio.Excerpt(v, 40)),
		Key: rec.Values[DocumentID], Err: ErrDate}
}

// ParseTime reads a date or timestamp value of a field that the reader
// keeps as text (modified): the forms ParseTimestamp accepts, and for an
// XLSX export also the serial day numbers a date cell holds.
func (r *Reader) ParseTime(v string) (Timestamp, error) {
	ts, err := ParseTimestamp(v)
	if err == nil {
		return ts, nil
	}
	if r.Format == FormatXLSX {
		if ts, ok := ExcelSerial(v); ok {
			return ts, nil
		}
	}
	return 0, ErrDate
}

// trim is strings.TrimSpace with a fast path for the usual field that
// neither starts nor ends with a space or a non-ASCII byte.
func trim(s string) string {
	if s == "" {
		return s
	}
	if a, z := s[0], s[len(s)-1]; a > ' ' && a < 0x80 && z > ' ' && z < 0x80 {
		return s
	}
	return strings.TrimSpace(s)
}

// parseVersion reads a version number: digits only, 1 to 999999999
// (leading zeros allowed); "" is no version (0, ok). Versions count up
// from 1 in a document's version chain (CDA R2 versionNumber is an
// integer), so "0", "-1", "1.5" and a 20-digit number are errors, not the
// leading digits they start with.
func parseVersion(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	n, digits := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if n > 0 || c != '0' {
			digits++
		}
		if digits > 9 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n >= 1
}

// latestCreated is the latest plausible created timestamp: the end of
// the day a year after now.
func latestCreated(now time.Time) Timestamp {
	if now.IsZero() {
		now = time.Now()
	}
	t := now.AddDate(1, 0, 0)
	return Timestamp(int64(t.Year())*10000000000 + int64(t.Month())*100000000 + int64(t.Day())*1000000 + 235959)
}

func allEmpty(cols []string) bool {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// BareReader is the benchmark floor: encoding/csv with ReuseRecord over
// the same decoding as NewCSVReader, with no field mapping at all.
func BareReader(r io.Reader) *csv.Reader {
	tr := textio.Open(r)
	cr := csv.NewReader(bufio.NewReaderSize(tr, 64<<10))
	cr.Comma = tr.Delimiter
	cr.ReuseRecord = true
	return cr
}
