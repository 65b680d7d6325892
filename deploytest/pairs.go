package deploytest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/strictyaml"
	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Party is one side of a pair: an organisation, its toimintayksikkö OID
// (as in THL's SOTE-organisaatiorekisteri, which the report must give) and
// its certified client system (the official name in Valvira's
// information-system register, which the report must give too: K25,
// Käyttöönottokokeen raportointi).
type Party struct {
	Name string `json:"name"`
	OID  string `json:"oid"`
	// Unit and UnitName are the producer's palveluyksikkö, the unit the
	// organiser records on the Asiakkuusasiakirja (K25 Taulukko 1, 2).
	Unit     string `json:"unit,omitempty"`
	UnitName string `json:"unit_name,omitempty"`
	System   string `json:"system"`
}

// Model is how the producer records into the organiser's register.
type Model string

const (
	// OwnSystem: the producer uses its own client system.
	OwnSystem Model = "own_system"
	// Parallel is the rinnakkaisliittymismalli: the producer uses the
	// organiser's client system (K25, Ennen käyttöönottokoetta).
	Parallel Model = "rinnakkaisliittymismalli"
)

// ParseModel reads own_system / rinnakkaisliittymismalli and the FI, SV
// and EN words for them ("" is own_system: a producer normally has its own
// system). The Swedish and English words are our translations.
func ParseModel(s string) (Model, bool) {
	switch textnorm.Fold(s) {
	case "", "own system", "own", "oma", "oma jarjestelma", "oma tietojarjestelma", "eget system", "egen":
		return OwnSystem, true
	case "rinnakkaisliittymismalli", "rinnakkaisliittyminen", "rinnakkaisliittymis malli", "rinnakkais", "parallel",
		"parallel connection", "parallel connection model", "parallell anslutning", "parallellanslutning":
		return Parallel, true
	}
	return "", false
}

// Result of a deployment test as recorded in the pairs file.
type Result string

const (
	ResultPass    Result = "pass"
	ResultFail    Result = "fail"
	ResultPlanned Result = "planned"
)

// ParseResult reads pass/fail/planned in FI, SV and EN.
func ParseResult(s string) (Result, bool) {
	switch textnorm.Fold(s) {
	case "pass", "passed", "ok", "success", "successful", "onnistui", "onnistunut", "hyvaksytty", "lapaisty",
		"godkand", "lyckades":
		return ResultPass, true
	case "fail", "failed", "failure", "epaonnistui", "epaonnistunut", "hylatty", "ei onnistunut", "underkand",
		"misslyckades":
		return ResultFail, true
	case "", "planned", "scheduled", "suunniteltu", "sovittu", "tulossa", "planerad":
		return ResultPlanned, true
	}
	return "", false
}

// TestRecord is one deployment test of a pair: done (pass or fail) or
// planned for a date.
type TestRecord struct {
	Date   calendar.Day `json:"date"`
	Result Result       `json:"result"`
	// ArchivingStart is the date the register use right goes into
	// production use (the report gives it: K20 3E).
	ArchivingStart calendar.Day `json:"archiving_start"`
	// Notes are the problems met and how they were solved (K25,
	// Käyttöönottokokeessa esiintyvät ongelmat).
	Notes string `json:"notes,omitempty"`
}

// Prerequisite is a thing that must be done before the test: done, and
// when if known.
type Prerequisite struct {
	Done bool         `json:"done"`
	Date calendar.Day `json:"date"`
}

// Pair is one organiser–producer combination the register use right is (or
// will be) used with.
type Pair struct {
	// Location is where the pair was read (file, sheet, row or YAML line).
	Location  finding.Location `json:"location"`
	Organiser Party            `json:"organiser"`
	Producer  Party            `json:"producer"`
	Model     Model            `json:"model"`
	// PrivateClients: the producer also gives private social services on
	// contracts with clients, so it is a controller itself (K25).
	PrivateClients bool `json:"private_clients"`
	// ConnectionTest: the connections to Kanta tested (K25).
	ConnectionTest Prerequisite `json:"connection_test"`
	// OrganiserArchiveTest and ProducerArchiveTest: the party's own
	// deployment test of joining the social welfare client data
	// repository (K25).
	OrganiserArchiveTest Prerequisite `json:"organiser_archive_test"`
	ProducerArchiveTest  Prerequisite `json:"producer_archive_test"`
	// BackupDate is the agreed backup date of the test (K20 3C).
	BackupDate calendar.Day `json:"backup_date"`
	Tests      []TestRecord `json:"tests"`
	Notes      string       `json:"notes,omitempty"`
	// Rows are the XLSX rows read into this pair (one row per test).
	Rows      []int     `json:"rows,omitempty"`
	index     int       // 1-based position in the file, for --pair
	keyFields [6]string // folded identity, for merging XLSX rows
}

