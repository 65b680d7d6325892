package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus/internal/textio"
)

// CSV writes one finding per row, message in the Result's language. The
// columns are fixed so spreadsheets and scripts can rely on them.
type CSV struct{}

// CSVHeader is the header row of findings.csv.
var CSVHeader = []string{"rule", "severity", "message", "file", "sheet", "row", "column", "key", "code", "candidates", "service_task", "basis", "fingerprint"}

func (CSV) Write(w io.Writer, r *Result) error {
	cw := textio.NewCSVWriter(w, 0)
	if err := cw.Write(CSVHeader); err != nil {
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
