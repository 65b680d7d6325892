package report

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/kartoitus/kartoitus/finding"
)

// Helpers shared by the CI formats (SARIF, GitHub annotations, GitLab
// Code Quality, JUnit, Markdown): where a finding is, as a CI system
// wants it.

// filePath is the path of a finding's file as the user gave it (findings
// name files by base name; Result.Paths holds the inputs' paths), with
// forward slashes, so a CI annotation lands on the file in the
// repository. "" when the finding names no file.
func (r *Result) filePath(file string) string {
	if file == "" {
		return ""
	}
	for _, p := range r.Paths {
		if p == file || filepath.Base(p) == file {
			return filepath.ToSlash(p)
		}
	}
	return filepath.ToSlash(file)
}

// primaryPath is the run's first input file, where a finding about the
// whole input (no file of its own) is shown.
func (r *Result) primaryPath() string {
	if len(r.Paths) > 0 {
		return filepath.ToSlash(r.Paths[0])
	}
	return ""
}

// textLine is a finding's line in its file, or 0 when the file is not a
// text file (a workbook's row is not a line) or the finding has no row.
func textLine(l finding.Location) int {
	if l.Row <= 0 || l.Sheet != "" {
		return 0
	}
	switch strings.ToLower(path.Ext(filepath.ToSlash(l.File))) {
	case ".xlsx", ".xlsm", ".xls", ".ods":
		return 0
	}
	return l.Row
}

// where is the part of a location a line number cannot say: the sheet
// and row of a workbook, the column, the record key.
func where(l finding.Location, lang finding.Lang) string {
	rest := l
	rest.File = ""
	if textLine(l) > 0 {
		rest.Row = 0
	}
	return rest.In(lang)
}

// ruleHelp is a rule's help text: its title, the basis it rests on, and
// whether that basis is an inference.
func ruleHelp(ru finding.Rule, lang finding.Lang) string {
	var b strings.Builder
	b.WriteString(ru.Title.In(lang))
	if ru.Basis != "" {
		b.WriteString("\n" + tr(lang, "Peruste: ", "Basis: ") + ru.Basis)
	}
	if ru.Inferred {
		b.WriteString("\n" + tr(lang, "Peruste on päätelmä, ei vahvistettu lähde: tarkista ja ohita tarvittaessa ignore-tiedostolla.",
			"The basis is an inference, not a confirmed source: check it, and ignore the rule with an ignore file if it does not apply."))
	}
	return b.String()
}

// ruleIndex returns the run's rules sorted, with a stub for any rule a
// finding names that was not declared, and each rule's position.
func (r *Result) ruleIndex() ([]finding.Rule, map[string]int) {
	rules := append([]finding.Rule(nil), r.Rules...)
	declared := map[string]bool{}
	for _, ru := range rules {
		declared[ru.ID] = true
	}
	for _, f := range r.Findings {
		if !declared[f.RuleID] {
			declared[f.RuleID] = true
			rules = append(rules, finding.Rule{ID: f.RuleID, Severity: f.Severity, Basis: f.Basis})
		}
	}
	rules = SortRules(rules)
	idx := make(map[string]int, len(rules))
	for i, ru := range rules {
		idx[ru.ID] = i
	}
	return rules, idx
}

// plural picks the Finnish or English form for n: "1 havainto",
// "2 havaintoa"; "1 finding", "2 findings".
func plural(l finding.Lang, n int, fiOne, fiMany, enOne, enMany string) string {
	if n == 1 {
		return tr(l, fiOne, enOne)
	}
	return tr(l, fiMany, enMany)
}

// severityCounts says a summary's counts with plural-aware words:
// "1 virhe, 2 varoitusta, 0 huomiota"; "1 error, 2 warnings, 0 info".
func severityCounts(l finding.Lang, s Summary) string {
	return fmt.Sprintf("%d %s, %d %s, %d %s",
		s.Error, plural(l, s.Error, "virhe", "virhettä", "error", "errors"),
		s.Warning, plural(l, s.Warning, "varoitus", "varoitusta", "warning", "warnings"),
		s.Info, plural(l, s.Info, "huomio", "huomiota", "info", "info"))
}