// Index is the pair's 1-based position in its file.
func (p *Pair) Index() int { return p.index }

// Latest returns the test that decides the pair's state: the last by
// date, a later line winning on the same date; nil without tests.
func (p *Pair) Latest() *TestRecord {
	var best *TestRecord
	for i := range p.Tests {
		t := &p.Tests[i]
		if best == nil || !t.Date.Before(best.Date) {
			best = t
		}
	}
	return best
}

// Pairs is a read pairs file.
type Pairs struct {
	Source string `json:"source"`
	Pairs  []Pair `json:"pairs"`
	// Findings are the rows rejected (DPT021), with file and row.
	Findings []finding.Finding `json:"findings"`
	Tally    finding.Tally     `json:"tally"`
}

// ReadPairsFile reads a pairs file: XLSX by content, YAML (or JSON)
// otherwise.
func ReadPairsFile(path string) (*Pairs, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	name := filepath.Base(path)
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return ReadPairsXLSX(name, bytes.NewReader(b))
	case bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0")):
		return nil, fmt.Errorf("%w: %s is a legacy .xls workbook; save it as .xlsx", kartoitus.ErrUnreadable, path)
	}
	return ParsePairsYAML(name, b)
}

// The YAML form of a pairs file. Values are strings so that one parser
// (shared with the XLSX reader) reads dates, yes/no and results, and
// reports a bad one with its pair and field.
type yamlFile struct {
	Pairs []yamlPair `yaml:"pairs"`
}

type yamlParty struct {
	Name     string `yaml:"name"`
	OID      string `yaml:"oid"`
	Unit     string `yaml:"unit"`
	UnitName string `yaml:"unit_name"`
	System   string `yaml:"system"`
}

type yamlTest struct {
	Date           string `yaml:"date"`
	Result         string `yaml:"result"`
	ArchivingStart string `yaml:"archiving_start"`
	Notes          string `yaml:"notes"`
}

type yamlPair struct {
	Organiser            yamlParty  `yaml:"organiser"`
	Producer             yamlParty  `yaml:"producer"`
	Model                string     `yaml:"model"`
	PrivateClients       string     `yaml:"private_clients"`
	ConnectionTest       string     `yaml:"connection_test"`
	OrganiserArchiveTest string     `yaml:"organiser_archive_test"`
	ProducerArchiveTest  string     `yaml:"producer_archive_test"`
	BackupDate           string     `yaml:"backup_date"`
	Tests                []yamlTest `yaml:"tests"`
	Notes                string     `yaml:"notes"`
}

// ParsePairsYAML parses a YAML (or JSON) pairs file; name is used in
// messages and locations. Unknown keys are errors (kartoitus.ErrUnreadable);
// a file without pairs is kartoitus.ErrNotRecognised; a pair with a bad or
// missing value is rejected with a DPT021 finding at its line.
func ParsePairsYAML(name string, b []byte) (*Pairs, error) {
	var f yamlFile
	if err := strictyaml.Decode(name, b, &f); err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	lines := pairLines(b)
	ps := &Pairs{Source: name, Tally: finding.Tally{Source: name}}
	for i, yp := range f.Pairs {
		loc := finding.Location{File: name, Key: fmt.Sprintf("pairs[%d]", i)}
		if i < len(lines) {
			loc.Row = lines[i]
		}
		raw := rawPair{
			orgName: yp.Organiser.Name, orgOID: yp.Organiser.OID, orgSystem: yp.Organiser.System,
			prodName: yp.Producer.Name, prodOID: yp.Producer.OID, prodUnit: yp.Producer.Unit,
			prodUnitName: yp.Producer.UnitName, prodSystem: yp.Producer.System,
			model: yp.Model, private: yp.PrivateClients, connection: yp.ConnectionTest,
			orgArchive: yp.OrganiserArchiveTest, prodArchive: yp.ProducerArchiveTest,
			backup: yp.BackupDate, notes: yp.Notes,
		}
		for _, t := range yp.Tests {
			raw.tests = append(raw.tests, rawTest{date: t.Date, result: t.Result, start: t.ArchivingStart, notes: t.Notes})
		}
		ps.Tally.Read++
		p, problems := raw.build(loc)
		if len(problems) > 0 {
			ps.reject(loc, problems)
			continue
		}
		ps.Tally.Accepted++
		p.index = len(ps.Pairs) + 1
		ps.Pairs = append(ps.Pairs, p)
	}
	if ps.Tally.Read == 0 {
		return nil, fmt.Errorf("%w: %s: no pairs (want a top-level 'pairs:' list; 'kartoitus template --pairs' writes a workbook to start from)",
			kartoitus.ErrNotRecognised, name)
	}
	return ps, nil
}

