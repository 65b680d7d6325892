// Package finding holds the one result type of every analysis: a Finding
// with a rule ID, a severity, a message in Finnish and English, where it
// was found, the legal or catalogue basis, and a content fingerprint.
//
// Rejected input rows are findings too (rule IDs in the INP family), so
// "nothing is lost silently" holds through every report format.
package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// Severity orders findings; --fail-on compares against it.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
	// Never is a --fail-on threshold above every severity: the run reports
	// its findings and exits 0 (a CI job that only collects reports). No
	// finding has it.
	Never
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	case Never:
		return "never"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText writes the lower-case name, so JSON and CSV carry "error".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText accepts the names ParseFailOn accepts (findings.json's
// fail_on may be "never").
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseFailOn(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads "info", "warning" or "error" (case-insensitive,
// Finnish "virhe"/"varoitus"/"huomio" accepted for hand-written files).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info", "huomio", "note":
		return Info, nil
	case "warning", "warn", "varoitus":
		return Warning, nil
	case "error", "virhe":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// ParseFailOn reads a --fail-on threshold: a severity, or "never" (also
// "none", "off") for a run that never fails on findings.
func ParseFailOn(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "never", "none", "off", "ei koskaan":
		return Never, nil
	}
	v, err := ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("unknown threshold %q (want error, warning, info or never)", s)
	}
	return v, nil
}

// Lang selects the language of report text.
type Lang string

const (
	FI Lang = "fi"
	EN Lang = "en"
)

// ParseLang accepts fi and en; sv falls back to fi for now.
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "fi", "fin", "suomi":
		return FI, nil
	case "en", "eng", "english":
		return EN, nil
	}
	return "", fmt.Errorf("unsupported language %q (want fi or en)", s)
}

// Text is a message in both report languages.
type Text struct {
	FI string `json:"fi"`
	EN string `json:"en"`
}

// In returns the text in lang, falling back to the other language.
func (t Text) In(l Lang) string {
	if l == EN && t.EN != "" {
		return t.EN
	}
	if t.FI != "" {
		return t.FI
	}
	return t.EN
}

// T builds a Text.
func T(fi, en string) Text { return Text{FI: fi, EN: en} }

// Tf builds a Text from two format strings sharing the same arguments.
// An argument that is itself in both languages (a Text, a Count) is
// written in each string's own language.
func Tf(fi, en string, args ...any) Text {
	if !hasLocalised(args) {
		// The plain forwarding also keeps go vet checking Tf's formats.
		return Text{FI: fmt.Sprintf(fi, args...), EN: fmt.Sprintf(en, args...)}
	}
	return Text{FI: fmt.Sprintf(fi, localArgs(FI, args)...), EN: fmt.Sprintf(en, localArgs(EN, args)...)}
}

func hasLocalised(args []any) bool {
	for _, a := range args {
		if _, ok := a.(localised); ok {
			return true
		}
	}
	return false
}

// localised is an argument written differently per language.
type localised interface{ In(Lang) string }

func localArgs(l Lang, args []any) []any {
	var out []any
	for i, a := range args {
		if x, ok := a.(localised); ok {
			if out == nil {
				out = append([]any(nil), args...)
			}
			out[i] = x.In(l)
		}
	}
	if out == nil {
		return args
	}
	return out
}

// Count is a number and its noun in both languages, for Tf's %s: Finnish
// takes the singular only after 1 ("1 rivi", "2 riviä"), as English does.
type Count struct {
	N                            int
	FIOne, FIMany, ENOne, ENMany string
}

// Rows counts rows: "1 rivi" / "3 riviä", "1 row" / "3 rows".
func Rows(n int) Count { return Count{n, "rivi", "riviä", "row", "rows"} }

// String is the Finnish form (the report default); Tf writes each language.
func (c Count) String() string { return c.In(FI) }

// In writes the count in l.
func (c Count) In(l Lang) string {
	one, many := c.FIOne, c.FIMany
	if l == EN {
		one, many = c.ENOne, c.ENMany
	}
	if c.N == 1 || c.N == -1 {
		return fmt.Sprintf("%d %s", c.N, one)
	}
	return fmt.Sprintf("%d %s", c.N, many)
}

// Location says where a finding was made. Inventory rows use File, Sheet,
// Row and Column; register export rows use File, Row (the line) and Key
// (the document id); catalogue-level findings may carry only a Key.
type Location struct {
	File   string `json:"file,omitempty"`
	Sheet  string `json:"sheet,omitempty"`
	Row    int    `json:"row,omitempty"`
	Column string `json:"column,omitempty"`
	Key    string `json:"key,omitempty"`
}

func (l Location) String() string { return l.In(EN) }

