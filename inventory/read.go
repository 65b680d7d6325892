package inventory

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/internal/xlsxguard"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// Options tune a read.
type Options struct {
	// Mapping names columns no synonym catches (see LoadMapping).
	Mapping *Mapping
	// Sheets, when not empty, limits an xlsx read to these sheets (names
	// compared case- and diacritic-insensitively); the rest are reported
	// as filtered.
	Sheets []string
}

// Format of an inventory file.
type Format string

const (
	FormatXLSX Format = "xlsx"
	FormatCSV  Format = "csv"
)

// ReadFile reads an inventory workbook (.xlsx, .xlsm) or CSV (.csv, .tsv,
// .txt). The content decides, not only the extension: a workbook saved
// with a .csv name is still read as a workbook.
//
// The error wraps kartoitus.ErrUnreadable when the file cannot be read,
// and kartoitus.ErrNotRecognised when no sheet has a recognisable header
// or no data rows; the Inventory is returned with the error in the second
// case, so `inventory columns` can still show what was seen.
func ReadFile(path string, cat *sosmeta.Catalogue, opts Options) (*Inventory, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%w: %s is a directory, not an inventory file", kartoitus.ErrUnreadable, path)
	}
	return Read(f, path, cat, opts)
}

// ReadFiles reads several inventories into one. An unreadable file stops
// the read; a file with nothing recognised does not, so every file's
// sheets are reported, and the first such error is returned at the end.
func ReadFiles(paths []string, cat *sosmeta.Catalogue, opts Options) (*Inventory, error) {
	all := &Inventory{}
	var notRecognised error
	for _, p := range paths {
		inv, err := ReadFile(p, cat, opts)
		if inv != nil {
			all.Add(inv)
		}
		switch {
		case err == nil:
		case errors.Is(err, kartoitus.ErrNotRecognised):
			if notRecognised == nil {
				notRecognised = err
			}
		default:
			return all, err
		}
	}
	return all, notRecognised
}

// Add appends another inventory's documents, rejected rows, tallies,
// warnings and sheets.
func (inv *Inventory) Add(o *Inventory) {
	inv.Documents = append(inv.Documents, o.Documents...)
	inv.Rejected = append(inv.Rejected, o.Rejected...)
	inv.Tallies = append(inv.Tallies, o.Tallies...)
	inv.Warnings = append(inv.Warnings, o.Warnings...)
	inv.Sheets = append(inv.Sheets, o.Sheets...)
}

// Read reads an inventory from r; name is the file name used in locations
// and, with the first bytes of the content, decides the format.
func Read(r io.Reader, name string, cat *sosmeta.Catalogue, opts Options) (*Inventory, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(8)
	format, err := sniff(name, head)
	if err != nil {
		return nil, err
	}
	if format == FormatXLSX {
		return ReadXLSX(br, name, cat, opts)
	}
	return ReadCSV(br, name, cat, opts)
}

func sniff(name string, head []byte) (Format, error) {
	isXLSX, err := xlsxguard.Sniff(name, head)
	switch {
	case err != nil:
		return "", err
	case isXLSX:
		return FormatXLSX, nil
	}
	return FormatCSV, nil
}

// sheetWanted applies Options.Sheets.
func (o *Options) sheetWanted(name string) bool {
	if len(o.Sheets) == 0 {
		return true
	}
	f := textnorm.Fold(name)
	for _, s := range o.Sheets {
		if textnorm.Fold(s) == f {
			return true
		}
	}
	return false
}

// instructionSheets are sheet names that hold guidance or value lists,
// never inventory rows (folded).
var instructionSheets = map[string]bool{
	"ohje": true, "ohjeet": true, "ohjeistus": true, "tayttoohje": true, "tayttoohjeet": true, "taytto ohje": true,
	"taytto ohjeet": true, "kayttoohje": true, "kayttoohjeet": true, "lue minut": true, "lueminut": true,
	"koodisto": true, "koodistot": true, "arvolista": true, "arvolistat": true, "listat": true, "valintalistat": true,
	"pudotusvalikot": true, "luokitukset": true, "kansilehti": true,
	"anvisning": true, "anvisningar": true, "instruktioner": true, "kodverk": true, "listor": true,
	"instructions": true, "instruction": true, "readme": true, "read me": true, "help": true, "lists": true,
	"code lists": true, "codes": true, "value lists": true, "cover": true,
	// The organisation profile's sheet (package profile reads it).
	"organisaatioprofiili": true, "organisation profile": true, "organisationsprofil": true,
}

// isInstructionSheet reports whether a sheet is guidance by its name.
func isInstructionSheet(name string) bool {
	f := textnorm.FoldHeader(name)
	if f == "" {
		f = textnorm.Fold(name)
	}
	return instructionSheets[f]
}

// checkRecognised turns "nothing usable in the file" into
// kartoitus.ErrNotRecognised with what was seen.
func checkRecognised(inv *Inventory, name string) error {
	var read []Sheet
	var seen []string
	for _, s := range inv.Sheets {
		switch s.Status {
		case SheetRead:
			read = append(read, s)
		case SheetNoHeader:
			label := "row"
			if s.Name != "" {
				label = fmt.Sprintf("sheet %q row", s.Name)
			}
			seen = append(seen, fmt.Sprintf("%s %d: %s", label, s.SeenRow, quoteList(s.Seen, 12)))
		case SheetInstructions:
			seen = append(seen, fmt.Sprintf("sheet %q skipped as instructions", s.Name))
		case SheetEmpty:
			if s.Name != "" {
				seen = append(seen, fmt.Sprintf("sheet %q empty", s.Name))
			} else {
				seen = append(seen, "no content")
			}
		case SheetFiltered:
			seen = append(seen, fmt.Sprintf("sheet %q not selected", s.Name))
		}
	}
	if len(read) == 0 {
		return fmt.Errorf("%w: %s: no inventory columns recognised (looked for headers such as Palvelutehtävä, Asiakirjan nimi, Valtakunnallinen asiakirjatyyppi in the first %d rows); seen: %s. Map the headers with a --columns file (see 'kartoitus inventory columns')",
			kartoitus.ErrNotRecognised, name, headerScanRows, strings.Join(seen, "; "))
	}
	rows := 0
	for _, s := range read {
		rows += s.Rows.Documents + s.Rows.Rejected
	}
	if rows == 0 {
		var where []string
		for _, s := range read {
			if s.Name != "" {
				where = append(where, fmt.Sprintf("sheet %q header on row %d", s.Name, s.HeaderRow))
			} else {
				where = append(where, fmt.Sprintf("header on row %d", s.HeaderRow))
			}
		}
		return fmt.Errorf("%w: %s: the inventory columns were recognised (%s) but there are no document rows below them",
			kartoitus.ErrNotRecognised, name, strings.Join(where, "; "))
	}
	return nil
}

// unreadable wraps a reader error unless it already carries a sentinel.
func unreadable(name string, err error) error {
	if errors.Is(err, kartoitus.ErrUnreadable) || errors.Is(err, kartoitus.ErrNotRecognised) {
		return err
	}
	return fmt.Errorf("%w: %s: %v", kartoitus.ErrUnreadable, name, err)
}
