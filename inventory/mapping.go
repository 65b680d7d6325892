package inventory

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gocarina/gocsv"

	"github.com/kartoitus/kartoitus/internal/strictyaml"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Mapping tells the reader what headers that no synonym catches hold:
// header text → field. Headers are compared folded (textnorm.FoldHeader),
// so case, diacritics, numbering and line breaks need not match exactly.
// Entries win over the synonym table.
//
// A mapping file is YAML or JSON:
//
//	columns:
//	  "Asiakirjan nimi (Effica)": name
//	  "Järj.": system
//	  "Vastuuhenkilö": ignore
//
// (the "columns:" level is optional), or a CSV with the columns
// header,field (otsikko,kenttä in Finnish).
type Mapping struct {
	// Source is the file the mapping came from.
	Source  string
	entries map[string]Field
	headers map[string]string // folded → as written, for messages
	used    map[string]bool
}

// NewMapping builds a mapping from header → field name pairs.
func NewMapping(pairs map[string]string) (*Mapping, error) {
	m := &Mapping{entries: map[string]Field{}, headers: map[string]string{}, used: map[string]bool{}}
	keys := make([]string, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, h := range keys {
		if err := m.add(h, pairs[h]); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *Mapping) add(header, field string) error {
	key := textnorm.FoldHeader(header)
	if key == "" {
		key = textnorm.Fold(header)
	}
	if key == "" {
		return fmt.Errorf("mapping entry with an empty header (field %q)", field)
	}
	f, err := ParseField(field)
	if err != nil {
		return fmt.Errorf("header %q: %v", header, err)
	}
	if old, ok := m.entries[key]; ok && old != f {
		return fmt.Errorf("header %q is mapped twice (%s and %s)", header, old, f)
	}
	m.entries[key] = f
	m.headers[key] = header
	return nil
}

// lookup is nil-safe and records which entries were used.
func (m *Mapping) lookup(header string) (Field, bool) {
	if m == nil || len(m.entries) == 0 {
		return FieldNone, false
	}
	key := textnorm.FoldHeader(header)
	if key == "" {
		key = textnorm.Fold(header)
	}
	f, ok := m.entries[key]
	if ok {
		m.used[key] = true
	}
	return f, ok
}

// Len is the number of entries.
func (m *Mapping) Len() int {
	if m == nil {
		return 0
	}
	return len(m.entries)
}

// Unused lists the headers of entries no column matched so far, so a
// misspelt mapping does not go unnoticed.
func (m *Mapping) Unused() []string {
	if m == nil {
		return nil
	}
	var out []string
	for k, h := range m.headers {
		if !m.used[k] {
			out = append(out, h)
		}
	}
	sort.Strings(out)
	return out
}

// LoadMapping reads a mapping file: .csv/.tsv/.txt as CSV, anything else
// as YAML (which includes JSON).
func LoadMapping(path string) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := ParseMapping(path, data)
	if err != nil {
		return nil, fmt.Errorf("column mapping %s: %v", path, err)
	}
	return m, nil
}

// ParseMapping parses mapping file content; name decides the format.
func ParseMapping(name string, data []byte) (*Mapping, error) {
	var (
		m   *Mapping
		err error
	)
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		m, err = parseMappingCSV(data)
	default:
		m, err = parseMappingYAML(data)
	}
	if err != nil {
		return nil, err
	}
	if m.Len() == 0 {
		return nil, fmt.Errorf("no entries (want header: field pairs)")
	}
	m.Source = name
	return m, nil
}

func parseMappingYAML(data []byte) (*Mapping, error) {
	doc, err := strictyaml.Parse(data)
	if err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("empty file")
	}
	root := doc.Content[0]
	if root.Kind != strictyaml.MappingNode {
		return nil, fmt.Errorf("want a mapping of header: field (line %d)", root.Line)
	}
	// The "columns:" level is optional.
	if len(root.Content) == 2 && textnorm.Fold(root.Content[0].Value) == "columns" && root.Content[1].Kind == strictyaml.MappingNode {
		root = root.Content[1]
	}
	m := &Mapping{entries: map[string]Field{}, headers: map[string]string{}, used: map[string]bool{}}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Kind != strictyaml.ScalarNode {
			return nil, fmt.Errorf("line %d: the field of %q must be a name such as name or service_task", v.Line, k.Value)
		}
		if err := m.add(k.Value, v.Value); err != nil {
			return nil, fmt.Errorf("line %d: %v", k.Line, err)
		}
	}
	return m, nil
}

// mappingRow is the fixed shape of a CSV mapping file, the one place gocsv
// fits: two known columns, a handful of rows.
type mappingRow struct {
	Header string `csv:"header,Header,HEADER,otsikko,Otsikko,OTSIKKO"`
	Field  string `csv:"field,Field,FIELD,kenttä,Kenttä,KENTTÄ,kentta"`
}

func parseMappingCSV(data []byte) (*Mapping, error) {
	tr := textio.Open(bytes.NewReader(data))
	cr := csv.NewReader(tr)
	cr.Comma = tr.Delimiter
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	var rows []mappingRow
	if err := gocsv.UnmarshalCSV(cr, &rows); err != nil {
		return nil, err
	}
	m := &Mapping{entries: map[string]Field{}, headers: map[string]string{}, used: map[string]bool{}}
	for i, r := range rows {
		if strings.TrimSpace(r.Header) == "" && strings.TrimSpace(r.Field) == "" {
			continue
		}
		if err := m.add(r.Header, r.Field); err != nil {
			return nil, fmt.Errorf("row %d: %v (the file needs the columns header and field)", i+2, err)
		}
	}
	return m, nil
}
