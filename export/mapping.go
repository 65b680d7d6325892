package export

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/kartoitus/kartoitus/internal/strictyaml"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Mapping is a vendor mapping file: which of their columns is which
// canonical field, and how their value codes read.
//
//	# kartoitus register-export mapping
//	columns:
//	  "Asiakirja-ID": document_id
//	  "Sisäinen huomautus": ignore      # ignore (or -) drops a column
//	values:
//	  register: {"SOS": social, "POT": health, "ILM": legacy}
//	  basis: {"OP": purchased, "PS": voucher, "IM": self_paying}
//	  status: {"M": voided}
//	health_document_types: ["HOKE", "Lääkärin lausunto"]
//
// Column names and value keys match exactly first, then folded (case,
// diacritics and punctuation ignored; column names also CamelCase and
// word separators, as textnorm.HeaderKey).
type Mapping struct {
	// Path is where the mapping came from, for messages.
	Path string
	// Columns maps a vendor header to a canonical field, or to ignored.
	Columns map[string]Field
	// Ignored holds vendor headers mapped to "ignore".
	Ignored map[string]bool
	// Values maps, per field, a vendor value to its canonical value.
	Values map[Field]map[string]string
	// HealthDocumentTypes lists vendor document-type values that are
	// health-care (patient) documents, on top of the built-in recognition.
	HealthDocumentTypes []string

	foldedCols   map[string]Field
	foldedIgnore map[string]bool
	foldedValues map[Field]map[string]string
	health       map[string]bool
}

type mappingFile struct {
	Columns             map[string]string            `yaml:"columns"`
	Values              map[string]map[string]string `yaml:"values"`
	HealthDocumentTypes []string                     `yaml:"health_document_types"`
}

// LoadMapping reads a mapping file (YAML or JSON).
func LoadMapping(path string) (*Mapping, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseMapping(path, b)
}

// ParseMapping parses mapping-file content; path is used in messages.
func ParseMapping(path string, b []byte) (*Mapping, error) {
	var f mappingFile
	if err := strictyaml.Decode(path, b, &f); err != nil {
		return nil, err
	}
	m := &Mapping{Path: path, Columns: map[string]Field{}, Ignored: map[string]bool{},
		Values: map[Field]map[string]string{}, HealthDocumentTypes: f.HealthDocumentTypes}
	for _, col := range slices.Sorted(maps.Keys(f.Columns)) {
		target := strings.TrimSpace(f.Columns[col])
		switch strings.ToLower(target) {
		case "ignore", "-", "":
			m.Ignored[col] = true
			continue
		}
		fld, ok := ParseField(target)
		if !ok {
			return nil, fmt.Errorf("%s: columns: %q maps to unknown field %q (want one of %s)", path, col, target, strings.Join(fieldNames[:], ", "))
		}
		m.Columns[col] = fld
	}
	for _, name := range slices.Sorted(maps.Keys(f.Values)) {
		fld, ok := ParseField(name)
		if !ok {
			return nil, fmt.Errorf("%s: values: unknown field %q (want one of %s)", path, name, strings.Join(fieldNames[:], ", "))
		}
		if err := checkValues(fld, f.Values[name]); err != nil {
			return nil, fmt.Errorf("%s: values: %s: %v", path, name, err)
		}
		m.Values[fld] = f.Values[name]
	}
	if err := m.index(); err != nil {
		return nil, err
	}
	return m, nil
}

// checkValues refuses mapped values that the rules would not understand,
// so a typo in the mapping file fails loudly instead of turning every row
// into "unrecognised value".
func checkValues(f Field, vals map[string]string) error {
	for _, k := range slices.Sorted(maps.Keys(vals)) {
		v := vals[k]
		var ok bool
		switch f {
		case Basis:
			ok = ParseBasis(v) != BasisUnknown && v != ""
		case Status:
			ok = ParseStatus(v) != StatusUnknown && v != ""
		case ControllerKind:
			ok = ParseControllerKind(v) != KindUnknown && v != ""
		case OrganiserKind:
			ok = ParseOrganiserKind(v) != OrgKindUnknown && v != ""
		default:
			ok = true
		}
		if !ok {
			return fmt.Errorf("%q maps to %q, which is not a %s value", k, v, f)
		}
	}
	return nil
}

// index builds the folded lookups. Two entries that fold to one key
// (textnorm.HeaderKey: "Asiakirja ID" and "AsiakirjaID") but say
// different things are refused: which of them a column meant would be a
// guess.
func (m *Mapping) index() error {
	m.foldedCols = map[string]Field{}
	m.foldedIgnore = map[string]bool{}
	said := map[string]string{} // key → the entry that claimed it
	claim := func(col, what string) error {
		k := textnorm.HeaderKey(col)
		if prev, ok := said[k]; ok && prev != col {
			if (m.Ignored[prev] && what == "ignore") || (!m.Ignored[prev] && what != "ignore" && m.Columns[prev].String() == what) {
				return nil
			}
			return fmt.Errorf("%s: columns: %q and %q name the same column but map it differently; keep one", m.Path, prev, col)
		}
		said[k] = col
		return nil
	}
	for _, c := range slices.Sorted(maps.Keys(m.Columns)) {
		if err := claim(c, m.Columns[c].String()); err != nil {
			return err
		}
		m.foldedCols[textnorm.HeaderKey(c)] = m.Columns[c]
	}
	for _, c := range slices.Sorted(maps.Keys(m.Ignored)) {
		if err := claim(c, "ignore"); err != nil {
			return err
		}
		m.foldedIgnore[textnorm.HeaderKey(c)] = true
	}
	m.foldedValues = map[Field]map[string]string{}
	for f, vals := range m.Values {
		fm := map[string]string{}
		for k, v := range vals {
			fm[textnorm.Fold(k)] = v
		}
		m.foldedValues[f] = fm
	}
	m.health = map[string]bool{}
	for _, h := range m.HealthDocumentTypes {
		m.health[textnorm.Fold(h)] = true
	}
	return nil
}

// column resolves a header: the mapping file first (exactly as written,
// then by textnorm.HeaderKey), then the built-in names (MatchHeader).
// It returns the field, whether the column is ignored, and whether it was
// found; a nil mapping has only the built-in names.
func (m *Mapping) column(header string) (Field, bool, bool) {
	if m != nil {
		if f, ok := m.Columns[header]; ok {
			return f, false, true
		}
		if m.Ignored[header] {
			return 0, true, true
		}
		k := textnorm.HeaderKey(header)
		if f, ok := m.foldedCols[k]; ok {
			return f, false, true
		}
		if m.foldedIgnore[k] {
			return 0, true, true
		}
	}
	f, ok := MatchHeader(header)
	return f, false, ok
}

// Value maps a vendor value of field f to its canonical value; it returns
// v unchanged when the mapping says nothing about it.
func (m *Mapping) Value(f Field, v string) string {
	if m == nil {
		return v
	}
	vals := m.Values[f]
	if vals == nil {
		return v
	}
	if c, ok := vals[v]; ok {
		return c
	}
	if c, ok := m.foldedValues[f][textnorm.Fold(v)]; ok {
		return c
	}
	return v
}

// HealthDocument reports whether the mapping lists v as a health-care
// document type.
func (m *Mapping) HealthDocument(v string) bool {
	if m == nil || len(m.health) == 0 {
		return false
	}
	return m.health[textnorm.Fold(v)]
}
