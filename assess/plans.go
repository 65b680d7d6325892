package assess

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus/deploytest"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/onboarding"
	"github.com/kartoitus/kartoitus/report"
)

// fillPlans gives the report the plans the run was asked for: the
// deployment test's pairs (required, recommended, done) and the onboarding
// plan's readiness lines with its timeline. Their findings are already in
// the run (sections deploytest and onboarding); these are the plans.
func (r *Result) fillPlans(a *report.Assessment, l finding.Lang) {
	tr := func(fi, en string) string { return finding.T(fi, en).In(l) }
	if p := r.DeployPlan; p != nil {
		s := &report.PlanSection{Columns: []string{
			tr("Pari", "Pair"), tr("Palvelunjärjestäjä", "Organiser"), tr("Palveluntuottaja", "Producer"),
			tr("Koe", "Test"), tr("Tila", "State"), tr("Perustelu", "Reason"),
		}}
		for _, pp := range p.Pairs {
			s.Rows = append(s.Rows, []string{
				strconv.Itoa(pp.Index), party(pp.Organiser), party(pp.Producer),
				deploytest.RequirementLabel(pp.Requirement, l), deploytest.StateLabel(pp.State, l), pp.Why.In(l),
			})
		}
		a.DeployTest = s
	}
	if p := r.Onboard; p != nil {
		s := &report.PlanSection{Columns: []string{tr("Vaihe", "Step"), tr("Asia", "Item"), tr("Tila", "Status"), tr("Peruste", "Basis")}}
		for _, rd := range p.Readiness {
			item := rd.Title.In(l)
			for _, d := range rd.Details {
				item += " — " + d.In(l)
			}
			s.Rows = append(s.Rows, []string{rd.Step, item, onboarding.ReadinessText(rd.Status, l), rd.Basis})
		}
		var b bytes.Buffer
		if err := onboarding.WriteSVG(&b, p, l); err == nil { // a plan too odd to draw still has its table
			s.SVG = b.String()
		}
		a.Onboarding = s
	}
}

// party names one side of a pair with its system.
func party(p deploytest.Party) string {
	parts := []string{p.Name}
	if p.UnitName != "" {
		parts = append(parts, p.UnitName)
	}
	if p.System != "" {
		parts = append(parts, "("+p.System+")")
	}
	return strings.Join(parts, " ")
}
