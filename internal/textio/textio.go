// Package textio opens delimited text as Finnish offices write it: UTF-8
// with or without a byte-order mark, or Windows-1252 (what Excel's "CSV"
// save gives on a Finnish Windows), with ';', ',' or tab as the delimiter.
// The inventory, register-export and TOS readers all use it, so they agree
// on what a CSV file is.
package textio

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding of a text input.
type Encoding string

const (
	UTF8        Encoding = "utf-8"
	UTF8BOM     Encoding = "utf-8-bom"
	Windows1252 Encoding = "windows-1252"
	UTF16LE     Encoding = "utf-16le"
	UTF16BE     Encoding = "utf-16be"
	// Mixed: some lines are UTF-8 and some Windows-1252; each line was
	// read in its own.
	Mixed Encoding = "utf-8+windows-1252"
	// UTF16 is what --encoding utf-16 asks for: little-endian (Excel's
	// "Unicode text") unless a byte-order mark says otherwise.
	UTF16 Encoding = "utf-16"
)

// ParseEncoding reads an --encoding value: utf-8, windows-1252 (cp1252,
// latin-1 are taken as it), utf-16, or "" / auto for detection.
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return "", nil
	case "utf-8", "utf8":
		return UTF8, nil
	case "windows-1252", "cp1252", "latin-1", "latin1", "iso-8859-1", "ansi":
		return Windows1252, nil
	case "utf-16", "utf16", "unicode", "utf-16le":
		return UTF16, nil
	case "utf-16be":
		return UTF16BE, nil
	}
	return "", fmt.Errorf("unknown encoding %q (want utf-8, windows-1252 or utf-16)", s)
}

// forced is the encoding the command line forces on every text input
// (--encoding); "" detects. One process reads one set of inputs, so it is
// set once, before they are read.
var forced Encoding

// SetForced sets the encoding every later Open uses ("" detects).
func SetForced(e Encoding) { forced = e }

// sniffSize is how much is read to decide the delimiter and whether the
// text is UTF-16. Encoding between UTF-8 and Windows-1252 is decided line
// by line as the file streams, not from this window.
var sniffSize = 64 << 10 // a variable for the tests

// Reader is decoded UTF-8 text with what was detected about it.
type Reader struct {
	io.Reader
	// Encoding is what the text is read as. Between UTF-8 and Windows-1252
	// it is decided line by line, so it is final only once everything has
	// been read: a file whose first non-ASCII byte comes late turns from
	// utf-8 to windows-1252, and one with lines of both becomes Mixed.
	Encoding  Encoding
	Delimiter rune
	// FirstLegacyLine is the first line that is not valid UTF-8 (read as
	// Windows-1252), FirstUTF8Line the first with UTF-8 letters beyond
	// ASCII; 0 when there is none.
	FirstLegacyLine, FirstUTF8Line int
	// Forced: the encoding came from --encoding, not from the text.
	Forced bool

	lateStart bool // the sniffed start was valid UTF-8
}

// Late reports that the text was first taken for UTF-8 and turned out to
// be Windows-1252 at FirstLegacyLine, after the sniffed start.
func (r *Reader) Late() bool {
	return r.Encoding == Windows1252 && !r.Forced && r.FirstLegacyLine > 0 && r.lateStart
}

// Describe returns the encoding, the delimiter as text and the first line
// that disagrees with how the file began (0 when none), for a tally.
func (r *Reader) Describe() (enc, delim string, line int) {
	if r == nil {
		return "", "", 0
	}
	switch {
	case r.Encoding == Mixed:
		line = max(r.FirstLegacyLine, r.FirstUTF8Line)
	case r.Late():
		line = r.FirstLegacyLine
	}
	return string(r.Encoding), string(r.Delimiter), line
}

// Open is OpenEncoding with the encoding --encoding forced, if any.
func Open(r io.Reader) *Reader { return OpenEncoding(r, forced) }

