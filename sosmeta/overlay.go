package sosmeta

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus/internal/strictyaml"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Overlay is an organisation's local adjustment of the catalogue: it
// overrides the inferred task and phase defaults, adds local synonyms for
// document and task names, and adds or replaces retention rules (for
// archival decisions such as the 8th/18th/28th-day rule). YAML or JSON:
//
//	tasks:                 # document type → service tasks ("common" = all)
//	  "15012": [older_people, disability]
//	phases:                # document type → phase ID or name
//	  "19007": implementation
//	synonyms:              # local document name → code, OID or national name
//	  PTA: "1019"
//	task_aliases:          # local service-task name → task IDs
//	  Aikuissosiaalityö: [working_age]
//	retention:             # rules added; same id replaces a built-in one
//	  - id: KA-2014-8-18-28
//	    ...
//	archival:              # permanent-retention orders (archival decisions)
//	  - id: KA-2014-KOTIPALVELUT
//	    basis: "AL/20064/07.01.01.03.01/2014"
//	    legacy_tasks: [Kotipalvelut]   # old service-task names, as written
//	    kinds: [Päätös, Suunnitelma]
//	    birth_days: [8, 18, 28]
//	    created_from: 2015-04-01       # documents created in this range
//	    created_to: 2023-12-31
//	retention_horizon: 120 # years from any event of the client's life taken
//	                       # to outlast every annex period (see retention)
type Overlay struct {
	Tasks       map[string][]string `yaml:"tasks" json:"tasks"`
	Phases      map[string]string   `yaml:"phases" json:"phases"`
	Synonyms    map[string]string   `yaml:"synonyms" json:"synonyms"`
	TaskAliases map[string][]string `yaml:"task_aliases" json:"task_aliases"`
	Retention   []RetentionRule     `yaml:"retention" json:"retention"`

	// Archival marks document types that an archival decision
	// (arkistointipäätös) orders kept permanently, optionally only for
	// clients born on given days of the month (the 8/18/28 rule).
	Archival []ArchivalRule `yaml:"archival" json:"archival"`

	// RetentionHorizon replaces the retention analysis's default horizon
	// (years; 0 = not set).
	RetentionHorizon int `yaml:"retention_horizon" json:"retention_horizon"`

	// AuthorityOnly overrides which types only the organising authority
	// writes (true adds a type, false removes one from the curated list).
	AuthorityOnly map[string]bool `yaml:"authority_only" json:"authority_only"`

	path string
}

// ArchivalRule is a permanent-retention order from a National Archives
// decision. The domain notes say the 2014 decision's text was not found:
// organisations state what their decision says.
type ArchivalRule struct {
	ID    string   `yaml:"id" json:"id"`
	Basis string   `yaml:"basis" json:"basis"`
	Tasks []string `yaml:"tasks" json:"tasks,omitempty"`
	// Codes are catalogue keys; Kinds are document kinds (Päätös, Suunnitelma…).
	Codes []string `yaml:"codes" json:"codes,omitempty"`
	Kinds []string `yaml:"kinds" json:"kinds,omitempty"`
	// BirthDays limits the rule to clients born on these days of the month.
	BirthDays []int `yaml:"birth_days" json:"birth_days,omitempty"`
	// LegacyTasks limits the rule to documents an inventory lists under
	// these old (254/2015, 2011, 1989) service-task names, as the archival
	// decisions name them ("Kotipalvelut"); every name must be one of the
	// catalogue's legacy tasks.
	LegacyTasks []string `yaml:"legacy_tasks" json:"legacy_tasks,omitempty"`
	// CreatedFrom and CreatedTo (YYYY-MM-DD, inclusive, either may be
	// empty) limit the rule to documents created in that range. An
	// inventory lists document types, not documents, so a dated rule
	// covers a type in part, like BirthDays.
	CreatedFrom string `yaml:"created_from" json:"created_from,omitempty"`
	CreatedTo   string `yaml:"created_to" json:"created_to,omitempty"`
}

