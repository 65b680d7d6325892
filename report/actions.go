package report

import (
	"cmp"
	"slices"

	"github.com/kartoitus/kartoitus/finding"
)

// Actor is who acts on a finding. Which rule goes to whom is the tool's
// own convention (no source assigns them), chosen for an onboarding
// project's usual division of work: the records manager owns the TOS/AMS
// and the inventory's register facts, the service lead the documents and
// processes, the system vendor the client system's register data, and
// management the plans, deployment test and organisation data.
type Actor string

const (
	ActorRecords    Actor = "records"
	ActorService    Actor = "service"
	ActorVendor     Actor = "vendor"
	ActorManagement Actor = "management"
)

// Actors are in the order the action list shows them.
var Actors = []Actor{ActorRecords, ActorService, ActorVendor, ActorManagement}

var actorNames = map[Actor]finding.Text{
	ActorRecords:    finding.T("Arkistonmuodostaja ja tiedonhallinta", "Records manager"),
	ActorService:    finding.T("Palveluvastaava", "Service lead"),
	ActorVendor:     finding.T("Järjestelmätoimittaja", "System vendor"),
	ActorManagement: finding.T("Johto ja käyttöönottoprojekti", "Management and the onboarding project"),
}

// Name is the actor's name in the report language.
func (a Actor) Name(l finding.Lang) string { return actorNames[a].In(l) }

// ActorOf is who acts on a rule's findings.
func ActorOf(ruleID string) Actor {
	if len(ruleID) < 3 {
		return ActorRecords
	}
	switch ruleID[:3] {
	case "RET", "TOS", "IGN":
		return ActorRecords
	case "MAP", "COV", "INV":
		return ActorService
	case "EXP", "IDN":
		return ActorVendor
	case "DPT", "PLN":
		return ActorManagement
	case "REG":
		if len(ruleID) >= 4 && ruleID[3] == '1' {
			return ActorRecords // REG1xx: the inventory's register facts
		}
		return ActorVendor
	}
	return ActorRecords
}

// Action is one rule's findings as a thing to do.
type Action struct {
	Rule     finding.Rule
	Count    int // listed and omitted, after suppression
	Severity finding.Severity
	Section  Section
}

// ActionGroup is one actor's actions, worst first.
type ActionGroup struct {
	Actor   Actor
	Actions []Action
	// Errors and Warnings count the group's findings by severity.
	Errors, Warnings, Total int
}

// Actions groups the assessment's findings by who acts, each rule once
// with its count (omitted findings included), errors before warnings
// before notes, then by count. Actors with nothing to do are left out.
func (a *Assessment) Actions() []ActionGroup {
	if a.Result == nil {
		return nil
	}
	rules := map[string]finding.Rule{}
	for _, r := range a.Result.Rules {
		rules[r.ID] = r
	}
	counts := map[string]int{}
	sev := map[string]finding.Severity{}
	for _, f := range a.Result.Findings {
		counts[f.RuleID]++
		if s, ok := sev[f.RuleID]; !ok || f.Severity > s {
			sev[f.RuleID] = f.Severity
		}
	}
	for id, n := range a.Result.Omitted {
		counts[id] += n
		if _, ok := sev[id]; !ok {
			sev[id] = rules[id].Severity
		}
	}
	byActor := map[Actor]*ActionGroup{}
	for id, n := range counts {
		r, ok := rules[id]
		if !ok {
			r = finding.Rule{ID: id, Severity: sev[id]}
		}
		act := ActorOf(id)
		g := byActor[act]
		if g == nil {
			g = &ActionGroup{Actor: act}
			byActor[act] = g
		}
		g.Actions = append(g.Actions, Action{Rule: r, Count: n, Severity: sev[id], Section: a.SectionOf(id)})
		g.Total += n
		switch sev[id] {
		case finding.Error:
			g.Errors += n
		case finding.Warning:
			g.Warnings += n
		}
	}
	var out []ActionGroup
	for _, act := range Actors {
		g := byActor[act]
		if g == nil {
			continue
		}
		slices.SortFunc(g.Actions, func(x, y Action) int {
			return cmp.Or(cmp.Compare(y.Severity, x.Severity), cmp.Compare(y.Count, x.Count), cmp.Compare(x.Rule.ID, y.Rule.ID))
		})
		out = append(out, *g)
	}
	return out
}
