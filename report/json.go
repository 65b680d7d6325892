package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/kartoitus/kartoitus/finding"
)

// JSON writes the Result as indented JSON (schema SchemaVersion).
type JSON struct{}

// findingsMarker is where the findings go in the Result encoded without
// them: the field is not omitempty, so it is always there.
var findingsMarker = []byte("\n  \"findings\": [],\n")

// Write encodes the Result as json.Encoder with a two-space indent would,
// byte for byte, but the findings one at a time: the whole of a 5,000-row
// assessment's findings (12 MB) encoded and then indented in one buffer
// spent more time growing buffers than encoding (issue 17).
func (JSON) Write(w io.Writer, r *Result) error {
	if r == nil || len(r.Findings) == 0 {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	rest := *r
	rest.Findings = []finding.Finding{}
	head, err := json.MarshalIndent(&rest, "", "  ")
	if err != nil {
		return err
	}
	i := bytes.Index(head, findingsMarker)
	if i < 0 {
		return fmt.Errorf("report: JSON without its findings field")
	}
	bw := &errWriter{w: w}
	bw.write(head[:i])
	bw.write([]byte("\n  \"findings\": [\n    "))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("    ", "  ")
	for k := range r.Findings {
		buf.Reset()
		if err := enc.Encode(&r.Findings[k]); err != nil {
			return err
		}
		if k > 0 {
			bw.write([]byte(",\n    "))
		}
		bw.write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	bw.write([]byte("\n  ],\n"))
	bw.write(head[i+len(findingsMarker):])
	bw.write([]byte("\n"))
	return bw.err
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}
