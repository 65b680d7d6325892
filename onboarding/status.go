package onboarding

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/strictyaml"
	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Entry is one task's row of the status file.
type Entry struct {
	ID       string
	Progress Progress
	Owner    string
	// Date: done → the day it was finished; in progress → the day it
	// started; not started → the planned start (optional).
	Date calendar.Day
	// Duration overrides the catalogue's, in working days (0 = keep).
	Duration int
	Note     string
	Loc      finding.Location
}

// Status is a read status file.
type Status struct {
	Source       string
	Organisation string
	// GoLive and JoinedBefore may come from a YAML status file; flags
	// win over them.
	GoLive       calendar.Day
	JoinedBefore *bool
	// DaysOff are the organisation's own days off (bridge days, a summer
	// closure), added to the calendar.
	DaysOff  []calendar.Day
	Entries  []Entry
	Tally    finding.Tally
	Findings []finding.Finding
}

// ReadStatus reads a status file: YAML (or JSON) or an .xlsx workbook.
func ReadStatus(path string) (*Status, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, ident.Redact(err.Error()))
	}
	name := ident.Redact(path)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return ParseStatusXLSX(name, b)
	case ".yaml", ".yml", ".json":
		return ParseStatusYAML(name, b)
	}
	return nil, fmt.Errorf("%w: %s: a status file is .yaml, .yml, .json or .xlsx", kartoitus.ErrUnreadable, name)
}

// knownID returns the catalogue spelling of id ("2g.sopimus" → "2G.sopimus").
func knownID(id string) (string, bool) {
	id = strings.ReplaceAll(strings.TrimSpace(id), " ", "")
	for _, t := range Catalogue() {
		if strings.EqualFold(t.ID, id) {
			return t.ID, true
		}
	}
	return "", false
}

// parseProgress reads a status value in Finnish or English.
func parseProgress(s string) (Progress, bool) {
	switch textnorm.Fold(s) {
	case "", "not started", "aloittamatta", "ei aloitettu", "todo", "to do", "ei":
		return NotStarted, true
	case "done", "valmis", "tehty", "x", "ok", "complete", "completed", "finished", "klar":
		return Done, true
	case "in progress", "kesken", "kaynnissa", "aloitettu", "started", "ongoing", "tyon alla", "pagaende":
		return InProgress, true
	}
	return "", false
}

// parseWorkdays reads a duration override: a whole number of working days
// (1–400), optionally followed by a unit.
func parseWorkdays(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	num, unit, _ := strings.Cut(s, " ")
	n, err := strconv.Atoi(num)
	if err != nil {
		if f, ferr := strconv.ParseFloat(num, 64); ferr == nil && f == float64(int(f)) {
			n, err = int(f), nil
		}
	}
	if err != nil || n < 1 || n > 400 {
		return 0, fmt.Errorf("%q is not a number of working days (1–400)", s)
	}
	switch textnorm.Fold(unit) {
	case "", "tp", "tpv", "pv", "tyopaiva", "tyopaivaa", "paivaa", "wd", "working days", "working day", "days", "d":
		return n, nil
	}
	return 0, fmt.Errorf("%q: the duration is in working days (write only the number)", s)
}

// statusRow is one row before validation.
type statusRow struct {
	id, status, owner, date, duration, note string
	loc                                     finding.Location
	idCol, statusCol, dateCol, durCol       string
}

// statusBuilder validates rows into a Status.
type statusBuilder struct {
	st   *Status
	seen map[string]finding.Location
}

func (b *statusBuilder) reject(loc finding.Location, col string, msg finding.Text) {
	loc.Column = col
	b.st.Tally.Rejected++
	b.st.Findings = append(b.st.Findings, finding.New(RuleStatusRejected, msg, loc, loc.File, loc.Sheet, strconv.Itoa(loc.Row)))
}