// OpenEncoding wraps r: it decodes UTF-16 (with a byte-order mark, or
// without one when the start is plainly UTF-16), skips a UTF-8 BOM, reads
// each line as UTF-8 when it is valid UTF-8 and as Windows-1252 when not,
// and guesses the delimiter from the first line. enc forces the encoding
// ("" detects). The returned reader is buffered; do not wrap it in
// another bufio.Reader for speed's sake.
func OpenEncoding(r io.Reader, enc Encoding) *Reader {
	br := bufio.NewReaderSize(r, sniffSize)
	head, _ := br.Peek(sniffSize) // a short read is fine: io.EOF or less data
	out := &Reader{Encoding: UTF8, Forced: enc != ""}
	bom16 := Encoding("")
	switch {
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		bom16 = UTF16LE
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		bom16 = UTF16BE
	}
	switch {
	case enc == UTF16 || enc == UTF16LE || enc == UTF16BE || (enc == "" && (bom16 != "" || looksUTF16(head) != "")):
		e := bom16
		if e == "" {
			e = enc
			if enc == "" {
				e = looksUTF16(head)
			} else if enc == UTF16 {
				e = UTF16LE
			}
		}
		if bom16 != "" {
			br.Discard(2)
		}
		end := unicode.LittleEndian
		if e == UTF16BE {
			end = unicode.BigEndian
		}
		dec := transform.NewReader(br, unicode.UTF16(end, unicode.IgnoreBOM).NewDecoder())
		// The delimiter is sniffed from decoded text.
		dbr := bufio.NewReaderSize(dec, sniffSize)
		dhead, _ := dbr.Peek(sniffSize)
		out.Encoding, out.Delimiter, out.Reader = e, SniffDelimiter(dhead), dbr
		return out
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) && enc != Windows1252:
		br.Discard(3)
		head = head[3:]
		out.Encoding = UTF8BOM
		if enc == "" {
			out.Reader = &lineDecoder{src: br, raw: r, out: out}
		} else {
			out.Reader = br
		}
	case enc == Windows1252:
		out.Encoding = Windows1252
		out.Reader = transform.NewReader(br, charmap.Windows1252.NewDecoder())
	case enc == UTF8:
		out.Reader = br
	default:
		if !validUTF8Prefix(head) {
			out.Encoding = Windows1252
		} else {
			out.lateStart = true
		}
		out.Reader = &lineDecoder{src: br, raw: r, out: out}
	}
	out.Delimiter = SniffDelimiter(head)
	return out
}

// looksUTF16 spots UTF-16 without a byte-order mark: text that is mostly
// ASCII has a zero byte in every other position.
func looksUTF16(head []byte) Encoding {
	n := min(len(head), 4096) &^ 1
	if n < 4 {
		return ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*6 && even*10 < pairs:
		return UTF16LE
	case even*10 >= pairs*6 && odd*10 < pairs:
		return UTF16BE
	}
	return ""
}

// lineDecoder passes lines that are valid UTF-8 through and decodes the
// others as Windows-1252, noting the first line of each kind. Deciding
// per line, as the file streams, reads a Windows-1252 export whose first
// letter ä comes after the sniffed start correctly, and a file pieced
// together from both encodings line by line.
type lineDecoder struct {
	src *bufio.Reader
	// raw is what src reads, for ReadLines; nil once ReadLines has given
	// the rest of the text back to src.
	raw     io.Reader
	pend    []byte // ReadLines: the start of a line read from raw, not yet returned
	out     *Reader
	line    int
	midLine bool   // the last chunk did not end its line
	buf     []byte // bytes not yet returned: src's buffer, or decoded
	dec     []byte // room for Windows-1252 decoding
	off     int
	err     error
	part    []byte // a rune cut at the end of a chunk, carried over
}

func (d *lineDecoder) Read(p []byte) (int, error) {
	if len(d.pend) > 0 {
		d.giveBack(d.pend, nil) // the line ReadLines carries comes first
	}
	for d.off >= len(d.buf) {
		if d.err != nil {
			return 0, d.err
		}
		d.fill()
	}
	n := copy(p, d.buf[d.off:])
	d.off += n
	return n, nil
}

