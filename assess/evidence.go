package assess

import (
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/deploytest"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/onboarding"
	"github.com/kartoitus/kartoitus/report"
	"github.com/kartoitus/kartoitus/tos"
)

// Evidence is the onboarding plan's readiness evidence taken from the
// run's own results (Kela's steps 2C from the profile, 2D, 2E and 3C–3E),
// so the plan says what the analyses found rather than what someone
// typed. Parts with no input are left nil ("not known").
func (r *Result) Evidence() *onboarding.Evidence {
	ev := &onboarding.Evidence{Schema: onboarding.EvidenceSchema, Source: "kartoitus assess"}
	if p := r.Profile; p != nil {
		o := &onboarding.OrganisationEvidence{Name: p.Organisation.Name, YTunnus: p.Organisation.YTunnus, OID: p.Organisation.OID}
		for _, u := range p.ServiceUnits {
			o.Units = append(o.Units, onboarding.UnitEvidence{Name: u.Name, OID: u.OID})
		}
		ev.Organisation = o
	}
	if r.Inventory != nil && r.Mapping != nil {
		in := &onboarding.InventoryEvidence{Documents: len(r.Inventory.Documents)}
		for _, t := range r.Inventory.Tallies {
			in.Rejected += t.Rejected
		}
		for i := range r.Inventory.Documents {
			if m := r.Mapping.ByDoc(i); m != nil && m.Key != "" {
				in.Mapped++
			} else if m == nil || m.Method != mapping.MethodLocal && m.Method != mapping.MethodAccepted {
				in.Unmapped++
			}
		}
		if r.Retention != nil {
			for _, d := range r.Retention.Documents {
				doc := &r.Inventory.Documents[d.Doc]
				electronic := doc.Medium == inventory.MediumElectronic || doc.Medium == inventory.MediumBoth
				paper := doc.Medium.Paper()
				hasTOS, hasAMS := false, false
				for _, e := range d.Entries {
					switch e.Kind {
					case tos.TOS:
						hasTOS = true
					case tos.AMS:
						hasAMS = true
					}
				}
				if electronic {
					in.Electronic++
					if hasTOS {
						in.ElectronicInTOS++
					}
				}
				if paper {
					in.Paper++
					if hasAMS {
						in.PaperInAMS++
					}
				}
			}
			for _, f := range r.Run.Findings {
				if r.Sections[f.RuleID] == report.SectionRetention && f.Severity == finding.Error {
					in.RetentionErrors++
				}
			}
		}
		ev.Inventory = in
	}
	if r.Gate != nil {
		g := &onboarding.RegistersEvidence{Rows: r.Gate.Tally.Read, ByRule: map[string]int{}}
		sev := map[string]finding.Severity{}
		for _, ru := range r.Gate.Rules {
			sev[ru.ID] = ru.Severity
		}
		for id, n := range r.Gate.Counts {
			g.ByRule[id] = n
			switch sev[id] {
			case finding.Error:
				g.Errors += n
			case finding.Warning:
				g.Warnings += n
			}
		}
		for _, nc := range r.Gate.NotChecked {
			g.NotChecked = append(g.NotChecked, nc.Rule)
		}
		ev.Registers = g
	}
	if p := r.DeployPlan; p != nil {
		d := &onboarding.DeploymentTestEvidence{}
		for _, pp := range p.Pairs {
			switch pp.Requirement {
			case deploytest.Required:
				d.Required++
			case deploytest.Recommended:
				d.Recommended++
			}
			switch pp.State {
			case deploytest.StateDone:
				d.Done++
			case deploytest.StateFailed:
				d.Failed++
			}
		}
		for _, f := range p.Findings {
			switch f.RuleID {
			case deploytest.RuleConnection.ID, deploytest.RuleOrganiserArchive.ID, deploytest.RuleProducerArchive.ID:
				d.MissingPrerequisites = append(d.MissingPrerequisites, f.Message.In(finding.FI))
			}
		}
		if r.Gate != nil && r.Config.DeploymentTest {
			d.NonTestIDs = r.Gate.Counts["IDN003"]
		}
		ev.DeploymentTest = d
	}
	return ev
}