func (b *statusBuilder) add(r statusRow) {
	b.st.Tally.Read++
	id, ok := knownID(r.id)
	if !ok {
		if r.id == "" {
			b.reject(r.loc, r.idCol, finding.T("tehtävän tunnus puuttuu", "no task id"))
		} else {
			b.reject(r.loc, r.idCol, tf("tuntematon tehtävä %q (tunnukset: 1, 2A–2J, 3A–3F, 4 ja alatehtävät kuten 2G.sopimus)",
				"unknown task %q (ids: 1, 2A–2J, 3A–3F, 4 and sub-tasks such as 2G.sopimus)", ident.Redact(r.id)))
		}
		return
	}
	if prev, dup := b.seen[id]; dup {
		b.reject(r.loc, r.idCol, tf("tehtävä %s on jo rivillä %d", "task %s is already on row %d", id, prev.Row))
		return
	}
	p, ok := parseProgress(r.status)
	if !ok {
		b.reject(r.loc, r.statusCol, tf("tila %q ei ole valmis, kesken tai aloittamatta", "status %q is not done, in progress or not started", ident.Redact(r.status)))
		return
	}
	var d calendar.Day
	if r.date != "" {
		v, err := parseDate(r.date)
		if err != nil {
			b.reject(r.loc, r.dateCol, tf("päivämäärä: %s", "date: %s", ident.Redact(err.Error())))
			return
		}
		d = v
	}
	dur, err := parseWorkdays(r.duration)
	if err != nil {
		b.reject(r.loc, r.durCol, tf("kesto: %s", "duration: %s", ident.Redact(err.Error())))
		return
	}
	for _, t := range Catalogue() {
		if t.ID == id && dur > 0 && t.Kind != Work {
			b.reject(r.loc, r.durCol, tf("tehtävällä %s ei ole omaa kestoa (%s)", "task %s has no duration of its own (%s)", id, string(t.Kind)))
			return
		}
	}
	b.seen[id] = r.loc
	b.st.Tally.Accepted++
	b.st.Entries = append(b.st.Entries, Entry{ID: id, Progress: p, Owner: ident.Redact(r.owner), Date: d, Duration: dur,
		Note: ident.Redact(r.note), Loc: r.loc})
}

// yamlStatus is the YAML status file.
type yamlStatus struct {
	Organisation       string      `yaml:"organisation"`
	GoLive             string      `yaml:"go_live"`
	SystemJoinedBefore *bool       `yaml:"system_joined_before"`
	DaysOff            []string    `yaml:"days_off"`
	Tasks              []yamlEntry `yaml:"tasks"`
}

// yamlEntry keeps its line number and refuses unknown keys itself (a
// custom unmarshaller does not inherit the decoder's KnownFields).
type yamlEntry struct {
	line   int
	fields map[string]string
}

var yamlEntryKeys = []string{"id", "status", "owner", "date", "duration", "note"}

func (e *yamlEntry) UnmarshalYAML(n *yaml.Node) error {
	e.line = n.Line
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a task is a mapping (id, status, owner, date, duration, note)", n.Line)
	}
	e.fields = map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		known := false
		for _, key := range yamlEntryKeys {
			if k.Value == key {
				known = true
			}
		}
		if !known {
			return fmt.Errorf("line %d: field %s not found in a task (want %s)", k.Line, ident.Redact(k.Value), strings.Join(yamlEntryKeys, ", "))
		}
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: %s must be a single value", v.Line, k.Value)
		}
		e.fields[k.Value] = v.Value
	}
	return nil
}

// ParseStatusYAML reads a YAML (or JSON) status file.
func ParseStatusYAML(name string, b []byte) (*Status, error) {
	var y yamlStatus
	if err := strictyaml.Decode(name, b, &y); err != nil {
		return nil, fmt.Errorf("%w: %s", kartoitus.ErrUnreadable, ident.Redact(err.Error()))
	}
	st := &Status{Source: name, Organisation: ident.Redact(strings.TrimSpace(y.Organisation)), JoinedBefore: y.SystemJoinedBefore,
		Tally: finding.Tally{Source: name}}
	if y.GoLive != "" {
		d, err := parseDate(y.GoLive)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: go_live: %s", kartoitus.ErrUnreadable, name, ident.Redact(err.Error()))
		}
		st.GoLive = d
	}
	for _, s := range y.DaysOff {
		d, err := parseDate(s)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: days_off: %s", kartoitus.ErrUnreadable, name, ident.Redact(err.Error()))
		}
		st.DaysOff = append(st.DaysOff, d)
	}
	if len(y.Tasks) == 0 {
		return nil, fmt.Errorf("%w: %s: no tasks (a status file lists tasks: id, status, owner, date)", kartoitus.ErrNotRecognised, name)
	}
	bld := &statusBuilder{st: st, seen: map[string]finding.Location{}}
	for _, e := range y.Tasks {
		f := e.fields
		bld.add(statusRow{id: f["id"], status: f["status"], owner: f["owner"], date: f["date"], duration: f["duration"], note: f["note"],
			loc: finding.Location{File: name, Row: e.line}, idCol: "id", statusCol: "status", dateCol: "date", durCol: "duration"})
	}
	return st, nil
}