// ReadLines is for a reader that takes text in large blocks and can use
// one that ends at any line end (export's chunker): it reads from the
// file straight into p, after what src already holds, checks the whole
// lines there and returns them and their count, keeping the line cut at
// the end for the next call. That saves copying the text through src's
// buffer (the register gate on 1M rows: 2 workers 290.9 → 279.9 ms, 1
// worker 507.4 → 493.8 ms). It returns 0 when it cannot: Read then. That
// is when p is too small, or when the read brought an error, the end, an
// invalid line or a line longer than p: those bytes go back to src,
// which Read decodes, as it does all that follows.
func (r *Reader) ReadLines(p []byte) (n, lines int) {
	if d, ok := r.Reader.(*lineDecoder); ok {
		return d.readLines(p)
	}
	return 0, 0
}

// minDirect is the least room ReadLines reads into beyond the line it
// carries (a variable for the tests).
var minDirect = 16 << 10

func (d *lineDecoder) readLines(p []byte) (n, lines int) {
	if d.raw == nil || d.midLine || len(d.part) > 0 || d.off < len(d.buf) || d.err != nil {
		return 0, 0
	}
	if b := d.src.Buffered(); b > 0 {
		// What src holds goes first, checked with what is read after
		// it: it starts at a line start, like pend. (Waiting for src to
		// hold less than a line, a sequential read with chunks as large
		// as src's buffer never got there.)
		held, _ := d.src.Peek(b)
		if len(d.pend) > 0 || len(p) < b+minDirect {
			return 0, 0
		}
		d.pend = append(d.pend[:0], held...)
		d.src.Discard(b)
	}
	if len(p) < len(d.pend)+minDirect {
		// Too small a block: with a line carried, Read must take it
		// (and the rest); without one, this block only goes to Read.
		if len(d.pend) > 0 {
			d.giveBack(d.pend, nil)
		}
		return 0, 0
	}
	k := copy(p, d.pend)
	n, err := d.raw.Read(p[k:])
	n += k
	i := bytes.LastIndexByte(p[:n], '\n')
	if err != nil || i < 0 || !utf8.Valid(p[:i+1]) {
		// The end, an error, a line longer than p or one that is not
		// UTF-8: Read takes it all from the start of the line.
		d.giveBack(p[:n], err)
		return 0, 0
	}
	block := p[:i+1]
	lines = d.passLines(block)
	d.pend = append(d.pend[:0], p[i+1:n]...)
	return i + 1, lines
}

// passLines notes whole lines of valid UTF-8 going out in one block (the
// first with a letter beyond ASCII, the line count) and returns how many
// there are.
func (d *lineDecoder) passLines(block []byte) int {
	if d.out.FirstUTF8Line == 0 {
		if j := firstNonASCII(block); j >= 0 {
			d.out.FirstUTF8Line = d.line + 1 + bytes.Count(block[:j], []byte{'\n'})
			d.note()
		}
	}
	n := bytes.Count(block, []byte{'\n'})
	d.line += n
	return n
}

