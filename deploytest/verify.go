package deploytest

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// Status of a step.
type Status string

const (
	Pass Status = "pass"
	Fail Status = "fail"
	// Confirm: the exports cannot show the step (or lack a column that
	// would); confirm it in the archivist's UI (Arkistonhoitajan
	// käyttöliittymä), its usage log or the client systems.
	Confirm Status = "confirm"
)

// Evidence is one row an export shows for (or against) a step.
type Evidence struct {
	File       string       `json:"file"`
	Line       int          `json:"line,omitempty"`
	DocumentID string       `json:"document_id,omitempty"`
	Version    string       `json:"version,omitempty"`
	Note       finding.Text `json:"note"`
}

// StepResult is one judged step.
type StepResult struct {
	ID       string       `json:"id"`
	Table    int          `json:"table"`
	Status   Status       `json:"status"`
	Text     finding.Text `json:"text"`
	Check    finding.Text `json:"check"`
	Reason   finding.Text `json:"reason"`
	Evidence []Evidence   `json:"evidence"`
	Basis    string       `json:"basis"`
	Inferred bool         `json:"inferred,omitempty"`
}

// Rejected is an organiser-export row of the test person that verify could
// not use, with why. Rows of other clients are counted (Inputs, skipped),
// never listed.
type Rejected struct {
	File       string       `json:"file"`
	Line       int          `json:"line"`
	DocumentID string       `json:"document_id,omitempty"`
	Reason     finding.Text `json:"reason"`
}

// Window is the producer unit's client relationship as the Asiakkuusasiakirja
// versions of J2 and J4 record it: the dates on the document, and when the
// two versions were stored (the register use right runs from the storing of
// the start version to the storing of the end version: K25 Testitapaus).
type Window struct {
	ServiceUnit string `json:"service_unit"`
	Start       string `json:"start,omitempty"`
	End         string `json:"end,omitempty"`
	StoredFrom  string `json:"stored_from,omitempty"`
	StoredTo    string `json:"stored_to,omitempty"`
}

// VerifySummary counts the steps by status.
type VerifySummary struct {
	Pass    int  `json:"pass"`
	Fail    int  `json:"fail"`
	Confirm int  `json:"confirm"`
	Failed  bool `json:"failed"`
}

// VerifyResult is what verify found: JSON-stable (Schema), with exactly
// the steps of Steps in that order.
type VerifyResult struct {
	Schema string `json:"schema"`
	Kind   string `json:"kind"`
	// TestPerson is masked unless VerifyConfig.RevealIDs.
	TestPerson string          `json:"test_person"`
	Organiser  string          `json:"organiser,omitempty"`
	Producer   string          `json:"producer,omitempty"`
	Window     *Window         `json:"window,omitempty"`
	Inputs     []finding.Tally `json:"inputs"`
	Rejected   []Rejected      `json:"rejected"`
	Steps      []StepResult    `json:"steps"`
	Summary    VerifySummary   `json:"summary"`
}

// Step returns the result of step id.
func (r *VerifyResult) Step(id string) *StepResult {
	for i := range r.Steps {
		if r.Steps[i].ID == id {
			return &r.Steps[i]
		}
	}
	return nil
}

// Input is an opened register export.
type Input struct {
	File   string
	Reader *export.Reader
}

// VerifyConfig configures Verify.
type VerifyConfig struct {
	Catalogue *sosmeta.Catalogue
	Mapping   *export.Mapping
	// TestPerson selects the test person's rows; "" takes the only client
	// of the organiser's export.
	TestPerson string
	// Unit selects the producer's service unit when the Asiakkuusasiakirja
	// names several.
	Unit string
	// RevealIDs shows the test person's id in full.
	RevealIDs bool
}

// OrganiserColumns are the columns verify needs in the organiser's export
// besides export.Required: who stored what (author_org), when
// (created or modified), which version, and the Asiakkuusasiakirja's unit
// and dates. Without them no step of the test case can be shown.
var OrganiserColumns = []export.Field{export.Version, export.AuthorOrg, export.Status, export.ServiceUnit, export.UnitStart, export.UnitEnd}

// maxEvidence bounds the evidence listed per step (all are counted).
const maxEvidence = 5

// row is one export row as verify uses it.
type row struct {
	file, doc, version                                string
	line, vnum, attachments                           int
	client                                            string
	controller, organiserID, producerID, unit, caseID string
	author, modifier, voidReason, special             string
	register                                          registers.Kind
	typ                                               *sosmeta.DocumentType
	status                                            export.StatusKind
	unitStart, unitEnd                                export.Date
	at                                                export.Timestamp
}

// Verify judges the steps of the test case from the organiser system's
// register export and, when given, the producer system's export taken after
// the end date. See Steps for what each step looks for; the comments below
// say where we read more into an export than K25 states.
func Verify(cfg VerifyConfig, organiser Input, producer *Input) (*VerifyResult, error) {
	if cfg.Catalogue == nil {
		return nil, errors.New("deploytest: Verify needs a catalogue")
	}
	h := organiser.Reader.Header
	var miss []string
	for _, f := range OrganiserColumns {
		if !h.Has(f) {
			miss = append(miss, f.String())
		}
	}
	if !h.Has(export.Created) && !h.Has(export.Modified) {
		miss = append(miss, "created or modified")
	}
	if len(miss) > 0 {
		return nil, fmt.Errorf("%w: %s: the organiser's export lacks column(s) %s, which the deployment-test steps need (name them in a --mapping file)",
			kartoitus.ErrNotRecognised, organiser.File, strings.Join(miss, ", "))
	}
	v := &verifier{cfg: cfg, in: organiser, res: &VerifyResult{Schema: Schema, Kind: "verify", Rejected: []Rejected{}}}
	if err := v.readOrganiser(); err != nil {
		return nil, err
	}
	if producer != nil {
		if err := v.readProducer(*producer); err != nil {
			return nil, err
		}
	}
	v.identify()
	if v.err != nil {
		return nil, v.err
	}
	v.judge()
	return v.res, nil
}

type verifier struct {
	cfg VerifyConfig
	in  Input
	res *VerifyResult
	err error

	all       []*row         // every usable row of the organiser's export
	clients   map[string]int // client id (upper case) → first line
	clientIDs []string       // in order of appearance
	test      []*row         // the test person's rows
	person    string         // the test person, upper case

	hasCase, hasAttach, hasSpecial, hasVoid, hasModifier, hasController bool

	organiser, producer string // org keys (see orgOf)
	unit                string
	j2, j4              *row
	docs                map[string][]*row // producer documents by id, versions in order

	prod       *Input
	prodRows   []*row
	prodHasCtl bool
	prodTally  finding.Tally
}

