package sosmeta

import (
	"fmt"
	"sort"
)

// Problem is one inconsistency found by Validate.
type Problem struct {
	// Where names the entry: a catalogue key, task ID or rule ID.
	Where string
	// Field is the offending field.
	Field   string
	Message string
	// Warning problems do not make the catalogue unusable.
	Warning bool
}

func (p Problem) String() string {
	level := "error"
	if p.Warning {
		level = "warning"
	}
	return fmt.Sprintf("%s: %s: field %s: %s", level, p.Where, p.Field, p.Message)
}

// Validate checks the catalogue's internal consistency: unique OIDs,
// names present, every current type assigned to a phase and (unless
// common) a service task, retention rules referring to known tasks and
// codes, and every service task governed by a retention rule.
func (c *Catalogue) Validate() []Problem {
	var ps []Problem
	add := func(warn bool, where, field, format string, args ...any) {
		ps = append(ps, Problem{Where: where, Field: field, Message: fmt.Sprintf(format, args...), Warning: warn})
	}
	seenOID := map[string]string{}
	for _, d := range c.types {
		for _, v := range d.Versions {
			if other, ok := seenOID[v.StructureOID]; ok && other != d.Key() {
				add(false, d.Key(), "structure_oid", "%s also belongs to %s", v.StructureOID, other)
			}
			seenOID[v.StructureOID] = d.Key()
			if err := v.check(); err != nil {
				add(false, d.Key(), "version", "%v", err)
			}
		}
		if !d.Current {
			continue
		}
		if d.NameSV == "" {
			add(true, d.Key(), "name_sv", "no Swedish name")
		}
		if d.Phase == "" {
			add(false, d.Key(), "phase", "no default phase for kind %q", d.Kind)
		} else if c.Phase(d.Phase) == nil {
			add(false, d.Key(), "phase", "unknown phase %q", d.Phase)
		}
		if !d.Common && len(d.Tasks) == 0 {
			add(false, d.Key(), "tasks", "no service task for subject group %q", d.Subject)
		}
		for _, t := range d.Tasks {
			if c.Task(t) == nil {
				add(false, d.Key(), "tasks", "unknown service task %q", t)
			}
		}
	}
	ids := map[string]bool{}
	for _, t := range c.Tasks {
		if ids[t.ID] {
			add(false, t.ID, "id", "duplicate service task")
		}
		ids[t.ID] = true
		if t.FI == "" || t.SV == "" || t.EN == "" {
			add(false, t.ID, "name", "service task needs fi, sv and en names")
		}
		if _, ok := c.RetentionFor(nil, t.ID); !ok {
			add(false, t.ID, "retention", "no 703/2023 retention rule for the service task")
		}
	}
	for _, lt := range c.LegacyTasks {
		for _, t := range lt.Tasks {
			if c.Task(t) == nil {
				add(false, "legacy task "+lt.Name, "tasks", "unknown service task %q", t)
			}
		}
	}
	phaseIDs := map[string]bool{}
	for _, p := range c.Phases {
		if phaseIDs[p.ID] {
			add(false, p.ID, "id", "duplicate phase")
		}
		phaseIDs[p.ID] = true
	}
	ruleIDs := map[string]bool{}
	for _, r := range c.Retention {
		if ruleIDs[r.ID] {
			add(false, r.ID, "id", "duplicate retention rule")
		}
		ruleIDs[r.ID] = true
		if err := c.checkRule(r); err != nil {
			add(false, r.ID, "rule", "%v", err)
		}
		if r.Text == "" || r.Period == "" {
			add(false, r.ID, "text", "retention rule needs the annex text and period")
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return !ps[i].Warning && ps[j].Warning })
	return ps
}
