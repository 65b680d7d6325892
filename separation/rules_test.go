package separation

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// csvOf writes a sample as a ';' CSV with the canonical header plus any
// extra columns its rows name.
func csvOf(s sample) string {
	names := append([]string(nil), strings.Split(canonicalHeader, ";")...)
	canon := map[string]bool{}
	for _, n := range names {
		canon[n] = true
	}
	var extra []string
	seen := map[string]bool{}
	for _, r := range s.rows {
		if rr, ok := r.(row); ok {
			for k := range rr {
				if !canon[k] && !seen[k] {
					seen[k] = true
					extra = append(extra, k)
				}
			}
		}
	}
	sort.Strings(extra)
	names = append(names, extra...)
	var b strings.Builder
	b.WriteString(strings.Join(names, ";") + "\n")
	for _, r := range s.rows {
		switch r := r.(type) {
		case raw:
			b.WriteString(string(r) + "\n")
		case row:
			vals := make([]string, len(names))
			for i, n := range names {
				if v, ok := r[n]; ok {
					vals[i] = v
				} else {
					vals[i] = base[n]
				}
			}
			b.WriteString(strings.Join(vals, ";") + "\n")
		}
	}
	return b.String()
}

const canonicalHeader = "document_id;version;client_id;register;controller_id;controller_kind;organiser_id;producer_id;service_unit;basis;service_task;document_type;case_id;author_org;created;status;void_reason;special_content;unit_start;unit_end"

func runCSV(t *testing.T, in string, cfg Config) *Result {
	t.Helper()
	r, err := export.NewCSVReader(strings.NewReader(in), export.Options{Mapping: cfg.Mapping})
	if err != nil {
		t.Fatalf("reader: %v\n%s", err, in)
	}
	if cfg.Catalogue == nil {
		cfg.Catalogue = sosmeta.MustDefault()
	}
	if cfg.MaxPerRule == 0 {
		cfg.MaxPerRule = -1
	}
	res, err := Run(r, cfg)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if !res.Tally.Balanced() {
		t.Errorf("tally not balanced: %+v", res.Tally)
	}
	return res
}

func summary(fs []finding.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+" "+f.Location.String()+": "+f.Message.EN)
	}
	return strings.Join(out, "\n")
}

// TestRuleSamples is the enforced harness: every check must declare good
// and bad samples; each bad sample must still trigger its check and each
// good sample must produce no finding at all.
func TestRuleSamples(t *testing.T) {
	for _, c := range Checks {
		if len(c.good) == 0 || len(c.bad) == 0 {
			t.Errorf("%s has %d good and %d bad samples; it needs both", c.ID, len(c.good), len(c.bad))
		}
		for _, sm := range c.good {
			t.Run(c.ID+"/good/"+sm.note, func(t *testing.T) {
				res := runCSV(t, csvOf(sm), sm.config())
				if len(res.Findings) != 0 {
					t.Errorf("clean sample produced findings:\n%s\n%s", summary(res.Findings), csvOf(sm))
				}
			})
		}
		for _, sm := range c.bad {
			t.Run(c.ID+"/bad/"+sm.note, func(t *testing.T) {
				res := runCSV(t, csvOf(sm), sm.config())
				if res.Counts[c.ID] == 0 {
					t.Errorf("no %s finding; got:\n%s\n%s", c.ID, summary(res.Findings), csvOf(sm))
				}
				for _, f := range res.Findings {
					if f.RuleID == c.ID && (f.Message.FI == "" || f.Message.EN == "" || f.Fingerprint == "") {
						t.Errorf("%s finding lacks a message or fingerprint: %+v", c.ID, f)
					}
				}
			})
		}
	}
}

func TestRulesDeclared(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Checks {
		// A rule of no listed family would sort first in reports.
		if !slices.Contains(families, c.ID[:3]) {
			t.Errorf("%s is of no family in %v", c.ID, families)
		}
		if seen[c.ID] {
			t.Errorf("duplicate rule %s", c.ID)
		}
		seen[c.ID] = true
		if c.Title.FI == "" || c.Title.EN == "" {
			t.Errorf("%s lacks a title in both languages", c.ID)
		}
		if c.Basis == "" && !strings.HasPrefix(c.ID, "EXP") {
			t.Errorf("%s has no basis", c.ID)
		}
	}
}

func (s sample) config() Config {
	cfg := Config{DeploymentTest: !s.prod}
	if s.cfg != nil {
		s.cfg(&cfg)
	}
	return cfg
}

// TestRuleSamplesOwnColumns runs every sample with only the columns
// its check declares (Needs, NeedsAny, the reader's required ones and the
// optional ones that refine a verdict):
// a check that runs must still find its bad samples, so that no check
// reports itself as run while it silently depends on another check's
// columns ("not checked" never shown as clean), and no good sample may
// become a finding of it. A check the reduced export leaves not checked
// must say so.
func TestRuleSamplesOwnColumns(t *testing.T) {
	// Columns read when present to refine a verdict, which no check
	// needs: a sample's point may be in one.
	optional := []string{"service_unit", "version", "status", "void_reason"}
	// Samples whose point is a column their check reads when present.
	reads := map[string]string{"REG031/subcontract without the subcontractor": "author_org"}
	for _, c := range Checks {
		if len(c.Needs)+len(c.NeedsAny) == 0 {
			continue // a check of whatever columns there are (EXP0xx)
		}
		for i, sm := range slices.Concat(c.bad, c.good) {
			bad := i < len(c.bad)
			keep := map[string]bool{}
			for _, f := range slices.Concat(c.Needs, c.NeedsAny, export.Required) {
				keep[f.String()] = true
			}
			for _, n := range append(optional, reads[c.ID+"/"+sm.note]) {
				keep[n] = true
			}
			t.Run(fmt.Sprintf("%s/%v/%s", c.ID, bad, sm.note), func(t *testing.T) {
				in := onlyColumns(csvOf(sm), keep)
				res := runCSV(t, in, sm.config())
				ran := slices.ContainsFunc(res.Rules, func(r finding.Rule) bool { return r.ID == c.ID })
				skipped := slices.ContainsFunc(res.NotChecked, func(n finding.NotChecked) bool { return n.Rule == c.ID })
				switch {
				case ran == skipped:
					t.Fatalf("%s is run %v and not checked %v", c.ID, ran, skipped)
				case bad && ran && res.Counts[c.ID] == 0:
					t.Errorf("%s ran on its own columns but found nothing; got:\n%s\n%s", c.ID, summary(res.Findings), in)
				case !bad && res.Counts[c.ID] > 0:
					t.Errorf("%s flagged a good sample on its own columns:\n%s\n%s", c.ID, summary(res.Findings), in)
				}
			})
		}
	}
}

// onlyColumns keeps the columns of a sample CSV named in keep (extra
// columns a sample adds are kept: they are its point).
func onlyColumns(in string, keep map[string]bool) string {
	lines := strings.Split(strings.TrimSuffix(in, "\n"), "\n")
	canon := map[string]bool{}
	for _, n := range strings.Split(canonicalHeader, ";") {
		canon[n] = true
	}
	head := strings.Split(lines[0], ";")
	var cols []int
	for i, n := range head {
		if keep[n] || !canon[n] {
			cols = append(cols, i)
		}
	}
	var b strings.Builder
	for _, l := range lines {
		f := strings.Split(l, ";")
		var out []string
		for _, i := range cols {
			if i < len(f) {
				out = append(out, f[i])
			}
		}
		b.WriteString(strings.Join(out, ";") + "\n")
	}
	return b.String()
}
