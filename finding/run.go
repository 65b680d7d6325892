package finding

import "sort"

// Run is what one run of the rules produced, before any report is
// written: the findings kept, those counted but not listed, the rules that
// ran and those that could not, what the ignore file removed, the input
// tallies and the run's named figures. Every analysis stage (inventory
// readers, analyzers, the register gate) yields one; the pipeline merges
// them and a report's envelope carries the merged Run.
type Run struct {
	Inputs   []Tally   `json:"inputs"`
	Findings []Finding `json:"findings"`
	// Suppressed counts findings removed by the ignore file.
	Suppressed int `json:"suppressed"`
	// Rules lists every rule that ran, found something or not, so "clean"
	// is distinguishable from "not checked".
	Rules []Rule `json:"rules"`
	// NotChecked lists rules that could not run on this input because a
	// column they need is absent: never to be read as "clean".
	NotChecked []NotChecked `json:"not_checked,omitempty"`
	// Omitted counts, per rule, findings that were counted but not kept
	// (the gate caps findings per rule on very large inputs). Summaries
	// include them.
	Omitted map[string]int `json:"omitted,omitempty"`
	// Figures are named counts of the run that are not findings, e.g. the
	// register gate's documents and client relationships.
	Figures map[string]int `json:"figures,omitempty"`
}

// NotChecked is a rule that did not run and the columns it lacked.
type NotChecked struct {
	Rule    string   `json:"rule"`
	Title   Text     `json:"title"`
	Missing []string `json:"missing_columns"`
}

// Merge adds o to r.
func (r *Run) Merge(o Run) {
	r.Inputs = append(r.Inputs, o.Inputs...)
	r.Findings = append(r.Findings, o.Findings...)
	r.Suppressed += o.Suppressed
	r.Rules = append(r.Rules, o.Rules...)
	r.NotChecked = append(r.NotChecked, o.NotChecked...)
	for id, n := range o.Omitted {
		if n > 0 {
			if r.Omitted == nil {
				r.Omitted = map[string]int{}
			}
			r.Omitted[id] += n
		}
	}
	for k, v := range o.Figures {
		if r.Figures == nil {
			r.Figures = map[string]int{}
		}
		r.Figures[k] += v
	}
}

// Summary counts findings, listed and omitted.
type Summary struct {
	Total   int            `json:"total"`
	Error   int            `json:"error"`
	Warning int            `json:"warning"`
	Info    int            `json:"info"`
	ByRule  map[string]int `json:"by_rule"`
	// Failed is true when some finding is at or above the fail-on
	// severity.
	Failed bool `json:"failed"`
}

func (s *Summary) add(sev Severity, rule string, n int, failOn Severity) {
	s.Total += n
	switch sev {
	case Error:
		s.Error += n
	case Warning:
		s.Warning += n
	default:
		s.Info += n
	}
	s.ByRule[rule] += n
	if sev >= failOn && n > 0 {
		s.Failed = true
	}
}

// AtOrAbove counts the findings at or above s, omitted ones included.
func (s Summary) AtOrAbove(sev Severity) int {
	n := 0
	if sev <= Error {
		n += s.Error
	}
	if sev <= Warning {
		n += s.Warning
	}
	if sev <= Info {
		n += s.Info
	}
	return n
}

// Summarise counts the findings of fs by severity and rule.
func Summarise(fs []Finding, failOn Severity) Summary {
	s := Summary{ByRule: map[string]int{}}
	for _, f := range fs {
		s.add(f.Severity, f.RuleID, 1, failOn)
	}
	return s
}

// Summary counts the run's findings, the omitted ones included (at their
// rule's severity), against failOn. It is the one computation behind every
// count a report shows and behind the exit code.
func (r Run) Summary(failOn Severity) Summary {
	s := Summarise(r.Findings, failOn)
	if len(r.Omitted) == 0 {
		return s
	}
	sev := map[string]Severity{}
	for _, ru := range r.Rules {
		sev[ru.ID] = ru.Severity
	}
	ids := make([]string, 0, len(r.Omitted))
	for id := range r.Omitted {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s.add(sev[id], id, r.Omitted[id], failOn)
	}
	return s
}

// SortRules returns rules sorted by ID without duplicates.
func SortRules(rs []Rule) []Rule {
	seen := map[string]bool{}
	out := make([]Rule, 0, len(rs))
	for _, r := range rs {
		if seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
