package retention

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

// docKey and taskKey identify the subject of a finding for fingerprints:
// an inventory document by its folded local name and the task it was
// listed under, never by the national type it was mapped to, so accepting
// a mapping leaves the fingerprints of its findings as they were. A plan
// row no document matched is its own subject: its code, else its name,
// and its task.
func (c *docCheck) docKey() string {
	if c.planOnly && c.r.Key != "" {
		return c.r.Key
	}
	return "name:" + textnorm.Fold(c.d.Name)
}

func (c *docCheck) taskKey() string {
	if c.planOnly {
		return c.r.Task
	}
	return c.subjectTask
}

func (c *docCheck) taskName(lang string) string {
	if t := c.a.cat.Task(c.r.Task); t != nil {
		return t.Name(lang)
	}
	return c.r.Task
}

func (c *docCheck) taskNames(ids []string, lang string) string {
	var out []string
	for _, id := range ids {
		if t := c.a.cat.Task(id); t != nil {
			out = append(out, t.Name(lang))
		} else {
			out = append(out, id)
		}
	}
	return strings.Join(out, ", ")
}

// descFI and descEN name the document: local name, national type, task.
// Both are built once per document: a document may reach many entries.
func (c *docCheck) descFI() string {
	if c.fi == "" {
		c.fi = c.desc("fi", "Asiakirja", "palvelutehtävä päätelty")
	}
	return c.fi
}

func (c *docCheck) descEN() string {
	if c.en == "" {
		c.en = c.desc("en", "Document", "service task inferred")
	}
	return c.en
}

func (c *docCheck) desc(lang, word, inferred string) string {
	var parts []string
	if c.dt != nil {
		parts = append(parts, c.dt.Code+" "+c.dt.NameFI)
	}
	if c.r.Task != "" {
		t := c.taskName(lang)
		if c.r.TaskInferred {
			t += " (" + inferred + ")"
		}
		parts = append(parts, t)
	}
	s := word + " " + tos.Quote(c.d.Name)
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, "; ") + ")"
	}
	return s
}

// entryDescFI and entryDescEN name the document and the plan row.
func (c *docCheck) entryDescFI(e tos.Entry) string {
	if c.planOnly {
		return strings.ToUpper(string(e.Kind)) + "-rivi " + tos.Quote(e.Name) + c.planContext("fi", "palvelutehtävä päätelty")
	}
	if e.Source == c.d.Source {
		return c.descFI() + ", kartoituksen säilytysaika"
	}
	return c.descFI() + ", " + strings.ToUpper(string(e.Kind)) + "-rivi " + tos.Quote(e.Name) + entrySource(e, c, "fi")
}

func (c *docCheck) entryDescEN(e tos.Entry) string {
	if c.planOnly {
		return strings.ToUpper(string(e.Kind)) + " entry " + tos.Quote(e.Name) + c.planContext("en", "service task inferred")
	}
	if e.Source == c.d.Source {
		return c.descEN() + ", the inventory's retention"
	}
	return c.descEN() + ", " + strings.ToUpper(string(e.Kind)) + " entry " + tos.Quote(e.Name) + entrySource(e, c, "en")
}

// planContext describes a plan row checked on its own: class, national
// type and service task, and that no inventory document matched it.
func (c *docCheck) planContext(lang, inferred string) string {
	var parts []string
	if c.planClass != "" {
		parts = append(parts, c.planClass)
	}
	if c.dt != nil {
		parts = append(parts, c.dt.Code+" "+c.dt.NameFI)
	}
	if c.r.Task != "" {
		t := c.taskName(lang)
		if c.r.TaskInferred {
			t += " (" + inferred + ")"
		}
		parts = append(parts, t)
	}
	s := ""
	if len(parts) > 0 {
		s = " (" + strings.Join(parts, "; ") + ")"
	}
	if lang == "fi" {
		return s + ", jota mikään kartoituksen asiakirja ei vastaa"
	}
	return s + ", matching no inventory document"
}

func entrySource(e tos.Entry, c *docCheck, lang string) string {
	s := entryContext(e, lang)
	if e.RetentionFromProcess {
		if lang == "fi" {
			s += " (säilytysaika prosessitasolta)"
		} else {
			s += " (period from the process level)"
		}
	}
	return s
}