func (v *verifier) mask(id string) string {
	if v.cfg.RevealIDs {
		return id
	}
	return ident.Mask(id)
}

func (v *verifier) readOrganiser() error {
	rd, m := v.in.Reader, v.cfg.Mapping
	h := rd.Header
	v.hasCase, v.hasAttach, v.hasSpecial = h.Has(export.CaseID), h.Has(export.Attachments), h.Has(export.SpecialContent)
	v.hasVoid, v.hasModifier, v.hasController = h.Has(export.VoidReason), h.Has(export.ModifierOrg), h.Has(export.ControllerID)
	v.clients = map[string]int{}
	tally := finding.Tally{Source: v.in.File}
	type pending struct {
		r      *row
		reason finding.Text
	}
	var rows []pending
	for {
		var rec export.Record
		err := rd.Next(&rec)
		if err == io.EOF {
			break
		}
		tally.Read++
		var re *export.RowError
		if errors.As(err, &re) {
			if re.Kind == export.RowBlank {
				tally.Skipped++
				continue
			}
			// A row that cannot be read at all: its client is unknown,
			// so it is listed whatever the test person.
			tally.Rejected++
			v.res.Rejected = append(v.res.Rejected, Rejected{File: v.in.File, Line: re.Line, DocumentID: strings.Clone(re.Key),
				Reason: finding.T("rivi ei ole luettavissa: "+re.Error(), "the row cannot be read: "+re.Error())})
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", v.in.File, err)
		}
		r, reason := v.parse(&rec, rd, m, v.in.File)
		if r.client != "" {
			if _, ok := v.clients[r.client]; !ok {
				v.clients[r.client] = r.line
				v.clientIDs = append(v.clientIDs, r.client)
			}
		}
		rows = append(rows, pending{r, reason})
	}
	if tally.Read == 0 {
		return fmt.Errorf("%w: %s: the organiser's export has no rows", kartoitus.ErrNotRecognised, v.in.File)
	}
	// The test person.
	switch {
	case v.cfg.TestPerson != "":
		v.person = strings.ToUpper(strings.TrimSpace(v.cfg.TestPerson))
		if _, ok := v.clients[v.person]; !ok {
			return fmt.Errorf("%w: %s: no rows of test person %s (%d client ids in the export)", kartoitus.ErrNotRecognised,
				v.in.File, v.mask(v.person), len(v.clients))
		}
	case len(v.clients) == 1:
		v.person = v.clientIDs[0]
	case len(v.clients) == 0:
		return fmt.Errorf("%w: %s: no row of the organiser's export has a client id", kartoitus.ErrNotRecognised, v.in.File)
	default:
		var ids []string
		for i, c := range v.clientIDs {
			if i == 10 {
				ids = append(ids, fmt.Sprintf("… %d more", len(v.clientIDs)-10))
				break
			}
			ids = append(ids, v.mask(c))
		}
		return fmt.Errorf("%w: %s holds %d clients (%s): name the test person with --test-person", kartoitus.ErrUsage,
			v.in.File, len(v.clients), strings.Join(ids, ", "))
	}
	for _, p := range rows {
		switch {
		case p.r.client != v.person && p.r.client != "":
			tally.Skipped++ // another client: not part of the test
		case p.reason != (finding.Text{}):
			tally.Rejected++
			v.res.Rejected = append(v.res.Rejected, Rejected{File: v.in.File, Line: p.r.line, DocumentID: p.r.doc, Reason: p.reason})
		default:
			tally.Accepted++
			v.test = append(v.test, p.r)
		}
		if p.r.client != "" {
			v.all = append(v.all, p.r)
		}
	}
	v.res.TestPerson = v.mask(v.person)
	v.res.Inputs = append(v.res.Inputs, tally)
	if len(v.test) == 0 {
		return fmt.Errorf("%w: %s: none of test person %s's rows can be used (%d rejected)", kartoitus.ErrNotRecognised,
			v.in.File, v.mask(v.person), tally.Rejected)
	}
	return nil
}

// parse copies a record. A non-empty reason rejects the row (for the test
// person; other clients' rows are only counted).
func (v *verifier) parse(rec *export.Record, rd *export.Reader, m *export.Mapping, file string) (*row, finding.Text) {
	g := func(f export.Field) string { return strings.Clone(rec.Get(f)) }
	r := &row{file: file, line: rec.Line, doc: g(export.DocumentID), version: g(export.Version), vnum: rec.VersionNum,
		client: strings.ToUpper(g(export.ClientID)), controller: g(export.ControllerID), organiserID: g(export.OrganiserID),
		producerID: g(export.ProducerID), unit: g(export.ServiceUnit), caseID: g(export.CaseID), author: g(export.AuthorOrg),
		modifier: g(export.ModifierOrg), unitStart: rec.UnitStart, unitEnd: rec.UnitEnd,
		voidReason: m.Value(export.VoidReason, g(export.VoidReason)), special: m.Value(export.SpecialContent, g(export.SpecialContent))}
	r.register = registers.Classify(m.Value(export.Register, g(export.Register)))
	if v.cfg.Catalogue != nil {
		r.typ = lookupType(v.cfg.Catalogue, m.Value(export.DocumentType, g(export.DocumentType)))
	}
	if r.client == "" {
		return r, finding.T("asiakastunnus puuttuu", "the client id is empty")
	}
	st := m.Value(export.Status, g(export.Status))
	if r.status = export.ParseStatus(st); r.status == export.StatusUnknown {
		return r, finding.Tf("tilaa %q ei tunnisteta (nimeä se --mapping-tiedostossa)", "status %q is not recognised (map it in a --mapping file)", ident.Redact(st))
	}
	r.at = rec.Created
	if mod := rec.Get(export.Modified); mod != "" {
		ts, err := rd.ParseTime(mod)
		if err != nil {
			return r, finding.Tf("muokkausaika %q ei ole päivämäärä", "modified %q is not a date", ident.Redact(mod))
		}
		r.at = ts
	}
	if r.at == 0 {
		return r, finding.T("laadittu- ja muokkausaika puuttuvat: versiota ei voi sijoittaa asiakkuuden aikaan",
			"created and modified are empty: the version cannot be placed in the relationship's time")
	}
	n, err := export.ParseCount(rec.Get(export.Attachments))
	if err != nil {
		return r, finding.Tf("liitteiden määrä %q ei ole kokonaisluku", "attachments %q is not a whole number", ident.Redact(rec.Get(export.Attachments)))
	}
	r.attachments = n
	return r, finding.Text{}
}

