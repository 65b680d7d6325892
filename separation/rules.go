package separation

import (
	"cmp"
	"slices"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
)

// Check is one rule of the gate: the finding.Rule it reports, the optional
// columns it needs, the logic that makes its findings and the samples that
// prove it, declared together in its family's file (rules_exp.go,
// rules_reg00x.go … rules_idn.go). A check whose columns are absent does
// not run and is reported as not checked, never as clean; the gate decides
// once per run which checks run, so a disabled check costs nothing per row.
type Check struct {
	finding.Rule
	// Needs lists optional columns that must all be present.
	Needs []export.Field
	// NeedsAny lists columns of which at least one must be present.
	NeedsAny []export.Field
	// Mode limits a check to deployment-test runs (+1) or to production
	// runs (-1); 0 runs always.
	Mode int
	// Setting names what the check needs from the configuration beyond
	// columns (e.g. "--profile"); configured says whether a run has it.
	// Without it the check is not checked, like a missing column.
	Setting    string
	configured func(cfg *Config) bool

	// The check's logic, in one or more of these hooks. A hook gets its
	// own check (a declaration cannot name itself: initialization cycle).
	// admit sees every readable row first; false rejects the row unjudged.
	admit func(g *gate, c *Check, rec *export.Record) bool
	// unreadable sees every row the reader could not use.
	unreadable func(g *gate, c *Check, e *export.RowError)
	// judge sees the resolved facts of every accepted row the check's
	// when admits (when.go; none: every row).
	judge func(g *gate, c *Check, f *facts)
	when  []cond
	// crossRow: judge reads or changes state that spans rows (the use
	// right's windows and candidates), so it runs on the gate's own
	// goroutine in file order. Other judges are functions of the row's
	// facts and also run on parser goroutines (probe, run.go).
	crossRow bool
	// finish runs after the last row: cross-row judgements.
	finish func(g *gate, c *Check)

	// good samples must produce no finding at all; each bad sample must
	// produce a finding of this check (rules_test.go runs them all).
	good, bad []sample

	// idx is the check's position in Checks (per-run state is a slice).
	idx int
}

// Checks lists every check of the gate in report order: by family (the
// order of families), then by ID. The family files add to it with
// register, so a new rule is one declaration.
var Checks []*Check

// families orders the rule families in reports.
var families = []string{"EXP", "REG", "IDN"}

// register adds a check to Checks.
func register(c *Check) *Check {
	Checks = append(Checks, c)
	return c
}

func init() {
	slices.SortFunc(Checks, func(a, b *Check) int {
		return cmp.Or(cmp.Compare(slices.Index(families, a.ID[:3]), slices.Index(families, b.ID[:3])), cmp.Compare(a.ID, b.ID))
	})
	// A probe's hits are one bit per check (gate.hits).
	if len(Checks) > 64 {
		panic("separation: more than 64 checks: widen gate.hits")
	}
	for i, c := range Checks {
		c.idx = i
	}
}

// Rules returns the finding.Rule of every check.
func Rules() []finding.Rule {
	out := make([]finding.Rule, len(Checks))
	for i, c := range Checks {
		out[i] = c.Rule
	}
	return out
}

// Basis strings used by several rules.
const (
	basisSeparation = "703/2023 § 18"
	basisController = "703/2023 § 13"
	basisOnBehalf   = "703/2023 §§ 13–14; 569/2009 § 11 (601/2022)"
	basisUseRight   = "703/2023 § 14; Kanta: sosiaalihuollon rekisterinkäyttöoikeus; Sosmeta 1.2.246.537.6.1505.1"
	basisSection37  = "703/2023 § 37"
	basisHetu       = "661/2009 § 11; VNA 128/2010 § 2 (690/2022)"
	basisOrgID      = "JHS 159; THL SOTE-organisaatiorekisteri 1.2.246.537.6.202"
)

// missing returns the columns c needs that h lacks (for NeedsAny: all of
// them when none is present).
func (c *Check) missing(h *export.Header) []export.Field {
	out := h.Missing(c.Needs...)
	if len(c.NeedsAny) > 0 && len(h.Missing(c.NeedsAny...)) == len(c.NeedsAny) {
		out = append(out, c.NeedsAny...)
	}
	return out
}
