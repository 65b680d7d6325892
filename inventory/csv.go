package inventory

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// ReadCSV reads an inventory exported as CSV: UTF-8 with or without a BOM
// or Windows-1252 (Finnish Excel's "CSV (semicolon delimited)"), with ';',
// ',' or tab between fields. The header is found exactly as in a workbook
// sheet, so title lines above it are fine. A file name that is a service
// task ("lastensuojelu.csv") gives the task to rows that have none.
//
// The shape is not fixed (columns are found by header meaning), so the
// rows go through encoding/csv rather than gocsv.
func ReadCSV(r io.Reader, name string, cat *sosmeta.Catalogue, opts Options) (*Inventory, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, _ := br.Peek(sniffSize) // short reads are fine
	tr := textio.Open(br)
	comma := tr.Delimiter
	if delim, ok := sniffTitledDelimiter(head); ok {
		comma = delim
	}
	// LazyQuotes (in Records): Excel-made files have stray quotes in cells.
	// A stray quote that opens a field swallowing later lines is Broken.
	cr := textio.NewRecords(tr, comma)
	inv := &Inventory{}
	stem := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	p := newSheetReader(cat, &opts, inv, name, "", stem)
	p.csv = true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, unreadable(name, fmt.Errorf("%s CSV: %v", tr.Encoding, err))
		}
		textio.RestoreRecord(rec.Fields)
		if rec.Broken {
			p.swallowed(rec)
			continue
		}
		p.row(rec.Line, rec.Fields, nil)
	}
	t := &p.info.Tally
	t.Encoding, t.Delimiter, t.EncodingLine = tr.Describe()
	t.Delimiter = string(comma)
	p.finish()
	return inv, checkRecognised(inv, name)
}

// sniffSize matches textio's sniffing window.
const sniffSize = 64 << 10

// sniffTitledDelimiter handles a CSV whose first line is a title with no
// delimiter in it ("Nykytilan kartoitus"), where textio, which looks at the
// first line only, would fall back to ','. It picks the delimiter found on
// the most of the first lines; ties go to ';' (Finnish Excel), then tab.
// ok is false when the first line has a delimiter, so textio's choice
// stands.
func sniffTitledDelimiter(head []byte) (rune, bool) {
	lines := bytes.SplitN(head, []byte("\n"), headerScanRows+1)
	if len(lines) < 2 || bytes.ContainsAny(lines[0], ";,\t") {
		return 0, false
	}
	if len(lines) > headerScanRows {
		lines = lines[:headerScanRows] // the last piece may be cut short
	}
	best, bestN := rune(0), 0
	for _, d := range []rune{';', '\t', ','} {
		n := 0
		for _, l := range lines {
			if bytes.ContainsRune(l, d) {
				n++
			}
		}
		if n > bestN {
			best, bestN = d, n
		}
	}
	return best, bestN > 0
}
