package textio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// Records reads CSV records the way people's files need (encoding/csv with
// LazyQuotes: Excel-made files have stray quotes in cells), and tells the
// lines each record spans, so nothing is lost when a stray quote opens a
// field that never closes and the following lines are swallowed into it.
// A record over several lines is Broken when its text is not valid CSV
// without LazyQuotes (a multi-line cell Excel wrote always is: its quotes
// are doubled), so "one accepted row" made of forty lines is reported.
type Records struct {
	cr   *csv.Reader
	tee  *teeReader
	done int64 // input offset up to which lines are counted
	line int   // lines that end before done
}

// Record is one CSV record and the physical lines it spans.
type Record struct {
	Fields        []string
	Line, EndLine int
	// Broken: the record runs over lines on a quote that does not parse
	// as CSV; its fields are not to be trusted, and every line it spans is
	// lost.
	Broken bool
}

// Lines is how many physical lines the record spans.
func (r Record) Lines() int { return r.EndLine - r.Line + 1 }

// NewRecords reads records split on comma from r (already decoded text).
func NewRecords(r io.Reader, comma rune) *Records {
	t := &teeReader{src: r}
	cr := csv.NewReader(t)
	cr.Comma = comma
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &Records{cr: cr, tee: t}
}

// Read returns the next record or io.EOF. Fields are reused by the next
// call. Other errors are read errors.
func (r *Records) Read() (Record, error) {
	fields, err := r.cr.Read()
	if err != nil {
		return Record{}, err
	}
	start, _ := r.cr.FieldPos(0)
	end := r.cr.InputOffset()
	raw := r.tee.take(r.done, end)
	startOfRaw := r.line + 1
	r.line += bytes.Count(raw, []byte{'\n'})
	r.done = end
	// The record's last line is the last line raw touches (raw ends with
	// its line end, unless the file ends without one).
	endLine := startOfRaw + bytes.Count(bytes.TrimSuffix(raw, []byte{'\n'}), []byte{'\n'})
	rec := Record{Fields: fields, Line: start, EndLine: max(endLine, start)}
	if rec.EndLine > rec.Line {
		rec.Broken = !strictSingle(raw, r.cr.Comma)
	}
	return rec, nil
}

// strictSingle reports whether raw is exactly one record of valid CSV.
func strictSingle(raw []byte, comma rune) bool {
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	if _, err := cr.Read(); err != nil {
		return false
	}
	_, err := cr.Read()
	return errors.Is(err, io.EOF)
}

// teeReader keeps what csv.Reader has read and not yet been taken, so the
// raw text of each record can be looked at again.
type teeReader struct {
	src  io.Reader
	buf  []byte
	base int64 // input offset of buf[0]
}

func (t *teeReader) Read(p []byte) (int, error) {
	n, err := t.src.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// take returns the input between offsets from and to and forgets it.
func (t *teeReader) take(from, to int64) []byte {
	i, j := int(from-t.base), int(to-t.base)
	if i < 0 || j > len(t.buf) || i > j {
		return nil
	}
	out := t.buf[i:j:j]
	// Keep the unread rest; copy it down now and then so buf stays small.
	rest := t.buf[j:]
	if j > 64<<10 || len(rest) == 0 {
		out = append([]byte(nil), out...)
		t.buf = append(t.buf[:0], rest...)
		t.base = to
	}
	return out
}

// Excerpt cuts s to at most max runes for quoting in a message, with "…"
// when cut. Every reader that echoes a value uses it, so one huge field
// cannot turn into megabytes of output.
func Excerpt(s string, max int) string {
	if len(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return strings.TrimSpace(s[:i]) + "…"
		}
		n++
	}
	return s
}
