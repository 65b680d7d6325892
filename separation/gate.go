// Package separation is the register-separation gate: it streams a
// client-system register export (package export) through the rules of
// 703/2023 on register separation, controllers, the producer's register
// use right, § 37 metadata, Sosmeta code sets and identifiers, with memory
// bounded by the number of distinct documents rather than rows.
//
// Every check is a *Check value in rules.go. Row checks run as rows
// arrive; the two cross-row checks keep compact, pointer-free state and
// are judged after the last row:
//
//   - same document id in conflicting registers: every row's id hash,
//     register and line in a 16-byte record, bucketed, radix-sorted at the
//     end, with the ids prefix-compressed in an arena (docs.go);
//   - the register use right window: per (client, organiser, service
//     unit) the latest Asiakkuusasiakirja's [unit_start, unit_end], and
//     per producer document a 24-byte candidate. The Asiakkuusasiakirja
//     may come before or after the documents in file order and a later one
//     may supersede the window, so candidates wait for the end.
//
// One pass was chosen over two: a second read of the file costs as much as
// the whole rule pass, while the state stays small: peak RSS about 650 MB
// for 10M generated rows with 1M clients (scripts/bench-registers.sh).
package separation

import (
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"sort"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// IDMode says how client ids appear in findings.
type IDMode int

const (
	// Mask shows the birth date and century sign only: 010181-****.
	Mask IDMode = iota
	// Pseudonymize shows a keyed hash (Config.Pseudonymizer).
	Pseudonymize
	// Reveal shows ids in full; only when the user asks explicitly.
	Reveal
)

// DefaultMaxPerRule is how many findings of one rule are kept in full;
// the rest are counted exactly.
const DefaultMaxPerRule = 1000

// Config configures a gate run.
type Config struct {
	Catalogue *sosmeta.Catalogue
	Mapping   *export.Mapping
	// File names the export in finding locations.
	File string
	// DeploymentTest requires every client id to be a 900-series test code.
	DeploymentTest bool
	IDs            IDMode
	Pseudonymizer  *ident.Pseudonymizer
	// MaxPerRule caps kept findings per rule: 0 means DefaultMaxPerRule,
	// negative means keep all.
	MaxPerRule int
	// Workers > 1 reads rows in one goroutine and checks them in another.
	Workers int
	// Ignore suppresses findings as they are made, so counts are exact
	// after suppression and unused entries can be reported.
	Ignore *finding.IgnoreList
	Now    time.Time
}

// Stats are figures of a run.
type Stats struct {
	Rows          int `json:"rows"`
	Documents     int `json:"documents"`
	ProducerDocs  int `json:"producer_documents"`
	Relationships int `json:"client_relationships"`
	TestIDs       int `json:"test_ids"`
}

// Result of a gate run.
type Result struct {
	Tally finding.Tally
	// Findings are the kept findings (at most MaxPerRule per rule), in
	// the order made.
	Findings []finding.Finding
	// Counts is the exact number of findings per rule after suppression.
	Counts map[string]int
	// Omitted counts per rule findings that were counted but not kept.
	Omitted map[string]int
	// Suppressed counts findings removed by the ignore list.
	Suppressed int
	// Rules are the rules that ran; NotChecked the ones that could not.
	Rules      []finding.Rule
	NotChecked []finding.NotChecked
	Stats      Stats
}

// ruleState is the per-rule bookkeeping of emitted findings.
type ruleState struct {
	on              bool
	count, kept     int
	omitted         int
	ignoreWhole     bool
	ignoreFP        bool
	markedWholeUsed bool
}

// window is the latest Asiakkuusasiakirja of a (client, organiser, unit).
type window struct {
	created    export.Timestamp
	version    int32
	line       uint32
	start, end export.Date
}

// candidate is a producer document awaiting the window check.
type candidate struct {
	key  uint64
	date export.Date
	line uint32
	off  uint32 // document id in the docTable arena
	unit uint32 // index into gate.units
}

// agg collects one finding per distinct (rule, column, value), e.g. an
// invalid organisation id repeated on many rows.
type agg struct {
	check   *Check
	field   export.Field
	value   string
	count   int
	line    int
	docID   string
	message func(a *agg) finding.Text
}

const aggLimit = 10000

// gate holds one run's state. It is used from one goroutine.
type gate struct {
	cfg    Config
	header *export.Header
	sheet  string
	max    int
	state  []ruleState
	res    *Result
	seed   maphash.Seed

	regs    memo[registers.Kind]
	docs    memo[*docInfo]
	tasks   memo[*taskInfo]
	orgs    [export.NumFields]memo[orgInfo]
	basis   memo[export.BasisKind]
	status  memo[export.StatusKind]
	kinds   memo[export.ControllerKindOf]
	docFn   func(string) *docInfo
	byCode  []*docInfo // numeric document-type codes below 32768 (Sosmeta codes are below 20000)
	taskFn  func(string) *taskInfo
	mapping *export.Mapping

	ids        docTable
	windows    map[uint64]window
	cands      [][]candidate
	units      []string
	unitIndex  map[string]uint32
	lastUnit   uint32
	aggs       map[string]*agg
	aggOrder   []*agg
	aggDropped map[*Check]int
	testIDs    int
	firstTest  int
	lastID     []byte // the previous row's valid client id (a copy)
	lastIDKind clientKind
	hasAuthor  bool
}

const candChunk = 1 << 16

func newGate(h *export.Header, sheet string, cfg Config) *gate {
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	g := &gate{cfg: cfg, header: h, sheet: sheet, max: cfg.MaxPerRule, state: make([]ruleState, len(Checks)),
		res: &Result{Counts: map[string]int{}, Omitted: map[string]int{}}, seed: maphash.MakeSeed(),
		windows: map[uint64]window{}, aggs: map[string]*agg{}, unitIndex: map[string]uint32{},
		aggDropped: map[*Check]int{}, mapping: cfg.Mapping}
	if g.max == 0 {
		g.max = DefaultMaxPerRule
	}
	g.docFn = resolveDocType(cfg.Catalogue, cfg.Mapping)
	g.byCode = make([]*docInfo, 1<<15)
	g.taskFn = resolveTask(cfg.Catalogue, cfg.Mapping)
	g.hasAuthor = h.Has(export.AuthorOrg)
	for _, c := range Checks {
		st := &g.state[c.idx]
		if (c.Mode > 0 && !cfg.DeploymentTest) || (c.Mode < 0 && cfg.DeploymentTest) {
			continue
		}
		if miss := c.missing(h); len(miss) > 0 {
			var names []string
			for _, f := range miss {
				names = append(names, f.String())
			}
			g.res.NotChecked = append(g.res.NotChecked, finding.NotChecked{Rule: c.ID, Title: c.Title, Missing: names})
			continue
		}
		st.on = true
		st.ignoreWhole, st.ignoreFP = cfg.Ignore.RuleEntries(c.ID, cfg.Now)
		g.res.Rules = append(g.res.Rules, c.Rule)
	}
	g.res.Tally.Source = cfg.File
	return g
}

func (g *gate) on(c *Check) bool { return g.state[c.idx].on }

// emit records a finding of c unless suppressed; msg is only called when
// the finding is kept.
func (g *gate) emit(c *Check, line int, key string, keys []string, msg func() finding.Text, code, task string) {
	st := &g.state[c.idx]
	if !st.on {
		return
	}
	if st.ignoreWhole {
		if !st.markedWholeUsed {
			g.cfg.Ignore.Suppresses(finding.Finding{RuleID: c.ID}, g.cfg.Now)
			st.markedWholeUsed = true
		}
		g.res.Suppressed++
		return
	}
	keep := g.max < 0 || st.kept < g.max
	if !keep && !st.ignoreFP {
		st.count++
		st.omitted++
		return
	}
	f := finding.New(c.Rule, finding.Text{}, finding.Location{File: g.cfg.File, Sheet: g.sheet, Row: line, Key: key}, keys...)
	if st.ignoreFP && g.cfg.Ignore.Suppresses(f, g.cfg.Now) {
		g.res.Suppressed++
		return
	}
	st.count++
	if !keep {
		st.omitted++
		return
	}
	st.kept++
	m := msg()
	if g.cfg.IDs != Reveal {
		// Last line of defence: producers mask ids, but a mis-mapped column
		// could still put a henkilötunnus into a document id or a value.
		m.FI, m.EN = ident.Redact(m.FI), ident.Redact(m.EN)
		f.Location.Key = ident.Redact(f.Location.Key)
	}
	f.Message = m
	f.Code = code
	f.ServiceTask = task
	g.res.Findings = append(g.res.Findings, f)
}

// client shows a client id as the configuration says.
func (g *gate) client(id string) string {
	switch g.cfg.IDs {
	case Reveal:
		return id
	case Pseudonymize:
		if g.cfg.Pseudonymizer != nil {
			return g.cfg.Pseudonymizer.Pseudonym(id)
		}
	}
	return ident.Mask(id)
}

// aggregate counts a (check, field, value) occurrence; one finding per
// distinct value is made at the end.
func (g *gate) aggregate(c *Check, f export.Field, value string, line int, docID string, msg func(a *agg) finding.Text) {
	if !g.state[c.idx].on {
		return
	}
	k := c.ID + "\x00" + f.String() + "\x00" + value
	if a, ok := g.aggs[k]; ok {
		a.count++
		return
	}
	if len(g.aggs) >= aggLimit {
		g.aggDropped[c]++
		return
	}
	a := &agg{check: c, field: f, value: strings.Clone(value), count: 1, line: line, docID: strings.Clone(docID), message: msg}
	g.aggs[strings.Clone(k)] = a
	g.aggOrder = append(g.aggOrder, a)
}

// rowError turns an unusable row into a finding.
func (g *gate) rowError(e *export.RowError) {
	// Tallies count physical lines: a quote that ran on over forty lines
	// lost forty rows.
	n := e.Lines()
	g.res.Tally.Read += n
	if e.Kind == export.RowBlank {
		g.res.Tally.Skipped += n
		return
	}
	g.res.Tally.Rejected += n
	key := e.Key
	switch e.Kind {
	case export.RowFieldCount:
		g.emit(RuleFieldCount, e.Line, key, []string{key, "fields"}, func() finding.Text {
			return finding.Tf("Rivillä %d on %d kenttää, otsikkorivillä %d; riviä ei tarkistettu.",
				"Line %d has %d fields, the header has %d; the row was not checked.", e.Line, e.Got, e.Want)
		}, "", "")
	case export.RowQuote:
		g.emit(RuleQuoting, e.Line, key, []string{key, "quote"}, func() finding.Text {
			fi, en := quoteReason(e.Err)
			if e.EndLine > e.Line {
				return finding.Text{
					FI: fmt.Sprintf("Rivit %d–%d: %s (merkki %d); rivejä ei voitu lukea.", e.Line, e.EndLine, fi, e.Column),
					EN: fmt.Sprintf("Lines %d–%d: %s (character %d); the lines could not be read.", e.Line, e.EndLine, en, e.Column)}
			}
			return finding.Text{
				FI: fmt.Sprintf("Rivi %d: %s (merkki %d); riviä ei tarkistettu.", e.Line, fi, e.Column),
				EN: fmt.Sprintf("Line %d: %s (character %d); the row was not checked.", e.Line, en, e.Column)}
		}, "", "")
	case export.RowBadVersion:
		col := g.header.Column(e.Field)
		g.emit(RuleBadVersion, e.Line, key, []string{key, "version"}, func() finding.Text {
			return finding.Tf("Rivi %d: sarakkeen %q arvo %q ei ole versionumero (kokonaisluku 1:stä alkaen); riviä ei tarkistettu.",
				"Line %d: column %q value %q is not a version number (a whole number from 1); the row was not checked.", e.Line, col, e.Value)
		}, "", "")
	case export.RowImplausibleDate:
		col := g.header.Column(e.Field)
		g.emit(RuleImplausibleDate, e.Line, key, []string{key, e.Field.String()}, func() finding.Text {
			return finding.Tf("Rivi %d: sarakkeen %q päivämäärä %q ei ole uskottava (vuodesta %d vuoden päähän tästä päivästä); riviä ei tarkistettu.",
				"Line %d: column %q date %q is not plausible (from %d to a year from today); the row was not checked.", e.Line, col, e.Value, export.MinYear)
		}, "", "")
	case export.RowLongField:
		col := g.header.Column(e.Field)
		g.emit(RuleLongField, e.Line, key, []string{key, e.Field.String(), "long"}, func() finding.Text {
			return finding.Tf("Rivi %d: sarakkeen %q arvossa on %d tavua, enemmän kuin %d (alkaa %q); riviä ei tarkistettu.",
				"Line %d: column %q holds %d bytes, more than %d (starting %q); the row was not checked.", e.Line, col, e.Got, e.Want, e.Value)
		}, "", "")
	case export.RowBadDate:
		col := g.header.Column(e.Field)
		g.emit(RuleBadDate, e.Line, key, []string{key, e.Field.String()}, func() finding.Text {
			return finding.Tf("Sarakkeen %q arvo %q ei ole päivämäärä (VVVV-KK-PP tai p.k.vvvv); riviä ei tarkistettu.",
				"Column %q value %q is not a date (YYYY-MM-DD or d.m.yyyy); the row was not checked.", col, e.Value)
		}, "", "")
	}
}

// regBit maps a register kind to a bit of docState.mask (0 = not tracked).
func regBit(k registers.Kind) uint8 {
	switch k {
	case registers.Social:
		return 1
	case registers.Health:
		return 2
	case registers.Legacy:
		return 4
	case registers.Mixed:
		return 8
	}
	return 0
}

func regName(mask uint8) string {
	var parts []string
	for _, k := range []registers.Kind{registers.Social, registers.Health, registers.Legacy, registers.Mixed} {
		if mask&regBit(k) != 0 {
			parts = append(parts, string(k))
		}
	}
	return strings.Join(parts, "+")
}

// hashKey mixes the window key (client, organiser, unit).
func (g *gate) hashKey(client string, org ident.YTunnus, unit string) uint64 {
	h1 := maphash.String(g.seed, client)
	h2 := maphash.String(g.seed, unit)
	return h1 ^ (h2*0x9E3779B97F4A7C15 + uint64(org)*0xC2B2AE3D27D4EB4F + 0x165667B19E3779F9)
}

// row checks one record.
func (g *gate) row(rec *export.Record) {
	g.res.Tally.Read++
	v := &rec.Values
	line := rec.Line
	docID := v[export.DocumentID]

	// Required values: a row without them cannot be judged.
	var miss []string
	for _, f := range export.Required {
		if v[f] == "" {
			miss = append(miss, g.header.Column(f))
		}
	}
	if miss != nil {
		g.res.Tally.Rejected++
		g.emit(RuleMissingValue, line, docID, append([]string{docID}, miss...), func() finding.Text {
			m := strings.Join(miss, ", ")
			return finding.Tf("Rivi %d: pakollinen tieto puuttuu (%s); riviä ei tarkistettu.",
				"Line %d: required value missing (%s); the row was not checked.", line, m)
		}, "", "")
		return
	}
	g.res.Tally.Accepted++

	regRaw := v[export.Register]
	reg := g.regs.get(regRaw, func(s string) registers.Kind {
		return registers.Classify(g.mapping.Value(export.Register, s))
	})
	dt := g.docType(v[export.DocumentType])
	var task *taskInfo
	taskID := ""
	if g.header.Has(export.ServiceTask) {
		task = g.tasks.get(v[export.ServiceTask], g.taskFn)
		if len(task.ids) > 0 {
			taskID = task.ids[0]
		}
	}
	code := dt.code
	regKey := string(reg)

	// Document type.
	if dt.typ == nil && !dt.health {
		g.emit(RuleUnknownDocType, line, docID, []string{docID, dt.code}, func() finding.Text {
			return finding.Tf("Asiakirjatyyppiä %q ei löydy Sosmetasta (1.2.246.537.6.1506/1505) eikä sitä tunnisteta terveydenhuollon asiakirjaksi.",
				"Document type %q is not in Sosmeta (1.2.246.537.6.1506/1505) and not recognised as a health-care document.", v[export.DocumentType])
		}, "", taskID)
	} else if dt.typ != nil && !dt.typ.Current {
		g.emit(RuleObsoleteDocType, line, docID, []string{docID, dt.code}, func() finding.Text {
			return finding.Tf("Asiakirjatyyppi %s %q on Sosmetassa vain vanhentuneena versiona.",
				"Document type %s %q exists in Sosmeta only as an obsolete version.", dt.typ.Code, dt.typ.NameFI)
		}, code, taskID)
	}

	// Register separation.
	switch reg {
	case registers.Mixed:
		g.emit(RuleMixedRegister, line, docID, []string{docID, regKey}, func() finding.Text {
			return finding.Tf("Rekisteriarvo %q nimeää yhteisen tai molemmat rekisterit; asiakirja kuuluu joko sosiaalihuollon asiakasrekisteriin tai potilasrekisteriin.",
				"Register value %q names a joint register or both; a document belongs to either the social-welfare client register or the patient register.", regRaw)
		}, code, taskID)
	case registers.Unknown:
		g.emit(RuleUnknownRegister, line, docID, []string{docID, regRaw}, func() finding.Text {
			return finding.Tf("Rekisteriarvoa %q ei tunnisteta; erottelua ei voitu tarkistaa (lisää arvo --mapping-tiedostoon).",
				"Register value %q is not recognised; separation could not be checked (add the value to a --mapping file).", regRaw)
		}, code, taskID)
	case registers.Legacy:
		g.emit(RuleLegacyRegister, line, docID, []string{docID, regKey}, func() finding.Text {
			return finding.Tf("Rekisteriarvo %q on kumottu sosiaalihuollon ilmoitusrekisteri; asiakirja kuuluu sosiaalihuollon asiakasrekisteriin ennen Kanta-arkistointia.",
				"Register value %q is the repealed notification register; the document belongs in the social-welfare client register before Kanta archiving.", regRaw)
		}, code, taskID)
	case registers.Social:
		if dt.health {
			g.emit(RuleHealthInSocial, line, docID, []string{docID, regKey}, func() finding.Text {
				return finding.Tf("Terveydenhuollon asiakirja %q on sosiaalihuollon asiakasrekisterissä; potilasasiakirjat tallennetaan potilasrekisteriin.",
					"Health-care document %q is in the social-welfare client register; patient documents belong in the patient register.", v[export.DocumentType])
			}, code, taskID)
		}
	case registers.Health:
		if dt.typ != nil && dt.narrative {
			g.emit(RuleNarrativeInHealth, line, docID, []string{docID, regKey}, func() finding.Text {
				return finding.Tf("Asiakaskertomusmerkintä %s %q on potilasrekisterissä; asiakaskertomus tallennetaan sosiaalihuollon asiakasrekisteriin.",
					"Client narrative entry %s %q is in the patient register; the asiakaskertomus belongs in the social-welfare client register.", dt.typ.Code, dt.typ.NameFI)
			}, code, taskID)
		} else if dt.typ != nil && !dt.joint {
			g.emit(RuleSocialInHealth, line, docID, []string{docID, regKey}, func() finding.Text {
				return finding.Tf("Sosiaalihuollon asiakirja %s %q on potilasrekisterissä; vain yhteinen palvelutarpeen arvio ja asiakassuunnitelma saavat olla molemmissa.",
					"Social-welfare document %s %q is in the patient register; only a joint needs assessment and client plan may be in both.", dt.typ.Code, dt.typ.NameFI)
			}, code, taskID)
		}
	}

	// Same document id, conflicting registers: recorded now, judged at
	// the end (docs.go). The arena offset also names window candidates.
	docOff := g.ids.add(maphash.String(g.seed, docID), docID, regBit(reg), dt.joint, line)

	// Service task (§ 37 mom 2) and code sets. § 37 governs what is stored
	// in the social-welfare client register: a health-care document in the
	// patient register is outside it, one in the social register is not.
	patientDoc := dt.health && reg == registers.Health
	if task != nil && !patientDoc {
		switch {
		case v[export.ServiceTask] == "":
			g.emit(RuleNoServiceTask, line, docID, []string{docID}, func() finding.Text {
				return finding.T("Asiakirjalta puuttuu palvelutehtävä; jokaisesta asiakasasiakirjasta on käytävä ilmi sen palvelutehtävä.",
					"The document has no service task; every client document must show its service task(s).")
			}, code, "")
		case len(task.unknown) > 0:
			g.emit(RuleUnknownTask, line, docID, []string{docID, strings.Join(task.unknown, "|")}, func() finding.Text {
				u := strings.Join(task.unknown, ", ")
				return finding.Tf("Palvelutehtävää %q ei tunnisteta (1.2.246.537.6.1221: tunnus, koodi tai nimi).",
					"Service task %q is not recognised (1.2.246.537.6.1221: id, code or name).", u)
			}, code, taskID)
		}
		if len(task.legacy) > 0 {
			g.emit(RuleLegacyTask, line, docID, []string{docID, strings.Join(task.legacy, "|")}, func() finding.Text {
				l := strings.Join(task.legacy, ", ")
				return finding.Tf("Palvelutehtävä %q on vanha nimi; se on tulkittu tehtäväksi %s.",
					"Service task %q is a legacy name, read as %s.", l, strings.Join(task.ids, ", "))
			}, code, taskID)
		}
	}

	// Enumerated values.
	basis := export.BasisNone
	if g.header.Has(export.Basis) {
		basis = g.basis.get(v[export.Basis], func(s string) export.BasisKind { return export.ParseBasis(g.mapping.Value(export.Basis, s)) })
		if basis == export.BasisUnknown {
			g.unknownValue(export.Basis, v[export.Basis], line, docID, "own, purchased, voucher, self_paying")
		}
	}
	status := export.StatusNone
	if g.header.Has(export.Status) {
		status = g.status.get(v[export.Status], func(s string) export.StatusKind { return export.ParseStatus(g.mapping.Value(export.Status, s)) })
		if status == export.StatusUnknown {
			g.unknownValue(export.Status, v[export.Status], line, docID, "active, voided")
		}
	}
	ckind := export.KindNone
	if g.header.Has(export.ControllerKind) {
		ckind = g.kinds.get(v[export.ControllerKind], func(s string) export.ControllerKindOf {
			return export.ParseControllerKind(g.mapping.Value(export.ControllerKind, s))
		})
		if ckind == export.KindUnknown {
			g.unknownValue(export.ControllerKind, v[export.ControllerKind], line, docID, "public, private (1, 2)")
		}
	}

	// Organisation ids.
	// The same id often fills several columns (own production: organiser
	// = producer = author); validate each distinct value once per row.
	org := g.org(export.OrganiserID, v, line, docID)
	prod := g.sameOrg(export.ProducerID, export.OrganiserID, org, v, line, docID)
	author := g.sameOrg(export.AuthorOrg, export.ProducerID, prod, v, line, docID)
	ctrl := g.org(export.ControllerID, v, line, docID)
	if u := v[export.ServiceUnit]; u != "" && unitIsID(u) {
		g.org(export.ServiceUnit, v, line, docID)
	}

	// Client id.
	g.clientID(v[export.ClientID], line, docID, code, taskID)

	// Controller and basis (§§ 13–14, palvelusetelilaki § 11).
	switch {
	case basis.OnBehalf():
		if ctrl != 0 && org != 0 && ctrl != org {
			where := fmt.Sprintf("Y-tunnus %s", ctrl)
			whereEN := where
			if ctrl == prod {
				where, whereEN = "palveluntuottajan omassa rekisterissä", "the producer's own register"
			} else {
				where, whereEN = "rekisterinpitäjän "+where+" rekisterissä", "the register of controller "+whereEN
			}
			g.emit(RuleOnBehalfRegister, line, docID, []string{docID, basis.String()}, func() finding.Text {
				return finding.Text{
					FI: fmt.Sprintf("%s asiakirja on %s; rekisterinpitäjä on palvelunjärjestäjä %s.", basisFI(basis), where, org),
					EN: fmt.Sprintf("The %s document is in %s; the controller is the organiser %s.", basisEN(basis), whereEN, org)}
			}, code, taskID)
		}
		if ckind == export.KindPrivate {
			g.emit(RuleControllerKind, line, docID, []string{docID, basis.String(), "private"}, func() finding.Text {
				return finding.Text{
					FI: fmt.Sprintf("%s asiakirjan rekisterinpitäjä on merkitty yksityiseksi; palvelunjärjestäjä (hyvinvointialue) on julkinen rekisterinpitäjä.", basisFI(basis)),
					EN: fmt.Sprintf("The %s document's controller is marked private; the organiser (wellbeing services county) is a public controller.", basisEN(basis))}
			}, code, taskID)
		}
	case basis == export.BasisSelfPaying:
		if ctrl != 0 && prod != 0 && ctrl != prod {
			g.emit(RuleSelfPayingRegister, line, docID, []string{docID, basis.String()}, func() finding.Text {
				return finding.Tf("Itsemaksavan asiakkaan asiakirja on rekisterinpitäjän %s rekisterissä; rekisterinpitäjä on palveluntuottaja %s, jonka kanssa asiakas teki sopimuksen.",
					"The self-paying client's document is in the register of %s; the controller is the producer %s the client contracted with.", ctrl, prod)
			}, code, taskID)
		}
		if ckind == export.KindPublic {
			g.emit(RuleControllerKind, line, docID, []string{docID, basis.String(), "public"}, func() finding.Text {
				return finding.T("Itsemaksavan asiakkaan asiakirjan rekisterinpitäjä on merkitty julkiseksi; yksityisessä palvelussa rekisterinpitäjä on yksityinen palveluntuottaja.",
					"The self-paying client's document has a public controller; in a private service the controller is the private provider.")
			}, code, taskID)
		}
	}
	if ctrl == kela {
		g.emit(RuleKelaController, line, docID, []string{docID}, func() finding.Text {
			return finding.T("Rekisterinpitäjäksi on merkitty Kela (0246246-0); Kela säilyttää vain lopettaneiden palvelunantajien ja valtakunnallisten palvelujen asiakirjoja, ei Kelan hankkiman palvelun asiakirjojen rekisterinpitäjänä.",
				"Kela (0246246-0) is recorded as the controller; Kela keeps only documents of providers that ceased and of the national services, it is not the controller of documents of services it procures.")
		}, code, taskID)
	}

	// § 37 mom 3: basis, organiser and producer of documents produced on
	// another's behalf.
	if g.on(RuleNoParties) && !patientDoc {
		orgRaw, prodRaw := v[export.OrganiserID], v[export.ProducerID]
		switch {
		case basis.OnBehalf() && (orgRaw == "" || prodRaw == ""):
			var miss []string
			if orgRaw == "" {
				miss = append(miss, "organiser_id")
			}
			if prodRaw == "" {
				miss = append(miss, "producer_id")
			}
			g.emit(RuleNoParties, line, docID, append([]string{docID}, miss...), func() finding.Text {
				m := strings.Join(miss, ", ")
				return finding.Text{
					FI: fmt.Sprintf("%s asiakirjalta puuttuu %s; toisen lukuun tuotetusta asiakirjasta on ilmettävä palvelunjärjestäjä ja palveluntuottaja.", basisFI(basis), m),
					EN: fmt.Sprintf("The %s document lacks %s; a document produced on another's behalf must show its organiser and producer.", basisEN(basis), m)}
			}, code, taskID)
		case basis == export.BasisNone && org != 0 && prod != 0 && org != prod:
			g.emit(RuleNoParties, line, docID, []string{docID, "basis"}, func() finding.Text {
				return finding.Tf("Palvelunjärjestäjä %s ja palveluntuottaja %s eroavat, mutta käsittelyperuste puuttuu.",
					"Organiser %s and producer %s differ but the processing basis is missing.", org, prod)
			}, code, taskID)
		}
	}

	// Register use right (producer documents in the organiser's register).
	// (The register use right is a feature of the social-welfare archive.)
	if (g.on(RuleOutsideWindow) || g.on(RuleNoCaseID)) && !patientDoc {
		g.useRight(rec, dt, basis, status, ctrl, org, prod, author, code, taskID, docOff)
	}

	// Voiding.
	if status == export.StatusVoided && v[export.VoidReason] == "" {
		g.emit(RuleVoidNoReason, line, docID, []string{docID}, func() finding.Text {
			return finding.T("Asiakirja on mitätöity, mutta mitätöinnin syy puuttuu.", "The document is voided but the voiding reason is missing.")
		}, code, taskID)
	}
}

// useRight handles the Asiakkuusasiakirja windows and producer documents.
func (g *gate) useRight(rec *export.Record, dt *docInfo, basis export.BasisKind, status export.StatusKind,
	ctrl, org, prod, author ident.YTunnus, code, taskID string, docOff uint32) {
	v := &rec.Values
	unit := v[export.ServiceUnit]
	if unit == "" {
		unit = v[export.ProducerID]
	}
	if dt.relationship {
		// The organiser's Asiakkuusasiakirja names the producer unit and
		// its client-relationship dates; a voided one grants nothing.
		if status == export.StatusVoided || unit == "" || org == 0 || !g.on(RuleOutsideWindow) {
			return
		}
		k := g.hashKey(v[export.ClientID], org, unit)
		w := window{created: rec.Created, version: int32(rec.VersionNum), line: uint32(rec.Line), start: rec.UnitStart, end: rec.UnitEnd}
		if old, ok := g.windows[k]; !ok || w.created > old.created || (w.created == old.created && w.version >= old.version) {
			g.windows[k] = w
		}
		return
	}
	producerDoc := prod != 0 && org != 0 && prod != org
	if producerDoc {
		if g.hasAuthor {
			producerDoc = author == prod
		} else {
			producerDoc = basis.OnBehalf()
		}
	}
	if !producerDoc || ctrl != org {
		return
	}
	g.res.Stats.ProducerDocs++
	docID := v[export.DocumentID]
	line := rec.Line
	if g.on(RuleNoCaseID) && v[export.CaseID] == "" {
		g.emit(RuleNoCaseID, line, docID, []string{docID}, func() finding.Text {
			return finding.Tf("Palveluntuottajan %s asiakirjalta puuttuu asiatunnus; palvelunjärjestäjän rekisteriin tallennettava asiakirja liitetään järjestäjän asiaan.",
				"The document of producer %s has no case id; a document stored in the organiser's register is attached to the organiser's case.", prod)
		}, code, taskID)
	}
	if !g.on(RuleOutsideWindow) {
		return
	}
	if rec.Created == 0 {
		g.emit(RuleUndatedProducerDoc, line, docID, []string{docID}, func() finding.Text {
			return finding.T("Palveluntuottajan asiakirjalta puuttuu laatimisaika, joten rekisterinkäyttöoikeutta ei voitu tarkistaa.",
				"The producer document has no created time, so the register use right could not be checked.")
		}, code, taskID)
		return
	}
	c := candidate{key: g.hashKey(v[export.ClientID], org, unit), date: rec.Created.Date(), line: uint32(line),
		off: docOff, unit: g.unit(v[export.ServiceUnit])}
	n := len(g.cands)
	if n == 0 || len(g.cands[n-1]) == cap(g.cands[n-1]) {
		g.cands = append(g.cands, make([]candidate, 0, candChunk))
		n++
	}
	g.cands[n-1] = append(g.cands[n-1], c)
}

// docType resolves a document-type value. Plain numeric codes (most
// exports) index a table directly: the type changes on nearly every row,
// so the memo's last-value shortcut rarely hits and a map lookup would
// cost more than the rest of the row's lookups together.
func (g *gate) docType(raw string) *docInfo {
	if n := len(raw); n > 0 && n <= 5 && raw[0] != '0' {
		code := 0
		for i := 0; i < n; i++ {
			c := raw[i]
			if c < '0' || c > '9' {
				return g.docs.get(raw, g.docFn)
			}
			code = code*10 + int(c-'0')
		}
		if code < len(g.byCode) {
			if d := g.byCode[code]; d != nil {
				return d
			}
			d := g.docs.get(raw, g.docFn)
			g.byCode[code] = d
			return d
		}
	}
	return g.docs.get(raw, g.docFn)
}

// unit interns a service-unit value for messages (units are few).
func (g *gate) unit(u string) uint32 {
	if len(g.units) > 0 && u == g.units[g.lastUnit] {
		return g.lastUnit
	}
	if i, ok := g.unitIndex[u]; ok {
		g.lastUnit = i
		return i
	}
	if len(g.units) == 0 {
		g.units = append(g.units, "")
		g.unitIndex[""] = 0
		if u == "" {
			return 0
		}
	}
	if len(g.units) >= memoLimit {
		return 0
	}
	i := uint32(len(g.units))
	u = strings.Clone(u)
	g.units = append(g.units, u)
	g.unitIndex[u] = i
	return i
}

// sameOrg is org(f) reusing y when column f repeats column other. An
// invalid value is still counted under its own column.
func (g *gate) sameOrg(f, other export.Field, y ident.YTunnus, v *[export.NumFields]string, line int, docID string) ident.YTunnus {
	if y != 0 && v[f] == v[other] {
		return y
	}
	return g.org(f, v, line, docID)
}

// org validates an organisation id column (aggregated per distinct value).
func (g *gate) org(f export.Field, v *[export.NumFields]string, line int, docID string) ident.YTunnus {
	raw := v[f]
	if raw == "" {
		return 0
	}
	o := g.orgs[f].get(raw, resolveOrg)
	if o.err != nil {
		col := g.header.Column(f)
		g.aggregate(RuleInvalidOrg, f, raw, line, docID, func(a *agg) finding.Text {
			fi, en := orgReason(o.err)
			return finding.Text{
				FI: fmt.Sprintf("Sarakkeen %q arvo %q ei ole kelvollinen Y-tunnus tai organisaation OID: %s (rivejä %d).", col, a.value, fi, a.count),
				EN: fmt.Sprintf("Column %q value %q is not a valid Y-tunnus or organisation OID: %s (rows: %d).", col, a.value, en, a.count)}
		})
	}
	return o.y
}

func (g *gate) unknownValue(f export.Field, raw string, line int, docID, want string) {
	col := g.header.Column(f)
	g.aggregate(RuleUnknownValue, f, raw, line, docID, func(a *agg) finding.Text {
		return finding.Tf("Sarakkeen %q arvoa %q ei tunnisteta (odotettiin: %s; rivejä %d). Sääntöjä, jotka tarvitsevat arvon, ei sovellettu niihin riveihin. Lisää arvo --mapping-tiedostoon.",
			"Column %q value %q is not recognised (want %s; rows: %d). Rules needing the value did not apply to those rows. Add the value to a --mapping file.", col, a.value, want, a.count)
	})
}

// clientID validates the client id: henkilötunnus shape → full validation;
// anything else is taken for a pseudonym or local client number, except in
// deployment-test mode where only 900-series codes pass.
func (g *gate) clientID(id string, line int, docID, code, taskID string) {
	// Rows of one client usually come together: the previous row's valid
	// id needs no second validation.
	kind := g.lastIDKind
	if len(g.lastID) == 0 || id != string(g.lastID) {
		var err error
		kind, err = classifyClient(id)
		if err != nil {
			g.emit(RuleInvalidHetu, line, docID, []string{docID}, func() finding.Text {
				fi, en := hetuReason(err)
				c := g.client(id)
				return finding.Text{FI: "Asiakkaan henkilötunnus " + c + " on virheellinen: " + fi + ".",
					EN: "Client henkilötunnus " + c + " is invalid: " + en + "."}
			}, code, taskID)
			return
		}
		g.lastID, g.lastIDKind = append(g.lastID[:0], id...), kind
	}
	if kind == clientTest {
		g.testIDs++
		if g.firstTest == 0 {
			g.firstTest = line
		}
		return
	}
	if g.cfg.DeploymentTest {
		g.emit(RuleNotTestID, line, docID, []string{docID}, func() finding.Text {
			return finding.Tf("Asiakastunnus %s ei ole 900-sarjan testihenkilötunnus; Kannan testiympäristöissä saa käyttää vain niitä.",
				"Client id %s is not a 900-series test henkilötunnus; Kanta test environments accept only those.", g.client(id))
		}, code, taskID)
	}
}

type clientKind uint8

const (
	clientReal      clientKind = iota // a valid population-register code
	clientTest                        // a valid 900-series code
	clientPseudonym                   // not henkilötunnus-shaped
)

func classifyClient(id string) (clientKind, error) {
	if !ident.LooksLikeHetu(id) {
		return clientPseudonym, nil
	}
	h, err := ident.ParseHetu(id)
	if err != nil {
		return 0, err
	}
	if h.Test() {
		return clientTest, nil
	}
	return clientReal, nil
}

// orgReason words an organisation-id error in both languages.
func orgReason(err error) (fi, en string) {
	switch err {
	case ident.ErrYTunnusCheck:
		return "Y-tunnuksen tarkistusnumero on väärä", "the Y-tunnus check digit is wrong"
	case ident.ErrYTunnusNever:
		return "Y-tunnusta, jonka jakojäännös on 1, ei anneta", "a Y-tunnus with remainder 1 is never issued"
	case ident.ErrYTunnusFormat:
		return "muoto ei ole NNNNNNN-T", "it is not NNNNNNN-C"
	case ident.ErrOIDYTunnus:
		return "OID:n Y-tunnuksen tarkistusnumero on väärä", "the Y-tunnus inside the OID has a wrong check digit"
	case ident.ErrOIDFormat:
		return "OID ei ole muotoa 1.2.246.10.<Y-tunnus>.<10|19>.<n>", "the OID is not 1.2.246.10.<Y-tunnus>.<10|19>.<n>"
	}
	return "ei Y-tunnus eikä organisaation OID", "neither a Y-tunnus nor an organisation OID"
}

// quoteReason words a CSV quoting error in both languages.
func quoteReason(err error) (fi, en string) {
	if errors.Is(err, csv.ErrBareQuote) {
		return "lainausmerkki lainaamattoman kentän keskellä", "a quote inside an unquoted field"
	}
	return "lainattu kenttä ei pääty oikein (puuttuva tai ylimääräinen lainausmerkki)", "a quoted field does not end properly (missing or extra quote)"
}

// hetuReason words a henkilötunnus error in both languages.
func hetuReason(err error) (fi, en string) {
	switch err {
	case ident.ErrHetuLength:
		return "pituus ei ole 11 merkkiä", "it is not 11 characters long"
	case ident.ErrHetuSign:
		return "tuntematon välimerkki (vuosisata)", "unknown century sign"
	case ident.ErrHetuDate:
		return "syntymäaika ei ole kalenteripäivä", "the birth date is not a calendar date"
	case ident.ErrHetuNumber:
		return "yksilönumeroa 000 tai 001 ei anneta", "individual number 000 or 001 is never issued"
	case ident.ErrHetuCheck:
		return "tarkistusmerkki on väärä", "the check character is wrong"
	}
	return "muoto ei ole PPKKVV, välimerkki, kolme numeroa ja tarkistusmerkki", "it is not DDMMYY, a century sign, three digits and a check character"
}

// finish runs the deferred checks and builds the result.
func (g *gate) finish(unnamed map[int]int) *Result {
	// Same document id in conflicting registers.
	g.res.Stats.Documents = g.ids.scan(func(c conflict) {
		docID := g.ids.id(c.off)
		if docID == "" {
			docID = fmt.Sprintf("(line %d)", c.line)
		}
		g.emit(RuleConflictingRegisters, c.line, docID, []string{docID, regName(c.regs)}, func() finding.Text {
			return finding.Tf("Asiakirjatunniste on jo rivillä %d toisessa rekisterissä; tällä rivillä rekisteri on %s (yhteensä %s). Kantaan voi tallentaa vain yhden alkuperäisen.",
				"The document id already appears on line %d in another register; this row is in %s (together %s). Kanta keeps only one original.",
				c.first, regName(c.thisReg), regName(c.regs))
		}, "", "")
	})
	// Register use right windows.
	if g.on(RuleOutsideWindow) {
		for _, chunk := range g.cands {
			for _, c := range chunk {
				w, ok := g.windows[c.key]
				if ok && c.date >= w.start && (w.end == 0 || c.date <= w.end) {
					continue
				}
				docID, unit := g.ids.id(c.off), ""
				if int(c.unit) < len(g.units) {
					unit = g.units[c.unit]
				}
				line := int(c.line)
				if !ok {
					g.emit(RuleNoRelationship, line, docID, []string{docID, unit}, func() finding.Text {
						return finding.Tf("Palveluntuottajan asiakirja palvelunjärjestäjän rekisterissä, mutta asiakkaan asiakkuusasiakirjalla ei ole palveluyksikön %q asiakkuutta: rekisterinkäyttöoikeutta ei ole.",
							"Producer document in the organiser's register, but the client's Asiakkuusasiakirja has no client relationship for service unit %q: no register use right.", unit)
					}, "", "")
					continue
				}
				wl := int(w.line)
				g.emit(RuleOutsideWindow, line, docID, []string{docID, unit}, func() finding.Text {
					return finding.Tf("Asiakirja on päivätty %s, palveluyksikön %q asiakkuuden %s–%s ulkopuolelle (uusin asiakkuusasiakirja rivillä %d).",
						"The document is dated %s, outside service unit %q's client relationship %s–%s (latest Asiakkuusasiakirja on line %d).",
						c.date, unit, w.start, w.end, wl)
				}, "", "")
			}
		}
		g.cands = nil
	}
	// Aggregated findings.
	for _, a := range g.aggOrder {
		a := a
		g.emit(a.check, a.line, a.docID, []string{a.field.String(), a.value}, func() finding.Text { return a.message(a) }, "", "")
	}
	for c, n := range g.aggDropped {
		g.state[c.idx].count += n
		g.state[c.idx].omitted += n
	}
	// Columns.
	for _, name := range g.header.Unknown {
		name := name
		g.emit(RuleUnknownColumn, 0, name, []string{name}, func() finding.Text {
			return finding.Tf("Sarake %q ei vastaa mitään tunnettua kenttää, joten se jätettiin huomiotta (nimeä se --mapping-tiedostossa, jos se on tarpeen).",
				"Column %q matches no known field and was ignored (name it in a --mapping file if it matters).", name)
		}, "", "")
	}
	cols := make([]int, 0, len(unnamed))
	for i := range unnamed {
		cols = append(cols, i)
	}
	sort.Ints(cols)
	for _, i := range cols {
		col, n := i+1, unnamed[i]
		g.emit(RuleUnnamedColumn, 0, fmt.Sprintf("column %d", col), []string{fmt.Sprint(col)}, func() finding.Text {
			return finding.Tf("Sarakkeella %d ei ole otsikkoa, mutta siinä on tietoja %d rivillä; tiedot jätettiin huomiotta.",
				"Column %d has no header but holds values on %d rows; they were ignored.", col, n)
		}, "", "")
	}
	if g.testIDs > 0 {
		n, first := g.testIDs, g.firstTest
		g.emit(RuleTestIDs, first, "", []string{"test-ids"}, func() finding.Text {
			return finding.Tf("%d riviä käyttää 900-sarjan testi- tai väliaikaista henkilötunnusta (ensimmäinen rivillä %d); ne eivät ole väestötietojärjestelmän tunnuksia. Käytä --deployment-test, jos aineisto on testiaineisto.",
				"%d rows use a 900-series test or temporary henkilötunnus (first on line %d); these are not population-register codes. Use --deployment-test if the export is test data.", n, first)
		}, "", "")
	}
	for _, c := range Checks {
		st := &g.state[c.idx]
		if st.count > 0 {
			g.res.Counts[c.ID] = st.count
		}
		if st.omitted > 0 {
			g.res.Omitted[c.ID] = st.omitted
		}
	}
	g.res.Stats.Rows = g.res.Tally.Read
	g.res.Stats.Relationships = len(g.windows)
	g.res.Stats.TestIDs = g.testIDs
	return g.res
}

func basisFI(b export.BasisKind) string {
	switch b {
	case export.BasisPurchased:
		return "Ostopalvelun"
	case export.BasisVoucher:
		return "Palvelusetelipalvelun"
	case export.BasisSelfPaying:
		return "Itsemaksavan asiakkaan"
	case export.BasisOwn:
		return "Oman tuotannon"
	}
	return "Asiakirjan"
}

func basisEN(b export.BasisKind) string {
	switch b {
	case export.BasisPurchased:
		return "purchased-service"
	case export.BasisVoucher:
		return "service-voucher"
	case export.BasisSelfPaying:
		return "self-paying client's"
	case export.BasisOwn:
		return "own-production"
	}
	return "the"
}
