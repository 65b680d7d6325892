// Package textio opens delimited text as Finnish offices write it: UTF-8
// with or without a byte-order mark, or Windows-1252 (what Excel's "CSV"
// save gives on a Finnish Windows), with ';', ',' or tab as the delimiter.
// The inventory, register-export and TOS readers all use it, so they agree
// on what a CSV file is.
package textio

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// Encoding of a text input.
type Encoding string

const (
	UTF8        Encoding = "utf-8"
	UTF8BOM     Encoding = "utf-8-bom"
	Windows1252 Encoding = "windows-1252"
)

// sniffSize is how much is read to decide encoding and delimiter. Large
// enough for a header row and a few data rows; small enough to be free.
const sniffSize = 64 << 10

// Reader is decoded UTF-8 text with what was detected about it.
type Reader struct {
	io.Reader
	Encoding  Encoding
	Delimiter rune
}

// Open wraps r: it skips a UTF-8 BOM, decodes Windows-1252 when the sniffed
// prefix is not valid UTF-8, and guesses the delimiter from the first line.
// The returned reader is buffered; do not wrap it in another bufio.Reader
// for speed's sake.
func Open(r io.Reader) *Reader {
	br := bufio.NewReaderSize(r, sniffSize)
	head, _ := br.Peek(sniffSize) // a short read is fine: io.EOF or less data
	out := &Reader{Encoding: UTF8}
	var src io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		br.Discard(3)
		head = head[3:]
		out.Encoding = UTF8BOM
	case !validUTF8Prefix(head):
		out.Encoding = Windows1252
		src = transform.NewReader(br, charmap.Windows1252.NewDecoder())
	}
	out.Delimiter = SniffDelimiter(head)
	out.Reader = src
	return out
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