// Partial reports whether the rule keeps only some documents of the types
// it covers (clients born on given days, documents created in a range).
func (a ArchivalRule) Partial() bool {
	return len(a.BirthDays) > 0 || a.CreatedFrom != "" || a.CreatedTo != ""
}

// dateLayout is the overlay's date format.
const dateLayout = "2006-01-02"

// LoadOverlay reads an overlay file. Errors name the file and field.
func LoadOverlay(path string) (*Overlay, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseOverlay(path, b)
}

// ParseOverlay parses overlay content; path is used in messages.
func ParseOverlay(path string, b []byte) (*Overlay, error) {
	var o Overlay
	if err := strictyaml.Decode(path, b, &o); err != nil {
		return nil, err
	}
	o.path = path
	return &o, nil
}

// Apply changes the catalogue in place; call it on a catalogue from Load,
// not on the shared Default. Every reference is checked: an unknown code,
// task or phase is an error naming the file and field.
func (c *Catalogue) Apply(o *Overlay) error {
	if o == nil {
		return nil
	}
	where := func(field, key string) string { return fmt.Sprintf("%s: %s[%q]", o.path, field, key) }
	for _, key := range slices.Sorted(maps.Keys(o.AuthorityOnly)) {
		d := c.Resolve(key)
		if d == nil {
			return fmt.Errorf("%s: unknown document type", where("authority_only", key))
		}
		if o.AuthorityOnly[key] {
			if c.authority == nil {
				c.authority = map[string]string{}
			}
			c.authority[d.Code] = "overlay " + o.path
			delete(c.notAuthority, d.Code)
		} else {
			if c.notAuthority == nil {
				c.notAuthority = map[string]bool{}
			}
			c.notAuthority[d.Code] = true
		}
	}
	for _, key := range slices.Sorted(maps.Keys(o.Tasks)) {
		d := c.Resolve(key)
		if d == nil {
			return fmt.Errorf("%s: unknown document type", where("tasks", key))
		}
		ids := o.Tasks[key]
		if len(ids) == 1 && ids[0] == "common" {
			d.Tasks, d.Common = nil, true
		} else {
			for _, id := range ids {
				if c.Task(id) == nil {
					return fmt.Errorf("%s: unknown service task %q (want one of %s, or common)", where("tasks", key), id, c.taskIDs())
				}
			}
			d.Tasks, d.Common = append([]string(nil), ids...), false
		}
		d.Overridden = appendOnce(d.Overridden, "tasks")
	}
	for _, key := range slices.Sorted(maps.Keys(o.Phases)) {
		d := c.Resolve(key)
		if d == nil {
			return fmt.Errorf("%s: unknown document type", where("phases", key))
		}
		p := c.ResolvePhase(o.Phases[key])
		if p == "" {
			return fmt.Errorf("%s: unknown phase %q", where("phases", key), o.Phases[key])
		}
		d.Phase = p
		d.Overridden = appendOnce(d.Overridden, "phase")
	}
	for _, name := range slices.Sorted(maps.Keys(o.Synonyms)) {
		d := c.Resolve(o.Synonyms[name])
		if d == nil {
			return fmt.Errorf("%s: %q is not a known code, OID or national name", where("synonyms", name), o.Synonyms[name])
		}
		c.Synonyms[textnorm.Fold(name)] = d.Key()
	}
	for _, name := range slices.Sorted(maps.Keys(o.TaskAliases)) {
		for _, id := range o.TaskAliases[name] {
			if c.Task(id) == nil {
				return fmt.Errorf("%s: unknown service task %q (want one of %s)", where("task_aliases", name), id, c.taskIDs())
			}
		}
		c.TaskAliases[textnorm.Fold(name)] = o.TaskAliases[name]
	}
	for i, r := range o.Retention {
		if err := c.checkRule(r); err != nil {
			return fmt.Errorf("%s: retention[%d]: %v", o.path, i, err)
		}
		if r.Basis == "" {
			r.Basis = o.path
		}
		replaced := false
		for j := range c.Retention {
			if c.Retention[j].ID == r.ID {
				c.Retention[j], replaced = r, true
			}
		}
		if !replaced {
			// Overlay rules come first so that RetentionFor, which takes the
			// first match, prefers them over the annex row they refine.
			c.Retention = append([]RetentionRule{r}, c.Retention...)
		}
	}
	for i, a := range o.Archival {
		if a.ID == "" {
			return fmt.Errorf("%s: archival[%d]: field id is required", o.path, i)
		}
		for _, t := range a.Tasks {
			if c.Task(t) == nil {
				return fmt.Errorf("%s: archival[%d] (%s): field tasks: unknown service task %q", o.path, i, a.ID, t)
			}
		}
		for _, k := range a.Codes {
			if c.Resolve(k) == nil && c.ByKey(k) == nil {
				return fmt.Errorf("%s: archival[%d] (%s): field codes: unknown document type %q", o.path, i, a.ID, k)
			}
		}
		for _, day := range a.BirthDays {
			if day < 1 || day > 31 {
				return fmt.Errorf("%s: archival[%d] (%s): field birth_days: %d is not a day of the month", o.path, i, a.ID, day)
			}
		}
		for _, n := range a.LegacyTasks {
			if !c.isLegacyName(n) {
				return fmt.Errorf("%s: archival[%d] (%s): field legacy_tasks: %q is not an old service-task name of the catalogue (see catalog tasks)", o.path, i, a.ID, n)
			}
		}
		var from, to time.Time
		for _, d := range []struct {
			field, v string
			t        *time.Time
		}{{"created_from", a.CreatedFrom, &from}, {"created_to", a.CreatedTo, &to}} {
			if d.v == "" {
				continue
			}
			t, err := time.Parse(dateLayout, d.v)
			if err != nil {
				return fmt.Errorf("%s: archival[%d] (%s): field %s: %q is not a date (want YYYY-MM-DD)", o.path, i, a.ID, d.field, d.v)
			}
			*d.t = t
		}
		if !from.IsZero() && !to.IsZero() && to.Before(from) {
			return fmt.Errorf("%s: archival[%d] (%s): created_to %s is before created_from %s", o.path, i, a.ID, a.CreatedTo, a.CreatedFrom)
		}
		c.Archival = append(c.Archival, a)
	}
	if h := o.RetentionHorizon; h != 0 {
		if h < 1 || h > maxHorizon {
			return fmt.Errorf("%s: retention_horizon: %d (want a number of years from 1 to %d)", o.path, h, maxHorizon)
		}
		c.Horizon = h
	}
	return nil
}

