package sosmeta

import (
	"bytes"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/kartoitus/kartoitus/internal/strictyaml"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/internal/textnorm"
)

//go:embed data/sosmeta_asiakirjarakenteet_2025-05-20.csv data/curated.yaml
var embedded embed.FS

// EmbeddedStructuresFile is the name of the embedded THL export.
const EmbeddedStructuresFile = "data/sosmeta_asiakirjarakenteet_2025-05-20.csv"

// StructureColumns is the header of a structures CSV, the format of the
// embedded data and of what `catalog import` writes.
var StructureColumns = []string{"structure_oid", "code_system_oid", "code", "definition_version", "status",
	"name_fi", "name_sv", "document_type", "document_author", "document_subject", "json_root"}

var (
	defaultOnce sync.Once
	defaultCat  *Catalogue
	defaultErr  error
)

// Default returns the embedded catalogue. It is built once; callers that
// apply an overlay must call Load to get their own copy.
func Default() (*Catalogue, error) {
	defaultOnce.Do(func() { defaultCat, defaultErr = Load("") })
	return defaultCat, defaultErr
}

// MustDefault is Default for tests and for code paths where the embedded
// data is known good (it is validated by the package tests).
func MustDefault() *Catalogue {
	c, err := Default()
	if err != nil {
		panic(err)
	}
	return c
}

