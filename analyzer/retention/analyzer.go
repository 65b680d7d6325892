package retention

import (
	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
)

// Analyzer checks the TOS/AMS against the 703/2023 annex and archival
// decisions; its result carries the TOS draft. It reads the plan from
// Input.TOS (nil: only the inventory's own TOS/AMS columns).
var Analyzer = &analyzer.Analyzer[struct{}, *Result]{
	Name: "retention",
	Doc: `retention gaps: TOS for electronic records, AMS for paper, against the law's periods

Every inventory document needs a TOS entry (electronic) or an AMS entry
(paper) whose period is at least the 703/2023 annex's, counted from the
annex's start event; permanent only where an archival decision (overlay
archival:) orders it. Plan entries are matched by national type, local
name, Helsinki specifier or the inventory's TOS/AMS reference. The result
carries a TOS draft: one row per national type and service task.`,
	Rules:    Rules,
	Requires: []analyzer.Node{mapping.Analyzer},
	Run:      run,
}

func run(pass *analyzer.Pass, _ struct{}) (*Result, error) {
	m, _ := mapping.Analyzer.Result(pass)
	res, fs := Analyze(pass.Catalogue, pass.Inventory, pass.TOS, m)
	for _, f := range fs {
		pass.Report(f)
	}
	return res, nil
}