func (v *verifier) readProducer(in Input) error {
	v.prod = &in
	rd, m := in.Reader, v.cfg.Mapping
	v.prodHasCtl = rd.Header.Has(export.ControllerID)
	v.prodTally = finding.Tally{Source: in.File}
	for {
		var rec export.Record
		err := rd.Next(&rec)
		if err == io.EOF {
			break
		}
		v.prodTally.Read++
		var re *export.RowError
		if errors.As(err, &re) {
			if re.Kind == export.RowBlank {
				v.prodTally.Skipped++
				continue
			}
			v.prodTally.Rejected++
			v.res.Rejected = append(v.res.Rejected, Rejected{File: in.File, Line: re.Line, DocumentID: strings.Clone(re.Key),
				Reason: finding.T("rivi ei ole luettavissa: "+re.Error(), "the row cannot be read: "+re.Error())})
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", in.File, err)
		}
		v.prodTally.Accepted++
		r := &row{file: in.File, line: rec.Line, doc: strings.Clone(rec.Get(export.DocumentID)), version: strings.Clone(rec.Get(export.Version)),
			client: strings.ToUpper(rec.Get(export.ClientID)), controller: strings.Clone(rec.Get(export.ControllerID)),
			register: registers.Classify(m.Value(export.Register, rec.Get(export.Register)))}
		if r.client == v.person {
			v.prodRows = append(v.prodRows, r)
		}
	}
	v.res.Inputs = append(v.res.Inputs, v.prodTally)
	return nil
}

// orgOf keys an organisation value: "y:<Y-tunnus>" for a valid Y-tunnus or
// organisation OID (so a unit's OID and its organisation's OID agree),
// "raw:<folded>" for anything else, "" for empty.
func orgOf(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if o, err := ident.ParseOrg(s); err == nil {
		return "y:" + o.YTunnus.String()
	}
	return "raw:" + textnorm.Fold(s)
}

func orgLabel(key string) string {
	if k, ok := strings.CutPrefix(key, "y:"); ok {
		return k
	}
	return strings.TrimPrefix(key, "raw:")
}

// identify finds the organiser, the producer's unit and the J2/J4
// versions of the Asiakkuusasiakirja.
func (v *verifier) identify() {
	var rels []*row
	for _, r := range v.test {
		if r.typ != nil && r.typ.Relationship() {
			rels = append(rels, r)
		}
	}
	sortVersions(rels)
	// The producer's unit: named with a start date on an Asiakkuusasiakirja
	// version.
	var units []string
	seen := map[string]bool{}
	for _, r := range rels {
		if r.unit == "" || r.unitStart == 0 {
			continue
		}
		if v.cfg.Unit != "" && !sameValue(r.unit, v.cfg.Unit) {
			continue
		}
		if k := textnorm.Fold(r.unit); !seen[k] {
			seen[k] = true
			units = append(units, r.unit)
		}
	}
	if len(units) > 1 {
		v.err = fmt.Errorf("%w: %s: the Asiakkuusasiakirja names several service units (%s): choose one with --unit",
			kartoitus.ErrUsage, v.in.File, strings.Join(units, ", "))
		return
	}
	if len(units) == 1 {
		v.unit = units[0]
	}
	// The organiser: the controller of the Asiakkuusasiakirja's register,
	// else its organiser_id, else who wrote it; without one, the
	// controller most of the test person's rows name.
	for _, r := range rels {
		for _, s := range []string{r.controller, r.organiserID, r.author} {
			if k := orgOf(s); k != "" {
				v.organiser = k
				break
			}
		}
		if v.organiser != "" {
			break
		}
	}
	if v.organiser == "" {
		count := map[string]int{}
		best := ""
		for _, r := range v.test {
			k := orgOf(r.controller)
			if k == "" {
				k = orgOf(r.organiserID)
			}
			if k == "" {
				continue
			}
			count[k]++
			if best == "" || count[k] > count[best] {
				best = k
			}
		}
		v.organiser = best
	}
	v.res.Organiser = orgLabel(v.organiser)
	// J2: the first version naming the unit with a start date.
	for _, r := range rels {
		if v.unit != "" && sameValue(r.unit, v.unit) && r.unitStart != 0 {
			v.j2 = r
			break
		}
	}
	if v.j2 != nil {
		// The producer: the unit's organisation (an OID carries the
		// Y-tunnus), else the producer_id of the J2 version.
		if o, err := ident.ParseOrg(strings.TrimSpace(v.unit)); err == nil {
			v.producer = "y:" + o.YTunnus.String()
		} else {
			v.producer = orgOf(v.j2.producerID)
		}
		v.res.Producer = orgLabel(v.producer)
		// J4: a later version of the same document with the end date.
		for _, r := range rels {
			if r.doc == v.j2.doc && r.vnum > v.j2.vnum && sameValue(r.unit, v.unit) && r.unitEnd != 0 {
				v.j4 = r
				break
			}
		}
		w := &Window{ServiceUnit: v.unit, Start: v.j2.unitStart.String(), StoredFrom: tsISO(v.j2.at)}
		if v.j4 != nil {
			if v.j4.unitStart != 0 {
				w.Start = v.j4.unitStart.String()
			}
			w.End, w.StoredTo = v.j4.unitEnd.String(), tsISO(v.j4.at)
		}
		v.res.Window = w
	}
	// The producer's documents, by id, versions in order.
	v.docs = map[string][]*row{}
	for _, r := range v.test {
		if v.isProducer(r.author) && !(r.typ != nil && r.typ.Relationship()) {
			v.docs[r.doc] = append(v.docs[r.doc], r)
		}
	}
	for _, vs := range v.docs {
		sortVersions(vs)
	}
}

func sameValue(a, b string) bool {
	return strings.TrimSpace(a) == strings.TrimSpace(b) || textnorm.Fold(a) == textnorm.Fold(b)
}

func sortVersions(rs []*row) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].doc != rs[j].doc {
			return rs[i].doc < rs[j].doc
		}
		if rs[i].vnum != rs[j].vnum {
			return rs[i].vnum < rs[j].vnum
		}
		return rs[i].at < rs[j].at
	})
}

func (v *verifier) isOrganiser(s string) bool { k := orgOf(s); return k != "" && k == v.organiser }

func (v *verifier) isProducer(s string) bool {
	if v.producer == "" {
		return false
	}
	k := orgOf(s)
	return k != "" && (k == v.producer || sameValue(s, v.unit))
}

// inOrgRegister: in the organiser's social-welfare client register. An
// empty controller in the organiser's own export is taken as its register.
func (v *verifier) inOrgRegister(r *row) bool {
	if r.register == registers.Health || r.register == registers.Legacy {
		return false
	}
	if !v.hasController || r.controller == "" {
		return true
	}
	return orgOf(r.controller) == v.organiser
}