// statusColumns are the status sheet's headers. The plan's own sheet
// uses the same names for its status columns, so a written plan.xlsx
// reads back as a status file; its planned duration column ("Kesto") is
// not the override ("Oma kesto").
var statusColumns = []column{
	{"id", []string{"Tunnus", "ID", "Vaihe", "Tehtävän tunnus", "Kohta", "Step", "Task id"}},
	{"status", []string{"Tila", "Status", "Tilanne", "State"}},
	{"owner", []string{"Vastuuhenkilö", "Vastuu", "Vastaava", "Omistaja", "Owner", "Responsible"}},
	{"date", []string{"Päivämäärä", "Pvm", "Päiväys", "Date"}},
	{"duration", []string{"Oma kesto", "Oma kesto (työpäivää)", "Own duration", "Duration override"}},
	{"note", []string{"Huomiot", "Huomio", "Lisätiedot", "Kommentti", "Note", "Notes", "Comment"}},
}

// statusFromTable reads one sheet; ok is false when it has no status header.
func statusFromTable(name string, t table) (*Status, bool, error) {
	h, ok := findHeader(t, statusColumns, "id", "status")
	if !ok {
		return nil, false, nil
	}
	src := name + ": " + ident.Redact(t.sheet)
	st := &Status{Source: src, Tally: finding.Tally{Source: src}}
	bld := &statusBuilder{st: st, seen: map[string]finding.Location{}}
	colName := func(k string) string {
		if j, ok := h.col[k]; ok && j < len(t.rows[h.row]) {
			return ident.Redact(strings.TrimSpace(t.rows[h.row][j]))
		}
		return ""
	}
	for i := h.row + 1; i < len(t.rows); i++ {
		row := t.rows[i]
		if blank(row) {
			continue
		}
		bld.add(statusRow{id: h.cell(row, "id"), status: h.cell(row, "status"), owner: h.cell(row, "owner"), date: h.cell(row, "date"),
			duration: h.cell(row, "duration"), note: h.cell(row, "note"),
			loc:   finding.Location{File: name, Sheet: ident.Redact(t.sheet), Row: t.first + i},
			idCol: colName("id"), statusCol: colName("status"), dateCol: colName("date"), durCol: colName("duration")})
	}
	if st.Tally.Read == 0 {
		return nil, true, fmt.Errorf("%w: %s: sheet %q has a status header but no task rows", kartoitus.ErrNotRecognised, name, ident.Redact(t.sheet))
	}
	return st, true, nil
}

// ParseStatusXLSX reads the first sheet of a workbook whose header names a
// task id and a status (the template's Tila sheet, or a written plan).
func ParseStatusXLSX(name string, b []byte) (*Status, error) {
	f, err := openXLSX(name, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tables, err := xlsxTables(name, f)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		st, ok, err := statusFromTable(name, t)
		if ok || err != nil {
			return st, err
		}
	}
	var seen []string
	for _, t := range tables {
		seen = append(seen, fmt.Sprintf("%q: %s", ident.Redact(t.sheet), headersSeen(t)))
	}
	return nil, fmt.Errorf("%w: %s: no sheet has a task id (Tunnus) and a status (Tila) column; seen %s", kartoitus.ErrNotRecognised, name, strings.Join(seen, "; "))
}
