package separation

import "github.com/kartoitus/kartoitus/report"

// Annotate adds to a report what the kept findings alone do not carry: the
// rules that could not run for want of a column (never to be read as
// clean), the findings counted beyond the per-rule cap (so the summary and
// the exit code count them), and the run's figures. Both the registers
// command and the assessment use it, so they agree.
func (res *Result) Annotate(r *report.Result) {
	for _, n := range res.NotChecked {
		nc := report.NotChecked{Rule: n.Rule, Missing: n.Missing}
		for _, c := range Checks {
			if c.ID == n.Rule {
				nc.Title = c.Title
			}
		}
		r.NotChecked = append(r.NotChecked, nc)
	}
	for _, c := range Checks {
		r.AddOmitted(c.Rule, res.Omitted[c.ID])
	}
	if r.Figures == nil {
		r.Figures = map[string]int{}
	}
	st := res.Stats
	r.Figures["export_rows"] = st.Rows
	r.Figures["export_documents"] = st.Documents
	r.Figures["export_producer_documents"] = st.ProducerDocs
	r.Figures["export_client_relationships"] = st.Relationships
	r.Figures["export_test_ids"] = st.TestIDs
}