// storedBy is the organisation that stored a version: modifier_org when
// given, the author for the first version of a document; otherwise
// unknown (a later version may be the organiser's processing of the
// producer's document, K25).
func (v *verifier) storedBy(r *row, first bool) (string, bool) {
	if r.modifier != "" {
		return r.modifier, true
	}
	if first {
		return r.author, true
	}
	return "", false
}

// tri is a three-way answer: a date without a time cannot be ordered
// against another time on the same day.
type tri int8

const (
	no tri = iota
	maybe
	yes
)

func and(ts ...tri) tri {
	m := yes
	for _, t := range ts {
		m = min(m, t)
	}
	return m
}

func boolTri(b bool) tri {
	if b {
		return yes
	}
	return no
}

func hasClock(t export.Timestamp) bool { return t%1000000 != 0 }

// cmpTime orders two timestamps; known is false for the same day when
// either has no time of day.
func cmpTime(a, b export.Timestamp) (c int, known bool) {
	if a.Date() != b.Date() {
		if a < b {
			return -1, true
		}
		return 1, true
	}
	if !hasClock(a) || !hasClock(b) {
		return 0, false
	}
	switch {
	case a < b:
		return -1, true
	case a > b:
		return 1, true
	}
	return 0, true
}

func notBefore(a, b export.Timestamp) tri {
	c, ok := cmpTime(a, b)
	if !ok {
		return maybe
	}
	return boolTri(c >= 0)
}

func after(a, b export.Timestamp) tri {
	c, ok := cmpTime(a, b)
	if !ok {
		return maybe
	}
	return boolTri(c > 0)
}

// inWindow: stored while the register use right was in force, i.e. not
// before the J2 version was stored, not after the J4 version was stored,
// and dated within the unit's start and end dates.
func (v *verifier) inWindow(t export.Timestamp) tri {
	if v.j2 == nil {
		return no
	}
	w := notBefore(t, v.j2.at)
	start, end := v.j2.unitStart, export.Date(0)
	if v.j4 != nil {
		w = and(w, notBefore(v.j4.at, t))
		if v.j4.unitStart != 0 {
			start = v.j4.unitStart
		}
		end = v.j4.unitEnd
	}
	d := t.Date()
	return and(w, boolTri(d >= start), boolTri(end == 0 || d <= end))
}

func (v *verifier) afterEnd(t export.Timestamp) tri {
	if v.j4 == nil {
		return no
	}
	return after(t, v.j4.at)
}

func tsISO(t export.Timestamp) string {
	if t == 0 {
		return ""
	}
	s := t.Date().String()
	if hasClock(t) {
		c := int(t % 1000000)
		s += fmt.Sprintf("T%02d:%02d:%02d", c/10000, c/100%100, c%100)
	}
	return s
}

// tsFI writes d.m.yyyy [hh.mm] for notes.
func tsFI(t export.Timestamp) string {
	d := int(t.Date())
	s := fmt.Sprintf("%d.%d.%d", d%100, d/100%100, d/10000)
	if hasClock(t) {
		c := int(t % 1000000)
		s += fmt.Sprintf(" %02d.%02d", c/10000, c/100%100)
	}
	return s
}

// count writes n with the singular or plural word.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func dateFI(d export.Date) string {
	return fmt.Sprintf("%d.%d.%d", int(d)%100, int(d)/100%100, int(d)/10000)
}

func (v *verifier) ev(r *row, note finding.Text) Evidence {
	return Evidence{File: r.file, Line: r.line, DocumentID: r.doc, Version: r.version, Note: note}
}

// outcome is one candidate row's verdict.
type outcome struct {
	t  tri
	ev Evidence
}

// decide: pass when some candidate passes, confirm when some may, fail
// otherwise; the evidence is the deciding candidates.
func decide(outs []outcome) (Status, []Evidence) {
	best := no
	for _, o := range outs {
		best = max(best, o.t)
	}
	var ev []Evidence
	n := 0
	for _, o := range outs {
		if o.t != best {
			continue
		}
		n++
		if len(ev) < maxEvidence {
			ev = append(ev, o.ev)
		}
	}
	if n > maxEvidence {
		ev = append(ev, Evidence{Note: finding.Tf("ja %d muuta", "and %d more", n-maxEvidence)})
	}
	switch best {
	case yes:
		return Pass, ev
	case maybe:
		return Confirm, ev
	}
	return Fail, ev
}

func (v *verifier) judge() {
	for _, s := range Steps {
		var st Status
		var reason finding.Text
		var ev []Evidence
		switch s.ID {
		case "T0":
			st, reason, ev = v.t0()
		case "J1":
			st, reason, ev = v.j1()
		case "J2":
			st, reason, ev = v.stepJ2()
		case "J3":
			st, reason, ev = v.stepJ3()
		case "J4":
			st, reason, ev = v.stepJ4()
		case "J5":
			st, reason, ev = v.stepJ5()
		case "T1":
			st, reason, ev = v.t1()
		case "T2":
			st, reason, ev = v.t2()
		case "T3":
			st, reason, ev = v.t3()
		case "T4":
			st, reason, ev = v.t4()
		case "T5":
			st, reason, ev = v.t5()
		case "T6":
			st, reason, ev = v.t6()
		}
		if ev == nil {
			ev = []Evidence{}
		}
		v.res.Steps = append(v.res.Steps, StepResult{ID: s.ID, Table: s.Table, Status: st, Text: s.Text, Check: s.Check,
			Reason: reason, Evidence: ev, Basis: s.Basis, Inferred: s.Inferred})
		switch st {
		case Pass:
			v.res.Summary.Pass++
		case Fail:
			v.res.Summary.Fail++
		default:
			v.res.Summary.Confirm++
		}
	}
	v.res.Summary.Failed = v.res.Summary.Fail > 0
}

