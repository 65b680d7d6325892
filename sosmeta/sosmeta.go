// Package sosmeta is the national catalogue: THL's Sosmeta client-document
// types (code system 1.2.246.537.6.1506) and document groups
// (1.2.246.537.6.1505), the current service tasks (palvelutehtävä), the
// general client-process phases, the retention rules of the 703/2023
// annex, and the default document → service task and document → phase
// assignments.
//
// Document types, names and codes are national facts, built from THL's
// export (data/, see data/PROVENANCE.md). The task and phase defaults are
// inferences (Inferred is true on them) and an overlay file overrides them.
package sosmeta

import (
	"sort"
	"strings"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Code systems.
const (
	DocumentTypeOID  = "1.2.246.537.6.1506" // Sosiaalihuolto - Asiakasasiakirjatyyppi
	DocumentGroupOID = "1.2.246.537.6.1505" // Sosiaalihuolto - Asiakirjaryhmä
	ServiceTaskOID   = "1.2.246.537.6.1221" // Sosiaalihuolto - Palvelutehtävä
	PhaseOID         = "1.2.246.537.6.1277" // Sosiaalihuolto - Sosiaalihuollon palveluprosessi
)

// Status of a Sosmeta structure version.
type Status string

const (
	Valid    Status = "Valmis"
	Obsolete Status = "Vanhentunut"
)

// Version is one Sosmeta structure: a document type at one definition date.
type Version struct {
	StructureOID string `json:"structure_oid"`
	CodeSystem   string `json:"code_system_oid"`
	Code         string `json:"code"`
	Date         string `json:"definition_version"` // YYYY-MM-DD
	Status       Status `json:"status"`
	NameFI       string `json:"name_fi"`
	NameSV       string `json:"name_sv"`
	Kind         string `json:"document_type"` // Päätös, Arvio, …
	Author       string `json:"document_author"`
	Subject      string `json:"document_subject"` // subject group
	JSONRoot     string `json:"json_root"`
}

// DocumentType is a national client-document type: its newest valid version
// (or newest obsolete one, when no valid version exists) plus its history
// and the default assignments.
type DocumentType struct {
	Version
	// Current is false when every version of the code is obsolete.
	Current bool `json:"current"`
	// Versions lists all structure versions of the code, newest first.
	Versions []Version `json:"versions,omitempty"`
	// Tasks is the default service-task assignment (IDs). Inferred.
	Tasks []string `json:"tasks,omitempty"`
	// Common is true for documents that belong to every service task.
	Common bool `json:"common,omitempty"`
	// Phase is the default process phase ID. Inferred.
	Phase string `json:"phase"`
	// Overridden lists what an overlay changed ("tasks", "phase").
	Overridden []string `json:"overridden,omitempty"`
}

// IsGroup reports whether the type is a document group (asiakirjaryhmä)
// document such as Asiakkuusasiakirja rather than a client-document type.
func (d *DocumentType) IsGroup() bool { return d.CodeSystem == DocumentGroupOID }

// Key is the catalogue key of the type: the code, prefixed "group:" for
// document-group documents whose codes overlap client-document codes.
func (d *DocumentType) Key() string { return Key(d.CodeSystem, d.Code) }

// Key builds a catalogue key from a code system and code.
func Key(codeSystem, code string) string {
	if codeSystem == DocumentGroupOID {
		return "group:" + code
	}
	return code
}

// Name returns the FI or SV name.
func (d *DocumentType) Name(lang string) string {
	if lang == "sv" && d.NameSV != "" {
		return d.NameSV
	}
	return d.NameFI
}

// BelongsTo reports whether the type is assigned to the service task.
func (d *DocumentType) BelongsTo(task string) bool {
	if d.Common {
		return true
	}
	for _, t := range d.Tasks {
		if t == task {
			return true
		}
	}
	return false
}

// Relationship reports whether the type is the Asiakkuusasiakirja
// (document group 1): it carries the producer unit's client-relationship
// window that grants the register use right (K25; Sosmeta 1505.1).
func (d *DocumentType) Relationship() bool { return d.IsGroup() && d.Code == "1" }

// Narrative reports whether the type is an asiakaskertomus entry, which
// 703/2023 § 46 keeps in the social-welfare client register.
func (d *DocumentType) Narrative() bool { return d.Kind == "Asiakaskertomusmerkintä" }

// Joint reports whether the type is a needs assessment (palvelutarpeen
// arvio) or a client plan (asiakassuunnitelma), which 703/2023 §§ 46–47
// let stand in both the social-welfare and the patient register
// [inferred: recognised by kind and name].
func (d *DocumentType) Joint() bool {
	name := textnorm.Fold(d.NameFI)
	return (d.Kind == "Arvio" && strings.Contains(name, "palvelutarpeen arvio")) ||
		(d.Kind == "Suunnitelma" && strings.Contains(name, "asiakassuunnitelma"))
}

// ServiceTask is one of the seven current service tasks.
type ServiceTask struct {
	ID   string `yaml:"id" json:"id"`
	Code string `yaml:"code" json:"code"` // empty where not confirmed
	FI   string `yaml:"fi" json:"fi"`
	SV   string `yaml:"sv" json:"sv"`
	EN   string `yaml:"en" json:"en"`
	// SVTranslated is true when no source gives the Swedish name: SV is
	// then the tool's own translation, for reading Swedish inventories,
	// not a national name (only 10 Barnskydd and 20 Service för personer
	// med funktionsnedsättning are in a source, Sosmeta 19008).
	SVTranslated bool     `yaml:"sv_translated" json:"sv_translated,omitempty"`
	Synonyms     []string `yaml:"synonyms" json:"synonyms,omitempty"`
}

// Name returns the task name in fi, sv or en.
func (t *ServiceTask) Name(lang string) string {
	switch lang {
	case "en":
		return t.EN
	case "sv":
		return t.SV
	}
	return t.FI
}

// LegacyTask maps an old (254/2015, 2011, 1989) service-task name onto
// current tasks; the first is the default.
type LegacyTask struct {
	Name  string   `yaml:"name" json:"name"`
	Tasks []string `yaml:"tasks" json:"tasks"`
	// Permanent254 is the permanent-retention line the 254/2015 annex gave
	// the task (domain notes §1.3), nil when it gave none. 703/2023 has no
	// such lines; the archival decisions they restated stay in force.
	Permanent254 *LegacyPermanence `yaml:"permanent_254" json:"permanent_254,omitempty"`
}

// LegacyPermanence is one permanent-retention line of the 254/2015 annex:
// which documents (Kinds, empty = all; Codes, catalogue keys) of which
// clients (BirthDays, empty = every client) it kept permanently.
type LegacyPermanence struct {
	Kinds     []string `yaml:"kinds" json:"kinds,omitempty"`
	Codes     []string `yaml:"codes" json:"codes,omitempty"`
	BirthDays []int    `yaml:"birth_days" json:"birth_days,omitempty"`
	// What and WhatEN are the line in words, as the domain notes
	// summarise it.
	What   string `yaml:"what" json:"what"`
	WhatEN string `yaml:"what_en" json:"what_en"`
}

// Phase is a step of the general client process.
type Phase struct {
	ID       string   `yaml:"id" json:"id"`
	FI       string   `yaml:"fi" json:"fi"`
	SV       string   `yaml:"sv" json:"sv"`
	EN       string   `yaml:"en" json:"en"`
	Synonyms []string `yaml:"synonyms" json:"synonyms,omitempty"`
	Order    int      `yaml:"-" json:"order"`
}

// Name returns the phase name in fi, sv or en.
func (p *Phase) Name(lang string) string {
	switch lang {
	case "en":
		return p.EN
	case "sv":
		return p.SV
	}
	return p.FI
}

// Group is a document group (asiakirjaryhmä).
type Group struct {
	Code string `yaml:"code" json:"code"`
	FI   string `yaml:"fi" json:"fi"`
	SV   string `yaml:"sv" json:"sv"`
	EN   string `yaml:"en" json:"en"`
}

// StartEvent is what a retention period runs from.
type StartEvent string

const (
	StartCaseClosed          StartEvent = "case_closed"
	StartLastCaseClosed      StartEvent = "last_case_closed"
	StartClientDeath         StartEvent = "client_death"
	StartChildBirth          StartEvent = "child_birth"
	StartDecisionValidityEnd StartEvent = "decision_validity_end"
	StartMessageDate         StartEvent = "message_date"
	StartDocumentDate        StartEvent = "document_date"
	StartLogEvent            StartEvent = "log_event"
	StartUseEnded            StartEvent = "use_ended"
	// StartNewerVersion is the making of a newer version of the document
	// (R703-15: "edeltävät 12 vuotta uuden version laatimisen jälkeen").
	StartNewerVersion StartEvent = "newer_version"
	StartNone         StartEvent = "none"
)

// StartEvents lists every start event, for validation and docs.
var StartEvents = []StartEvent{StartCaseClosed, StartLastCaseClosed, StartClientDeath, StartChildBirth,
	StartDecisionValidityEnd, StartMessageDate, StartDocumentDate, StartLogEvent, StartUseEnded, StartNewerVersion, StartNone}

// Permanent is the Years value of permanent retention, as in JHS 191 (-1).
const Permanent = -1

// RetentionRule is one row of the 703/2023 annex (or of an archival overlay).
type RetentionRule struct {
	ID string `yaml:"id" json:"id"`
	// Text is the annex row's document group or service task, verbatim.
	Text string `yaml:"text" json:"text"`
	// Period is the annex's retention wording, verbatim.
	Period string     `yaml:"period" json:"period"`
	Years  int        `yaml:"years" json:"years"`
	Start  StartEvent `yaml:"start" json:"start"`
	// Tasks, Codes (catalogue keys such as "group:1") and Subjects say
	// which documents the row governs.
	Tasks    []string `yaml:"tasks" json:"tasks,omitempty"`
	Codes    []string `yaml:"codes" json:"codes,omitempty"`
	Subjects []string `yaml:"subjects" json:"subjects,omitempty"`
	// Names are folded word-prefix patterns ("kopio lausun") that find the
	// annex's document-group rows (tositteet, asiakasmaksupäätökset, …)
	// by a document's local or national name: those groups have no
	// Sosmeta code. Every word of a pattern must begin some word of the
	// name. Inferred; see MatchesName.
	Names []string `yaml:"names" json:"names,omitempty"`
	Note  string   `yaml:"note" json:"note,omitempty"`
	// Basis is the legal source, "703/2023 liite" for the annex.
	Basis string `yaml:"basis" json:"basis"`
	// Also marks a rule that binds alongside the governing row rather
	// than instead of it (Adoptiolaki § 92 next to the annex's family-law
	// row; R703-15's earlier versions next to its newest): it is never the
	// governing row, and a plan must meet both. See AlsoFor.
	Also bool `yaml:"also" json:"also,omitempty"`
	// Versions limits the rule to the newest version of a document
	// ("newest") or to the versions a newer one replaced ("earlier").
	Versions string `yaml:"versions" json:"versions,omitempty"`
}

// Version scopes of RetentionRule.Versions.
const (
	VersionsNewest  = "newest"
	VersionsEarlier = "earlier"
)

// Catalogue is the loaded national catalogue plus any overlay.
type Catalogue struct {
	// Source says where the document types came from.
	Source string

	types    []*DocumentType          // sorted: client types by numeric code, then groups
	byKey    map[string]*DocumentType // "11023", "group:1"
	byOID    map[string]*DocumentType // every structure OID, valid and obsolete
	byName   map[string][]*DocumentType
	byFolded map[string][]*DocumentType

	Tasks       []*ServiceTask
	LegacyTasks []LegacyTask
	Phases      []*Phase
	Groups      []Group
	Retention   []RetentionRule
	// Archival lists permanent-retention orders from overlays.
	Archival []ArchivalRule
	// Horizon is the overlay's retention_horizon (years; 0 = not set):
	// how long a period counted from any event of the client's life must
	// be to be sure to outlast the law's (see analyzer/retention).
	Horizon int
	// Synonyms maps a folded local name to a catalogue key (from overlays).
	Synonyms map[string]string
	// TaskAliases maps a folded local task name to task IDs (from overlays).
	TaskAliases map[string][]string

	taskByFold  map[string][]string
	phaseByFold map[string]string
	// currentTask holds every folded current task ID, name and synonym;
	// legacyByFold a legacy task's index by its folded name (LegacyTask
	// ran over every name for every call: a fifth of a 5,000-row
	// retention analysis).
	currentTask  map[string]bool
	legacyByFold map[string]int
	// authority: codes only the organising authority writes, with why
	// (curated, inferred); an overlay's false entries are in notAuthority.
	authority    map[string]string
	notAuthority map[string]bool
}

// Types returns every document type: current ones and codes that exist only
// as obsolete versions.
func (c *Catalogue) Types() []*DocumentType { return c.types }

// CurrentTypes returns the types with a valid version.
func (c *Catalogue) CurrentTypes() []*DocumentType {
	var out []*DocumentType
	for _, d := range c.types {
		if d.Current {
			out = append(out, d)
		}
	}
	return out
}

// ByKey looks up a type by catalogue key ("11023" or "group:1").
func (c *Catalogue) ByKey(key string) *DocumentType { return c.byKey[key] }

// ByCode looks up a client-document type by its 1506 code, falling back to
// a document group code when no client-document type has it.
func (c *Catalogue) ByCode(code string) *DocumentType {
	code = strings.TrimSpace(code)
	if d := c.byKey[code]; d != nil {
		return d
	}
	return c.byKey["group:"+code]
}

// ByOID looks up a type by any structure OID (valid or obsolete), or by a
// code-system OID plus code ("1.2.246.537.6.1506.11023").
func (c *Catalogue) ByOID(oid string) *DocumentType {
	oid = strings.TrimSpace(strings.TrimPrefix(oid, "urn:oid:"))
	if d := c.byOID[oid]; d != nil {
		return d
	}
	for _, cs := range []string{DocumentTypeOID, DocumentGroupOID} {
		if rest, ok := strings.CutPrefix(oid, cs+"."); ok {
			code, _, _ := strings.Cut(rest, ".")
			if d := c.byKey[Key(cs, code)]; d != nil {
				return d
			}
		}
	}
	return nil
}

// Resolve finds a type by code, OID or exact name (FI or SV, current or
// obsolete), in that order.
func (c *Catalogue) Resolve(s string) *DocumentType {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if strings.HasPrefix(s, "1.2.246.") || strings.HasPrefix(s, "urn:oid:") {
		return c.ByOID(s)
	}
	if d := c.ByCode(s); d != nil {
		return d
	}
	if ds := c.byName[s]; len(ds) == 1 {
		return ds[0]
	}
	if ds := c.byFolded[textnorm.Fold(s)]; len(ds) == 1 {
		return ds[0]
	}
	return nil
}

// ByExactName returns types with exactly this FI or SV name (any version).
func (c *Catalogue) ByExactName(name string) []*DocumentType {
	return c.byName[strings.TrimSpace(name)]
}

// ByFoldedName returns types whose folded FI or SV name (any version)
// equals textnorm.Fold(name).
func (c *Catalogue) ByFoldedName(name string) []*DocumentType {
	return c.byFolded[textnorm.Fold(name)]
}

// Search returns types whose code, OID, or any FI/SV name (current or old)
// contains the query after folding; every word of the query must match.
func (c *Catalogue) Search(q string) []*DocumentType {
	found, matched, total := c.SearchClosest(q)
	if matched < total {
		return nil
	}
	return found
}

// SearchClosest is Search that, when no type has every word, returns the
// types having the most of them (matched of total words), or none when
// that is fewer than half.
func (c *Catalogue) SearchClosest(q string) (found []*DocumentType, matched, total int) {
	words := strings.Fields(textnorm.Fold(q))
	if len(words) == 0 {
		return nil, 0, 0
	}
	for _, d := range c.types {
		hay := d.Code + " " + d.StructureOID + " " + textnorm.Fold(d.Subject) + " " + textnorm.Fold(d.Kind)
		for _, v := range d.Versions {
			hay += " " + v.StructureOID + " " + textnorm.Fold(v.NameFI) + " " + textnorm.Fold(v.NameSV)
		}
		var hayWords []string
		n := 0
		for _, w := range words {
			if strings.Contains(hay, w) {
				n++
				continue
			}
			// Any order and inflected forms: "kuntouttava työtoiminta
			// arvio" finds "Kuntouttavan työtoiminnan arvio".
			if hayWords == nil {
				hayWords = strings.Fields(hay)
			}
			for _, h := range hayWords {
				if textnorm.SameWord(w, h) {
					n++
					break
				}
			}
		}
		switch {
		case n == 0 || n < matched:
		case n > matched:
			found, matched = []*DocumentType{d}, n
		default:
			found = append(found, d)
		}
	}
	if 2*matched < len(words) {
		return nil, 0, len(words) // fewer than half the words: nothing close
	}
	return found, matched, len(words)
}

// Task returns the service task with this ID.
func (c *Catalogue) Task(id string) *ServiceTask {
	for _, t := range c.Tasks {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// ResolveTask maps a service task as written in an inventory (ID, code,
// FI/SV/EN name, synonym, legacy name, local alias) to current task IDs.
// Legacy names may map to several tasks; the first is the default.
func (c *Catalogue) ResolveTask(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	for _, t := range c.Tasks {
		if s == t.ID || (t.Code != "" && s == t.Code) {
			return []string{t.ID}
		}
	}
	f := textnorm.Fold(s)
	if ids := c.TaskAliases[f]; len(ids) > 0 {
		return ids
	}
	return c.taskByFold[f]
}

// Phase returns the phase with this ID.
func (c *Catalogue) Phase(id string) *Phase {
	for _, p := range c.Phases {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// ResolvePhase maps a phase as written (ID, name, synonym, or its 1-based
// order number) to a phase ID, or "".
func (c *Catalogue) ResolvePhase(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, p := range c.Phases {
		if s == p.ID || s == itoa(p.Order) {
			return p.ID
		}
	}
	return c.phaseByFold[textnorm.Fold(s)]
}

// PhaseOrder returns the 1-based order of a phase ID, 0 if unknown.
func (c *Catalogue) PhaseOrder(id string) int {
	if p := c.Phase(id); p != nil {
		return p.Order
	}
	return 0
}

// TypesForTask returns the task-specific (not common) current types
// assigned to a task, sorted by phase order then code.
func (c *Catalogue) TypesForTask(task string) []*DocumentType {
	var out []*DocumentType
	for _, d := range c.types {
		if d.Current && !d.Common && d.BelongsTo(task) {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		oi, oj := c.PhaseOrder(out[i].Phase), c.PhaseOrder(out[j].Phase)
		if oi != oj {
			return oi < oj
		}
		return codeLess(out[i].Code, out[j].Code)
	})
	return out
}

// AuthorityOnly reports whether only the organising authority writes
// documents of the type [inferred]: the curated list, or a Sosmeta
// document_author that names only an authority; an overlay overrides
// either. why says which.
func (c *Catalogue) AuthorityOnly(d *DocumentType) (only bool, why string) {
	if d == nil || d.IsGroup() || c.notAuthority[d.Code] {
		return false, ""
	}
	if w, ok := c.authority[d.Code]; ok {
		return true, w
	}
	if authorAuthority(d.Author) {
		return true, "Sosmeta document_author: " + strings.TrimSpace(d.Author)
	}
	return false, ""
}

// authorAuthority: the author field names an authority and no one else (a
// professional, a unit's director or a private person could be anyone's).
func authorAuthority(a string) bool {
	f := textnorm.Fold(a)
	if f == "" {
		return false
	}
	for _, w := range []string{"ammattihenkilo", "yksityishenkilo", "asiakas", "toimintayksikon", "laakari", "psykologi", "sosiaalityontekija"} {
		if strings.Contains(f, w) {
			return false
		}
	}
	for _, w := range []string{"viranomainen", "lastenvalvoja", "johtoryhma", "asiantuntijaryhma"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// TargetTypes are a task's types the organisation itself writes: all of
// TypesForTask for an authority, without the authority-only ones for a
// producer or a private provider.
func (c *Catalogue) TargetTypes(task string, authority bool) []*DocumentType {
	ts := c.TypesForTask(task)
	if authority {
		return ts
	}
	out := ts[:0:0]
	for _, d := range ts {
		if only, _ := c.AuthorityOnly(d); !only {
			out = append(out, d)
		}
	}
	return out
}

// TaskSource says where a document's service tasks came from.
type TaskSource string

const (
	TaskStated  TaskSource = "stated"  // the inventory row gave it
	TaskNamed   TaskSource = "named"   // read from the document's name ("LS-ilmoitus") [inferred]
	TaskDefault TaskSource = "default" // the national type's default task [inferred]
	TaskNone    TaskSource = ""        // none could be decided
)

// Inferred reports whether the task is the tool's inference, not the
// inventory's statement.
func (s TaskSource) Inferred() bool { return s == TaskNamed || s == TaskDefault }

// TasksOf decides which service tasks a document is counted under: the one
// rule that coverage, the graphs and retention share, so a document never
// counts under one task in one report and another elsewhere. stated are
// the tasks the inventory gave (a legacy name such as "Kotipalvelut"
// resolves to several, default first); t is the mapped national type (nil
// when unmapped); named is a task read from the document's name.
//
// Several stated tasks narrow to those a task-specific type belongs to,
// else the first. With no stated task: the named one, else the type's first
// default task (for types that are not common to every task).
func (c *Catalogue) TasksOf(stated []string, t *DocumentType, named string) ([]string, TaskSource) {
	var known []string
	for _, id := range stated {
		if c.Task(id) != nil {
			known = append(known, id)
		}
	}
	switch {
	case len(known) == 1:
		return known, TaskStated
	case len(known) > 1:
		if t != nil && !t.Common {
			var fit []string
			for _, id := range known {
				if t.BelongsTo(id) {
					fit = append(fit, id)
				}
			}
			if len(fit) > 0 {
				return fit, TaskStated
			}
		}
		return known[:1], TaskStated
	}
	if named != "" && c.Task(named) != nil {
		return []string{named}, TaskNamed
	}
	if t != nil && !t.Common {
		for _, id := range t.Tasks {
			if c.Task(id) != nil {
				return []string{id}, TaskDefault
			}
		}
	}
	return nil, TaskNone
}

// RetentionFor returns the 703/2023 rule governing a document type in a
// service task: the most specific match by code, then subject group, then
// task. ok is false when no annex row covers the pair. Rules marked Also
// never govern (AlsoFor returns them).
func (c *Catalogue) RetentionFor(d *DocumentType, task string) (RetentionRule, bool) {
	if d != nil {
		for _, r := range c.Retention {
			if r.Also {
				continue
			}
			for _, key := range r.Codes {
				if key == d.Key() {
					return r, true
				}
			}
		}
		for _, r := range c.Retention {
			if r.Also {
				continue
			}
			for _, s := range r.Subjects {
				if s == d.Subject {
					return r, true
				}
			}
		}
	}
	for _, r := range c.Retention {
		if r.Also {
			continue
		}
		for _, t := range r.Tasks {
			if t == task {
				return r, true
			}
		}
	}
	return RetentionRule{}, false
}

// AlsoFor returns the rules marked Also that bind a document besides its
// governing row: by the type's code or subject group, by a name pattern
// (local or national name), or by the service task.
func (c *Catalogue) AlsoFor(d *DocumentType, task string, names ...string) []RetentionRule {
	var out []RetentionRule
	for _, r := range c.Retention {
		if !r.Also {
			continue
		}
		if c.ruleCovers(r, d, task, names) {
			out = append(out, r)
		}
	}
	return out
}

func (c *Catalogue) ruleCovers(r RetentionRule, d *DocumentType, task string, names []string) bool {
	if d != nil {
		for _, key := range r.Codes {
			if key == d.Key() {
				return true
			}
		}
		for _, s := range r.Subjects {
			if s == d.Subject {
				return true
			}
		}
	}
	for _, n := range names {
		if r.MatchesName(n) {
			return true
		}
	}
	for _, t := range r.Tasks {
		if t != "" && t == task {
			return true
		}
	}
	return false
}

// LegacyTask returns the old service task a name (as an inventory writes
// it) stands for, but only when the name is not also a current task's
// name, synonym or a local alias: "Kotipalvelut" is old, "Lastensuojelu"
// and "Päihdehuolto" are both and so count as current.
func (c *Catalogue) LegacyTask(name string) (*LegacyTask, bool) {
	f := textnorm.Fold(name)
	if f == "" {
		return nil, false
	}
	if _, ok := c.TaskAliases[f]; ok || c.currentTask[f] {
		return nil, false
	}
	if i, ok := c.legacyByFold[f]; ok {
		return &c.LegacyTasks[i], true
	}
	return nil, false
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// codeLess orders numeric codes numerically.
func codeLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}
