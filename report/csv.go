package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus/internal/textio"
)

// CSV writes one finding per row, message in the Result's language. The
// columns are fixed so spreadsheets and scripts can rely on them; the
// dialect (by default Finnish Excel's) decides the delimiter, the
// byte-order mark and whether the headers are in the report language.
type CSV struct {
	Dialect textio.Dialect
}

// CSVHeader is the header row of findings.csv in the rfc4180 dialect;
// csvHeaderKeys label the same columns in the report language.
var CSVHeader = []string{"rule", "severity", "message", "file", "sheet", "row", "column", "key", "code", "candidates", "service_task", "basis", "fingerprint"}

var csvHeaderKeys = []string{"col.rule", "col.severity", "col.message", "col.file", "col.sheet", "col.row", "col.column", "col.key", "col.code", "col.offered",
	"col.task", "col.basis", "col.fingerprint"}

// CSVHeaderIn returns findings.csv's header in a dialect and language.
func CSVHeaderIn(d textio.Dialect, r *Result) []string {
	if d.Canonical() {
		return CSVHeader
	}
	out := make([]string, len(csvHeaderKeys))
	for i, k := range csvHeaderKeys {
		out[i] = ui(r.Lang, k)
	}
	return out
}

func (c CSV) Write(w io.Writer, r *Result) error {
	cw, err := c.Dialect.Writer(w)
	if err != nil {
		return err
	}
	if err := cw.Write(CSVHeaderIn(c.Dialect, r)); err != nil {
		return err
	}
	for _, f := range r.Findings {
		row := ""
		if f.Location.Row > 0 {
			row = strconv.Itoa(f.Location.Row)
		}
		if err := cw.Write([]string{f.RuleID, f.Severity.String(), f.Message.In(r.Lang),
			f.Location.File, f.Location.Sheet, row, f.Location.Column, f.Location.Key,
			f.Code, strings.Join(f.Candidates, " "), f.ServiceTask, f.Basis, f.Fingerprint}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