// T0: every client id of the organiser's export (the export taken for the
// test) is a valid 900-series test code. The producer's export is not
// checked: after the test it may rightly hold the producer's other,
// real clients.
func (v *verifier) t0() (Status, finding.Text, []Evidence) {
	var ev []Evidence
	bad := 0
	for _, c := range v.clientIDs {
		h, err := ident.ParseHetu(c)
		var why finding.Text
		switch {
		case err != nil:
			why = finding.Tf("asiakastunnus %s ei ole kelvollinen henkilötunnus (%v)", "client id %s is not a valid henkilötunnus (%v)", v.mask(c), err)
		case !h.Test():
			why = finding.Tf("asiakastunnus %s ei ole 900-sarjan testihenkilötunnus", "client id %s is not a 900-series test henkilötunnus", v.mask(c))
		default:
			continue
		}
		bad++
		if len(ev) < maxEvidence {
			ev = append(ev, Evidence{File: v.in.File, Line: v.clients[c], Note: why})
		}
	}
	if bad > 0 {
		return Fail, finding.T(fmt.Sprintf("%s %d:stä ei ole 900-sarjan testihenkilötunnus.", count(bad, "asiakastunnus", "asiakastunnusta"), len(v.clientIDs)),
			fmt.Sprintf("%s of %d not a 900-series test code.", count(bad, "client id is", "client ids are"), len(v.clientIDs))), ev
	}
	ok := finding.T("Testihenkilön asiakastunnus on 900-sarjan testihenkilötunnus.", "The test person's client id is a 900-series test code.")
	if len(v.clientIDs) > 1 {
		ok = finding.Tf("Kaikki %d asiakastunnusta ovat 900-sarjan testihenkilötunnuksia.", "All %d client ids are 900-series test codes.", len(v.clientIDs))
	}
	return Pass, ok, []Evidence{{File: v.in.File, Note: finding.Tf("testihenkilö %s", "test person %s", v.mask(v.person))}}
}

// J1: a Päätös stored by the organiser in its register, in a case. The
// kind comes from Sosmeta: K25 asks for "vähintään palvelupäätös", and
// every national decision type has kind Päätös [inferred reading].
func (v *verifier) j1() (Status, finding.Text, []Evidence) {
	var outs []outcome
	for _, r := range v.test {
		if r.typ == nil || r.typ.Kind != "Päätös" || !v.isOrganiser(r.author) {
			continue
		}
		name := r.typ.Code + " " + r.typ.NameFI
		switch {
		case !v.inOrgRegister(r):
			outs = append(outs, outcome{no, v.ev(r, finding.Tf("päätös %s ei ole palvelunjärjestäjän rekisterissä", "decision %s is not in the organiser's register", name))})
		case r.status == export.StatusVoided:
			outs = append(outs, outcome{no, v.ev(r, finding.Tf("päätös %s on mitätöity", "decision %s is voided", name))})
		case !v.hasCase:
			outs = append(outs, outcome{maybe, v.ev(r, finding.Tf("päätös %s; viennissä ei ole asiatunnusta (case_id): varmista, että se on asiassa",
				"decision %s; the export has no case id (case_id): confirm it is in the case", name))})
		case r.caseID == "":
			outs = append(outs, outcome{no, v.ev(r, finding.Tf("päätökseltä %s puuttuu asiatunnus", "decision %s has no case id", name))})
		default:
			outs = append(outs, outcome{yes, v.ev(r, finding.Tf("päätös %s asiassa %s, tallennettu %s", "decision %s in case %s, stored %s", name, r.caseID, tsFI(r.at)))})
		}
	}
	if len(outs) == 0 {
		return Fail, finding.T("Palvelunjärjestäjän tallentamaa päätöstä ei ole viennissä.", "The export has no decision stored by the organiser."), nil
	}
	st, ev := decide(outs)
	return st, reasonOf(st, finding.T("Palvelunjärjestäjän päätös on tallennettu asiaan.", "The organiser's decision is stored in the case."),
		finding.T("Päätöksen asiaa ei voi todeta viennistä.", "The export cannot show the decision's case."),
		finding.T("Palvelunjärjestäjän päätöstä ei ole tallennettu asiaan sen rekisteriin.", "No decision of the organiser is stored in a case in its register.")), ev
}

func reasonOf(st Status, pass, confirm, fail finding.Text) finding.Text {
	switch st {
	case Pass:
		return pass
	case Confirm:
		return confirm
	}
	return fail
}

// J2 and J4 take the storer of an Asiakkuusasiakirja version from
// modifier_org, else from its author: only the organiser writes its
// clients' Asiakkuusasiakirja (K25 §2), so the author stands for the
// storer of every version [inferred].
func (v *verifier) relStorer(r *row) string {
	if r.modifier != "" {
		return r.modifier
	}
	return r.author
}

func (v *verifier) stepJ2() (Status, finding.Text, []Evidence) {
	if v.j2 == nil {
		rels := 0
		for _, r := range v.test {
			if r.typ != nil && r.typ.Relationship() {
				rels++
			}
		}
		if rels == 0 {
			return Fail, finding.T("Testihenkilöllä ei ole Asiakkuusasiakirjaa viennissä.", "The export has no Asiakkuusasiakirja for the test person."), nil
		}
		return Fail, finding.Tf("Mikään %d Asiakkuusasiakirjan versiosta ei nimeä palveluyksikköä alkamispäivineen%s.",
			"None of the %d Asiakkuusasiakirja versions names a service unit with a start date%s.", rels, unitHint(v.cfg.Unit)), nil
	}
	r := v.j2
	note := finding.Tf("palveluyksikkö %s, asiakkuus alkaa %s, versio tallennettu %s", "service unit %s, relationship starts %s, version stored %s",
		r.unit, dateFI(r.unitStart), tsFI(r.at))
	if s := v.relStorer(r); !v.isOrganiser(s) {
		return Fail, finding.Tf("Asiakkuusasiakirjan version on tallentanut %s, ei palvelunjärjestäjä.", "The Asiakkuusasiakirja version was stored by %s, not the organiser.", s),
			[]Evidence{v.ev(r, note)}
	}
	if v.producer == "" {
		return Fail, finding.Tf("Palveluyksikön %q organisaatiota ei voi tunnistaa (ei OID:ia eikä producer_id:tä).",
			"The organisation of service unit %q cannot be identified (no OID and no producer_id).", r.unit), []Evidence{v.ev(r, note)}
	}
	return Pass, finding.T("Palvelunjärjestäjä on tallentanut Asiakkuusasiakirjan version, jolla on palveluyksikkö ja alkamispäivä.",
		"The organiser stored an Asiakkuusasiakirja version with the service unit and its start date."), []Evidence{v.ev(r, note)}
}

func unitHint(u string) string {
	if u == "" {
		return ""
	}
	return fmt.Sprintf(" (--unit %s)", u)
}

func (v *verifier) stepJ3() (Status, finding.Text, []Evidence) {
	var ev []Evidence
	for _, id := range sortedKeys(v.docs) {
		if len(ev) == maxEvidence {
			break
		}
		r := v.docs[id][0]
		ev = append(ev, v.ev(r, finding.T("palveluntuottajan asiakirja, jonka palvelunjärjestäjän tulee voida avata ja lukea",
			"a producer document the organiser should be able to open and read")))
	}
	return Confirm, finding.T("Haku ja lukeminen eivät näy rekisteriviennissä: varmista palvelunjärjestäjän järjestelmästä tai Arkistonhoitajan käyttöliittymän käyttölokilta.",
		"Retrieving and reading do not show in a register export: confirm in the organiser's system or the archivist UI's usage log."), ev
}