// pairLines returns the line of each item of the top-level pairs list.
// The strict decode has already accepted the document, so a failure here
// only costs the line numbers.
func pairLines(b []byte) []int {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "pairs" && m.Content[i+1].Kind == yaml.SequenceNode {
			var out []int
			for _, it := range m.Content[i+1].Content {
				out = append(out, it.Line)
			}
			return out
		}
	}
	return nil
}

func (ps *Pairs) reject(loc finding.Location, problems []finding.Text) {
	ps.Tally.Rejected++
	var fi, en []string
	for _, p := range problems {
		fi = append(fi, p.FI)
		en = append(en, p.EN)
	}
	ps.Findings = append(ps.Findings, finding.New(RuleRejectedPair,
		finding.T("Pari hylätty: "+strings.Join(fi, "; ")+".", "Pair rejected: "+strings.Join(en, "; ")+"."),
		loc, loc.Key, strings.Join(en, ";")))
}

// rawPair is a pair as text, from YAML or from one XLSX row.
type rawPair struct {
	orgName, orgOID, orgSystem                            string
	prodName, prodOID, prodUnit, prodUnitName, prodSystem string
	model, private, connection, orgArchive, prodArchive   string
	backup, notes                                         string
	tests                                                 []rawTest
}

type rawTest struct{ date, result, start, notes string }

