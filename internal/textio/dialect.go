package textio

import (
	"fmt"
	"io"
	"strings"
)

// Dialect is how the tool writes a CSV file. Its own readers read either
// (textio.Open detects the byte-order mark and the delimiter, and the
// readers know both header spellings).
type Dialect int

const (
	// ExcelFI is what Finnish Excel opens with a double click, in one
	// column per field: ';' between fields, a UTF-8 byte-order mark, and
	// headers in the report language. The default.
	ExcelFI Dialect = iota
	// RFC4180 is for machines: ',' between fields, no byte-order mark,
	// the English canonical headers whatever the report language.
	RFC4180
)

// DialectHelp is the help text of every --csv-dialect flag.
const DialectHelp = "CSV files written: excel (';', UTF-8 BOM, headers in the report language, for Finnish Excel) or rfc4180 (',', no BOM, English headers, for machines)"

// ParseDialect reads a --csv-dialect value.
func ParseDialect(s string) (Dialect, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "excel", "excel-fi", "fi":
		return ExcelFI, nil
	case "rfc4180", "rfc", "machine":
		return RFC4180, nil
	}
	return ExcelFI, fmt.Errorf("unknown CSV dialect %q (want excel or rfc4180)", s)
}

func (d Dialect) String() string {
	if d == RFC4180 {
		return "rfc4180"
	}
	return "excel"
}

// Canonical reports whether headers are the English canonical ones.
func (d Dialect) Canonical() bool { return d == RFC4180 }

// Writer starts a CSV file in the dialect: the byte-order mark, if any,
// is written at once.
func (d Dialect) Writer(w io.Writer) (*CSVWriter, error) {
	if d == RFC4180 {
		return NewCSVWriter(w, ','), nil
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	return NewCSVWriter(w, ';'), nil
}
