// Package output is where every byte the tool writes leaves it: the one
// redaction point (no henkilötunnus in full in any report, file or
// stream unless the user asked with --reveal-ids), files written
// atomically, and the report folder built beside its target, locked against
// a second run and renamed into place.
package output

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"strings"

	"github.com/kartoitus/kartoitus/ident"
)

// tail is how much redacted text a Redactor holds back between writes, so
// that a henkilötunnus split across two writes (11 characters and the
// characters around it) is still seen whole.
const tail = 32

// zipMagic starts a zip file: an XLSX workbook is one, and its text is
// compressed, so it is redacted member by member at Close.
var zipMagic = []byte("PK\x03\x04")

// Redactor masks every henkilötunnus in what is written through it
// (ident.Redact). Text streams through with a small held-back tail; a zip
// archive (an XLSX workbook) is buffered and every member's text redacted
// at Close. With reveal it passes everything through unchanged.
type Redactor struct {
	w       io.Writer
	reveal  bool
	decided bool
	zip     bool
	buf     []byte
	err     error
}

// NewRedactor returns a Redactor writing to w. Close must be called to
// flush the held-back tail (or the buffered archive).
func NewRedactor(w io.Writer, reveal bool) *Redactor {
	return &Redactor{w: w, reveal: reveal}
}

// Write implements io.Writer.
func (r *Redactor) Write(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if r.reveal {
		return r.w.Write(p)
	}
	r.buf = append(r.buf, p...)
	if !r.decided {
		if len(r.buf) < len(zipMagic) {
			return len(p), nil
		}
		r.decided, r.zip = true, bytes.HasPrefix(r.buf, zipMagic)
	}
	if r.zip {
		return len(p), nil
	}
	// No henkilötunnus spans a line end, so complete lines go out at once
	// (a console stays line-buffered); a long line keeps only a tail back.
	// Masking keeps the length, so it is done in place (a string copy of
	// every write cost a tenth of a 5,000-row assessment).
	if i := bytes.LastIndexAny(r.buf, "\n\r"); i >= 0 {
		ident.RedactBytes(r.buf[:i+1])
		if _, err := r.w.Write(r.buf[:i+1]); err != nil {
			r.err = err
			return 0, err
		}
		r.buf = append(r.buf[:0], r.buf[i+1:]...)
	}
	if len(r.buf) < 4*tail {
		return len(p), nil
	}
	ident.RedactBytes(r.buf)
	keep := len(r.buf) - tail
	if _, err := r.w.Write(r.buf[:keep]); err != nil {
		r.err = err
		return 0, err
	}
	r.buf = append(r.buf[:0], r.buf[keep:]...)
	return len(p), nil
}

// Unwrap returns the underlying writer, so a caller can still see a
// terminal behind the redactor (the progress bar); it must not write there.
func (r *Redactor) Unwrap() io.Writer { return r.w }

// Close flushes what is held back. It does not close the underlying writer.
func (r *Redactor) Close() error {
	if r.err != nil || r.reveal {
		return r.err
	}
	if r.zip {
		b, err := RedactZip(r.buf)
		if err != nil {
			return err
		}
		_, err = r.w.Write(b)
		r.buf = nil
		return err
	}
	_, err := io.WriteString(r.w, ident.Redact(string(r.buf)))
	r.buf = nil
	return err
}

// RedactZip returns the archive with every text member redacted (XML,
// relationships, CSV, plain text): in an XLSX that is every cell,
// shared string, sheet name and document property. The mask is "xxxx"
// there, as Excel forbids '*' in sheet names. Members keep their names,
// order and compression method.
//
// Members with nothing to mask are copied as they are, still compressed
// (zip.Writer.Copy), and an archive with nothing to mask is returned
// unchanged: recompressing a 5,000-row workbook's 26 MB of XML was a
// tenth of the assessment's time, to change nothing.
func RedactZip(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	redacted := make([][]byte, len(zr.File)) // nil: the member stays as it is
	changed := false
	for i, f := range zr.File {
		if !textMember(f.Name) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		found, err := containsHetu(rc)
		if err == nil && found {
			// Read again to mask: rare, and the check read nothing whole.
			rc.Close()
			if rc, err = f.Open(); err == nil {
				var data []byte
				if data, err = io.ReadAll(rc); err == nil {
					redacted[i], changed = []byte(redactWith(string(data), 'x')), true
				}
			}
		}
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	if !changed {
		return b, nil
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for i, f := range zr.File {
		if redacted[i] == nil {
			if err := zw.Copy(f); err != nil {
				return nil, err
			}
			continue
		}
		h := f.FileHeader
		h.CompressedSize64, h.UncompressedSize64, h.CRC32 = 0, 0, 0
		w, err := zw.CreateHeader(&h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(redacted[i]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// containsHetu reports whether r's text holds a henkilötunnus-shaped run,
// reading it in 64 KB windows that overlap by more than a run and the
// character before it, so a run cut by a window's end is whole in the
// next (one at a window's very end may be reported without knowing what
// follows it: that only costs a redaction pass that changes nothing).
func containsHetu(r io.Reader) (bool, error) {
	const overlap = 16
	buf := make([]byte, 64<<10)
	n := 0
	for {
		m, err := io.ReadFull(r, buf[n:])
		n += m
		if ident.ContainsHetuBytes(buf[:n]) {
			return true, nil
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		n = copy(buf, buf[n-overlap:n])
	}
}

// redactWith is ident.Redact with another mask character: in a workbook a
// masked id may stand in a sheet name, where Excel forbids '*', and a name
// must read the same in every member that refers to it.
func redactWith(s string, mask byte) string {
	r := ident.Redact(s)
	if r == s || len(r) != len(s) {
		return r
	}
	b := []byte(r)
	for i := range b {
		if b[i] != s[i] {
			b[i] = mask
		}
	}
	return string(b)
}

func textMember(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".xml", ".rels", ".vml", ".csv", ".txt", ".json", ".html", ".svg":
		return true
	}
	return false
}