// In formats the location with words in the report language.
func (l Location) In(lang Lang) string {
	sheet, row, col := "välilehti", "rivi", "sarake"
	if lang == EN {
		sheet, row, col = "sheet", "row", "column"
	}
	var parts []string
	if l.File != "" {
		parts = append(parts, l.File)
	}
	if l.Sheet != "" {
		parts = append(parts, sheet+" "+l.Sheet)
	}
	if l.Row > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", row, l.Row))
	}
	if l.Column != "" {
		parts = append(parts, col+" "+l.Column)
	}
	if l.Key != "" {
		parts = append(parts, l.Key)
	}
	return strings.Join(parts, ", ")
}

// Rule describes one check. Every analysis and every row rule declares its
// rules as values, so reports can list them and tests can walk them.
type Rule struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Title    Text     `json:"title"`
	// Basis is the law section or catalogue reference the rule rests on,
	// e.g. "703/2023 § 46" or "Sosmeta 1.2.246.537.6.1506".
	Basis string `json:"basis,omitempty"`
	// Inferred marks rules whose basis is an inference in the domain notes
	// rather than confirmed text; reports say so.
	Inferred bool `json:"inferred,omitempty"`
	// Samples are the rule's good and bad examples (not reported).
	Samples Samples `json:"-"`
}

// Finding is one result.
type Finding struct {
	RuleID   string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  Text     `json:"message"`
	Location Location `json:"location"`
	Basis    string   `json:"basis,omitempty"`
	// Code is the national document type code the finding concerns, if any.
	Code string `json:"code,omitempty"`
	// Candidates are the codes offered, best first, when the finding is
	// about a type not yet decided (MAP002): an offer, so not in Code.
	Candidates []string `json:"candidates,omitempty"`
	// ServiceTask is the service task ID the finding concerns, if any.
	ServiceTask string `json:"service_task,omitempty"`
	// Fingerprint identifies the finding by content, not position, so
	// ignore entries survive rows being reordered.
	Fingerprint string `json:"fingerprint"`
}

// New builds a finding from a rule: severity and basis come from the rule,
// the fingerprint from the rule ID and the given content keys.
func New(r Rule, msg Text, loc Location, keys ...string) Finding {
	return Finding{
		RuleID:      r.ID,
		Severity:    r.Severity,
		Message:     msg,
		Location:    loc,
		Basis:       r.Basis,
		Fingerprint: Fingerprint(r.ID, keys...),
	}
}

// Fingerprint hashes the rule ID and content keys. Keys name the finding's
// subject (a normalised document name and its listed task, a record key, a
// register, a plan row, a type missing from a task), never a row number and
// never the analysis' current answer (the type a document was mapped to,
// candidates, scores, counts): those change when a mapping is accepted,
// and a finding that stays would then diff as fixed plus new and escape
// its ignore entry. Personal identifiers must be masked or hashed before
// they reach here: the fingerprint is printed.
func Fingerprint(ruleID string, keys ...string) string {
	h := sha256.New()
	h.Write([]byte(ruleID))
	for _, k := range keys {
		h.Write([]byte{0})
		h.Write([]byte(k))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Max returns the highest severity among fs, and false if fs is empty.
func Max(fs []Finding) (Severity, bool) {
	if len(fs) == 0 {
		return Info, false
	}
	m := fs[0].Severity
	for _, f := range fs[1:] {
		if f.Severity > m {
			m = f.Severity
		}
	}
	return m, true
}

// AtOrAbove counts findings at or above s.
func AtOrAbove(fs []Finding, s Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity >= s {
			n++
		}
	}
	return n
}

// Sort orders findings for stable output: severity (highest first), rule,
// file, sheet, row, key, fingerprint.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Location.File != b.Location.File {
			return a.Location.File < b.Location.File
		}
		if a.Location.Sheet != b.Location.Sheet {
			return a.Location.Sheet < b.Location.Sheet
		}
		if a.Location.Row != b.Location.Row {
			return a.Location.Row < b.Location.Row
		}
		if a.Location.Key != b.Location.Key {
			return a.Location.Key < b.Location.Key
		}
		return a.Fingerprint < b.Fingerprint
	})
}

// Tally accounts for one input: every row read is accepted, rejected (with
// a finding) or skipped as blank/instruction. Accepted+Rejected+Skipped
// must equal Read.
type Tally struct {
	Source   string `json:"source"`
	Read     int    `json:"read"`
	Accepted int    `json:"accepted"`
	Rejected int    `json:"rejected"`
	Skipped  int    `json:"skipped"`
	// Encoding and Delimiter are what a text input was read as (utf-8,
	// utf-8-bom, windows-1252, utf-16le, utf-16be, or utf-8+windows-1252
	// when its lines mix both); empty for workbooks. EncodingLine is the
	// first line read in another encoding than the file began with.
	Encoding     string `json:"encoding,omitempty"`
	Delimiter    string `json:"delimiter,omitempty"`
	EncodingLine int    `json:"encoding_line,omitempty"`
}

// Balanced reports whether every row is accounted for.
func (t Tally) Balanced() bool { return t.Read == t.Accepted+t.Rejected+t.Skipped }