func sortedKeys(m map[string][]*row) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func (v *verifier) stepJ4() (Status, finding.Text, []Evidence) {
	if v.j2 == nil {
		return Fail, finding.T("Asiakkuuden alkua (J2) ei ole, joten päättymistäkään ei voi todeta.", "There is no start (J2), so no end can be shown either."), nil
	}
	if v.j4 == nil {
		var ev []Evidence
		if v.j2.unitEnd != 0 {
			ev = append(ev, v.ev(v.j2, finding.Tf("päättymispäivä %s on jo alkamisversiolla", "end date %s is already on the start version", dateFI(v.j2.unitEnd))))
		}
		return Fail, finding.T("Asiakkuusasiakirjasta ei ole myöhempää versiota, jolla on palveluyksikön asiakkuuden päättymispäivä.",
			"No later Asiakkuusasiakirja version carries the unit's end date."), ev
	}
	r := v.j4
	note := finding.Tf("asiakkuus päättyy %s, versio tallennettu %s", "relationship ends %s, version stored %s", dateFI(r.unitEnd), tsFI(r.at))
	start := r.unitStart
	if start == 0 {
		start = v.j2.unitStart
	}
	switch {
	case !v.isOrganiser(v.relStorer(r)):
		return Fail, finding.Tf("Päivitetyn version on tallentanut %s, ei palvelunjärjestäjä.", "The updated version was stored by %s, not the organiser.", v.relStorer(r)),
			[]Evidence{v.ev(r, note)}
	case r.unitEnd < start:
		return Fail, finding.T("Päättymispäivä on ennen alkamispäivää.", "The end date is before the start date."), []Evidence{v.ev(r, note)}
	}
	return Pass, finding.T("Palvelunjärjestäjä on tallentanut päivitetyn Asiakkuusasiakirjan version päättymispäivineen.",
		"The organiser stored the updated Asiakkuusasiakirja version with the end date."), []Evidence{v.ev(r, note)}
}

// producerVersions calls f for every version of every producer document,
// with whether it is the document's first version.
func (v *verifier) producerVersions(f func(r *row, first bool)) {
	for _, id := range sortedKeys(v.docs) {
		for i, r := range v.docs[id] {
			f(r, i == 0 && r.vnum <= 1)
		}
	}
}

func (v *verifier) noProducer() (Status, finding.Text, []Evidence, bool) {
	if v.j2 == nil || v.producer == "" {
		return Fail, finding.T("Palveluntuottajaa ja asiakkuuden aikaa ei voi tunnistaa ilman Asiakkuusasiakirjan alkamisversiota (J2).",
			"Without the Asiakkuusasiakirja's start version (J2) neither the producer nor the relationship's time can be identified."), nil, true
	}
	if len(v.docs) == 0 {
		return Fail, finding.Tf("Viennissä ei ole palveluntuottajan (%s) tallentamia asiakirjoja.", "The export has no documents stored by the producer (%s).",
			orgLabel(v.producer)), nil, true
	}
	return "", finding.Text{}, nil, false
}

func (v *verifier) windowNote(t export.Timestamp, w tri, what finding.Text) finding.Text {
	ts := tsFI(t)
	switch w {
	case yes:
		return finding.T(what.FI+", tallennettu "+ts+" asiakkuuden aikana", what.EN+", stored "+ts+" during the relationship")
	case maybe:
		return finding.T(what.FI+", tallennettu "+ts+": vienti ei kerro kellonaikaa, joten järjestystä asiakkuuden alkuun tai loppuun ei voi todeta",
			what.EN+", stored "+ts+": the export gives no time of day, so its order against the relationship's start or end cannot be shown")
	}
	return finding.T(what.FI+", tallennettu "+ts+" asiakkuuden ulkopuolella", what.EN+", stored "+ts+" outside the relationship")
}

// T1: the retrieval does not show in an export; its result does: the
// producer's documents carry the case id of the case the organiser opened
// (K25 Taulukko 2, 1; Lopputulos). Without that evidence: confirm.
func (v *verifier) t1() (Status, finding.Text, []Evidence) {
	if !v.hasCase {
		return Confirm, finding.T("Viennissä ei ole asiatunnusta (case_id): varmista haku palveluntuottajan järjestelmästä.",
			"The export has no case id (case_id): confirm the retrieval in the producer's system."), nil
	}
	cases := map[string]bool{}
	for _, r := range v.test {
		if v.isOrganiser(r.author) && r.caseID != "" {
			cases[r.caseID] = true
		}
	}
	var pass, other []Evidence
	n := 0
	for _, id := range sortedKeys(v.docs) {
		r := v.docs[id][0] // the document's earliest version in the export
		switch {
		case r.caseID != "" && cases[r.caseID]:
			n++
			if len(pass) < maxEvidence {
				pass = append(pass, v.ev(r, finding.Tf("palvelunjärjestäjän asia %s", "the organiser's case %s", r.caseID)))
			}
		case len(other) < maxEvidence:
			if r.caseID == "" {
				other = append(other, v.ev(r, finding.T("ei asiatunnusta", "no case id")))
			} else {
				other = append(other, v.ev(r, finding.Tf("asia %s ei ole millään palvelunjärjestäjän asiakirjalla: varmista, että se on palvelunjärjestäjän avaama asia",
					"case %s is on no document of the organiser: confirm it is the case the organiser opened", r.caseID)))
			}
		}
	}
	if n > 0 {
		return Pass, finding.T(count(n, "palveluntuottajan asiakirja on liitetty", "palveluntuottajan asiakirjaa on liitetty")+
			" palvelunjärjestäjän asiaan: palveluntuottaja on saanut asiatunnuksen palvelunjärjestäjän asiakirjoista.",
			count(n, "producer document is attached", "producer documents are attached")+" to the organiser's case: the producer got the case id from the organiser's documents."), pass
	}
	return Confirm, finding.T("Palveluntuottajan asiakirjoilla ei ole palvelunjärjestäjän asiatunnusta: varmista haku palveluntuottajan järjestelmästä.",
		"No producer document carries the organiser's case id: confirm the retrieval in the producer's system."), other
}