// giveBack makes src read b, then err or the rest of raw; ReadLines
// reads no more.
func (d *lineDecoder) giveBack(b []byte, err error) {
	var rest io.Reader = d.raw
	if err != nil {
		rest = errReader{err}
	}
	d.src.Reset(io.MultiReader(bytes.NewReader(bytes.Clone(b)), rest))
	d.raw, d.pend = nil, nil
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// fill decides the next line (or chunk of a long line). Valid UTF-8 is
// returned straight from src's buffer: no copy on the common path.
func (d *lineDecoder) fill() {
	d.buf, d.off = nil, 0
	// Fast path: every whole line buffered, when they are all valid UTF-8,
	// goes out at once (one validation, no per-line work).
	if !d.midLine && len(d.part) == 0 {
		if d.src.Buffered() == 0 {
			d.src.Peek(1) // fill the buffer; an error comes back below
		}
		block, _ := d.src.Peek(d.src.Buffered())
		if i := bytes.LastIndexByte(block, '\n'); i >= 0 && !utf8.Valid(block[:i+1]) {
			// Only the whole lines before the first invalid byte: each
			// byte is looked at a bounded number of times.
			block = block[:validLen(block[:i+1])]
		}
		if i := bytes.LastIndexByte(block, '\n'); i >= 0 {
			block = block[:i+1]
			d.passLines(block)
			d.buf = block
			d.src.Discard(len(block)) // the bytes stay in the buffer until the next read
			return
		}
	}
	chunk, err := d.src.ReadSlice('\n')
	whole := err == nil
	if err == bufio.ErrBufferFull {
		err = nil
	}
	d.err = err
	if len(d.part) > 0 {
		chunk = append(d.part, chunk...)
		d.part = nil
	}
	if !whole && d.err == nil {
		// A long line: a rune cut at the end waits for the next chunk.
		if cut := incompleteTail(chunk); cut > 0 {
			d.part = append([]byte(nil), chunk[len(chunk)-cut:]...)
			chunk = chunk[:len(chunk)-cut]
		}
	}
	if len(chunk) == 0 {
		return
	}
	if !d.midLine {
		d.line++
	}
	d.midLine = !whole
	if utf8.Valid(chunk) {
		if d.out.FirstUTF8Line == 0 && !ascii(chunk) {
			d.out.FirstUTF8Line = d.line
			d.note()
		}
		d.buf = chunk
		return
	}
	if d.out.FirstLegacyLine == 0 {
		d.out.FirstLegacyLine = d.line
		d.note()
	}
	d.dec = d.dec[:0]
	for _, c := range chunk {
		d.dec = utf8.AppendRune(d.dec, charmap.Windows1252.DecodeByte(c))
	}
	d.buf = d.dec
}

// note updates the Reader's encoding from what has been seen.
func (d *lineDecoder) note() {
	switch o := d.out; {
	case o.FirstLegacyLine > 0 && o.FirstUTF8Line > 0:
		o.Encoding = Mixed
	case o.FirstLegacyLine > 0:
		o.Encoding = Windows1252
	}
}

// validLen is the length of the longest valid UTF-8 prefix of b.
func validLen(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func firstNonASCII(b []byte) int {
	for i, c := range b {
		if c >= 0x80 {
			return i
		}
	}
	return -1
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// incompleteTail is how many trailing bytes of b start a UTF-8 rune that
// is not complete (0–3).
func incompleteTail(b []byte) int {
	for i := 1; i <= 3 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return 0
		}
		if c >= 0xC0 { // a lead byte
			if !utf8.FullRune(b[len(b)-i:]) {
				return i
			}
			return 0
		}
	}
	return 0
}

// validUTF8Prefix is utf8.Valid, tolerating a rune cut at the sniff limit.
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	// Drop up to 3 trailing bytes of a rune cut by Peek.
	for i := 1; i <= 3 && i < len(b); i++ {
		if utf8.Valid(b[:len(b)-i]) && !utf8.FullRune(b[len(b)-i:]) {
			return true
		}
	}
	return false
}

// SniffDelimiter picks ';', ',' or '\t' by counting them outside quotes on
// the first line. Ties and no candidates give ',' except that ';' wins a
// tie, since Finnish Excel writes ';' (the comma is the decimal separator).
func SniffDelimiter(head []byte) rune {
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	var semi, comma, tab int
	inQuote := false
	for _, c := range head {
		switch c {
		case '"':
			inQuote = !inQuote
		case ';':
			if !inQuote {
				semi++
			}
		case ',':
			if !inQuote {
				comma++
			}
		case '\t':
			if !inQuote {
				tab++
			}
		}
	}
	switch {
	case tab > semi && tab > comma:
		return '\t'
	case semi >= comma && semi > 0:
		return ';'
	default:
		return ','
	}
}