// Load builds a catalogue. With structuresPath empty it uses the embedded
// THL export; otherwise it reads a structures CSV (as written by
// `catalog import`). The curated facts are always the embedded ones.
func Load(structuresPath string) (*Catalogue, error) {
	var (
		src  = "embedded " + EmbeddedStructuresFile
		data []byte
		err  error
	)
	if structuresPath == "" {
		data, err = embedded.ReadFile(EmbeddedStructuresFile)
	} else {
		src = structuresPath
		data, err = os.ReadFile(structuresPath)
	}
	if err != nil {
		return nil, err
	}
	versions, err := ParseStructures(src, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	cur, err := embedded.ReadFile("data/curated.yaml")
	if err != nil {
		return nil, err
	}
	return Build(src, versions, cur)
}

// ParseStructures reads a structures CSV. Errors name the source, line and
// field.
func ParseStructures(src string, r io.Reader) ([]Version, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty file, want header %s", src, strings.Join(StructureColumns, ","))
		}
		return nil, fmt.Errorf("%s: %v", src, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	idx := map[string]int{}
	for i, h := range header {
		idx[strings.TrimSpace(h)] = i
	}
	for _, c := range StructureColumns {
		if _, ok := idx[c]; !ok {
			return nil, fmt.Errorf("%s: line 1: missing column %q (have %s)", src, c, strings.Join(header, ","))
		}
	}
	var out []Version
	for {
		rec, err := cr.Read()
		textio.RestoreRecord(rec)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// The csv.ParseError carries the line; FieldPos would panic here
			// when the first field itself is malformed.
			return nil, fmt.Errorf("%s: %v", src, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(c string) string {
			if i := idx[c]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		v := Version{
			StructureOID: get("structure_oid"), CodeSystem: get("code_system_oid"), Code: get("code"),
			Date: get("definition_version"), Status: Status(get("status")), NameFI: get("name_fi"),
			NameSV: get("name_sv"), Kind: get("document_type"), Author: get("document_author"),
			Subject: get("document_subject"), JSONRoot: get("json_root"),
		}
		if err := v.check(); err != nil {
			return nil, fmt.Errorf("%s: line %d: %v", src, line, err)
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no structures", src)
	}
	return out, nil
}

var (
	codeRe = regexp.MustCompile(`^[0-9]{1,6}$`)
	dateRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// check validates one structure row; the error names the field.
func (v Version) check() error {
	switch {
	case v.CodeSystem != DocumentTypeOID && v.CodeSystem != DocumentGroupOID:
		return fmt.Errorf("field code_system_oid: %q is neither %s nor %s", v.CodeSystem, DocumentTypeOID, DocumentGroupOID)
	case !codeRe.MatchString(v.Code):
		return fmt.Errorf("field code: %q is not a numeric code", v.Code)
	case !strings.HasPrefix(v.StructureOID, v.CodeSystem+"."+v.Code+"."):
		return fmt.Errorf("field structure_oid: %q is not a version of %s code %s", v.StructureOID, v.CodeSystem, v.Code)
	case v.Status != Valid && v.Status != Obsolete:
		return fmt.Errorf("field status: %q is neither %s nor %s", v.Status, Valid, Obsolete)
	case v.NameFI == "":
		return fmt.Errorf("field name_fi: empty for %s", v.StructureOID)
	case v.Kind == "":
		return fmt.Errorf("field document_type: empty for %s", v.StructureOID)
	case v.Date != "" && !dateRe.MatchString(v.Date):
		return fmt.Errorf("field definition_version: %q is not YYYY-MM-DD", v.Date)
	}
	return nil
}

type curated struct {
	Tasks       []*ServiceTask    `yaml:"service_tasks"`
	LegacyTasks []LegacyTask      `yaml:"legacy_service_tasks"`
	Subjects    []subjectTasks    `yaml:"subject_tasks"`
	Phases      []*Phase          `yaml:"phases"`
	KindPhases  map[string]string `yaml:"kind_phases"`
	CodePhases  map[string]string `yaml:"code_phases"`
	Groups      []Group           `yaml:"document_groups"`
	Retention   []RetentionRule   `yaml:"retention"`
	Authority   []authorityOnly   `yaml:"authority_only"`
	// informational keys
	TaskCS   string `yaml:"service_task_code_system"`
	TaskCSV  string `yaml:"service_task_code_system_version"`
	LegacyCS any    `yaml:"legacy_code_systems"`
	PhaseCS  string `yaml:"phase_code_system"`
}

type authorityOnly struct {
	Code string `yaml:"code"`
	Why  string `yaml:"why"`
}

// noSubject is how the curated data names the empty Sosmeta subject.
const noSubject = "(ei aihepiiriä)"

type subjectTasks struct {
	Subject string   `yaml:"subject"`
	Tasks   []string `yaml:"tasks"`
	Common  bool     `yaml:"common"`
}

// closureName marks decisions that end a service: "Päätös … lopettamisesta".
var closureName = regexp.MustCompile(`(?i)(lopettamise|keskeyttämise|päättymise)sta\b`)

// Build assembles a catalogue from structure versions and the curated YAML.
func Build(src string, versions []Version, curatedYAML []byte) (*Catalogue, error) {
	var cu curated
	if err := strictyaml.Decode("curated catalogue data", curatedYAML, &cu); err != nil {
		return nil, err
	}
	c := &Catalogue{
		Source: src, byKey: map[string]*DocumentType{}, byOID: map[string]*DocumentType{},
		byName: map[string][]*DocumentType{}, byFolded: map[string][]*DocumentType{},
		Tasks: cu.Tasks, LegacyTasks: cu.LegacyTasks, Phases: cu.Phases, Groups: cu.Groups,
		Retention: cu.Retention, Synonyms: map[string]string{}, TaskAliases: map[string][]string{},
		taskByFold: map[string][]string{}, phaseByFold: map[string]string{}, authority: map[string]string{},
	}
	for _, a := range cu.Authority {
		c.authority[a.Code] = a.Why
	}
	for i, p := range c.Phases {
		p.Order = i + 1
		for _, n := range append([]string{p.ID, p.FI, p.SV, p.EN}, p.Synonyms...) {
			c.phaseByFold[textnorm.Fold(n)] = p.ID
		}
	}
	c.currentTask, c.legacyByFold = map[string]bool{}, map[string]int{}
	for _, t := range c.Tasks {
		c.currentTask[textnorm.Fold(t.ID)] = true
		for _, n := range append([]string{t.FI, t.SV, t.EN}, t.Synonyms...) {
			c.taskByFold[textnorm.Fold(n)] = []string{t.ID}
			c.currentTask[textnorm.Fold(n)] = true
		}
	}
	for i, lt := range c.LegacyTasks {
		f := textnorm.Fold(lt.Name)
		if _, ok := c.taskByFold[f]; !ok {
			c.taskByFold[f] = lt.Tasks
		}
		if _, ok := c.legacyByFold[f]; !ok {
			c.legacyByFold[f] = i
		}
	}
	for i := range c.Retention {
		if c.Retention[i].Basis == "" {
			c.Retention[i].Basis = "703/2023 liite"
		}
	}

	// Group versions by key, newest first; the newest valid one represents
	// the type.
	byKey := map[string][]Version{}
	for _, v := range versions {
		k := Key(v.CodeSystem, v.Code)
		byKey[k] = append(byKey[k], v)
	}
	subj := map[string]subjectTasks{}
	for _, s := range cu.Subjects {
		subj[s.Subject] = s
	}
	for k, vs := range byKey {
		sort.SliceStable(vs, func(i, j int) bool {
			if vs[i].Date != vs[j].Date {
				return vs[i].Date > vs[j].Date
			}
			return vs[i].StructureOID > vs[j].StructureOID
		})
		rep := vs[0]
		current := false
		for _, v := range vs {
			if v.Status == Valid {
				rep, current = v, true
				break
			}
		}
		d := &DocumentType{Version: rep, Current: current, Versions: vs}
		subject := strings.TrimSpace(rep.Subject)
		if subject == "" {
			subject = noSubject
		}
		st := subj[subject]
		d.Tasks, d.Common = st.Tasks, st.Common
		d.Phase = defaultPhase(d, cu)
		c.byKey[k] = d
		c.types = append(c.types, d)
		for _, v := range vs {
			c.byOID[v.StructureOID] = d
			for _, n := range []string{v.NameFI, v.NameSV} {
				if n == "" {
					continue
				}
				addUnique(c.byName, n, d)
				addUnique(c.byFolded, textnorm.Fold(n), d)
			}
		}
	}
	sort.Slice(c.types, func(i, j int) bool {
		a, b := c.types[i], c.types[j]
		if a.IsGroup() != b.IsGroup() {
			return !a.IsGroup()
		}
		return codeLess(a.Code, b.Code)
	})
	return c, nil
}

func defaultPhase(d *DocumentType, cu curated) string {
	if p, ok := cu.CodePhases[d.Code]; ok && !d.IsGroup() {
		return p
	}
	if d.Kind == "Päätös" && closureName.MatchString(d.NameFI) {
		return "closure"
	}
	if p, ok := cu.KindPhases[d.Kind]; ok {
		return p
	}
	return ""
}

func addUnique(m map[string][]*DocumentType, k string, d *DocumentType) {
	for _, e := range m[k] {
		if e == d {
			return
		}
	}
	m[k] = append(m[k], d)
}
