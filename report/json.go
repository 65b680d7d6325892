package report

import (
	"encoding/json"
	"io"
)

// JSON writes the Result as indented JSON (schema SchemaVersion).
type JSON struct{}

func (JSON) Write(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