// maxHorizon bounds retention_horizon: a longer one is a typo.
const maxHorizon = 1000

func (c *Catalogue) isLegacyName(n string) bool {
	f := textnorm.Fold(n)
	for _, lt := range c.LegacyTasks {
		if textnorm.Fold(lt.Name) == f {
			return true
		}
	}
	return false
}

// checkRule validates a retention rule's references and values.
func (c *Catalogue) checkRule(r RetentionRule) error {
	if r.ID == "" {
		return errors.New("field id is required")
	}
	if r.Years < Permanent {
		return fmt.Errorf("(%s) field years: %d (want -1 for permanent, or 0 and up)", r.ID, r.Years)
	}
	okStart := false
	for _, s := range StartEvents {
		if s == r.Start {
			okStart = true
		}
	}
	if !okStart {
		names := make([]string, len(StartEvents))
		for i, s := range StartEvents {
			names[i] = string(s)
		}
		return fmt.Errorf("(%s) field start: %q (want one of %s)", r.ID, r.Start, strings.Join(names, ", "))
	}
	for _, t := range r.Tasks {
		if c.Task(t) == nil {
			return fmt.Errorf("(%s) field tasks: unknown service task %q", r.ID, t)
		}
	}
	for _, k := range r.Codes {
		if c.ByKey(k) == nil {
			return fmt.Errorf("(%s) field codes: unknown catalogue key %q", r.ID, k)
		}
	}
	return nil
}

func (c *Catalogue) taskIDs() string {
	ids := make([]string, len(c.Tasks))
	for i, t := range c.Tasks {
		ids[i] = t.ID
	}
	return strings.Join(ids, ", ")
}

func appendOnce(xs []string, s string) []string {
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}
