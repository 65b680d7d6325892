package report

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/kartoitus/kartoitus/finding"
)

// Diff compares two runs by finding fingerprint: a finding whose
// fingerprint is in Old but not New was fixed; one only in New is new.
// Fingerprints name the subject, not row numbers nor the mapping's answer,
// so reordering rows or accepting a mapping changes nothing that stays.
type Diff struct {
	Old       string            `json:"old"`
	New       string            `json:"new"`
	Fixed     []finding.Finding `json:"fixed"`
	Added     []finding.Finding `json:"new_findings"`
	Unchanged int               `json:"unchanged"`
	// ByRule counts fixed and new findings per rule: [fixed, new].
	ByRule map[string][2]int `json:"by_rule"`
}

// Compare builds a Diff.
func Compare(oldName string, old *Result, newName string, cur *Result) *Diff {
	d := &Diff{Old: oldName, New: newName, ByRule: map[string][2]int{}, Fixed: []finding.Finding{}, Added: []finding.Finding{}}
	key := func(f finding.Finding) string { return f.RuleID + "/" + f.Fingerprint }
	oldSet := map[string]int{}
	for _, f := range old.Findings {
		oldSet[key(f)]++
	}
	newSet := map[string]int{}
	for _, f := range cur.Findings {
		newSet[key(f)]++
	}
	for _, f := range old.Findings {
		k := key(f)
		if newSet[k] > 0 {
			newSet[k]--
			d.Unchanged++
			continue
		}
		d.Fixed = append(d.Fixed, f)
		c := d.ByRule[f.RuleID]
		c[0]++
		d.ByRule[f.RuleID] = c
	}
	// Recount: a new finding is one beyond the old multiplicity.
	seen := map[string]int{}
	for _, f := range cur.Findings {
		k := key(f)
		seen[k]++
		if seen[k] <= oldSet[k] {
			continue
		}
		d.Added = append(d.Added, f)
		c := d.ByRule[f.RuleID]
		c[1]++
		d.ByRule[f.RuleID] = c
	}
	finding.Sort(d.Fixed)
	finding.Sort(d.Added)
	return d
}

// ReadResult reads findings.json, or the findings.json inside an
// assessment folder.
func ReadResult(path string) (*Result, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, "findings.json")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: not a kartoitus findings file: %v", path, err)
	}
	if r.Schema != SchemaVersion {
		return nil, fmt.Errorf("%s: field schema: %q, want %q", path, r.Schema, SchemaVersion)
	}
	return &r, nil
}

// WriteDiffTable writes a diff for the console.
func WriteDiffTable(w io.Writer, d *Diff, lang finding.Lang) error {
	fmt.Fprintf(w, tr(lang, "Korjattu %d, uusia %d, ennallaan %d (%s → %s)\n", "Fixed %d, new %d, unchanged %d (%s → %s)\n"),
		len(d.Fixed), len(d.Added), d.Unchanged, d.Old, d.New)
	rules := make([]string, 0, len(d.ByRule))
	for r := range d.ByRule {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	if len(rules) > 0 {
		fmt.Fprintln(w, tr(lang, "\nSÄÄNTÖ  KORJATTU  UUSIA", "\nRULE    FIXED  NEW"))
		for _, r := range rules {
			fmt.Fprintf(w, "%-7s %6d %6d\n", r, d.ByRule[r][0], d.ByRule[r][1])
		}
	}
	section := func(title string, fs []finding.Finding, mark string) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, f := range fs {
			fmt.Fprintf(w, "%s %s %-7s %s: %s\n", mark, severityName(lang, f.Severity), f.RuleID, f.Location.In(lang), oneLine(f.Message.In(lang)))
		}
	}
	section(tr(lang, "Korjatut:", "Fixed:"), d.Fixed, "-")
	section(tr(lang, "Uudet:", "New:"), d.Added, "+")
	return nil
}