// build validates a raw pair. Problems reject the pair; OID problems do
// not (the plan reports them as DPT020, the pair is still planned).
func (r rawPair) build(loc finding.Location) (Pair, []finding.Text) {
	var probs []finding.Text
	need := func(v, fi, en string) string {
		v = strings.TrimSpace(v)
		if v == "" {
			probs = append(probs, finding.T(fi+" puuttuu", en+" is missing"))
		}
		return v
	}
	p := Pair{Location: loc}
	p.Organiser = Party{Name: need(r.orgName, "palvelunjärjestäjän nimi", "the organiser's name"),
		OID: strings.TrimSpace(r.orgOID), System: need(r.orgSystem, "palvelunjärjestäjän tietojärjestelmä", "the organiser's system")}
	p.Producer = Party{Name: need(r.prodName, "palveluntuottajan nimi", "the producer's name"),
		OID: strings.TrimSpace(r.prodOID), Unit: strings.TrimSpace(r.prodUnit), UnitName: strings.TrimSpace(r.prodUnitName),
		System: strings.TrimSpace(r.prodSystem)}
	m, ok := ParseModel(r.model)
	if !ok {
		probs = append(probs, finding.Tf("malli %q ei ole oma järjestelmä eikä rinnakkaisliittymismalli",
			"model %q is neither own_system nor rinnakkaisliittymismalli", strings.TrimSpace(r.model)))
	}
	p.Model = m
	if p.Producer.System == "" {
		if m == Parallel {
			// In the rinnakkaisliittymismalli the producer uses the
			// organiser's system (K25).
			p.Producer.System = p.Organiser.System
		} else if ok {
			probs = append(probs, finding.T("palveluntuottajan tietojärjestelmä puuttuu", "the producer's system is missing"))
		}
	}
	var err error
	if p.PrivateClients, err = parseYesNo(r.private); err != nil {
		probs = append(probs, fieldErr("yksityiset asiakkaat", "private_clients", r.private, err))
	}
	prereq := func(v, fi, en string) Prerequisite {
		pr, err := parsePrerequisite(v)
		if err != nil {
			probs = append(probs, fieldErr(fi, en, v, err))
		}
		return pr
	}
	p.ConnectionTest = prereq(r.connection, "yhteystesti", "connection_test")
	p.OrganiserArchiveTest = prereq(r.orgArchive, "palvelunjärjestäjän arkiston käyttöönottokoe", "organiser_archive_test")
	p.ProducerArchiveTest = prereq(r.prodArchive, "palveluntuottajan arkiston käyttöönottokoe", "producer_archive_test")
	if p.BackupDate, err = parseDay(r.backup); err != nil {
		probs = append(probs, fieldErr("varapäivä", "backup_date", r.backup, err))
	}
	p.Notes = strings.TrimSpace(r.notes)
	for i, t := range r.tests {
		if strings.TrimSpace(t.date+t.result+t.start+t.notes) == "" {
			continue
		}
		var tr TestRecord
		n := fmt.Sprintf("tests[%d].", i)
		if tr.Date, err = parseDay(t.date); err != nil {
			probs = append(probs, fieldErr("kokeen päivä", n+"date", t.date, err))
		} else if tr.Date.IsZero() {
			probs = append(probs, finding.T(fmt.Sprintf("kokeen %d päivä puuttuu", i+1), n+"date is missing"))
		}
		res, ok := ParseResult(t.result)
		if !ok {
			probs = append(probs, fieldErr("kokeen tulos", n+"result", t.result, errors.New("want pass, fail or planned")))
		}
		tr.Result = res
		if tr.ArchivingStart, err = parseDay(t.start); err != nil {
			probs = append(probs, fieldErr("arkistointi alkaa", n+"archiving_start", t.start, err))
		}
		tr.Notes = strings.TrimSpace(t.notes)
		p.Tests = append(p.Tests, tr)
	}
	p.keyFields = [6]string{textnorm.Fold(p.Organiser.OID + "|" + p.Organiser.Name), textnorm.Fold(p.Organiser.System),
		textnorm.Fold(p.Producer.OID + "|" + p.Producer.Name), textnorm.Fold(p.Producer.Unit), textnorm.Fold(p.Producer.System), string(p.Model)}
	return p, probs
}

func fieldErr(fi, en, v string, err error) finding.Text {
	v = strings.TrimSpace(v)
	if r := []rune(v); len(r) > 40 {
		v = string(r[:40]) + "…"
	}
	return finding.T(fmt.Sprintf("%s %q: %v", fi, v, err), fmt.Sprintf("%s %q: %v", en, v, err))
}

var errYesNo = errors.New("want yes or no (kyllä/ei)")

// parseYesNo reads kyllä/ei, ja/nej, yes/no, true/false, x and 1/0; "" is no.
func parseYesNo(s string) (bool, error) {
	switch textnorm.Fold(s) {
	case "", "ei", "no", "n", "false", "0", "nej", "-":
		return false, nil
	case "kylla", "k", "yes", "y", "true", "1", "x", "ja", "on":
		return true, nil
	}
	return false, errYesNo
}

var errDay = errors.New("not a date (want YYYY-MM-DD or d.m.yyyy)")

// parseDay reads YYYY-MM-DD, d.m.yyyy, a timestamp's date and an Excel
// serial day number; "" is the zero Day.
func parseDay(s string) (calendar.Day, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return calendar.Day{}, nil
	}
	if d, err := calendar.Parse(s); err == nil {
		return d, nil
	}
	ts, err := export.ParseTimestamp(s)
	if err != nil {
		var ok bool
		if ts, ok = export.ExcelSerial(s); !ok || strings.ContainsAny(s, "-:") {
			return calendar.Day{}, errDay
		}
	}
	d := int(ts.Date())
	return calendar.Date(d/10000, time.Month(d/100%100), d%100), nil
}

// parsePrerequisite reads a date (done on that day), a yes word (done, date
// unknown) or a no word / "" (not done).
func parsePrerequisite(s string) (Prerequisite, error) {
	if yes, err := parseYesNo(s); err == nil {
		return Prerequisite{Done: yes}, nil
	}
	d, err := parseDay(s)
	if err != nil {
		return Prerequisite{}, errors.New("want a date or yes/no")
	}
	return Prerequisite{Done: true, Date: d}, nil
}
