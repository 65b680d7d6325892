package retention

import (
	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
)

// Analyzer checks the TOS/AMS against the 703/2023 annex and archival
// decisions; its result carries the TOS draft. It reads the plan from
// Input.TOS (nil: only the inventory's own TOS/AMS columns).
var Analyzer = &analyzer.Analyzer[Options, *Result]{
	Name: "retention",
	Doc: `retention gaps: TOS for electronic records, AMS for paper, against the law's periods

Every inventory document needs a TOS entry (electronic) or an AMS entry
(paper) whose period is at least the 703/2023 annex's, counted from the
annex's start event: a period counted from an earlier event than the
law's is shorter unless permanent or at least the horizon (Options).
Permanent only where an archival decision (overlay archival:) orders it.
Plan entries are matched by national type, local name, Helsinki specifier
or the inventory's TOS/AMS reference. The result carries a TOS draft: one
row per national type and service task.`,
	Rules:    Rules,
	Requires: []analyzer.Node{mapping.Analyzer},
	Run:      run,
}

func run(pass *analyzer.Pass, opts Options) (*Result, error) {
	m, _ := mapping.Analyzer.Result(pass)
	res, fs := AnalyzeWith(pass.Catalogue, pass.Inventory, pass.TOS, m, opts)
	for _, f := range fs {
		pass.Report(f)
	}
	return res, nil
}