func (v *verifier) t2() (Status, finding.Text, []Evidence) {
	if !v.hasAttach {
		return Confirm, finding.T("Viennissä ei ole liitteiden määrää (attachments): varmista liite Arkistonhoitajan käyttöliittymästä.",
			"The export has no attachment count (attachments): confirm the attachment in the archivist UI."), nil
	}
	if st, reason, ev, stop := v.noProducer(); stop {
		return st, reason, ev
	}
	var outs []outcome
	v.producerVersions(func(r *row, first bool) {
		if r.attachments < 1 || !v.inOrgRegister(r) || r.status == export.StatusVoided {
			return
		}
		w := v.inWindow(r.at)
		outs = append(outs, outcome{w, v.ev(r, v.windowNote(r.at, w, finding.Tf("liitteitä %d", "attachments %d", r.attachments)))})
	})
	if len(outs) == 0 {
		return Fail, finding.T("Palveluntuottajan asiakirjoilla ei ole liitteitä palvelunjärjestäjän rekisterissä.",
			"No producer document in the organiser's register has an attachment."), nil
	}
	st, ev := decide(outs)
	return st, reasonOf(st, finding.T("Palveluntuottajan liitteellinen asiakirja on tallentunut palvelunjärjestäjän rekisteriin asiakkuuden aikana.",
		"A producer document with an attachment is stored in the organiser's register during the relationship."),
		finding.T("Liitteellisen asiakirjan tallennusaikaa asiakkuuteen nähden ei voi todeta viennistä.", "The export cannot place the document with the attachment in the relationship's time."),
		finding.T("Palveluntuottajan liitteellinen asiakirja on tallennettu asiakkuuden ulkopuolella.", "The producer's document with an attachment was stored outside the relationship.")), ev
}

// T3: a later, not voided version of a producer document, stored by the
// producer. A voided version is the voiding (T5, J5), not an edit; who
// stored a later version needs modifier_org.
func (v *verifier) t3() (Status, finding.Text, []Evidence) {
	if st, reason, ev, stop := v.noProducer(); stop {
		return st, reason, ev
	}
	var outs []outcome
	v.producerVersions(func(r *row, first bool) {
		if first || r.vnum < 2 || r.status == export.StatusVoided || !v.inOrgRegister(r) {
			return
		}
		w := v.inWindow(r.at)
		by, known := v.storedBy(r, false)
		switch {
		case !known:
			outs = append(outs, outcome{min(w, maybe), v.ev(r, v.windowNote(r.at, w, finding.T("versio ilman muokkaajan organisaatiota (modifier_org): varmista, että sen tallensi palveluntuottaja",
				"a version without the modifier's organisation (modifier_org): confirm the producer stored it")))})
		case !v.isProducer(by):
			outs = append(outs, outcome{no, v.ev(r, finding.Tf("version tallensi %s, ei palveluntuottaja", "the version was stored by %s, not the producer", by))})
		default:
			outs = append(outs, outcome{w, v.ev(r, v.windowNote(r.at, w, finding.T("palveluntuottajan uusi versio", "the producer's new version")))})
		}
	})
	if len(outs) == 0 {
		return Fail, finding.T("Yhdestäkään palveluntuottajan asiakirjasta ei ole uutta (mitätöimätöntä) versiota.", "No producer document has a new (not voided) version."), nil
	}
	st, ev := decide(outs)
	return st, reasonOf(st, finding.T("Palveluntuottaja on tallentanut asiakirjastaan uuden version asiakkuuden aikana.", "The producer stored a new version of its document during the relationship."),
		finding.T("Uuden version tallentajaa tai aikaa ei voi todeta viennistä.", "The export cannot show who stored the new version, or when."),
		finding.T("Palveluntuottajan uutta versiota ei ole tallennettu asiakkuuden aikana.", "No new version by the producer was stored during the relationship.")), ev
}

// specialContent reads the erityissisältö column: any value but a "no"
// word marks special content. K25 names no code for it [inferred]; the
// value is quoted in the evidence.
func specialContent(s string) bool {
	switch textnorm.Fold(s) {
	case "", "ei", "no", "n", "false", "0", "nej", "-", "e", "f", "none", "ei erityissisaltoa":
		return false
	}
	return true
}

func (v *verifier) t4() (Status, finding.Text, []Evidence) {
	if !v.hasSpecial {
		return Confirm, finding.T("Viennissä ei ole erityissisältöä (special_content): varmista Arkistonhoitajan käyttöliittymästä.",
			"The export has no special-content column (special_content): confirm in the archivist UI."), nil
	}
	if st, reason, ev, stop := v.noProducer(); stop {
		return st, reason, ev
	}
	var outs []outcome
	v.producerVersions(func(r *row, first bool) {
		if !specialContent(r.special) || !v.inOrgRegister(r) {
			return
		}
		what := finding.Tf("erityissisältö %q", "special content %q", r.special)
		if r.typ != nil {
			what = finding.Tf("%s %s, erityissisältö %q", "%s %s, special content %q", r.typ.Code, r.typ.NameFI, r.special)
		}
		w := v.inWindow(r.at)
		outs = append(outs, outcome{w, v.ev(r, v.windowNote(r.at, w, what))})
	})
	if len(outs) == 0 {
		return Fail, finding.T("Yhdelläkään palveluntuottajan asiakirjalla ei ole erityissisältöä.", "No producer document is marked as special content."), nil
	}
	st, ev := decide(outs)
	return st, reasonOf(st, finding.T("Palveluntuottajan erityissisältöinen asiakirja on tallentunut asiakkuuden aikana.", "A producer document with special content is stored during the relationship."),
		finding.T("Erityissisältöisen asiakirjan aikaa ei voi todeta viennistä.", "The export cannot place the special-content document in the relationship's time."),
		finding.T("Erityissisältöinen asiakirja on tallennettu asiakkuuden ulkopuolella.", "The special-content document was stored outside the relationship.")), ev
}