// entryContext gives an entry's class and task, e.g. " (05 02 03, Lastensuojelu)".
func entryContext(e tos.Entry, lang string) string {
	var parts []string
	if e.Class != "" {
		parts = append(parts, e.Class)
	}
	if e.ServiceTaskRaw != "" {
		parts = append(parts, e.ServiceTaskRaw)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + ident.Redact(strings.Join(parts, ", ")) + ")"
}

// lawText quotes an annex row: the verbatim period, its English gloss, the
// basis and row ID.
func lawText(r *sosmeta.RetentionRule) (fi, en string) {
	fi = fmt.Sprintf("%s (%s, %s)", strconv.Quote(r.Period), r.Basis, r.ID)
	en = fmt.Sprintf("%s (%s; %s, %s)", strconv.Quote(r.Period), glossEN(r), r.Basis, r.ID)
	return fi, en
}

// glossEN renders a rule's period in English.
func glossEN(r *sosmeta.RetentionRule) string {
	switch {
	case r.Years == sosmeta.Permanent:
		return "permanent"
	case r.Start == sosmeta.StartUseEnded:
		return "may be destroyed once no longer needed and recorded in the client documents"
	case r.Start == sosmeta.StartNone:
		return yearsEN(r.Years)
	}
	_, ev := tos.StartLabel(r.Start)
	return yearsEN(r.Years) + " from " + ev
}

func yearsFI(y int) string {
	if y == sosmeta.Permanent {
		return "pysyvä"
	}
	if y == 1 {
		return "1 vuosi"
	}
	return fmt.Sprintf("%d vuotta", y)
}

func yearsEN(y int) string {
	if y == sosmeta.Permanent {
		return "permanent"
	}
	if y == 1 {
		return "1 year"
	}
	return fmt.Sprintf("%d years", y)
}

// splitArchival separates decisions covering every document of a type
// from those limited to clients born on given days (the 8/18/28 rule) or
// to documents created in a date range.
func splitArchival(as []sosmeta.ArchivalRule) (full, partial []sosmeta.ArchivalRule) {
	for _, a := range as {
		if !a.Partial() {
			full = append(full, a)
		} else {
			partial = append(partial, a)
		}
	}
	return full, partial
}

func archivalIDs(as []sosmeta.ArchivalRule) string {
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	return strings.Join(ids, ", ")
}

func birthDays(as []sosmeta.ArchivalRule) []int {
	var days []int
	for _, a := range as {
		days = append(days, a.BirthDays...)
	}
	slices.Sort(days)
	return slices.Compact(days)
}

func dayList(days []int, suffix, and string) string {
	s := make([]string, len(days))
	for i, d := range days {
		s[i] = strconv.Itoa(d) + suffix
	}
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " " + and + " " + s[len(s)-1]
}

func birthDaysFI(as []sosmeta.ArchivalRule) string {
	return "kuukauden " + dayList(birthDays(as), ".", "ja") + " päivänä syntyneistä asiakkaista"
}

func birthDaysEN(as []sosmeta.ArchivalRule) string {
	return "for clients born on day " + dayList(birthDays(as), "", "or") + " of the month"
}

// scopeFI and scopeEN describe which documents partial archival decisions
// keep: the birth days (merged, as the 8/18/28 rule is written), and each
// dated decision's creation-date range.
func scopeFI(as []sosmeta.ArchivalRule) string {
	var days, dated []sosmeta.ArchivalRule
	for _, a := range as {
		if a.CreatedFrom != "" || a.CreatedTo != "" {
			dated = append(dated, a)
		} else if len(a.BirthDays) > 0 {
			days = append(days, a)
		}
	}
	var parts []string
	if len(days) > 0 {
		parts = append(parts, birthDaysFI(days))
	}
	for _, a := range dated {
		s := dateRangeFI(a) + " laadituista asiakirjoista"
		if len(a.BirthDays) > 0 {
			s += " " + birthDaysFI([]sosmeta.ArchivalRule{a})
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " sekä ")
}

func scopeEN(as []sosmeta.ArchivalRule) string {
	var days, dated []sosmeta.ArchivalRule
	for _, a := range as {
		if a.CreatedFrom != "" || a.CreatedTo != "" {
			dated = append(dated, a)
		} else if len(a.BirthDays) > 0 {
			days = append(days, a)
		}
	}
	var parts []string
	if len(days) > 0 {
		parts = append(parts, birthDaysEN(days))
	}
	for _, a := range dated {
		s := "for documents created " + dateRangeEN(a)
		if len(a.BirthDays) > 0 {
			s += " " + birthDaysEN([]sosmeta.ArchivalRule{a})
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", and ")
}

// dateRangeFI writes a decision's creation-date range as a records
// manager does: "1.4.2015–31.12.2023", "1.4.2015 alkaen", "31.12.2023 mennessä".
func dateRangeFI(a sosmeta.ArchivalRule) string {
	from, to := fiDate(a.CreatedFrom), fiDate(a.CreatedTo)
	switch {
	case from != "" && to != "":
		return from + "–" + to
	case from != "":
		return from + " alkaen"
	}
	return to + " mennessä"
}

func dateRangeEN(a sosmeta.ArchivalRule) string {
	switch {
	case a.CreatedFrom != "" && a.CreatedTo != "":
		return a.CreatedFrom + " to " + a.CreatedTo
	case a.CreatedFrom != "":
		return "from " + a.CreatedFrom
	}
	return "up to " + a.CreatedTo
}

// fiDate turns YYYY-MM-DD into d.m.yyyy ("" stays "").
func fiDate(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return fmt.Sprintf("%d.%d.%d", t.Day(), int(t.Month()), t.Year())
}

// mentionsPermanent: the entry's period, basis or start wording says
// something is kept permanently or names the birth days, as a TOS row
// written for the 8/18/28 rule does ("10 v; 8., 18. ja 28. pv syntyneet pysyvästi").
func mentionsPermanent(e tos.Entry) bool {
	f := textnorm.Fold(e.RetentionRaw + " " + e.RetentionBasis + " " + e.RetentionStart)
	return strings.Contains(f, "pysyv") || strings.Contains(f, "permanent") ||
		(strings.Contains(f, "18") && strings.Contains(f, "28"))
}

// archivalBasis: the entry cites an archival decision for keeping longer.
func (c *docCheck) archivalBasis(e tos.Entry) bool {
	if len(c.r.Archival) > 0 {
		return true
	}
	f := textnorm.Fold(e.RetentionBasis)
	return strings.Contains(f, "arkistolaitos") || strings.Contains(f, "kansallisarkisto") ||
		strings.Contains(f, "valtionarkisto") || strings.Contains(f, "arkistointipaatos")
}

// lawBasis is a rule's basis followed by the governing row:
// "703/2023 § 24; 703/2023 liite, R703-07".
func lawBasis(ruleBasis string, law *sosmeta.RetentionRule) string {
	if strings.Contains(ruleBasis, law.Basis) {
		return ruleBasis + ", " + law.ID
	}
	return ruleBasis + "; " + law.Basis + ", " + law.ID
}

func joinBasis(a, b string) string {
	if b == "" || strings.Contains(a, b) {
		return a
	}
	return a + "; " + b
}

// statusOf maps a reported rule to the status it implies.
func statusOf(ruleID string) Status {
	switch ruleID {
	case RuleNoLawRule.ID:
		return StatusNoRule
	case RuleNoTOS.ID, RuleNoAMS.ID, RuleNoRetention.ID:
		return StatusMissing
	case RuleShorter.ID, RuleWrongStart.ID, RulePermanentNotOrdered.ID, RuleArchivalIgnored.ID, RuleLonger.ID:
		return StatusDiffers
	case RuleCannotCompare.ID, RuleLegacyLost.ID:
		// RET013: whether the old task's permanent line still binds is
		// the organisation's to verify.
		return StatusUnverified
	case RuleKeepsOrganisers.ID:
		return StatusOrganiser
	}
	return StatusOK // RET003 (digitisation) is not about the period
}

func worse(a, b Status) Status {
	if b.rank() < a.rank() {
		return b
	}
	return a
}

// ArchivalFor returns the archival decisions (overlay `archival:`) that
// cover a document: every non-empty filter (tasks, legacy task names,
// codes, kinds) must match. taskRaw is the service task as the inventory
// wrote it, for legacy_tasks. A document without a national type matches
// a kinds filter when its local name contains the kind
// ("Huostaanottopäätös" is a Päätös); that is an inference.
func ArchivalFor(cat *sosmeta.Catalogue, dt *sosmeta.DocumentType, localName, task, taskRaw string) []sosmeta.ArchivalRule {
	var out []sosmeta.ArchivalRule
	for _, a := range cat.Archival {
		if len(a.Tasks) > 0 && !slices.Contains(a.Tasks, task) {
			continue
		}
		if len(a.LegacyTasks) > 0 && !slices.ContainsFunc(a.LegacyTasks, func(n string) bool {
			return textnorm.Fold(n) == textnorm.Fold(taskRaw)
		}) {
			continue
		}
		if len(a.Codes) > 0 {
			if dt == nil {
				continue
			}
			ok := false
			for _, k := range a.Codes {
				if k == dt.Key() || k == dt.Code && !dt.IsGroup() {
					ok = true
				} else if r := cat.Resolve(k); r != nil && r.Key() == dt.Key() {
					ok = true
				}
			}
			if !ok {
				continue
			}
		}
		if len(a.Kinds) > 0 {
			ok := false
			for _, k := range a.Kinds {
				fk := textnorm.Fold(k)
				if dt != nil && textnorm.Fold(dt.Kind) == fk {
					ok = true
				} else if dt == nil && fk != "" && strings.Contains(textnorm.Fold(localName), fk) {
					ok = true
				}
			}
			if !ok {
				continue
			}
		}
		out = append(out, a)
	}
	return out
}
