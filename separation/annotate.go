package separation

import "github.com/kartoitus/kartoitus/finding"

// Run returns what the gate produced as a finding.Run: besides the kept
// findings, the rules that could not run for want of a column (never to be
// read as clean), the findings counted beyond the per-rule cap (so
// summaries and the exit code count them), and the run's figures. Both the
// registers command and the assessment use it, so they agree.
func (res *Result) Run() finding.Run {
	run := finding.Run{
		Inputs:     []finding.Tally{res.Tally},
		Findings:   res.Findings,
		Suppressed: res.Suppressed,
		Rules:      res.Rules,
		NotChecked: res.NotChecked,
	}
	for _, c := range Checks {
		if n := res.Omitted[c.ID]; n > 0 {
			if run.Omitted == nil {
				run.Omitted = map[string]int{}
			}
			run.Omitted[c.ID] = n
		}
	}
	st := res.Stats
	run.Figures = map[string]int{
		"export_rows":                 st.Rows,
		"export_documents":            st.Documents,
		"export_producer_documents":   st.ProducerDocs,
		"export_client_relationships": st.Relationships,
		"export_test_ids":             st.TestIDs,
	}
	return run
}