// wrongPerson matches K25's void reason "väärä henkilö"; the Swedish and
// English forms are our translations, and a vendor code is mapped to it in
// the --mapping file (values: void_reason).
func wrongPerson(s string) bool {
	f := textnorm.Fold(s)
	for _, w := range []string{"vaara henkilo", "vaaralle henkilolle", "fel person", "wrong person"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

func (v *verifier) t5() (Status, finding.Text, []Evidence) {
	if st, reason, ev, stop := v.noProducer(); stop {
		return st, reason, ev
	}
	var outs []outcome
	v.producerVersions(func(r *row, first bool) {
		if r.status != export.StatusVoided {
			return
		}
		w := v.inWindow(r.at)
		by, known := v.storedBy(r, first)
		reason := yes
		rnote := finding.Tf("syy %q", "reason %q", r.voidReason)
		switch {
		case !v.hasVoid:
			reason, rnote = maybe, finding.T("viennissä ei ole mitätöinnin syytä (void_reason)", "the export has no void reason (void_reason)")
		case !wrongPerson(r.voidReason):
			reason = no
		}
		who := maybe
		wnote := finding.T("mitätöijää ei voi todeta (modifier_org puuttuu)", "who voided it cannot be shown (no modifier_org)")
		if known {
			who = boolTri(v.isProducer(by))
			wnote = finding.Tf("mitätöinyt %s", "voided by %s", by)
		}
		what := finding.T(rnote.FI+", "+wnote.FI, rnote.EN+", "+wnote.EN)
		outs = append(outs, outcome{and(w, reason, who), v.ev(r, v.windowNote(r.at, w, what))})
	})
	if len(outs) == 0 {
		return Fail, finding.T("Yhtään palveluntuottajan asiakirjaa ei ole mitätöity.", "No producer document is voided."), nil
	}
	st, ev := decide(outs)
	return st, reasonOf(st, finding.T("Palveluntuottaja on mitätöinyt asiakirjansa syyllä ”väärä henkilö” asiakkuuden aikana.",
		"The producer voided its document with the reason \"väärä henkilö\" during the relationship."),
		finding.T("Mitätöinnin tekijää, syytä tai aikaa ei voi todeta viennistä.", "The export cannot show who voided the document, why or when."),
		finding.T("Palveluntuottaja ei ole mitätöinyt asiakirjaa syyllä ”väärä henkilö” asiakkuuden aikana.",
			"The producer did not void a document with the reason \"väärä henkilö\" during the relationship.")), ev
}

func (v *verifier) stepJ5() (Status, finding.Text, []Evidence) {
	if st, reason, ev, stop := v.noProducer(); stop {
		return st, reason, ev
	}
	if v.j4 == nil {
		return Fail, finding.T("Asiakkuuden päättymistä (J4) ei ole, joten mitätöintiä sen jälkeen ei voi todeta.",
			"There is no end (J4), so no voiding after it can be shown."), nil
	}
	var outs []outcome
	v.producerVersions(func(r *row, first bool) {
		if r.status != export.StatusVoided {
			return
		}
		a := v.afterEnd(r.at)
		by, known := v.storedBy(r, first)
		who := maybe
		note := finding.T("mitätöijää ei voi todeta (modifier_org puuttuu)", "who voided it cannot be shown (no modifier_org)")
		if known {
			who = boolTri(v.isOrganiser(by))
			note = finding.Tf("mitätöinyt %s", "voided by %s", by)
		}
		ts := tsFI(r.at)
		switch a {
		case yes:
			note = finding.T("mitätöity "+ts+" päättymisen jälkeen, "+note.FI, "voided "+ts+" after the end, "+note.EN)
		case maybe:
			note = finding.T("mitätöity "+ts+": vienti ei kerro kellonaikaa, joten järjestystä päättymiseen ei voi todeta; "+note.FI,
				"voided "+ts+": the export gives no time of day, so its order against the end cannot be shown; "+note.EN)
		default:
			note = finding.T("mitätöity "+ts+" ennen päättymistä, "+note.FI, "voided "+ts+" before the end, "+note.EN)
		}
		outs = append(outs, outcome{and(a, who), v.ev(r, note)})
	})
	if len(outs) == 0 {
		return Fail, finding.T("Yhtään palveluntuottajan asiakirjaa ei ole mitätöity.", "No producer document is voided."), nil
	}
	st, ev := decide(outs)
	return st, reasonOf(st, finding.T("Palvelunjärjestäjä on mitätöinyt palveluntuottajan asiakirjan asiakkuuden päätyttyä.",
		"The organiser voided a producer document after the relationship ended."),
		finding.T("Mitätöinnin tekijää tai aikaa ei voi todeta viennistä.", "The export cannot show who voided the document, or when."),
		finding.T("Palvelunjärjestäjä ei ole mitätöinyt palveluntuottajan asiakirjaa asiakkuuden päätyttyä.",
			"The organiser did not void a producer document after the relationship ended.")), ev
}

// T6: the producer system's export after the end holds none of the test
// person's documents of the organiser's register. Without a controller
// column every row of the test person counts: K25 says the client's
// documents should no longer be stored in the producer's system at all.
func (v *verifier) t6() (Status, finding.Text, []Evidence) {
	if v.prod == nil {
		return Confirm, finding.T("Palveluntuottajan järjestelmän vientiä ei annettu (--producer): varmista, ettei haku palauta asiakirjoja.",
			"No export of the producer's system was given (--producer): confirm that the search returns no documents."), nil
	}
	var ev []Evidence
	n, own := 0, 0
	for _, r := range v.prodRows {
		org := true
		if v.prodHasCtl && r.controller != "" {
			org = orgOf(r.controller) == v.organiser
		}
		if !org || r.register == registers.Health {
			own++
			continue
		}
		n++
		if len(ev) < maxEvidence {
			ev = append(ev, v.ev(r, finding.T("testihenkilön asiakirja palvelunjärjestäjän rekisteristä palveluntuottajan järjestelmässä",
				"a document of the test person from the organiser's register in the producer's system")))
		}
	}
	if n > 0 {
		if n > maxEvidence {
			ev = append(ev, Evidence{Note: finding.Tf("ja %d muuta", "and %d more", n-maxEvidence)})
		}
		return Fail, finding.T("Palveluntuottajan järjestelmässä on yhä "+count(n, "testihenkilön asiakirjarivi", "testihenkilön asiakirjariviä")+" palvelunjärjestäjän rekisteristä.",
			"The producer's system still holds "+count(n, "row", "rows")+" of the test person's documents of the organiser's register."), ev
	}
	note := finding.T(count(v.prodTally.Read, "rivi", "riviä")+" luettu, ei testihenkilön asiakirjoja palvelunjärjestäjän rekisteristä",
		count(v.prodTally.Read, "row", "rows")+" read, none of the test person's documents of the organiser's register")
	if own > 0 {
		note = finding.T(note.FI+"; "+count(own, "testihenkilön rivi", "testihenkilön riviä")+" muussa rekisterissä",
			note.EN+"; "+count(own, "row", "rows")+" of the test person in another register")
	}
	return Pass, finding.T("Palveluntuottajan järjestelmän viennissä ei ole testihenkilön asiakirjoja palvelunjärjestäjän rekisteristä.",
		"The producer system's export holds none of the test person's documents of the organiser's register."), []Evidence{{File: v.prod.File, Note: note}}
}

// lookupType resolves a document-type value as the register gate does: a
// 1506 code, "group:N" or "1505.N" for a document group, "1506.N", any
// structure or code-system OID, or an exact or folded FI/SV name.
func lookupType(cat *sosmeta.Catalogue, s string) *sosmeta.DocumentType {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return nil
	case strings.HasPrefix(s, "group:"):
		return cat.ByKey(s)
	case strings.HasPrefix(s, "1505."):
		return cat.ByKey("group:" + s[5:])
	case strings.HasPrefix(s, "1506."):
		return cat.ByKey(s[5:])
	}
	return cat.Resolve(s)
}
