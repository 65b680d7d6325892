package separation

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
)

// Register use right of producers (REG02x): a producer's document in the
// organiser's register must fall inside the service unit's client
// relationship, as the organiser's Asiakkuusasiakirja gives it. (The
// register use right is a feature of the social-welfare archive.)
var (
	useRightNeeds     = []export.Field{export.OrganiserID, export.ProducerID, export.ControllerID, export.Created, export.UnitStart, export.UnitEnd}
	RuleOutsideWindow = register(&Check{Rule: finding.Rule{ID: "REG020", Severity: finding.Error,
		Title: finding.T("Palveluntuottajan asiakirja palveluyksikön asiakkuuden ulkopuolella",
			"Producer document dated outside the service unit's client relationship"),
		Basis: basisUseRight, Inferred: true},
		Needs: useRightNeeds, NeedsAny: []export.Field{export.AuthorOrg, export.Basis},
		when:     when(relationship, producerDoc),
		crossRow: true,
		judge: func(g *gate, c *Check, f *facts) {
			if f.dt.relationship {
				g.ur.window(g, f)
			} else if f.producerDoc && f.rec.Created != 0 {
				g.ur.candidate(g, f)
			}
		},
		// Judges REG021, REG024 and REG025 in the same join.
		finish: func(g *gate, c *Check) { g.ur.judge(g) },
		good: []sample{
			{note: "inside window, relationship after the document", rows: rows(pdoc(nil), rel(nil))},
			{note: "open-ended relationship", rows: rows(rel(row{"unit_end": ""}), pdoc(row{"created": "2025-01-01"}))},
			{note: "on the last day", rows: rows(rel(nil), pdoc(row{"created": "2024-06-30T23:59:00"}))},
			{note: "later relationship widens the window", rows: rows(pdoc(row{"created": "2024-08-01"}), rel(nil), rel(row{"document_id": "R2", "created": "2024-07-01", "unit_end": "2024-12-31"}))},
			{note: "leave and return: document in the first period, written after the second began", rows: rows(rel(nil), rel(row{"document_id": "R1", "version": "2", "created": "2024-09-01", "unit_start": "2024-09-01", "unit_end": ""}), pdoc(row{"created": "2024-03-01"}))},
			{note: "leave and return: the first period corrected after the return", rows: rows(rel(nil), rel(row{"version": "2", "created": "2024-09-01", "unit_start": "2024-09-01", "unit_end": ""}), rel(row{"version": "3", "created": "2024-10-01", "unit_end": "2024-05-31"}), pdoc(row{"created": "2024-10-15"}))},
			{note: "leave and return: document in the second period", rows: rows(rel(nil), rel(row{"version": "2", "created": "2024-09-01", "unit_start": "2024-09-01", "unit_end": "2024-12-31"}), pdoc(row{"created": "2024-10-01"}))},
			{note: "voided relationship ignored", rows: rows(rel(nil), rel(row{"document_id": "R2", "created": "2024-07-01", "unit_end": "2024-02-01", "status": "voided", "void_reason": "väärä henkilö"}), pdoc(nil))},
		},
		bad: []sample{
			{note: "after the end", rows: rows(rel(nil), pdoc(row{"created": "2024-08-01"}))},
			{note: "before the start, relationship later in file", rows: rows(pdoc(row{"created": "2023-12-31"}), rel(nil))},
			{note: "subcontractor's document after its unit's end", rows: rows(rel(row{"service_unit": subUnit}), pdoc(row{"basis": "alihankinta", "author_org": subOID, "service_unit": subUnit, "created": "2024-08-01"}))},
			{note: "leave and return: document between the periods", rows: rows(rel(nil), rel(row{"version": "2", "created": "2024-09-01", "unit_start": "2024-09-01", "unit_end": ""}), pdoc(row{"created": "2024-08-01"}))},
			{note: "leave and return: the first period corrected shorter after the return", rows: rows(rel(nil), rel(row{"version": "2", "created": "2024-09-01", "unit_start": "2024-09-01", "unit_end": ""}), rel(row{"version": "3", "created": "2024-10-01", "unit_end": "2024-05-31"}), pdoc(row{"created": "2024-06-15"}))},
			{note: "leave and return: second period shortened by its later version", rows: rows(rel(nil), rel(row{"version": "2", "created": "2024-09-01", "unit_start": "2024-09-01", "unit_end": ""}), rel(row{"version": "3", "created": "2024-10-01", "unit_start": "2024-09-01", "unit_end": "2024-09-30"}), pdoc(row{"created": "2024-10-15"}))},
			{note: "latest relationship shortened the window", rows: rows(rel(row{"unit_end": ""}), pdoc(row{"created": "2024-08-01"}), rel(row{"document_id": "R2", "version": "2", "created": "2024-07-01", "unit_end": "2024-07-15"}))},
		},
	})

	// RuleNoRelationship is judged with REG020, after the last row.
	RuleNoRelationship = register(&Check{Rule: finding.Rule{ID: "REG021", Severity: finding.Error,
		Title: finding.T("Palveluntuottajan asiakirja ilman palveluyksikön asiakkuutta",
			"Producer document without a client relationship for its service unit"),
		Basis: basisUseRight, Inferred: true},
		Needs: useRightNeeds, NeedsAny: []export.Field{export.AuthorOrg, export.Basis},
		good: []sample{{note: "relationship present", rows: rows(rel(nil), pdoc(nil))}},
		bad: []sample{{note: "no relationship at all", rows: rows(pdoc(nil))},
			{note: "relationship for another unit", rows: rows(rel(row{"service_unit": otherUnit}), pdoc(nil))},
			{note: "relationship of another client", rows: rows(rel(row{"client_id": testClient2}), pdoc(nil))},
			{note: "subcontractor's unit not on the Asiakkuusasiakirja", rows: rows(rel(nil), pdoc(row{"basis": "alihankinta", "author_org": subOID, "service_unit": subUnit}))}},
	})

	// RuleChangedAfterEnd: while the right is in force the producer may
	// store a new version of, or void, a document it stored itself; after
	// the unit's end date only the organiser may (Kela 2025, 2. ja 4.
	// Rekisterinkäyttöoikeuden päättyminen). A version's time (modified)
	// and storing organisation (modifier_org) show who changed it when.
	RuleChangedAfterEnd = register(&Check{Rule: finding.Rule{ID: "REG024", Severity: finding.Error,
		Title: finding.T("Palveluntuottaja muutti tai mitätöi asiakirjan palveluyksikön asiakkuuden päätyttyä",
			"Producer changed or voided a document after the service unit's client relationship ended"),
		Basis: basisUseRight + "; Kela 2025 (rekisterinkäyttöoikeuden päättyminen)"},
		Needs: append(slices.Clone(useRightNeeds), export.Modified, export.ModifierOrg), NeedsAny: []export.Field{export.AuthorOrg, export.Basis},
		when:     when(producerDoc),
		crossRow: true,
		judge: func(g *gate, c *Check, f *facts) {
			if f.producerDoc {
				g.ur.change(g, f)
			}
		},
		good: []sample{
			{note: "new version inside the window", rows: rows(rel(nil), pdoc(row{"version": "2", "modified": "2024-05-01", "modifier_org": prodOID}))},
			{note: "organiser voids after the end", rows: rows(rel(nil), pdoc(row{"version": "2", "status": "voided", "void_reason": "väärä henkilö", "modified": "2024-08-01", "modifier_org": orgOID}))},
			{note: "first version, stored after its date but inside", rows: rows(rel(nil), pdoc(row{"modified": "2024-06-30T10:00", "modifier_org": prodOID}))},
		},
		bad: []sample{
			{note: "producer's new version after the end", rows: rows(rel(nil), pdoc(row{"version": "2", "modified": "2024-07-02", "modifier_org": prodOID}))},
			{note: "producer voids after the end", rows: rows(rel(nil), pdoc(row{"version": "2", "status": "voided", "void_reason": "väärä henkilö", "modified": "2024-09-01", "modifier_org": prodOID}))},
			{note: "subcontractor's new version after the end", rows: rows(rel(row{"service_unit": subUnit}), pdoc(row{"basis": "alihankinta", "author_org": subOID, "service_unit": subUnit, "version": "3", "modified": "2024-07-15", "modifier_org": subOID}))},
		},
	})

	// RuleHeldAfterEnd: after the unit's end date "asiakkaan asiakirjat
	// eivät enää saa olla tallennettuina tai luettavissa palveluntuottajan
	// järjestelmässä" (Kela 2025, Taulukko 2, 6). Run on the producer
	// system's own export with --as-of, the day it was taken.
	RuleHeldAfterEnd = register(&Check{Rule: finding.Rule{ID: "REG025", Severity: finding.Error,
		Title: finding.T("Palveluntuottajan järjestelmässä on palvelunjärjestäjän asiakirja asiakkuuden päätyttyä",
			"The producer's system holds an organiser's document after the client relationship ended"),
		Basis: basisUseRight + "; Kela 2025 (Taulukko 2, 6)"},
		Needs: useRightNeeds, Setting: "--as-of DATE (the producer system's own export)",
		configured: func(cfg *Config) bool { return cfg.AsOf != 0 },
		crossRow:   true,
		judge: func(g *gate, c *Check, f *facts) {
			if f.dt.relationship {
				// REG020 records the windows when it runs; it needs an
				// author or basis column, this check does not.
				if !g.ur.outsideOn {
					g.ur.window(g, f)
				}
				return
			}
			if f.patientDoc || f.org == 0 || f.ctrl != f.org || f.prod == 0 || f.prod == f.org {
				return
			}
			g.ur.hold(g, f)
		},
		// Judged with REG020 when it runs, else here.
		finish: func(g *gate, c *Check) { g.ur.judge(g) },
		good: []sample{
			{note: "relationship still in force", rows: rows(rel(row{"unit_end": ""}), pdoc(nil)), cfg: asOf("2024-08-01")},
			{note: "taken before the end", rows: rows(rel(nil), pdoc(nil)), cfg: asOf("2024-06-30")},
			{note: "the client came back", rows: rows(rel(nil), rel(row{"version": "2", "created": "2024-09-01", "unit_start": "2024-09-01", "unit_end": ""}), pdoc(nil)), cfg: asOf("2024-10-01")},
			{note: "own register's document", rows: rows(row{"basis": "self_paying", "producer_id": prodOID, "organiser_id": "", "controller_id": prodCtrl, "controller_kind": "private", "author_org": prodOID}), cfg: asOf("2030-01-01")},
		},
		bad: []sample{
			{note: "held after the Asiakkuusasiakirja's end", rows: rows(rel(nil), pdoc(nil)), cfg: asOf("2024-07-01")},
			{note: "held after the row's own unit end, no Asiakkuusasiakirja exported", rows: rows(pdoc(row{"unit_end": "2024-06-30"})), cfg: asOf("2025-01-01")},
		},
	})

	RuleNoCaseID = register(&Check{Rule: finding.Rule{ID: "REG022", Severity: finding.Error,
		Title: finding.T("Palveluntuottajan asiakirjaa ei ole liitetty palvelunjärjestäjän asiaan",
			"Producer document not attached to an organiser case id"),
		Basis: "703/2023 §§ 14, 37; Sosmeta 1.2.246.537.6.1505.2 (asiatunnus)", Inferred: true},
		Needs:    []export.Field{export.OrganiserID, export.ProducerID, export.ControllerID, export.CaseID},
		NeedsAny: []export.Field{export.AuthorOrg, export.Basis},
		when:     when(producerDoc),
		judge: func(g *gate, c *Check, f *facts) {
			if !f.producerDoc || f.v[export.CaseID] != "" {
				return
			}
			g.flag(c, f, []string{f.docID}, func() finding.Text {
				return finding.Tf("Palveluntuottajan %s asiakirjalta puuttuu asiatunnus; palvelunjärjestäjän rekisteriin tallennettava asiakirja liitetään järjestäjän asiaan.",
					"The document of producer %s has no case id; a document stored in the organiser's register is attached to the organiser's case.", f.prod)
			})
		},
		good: []sample{{note: "with case id", rows: rows(rel(nil), pdoc(nil))}},
		bad:  []sample{{note: "no case id", rows: rows(rel(nil), pdoc(row{"case_id": ""}))}},
	})

	RuleUndatedProducerDoc = register(&Check{Rule: finding.Rule{ID: "REG023", Severity: finding.Warning,
		Title: finding.T("Palveluntuottajan asiakirjalta puuttuu päiväys: rekisterinkäyttöoikeutta ei voi tarkistaa",
			"Producer document has no date: register use right cannot be checked"),
		Basis: basisUseRight, Inferred: true},
		Needs: useRightNeeds, NeedsAny: []export.Field{export.AuthorOrg, export.Basis},
		when: when(producerDoc),
		judge: func(g *gate, c *Check, f *facts) {
			if !f.producerDoc || f.rec.Created != 0 {
				return
			}
			g.flag(c, f, []string{f.docID}, func() finding.Text {
				return finding.T("Palveluntuottajan asiakirjalta puuttuu laatimisaika, joten rekisterinkäyttöoikeutta ei voitu tarkistaa.",
					"The producer document has no created time, so the register use right could not be checked.")
			})
		},
		good: []sample{{note: "dated", rows: rows(rel(nil), pdoc(nil))}},
		bad:  []sample{{note: "undated", rows: rows(rel(nil), pdoc(row{"created": ""}))}},
	})
)

// useRight is the family's cross-row state, kept compact and pointer-free
// and bucketed by the top byte of the window key (client, organiser,
// service unit), in file order within each bucket: the
// Asiakkuusasiakirja versions' [unit_start, unit_end] (32 B each) and, per
// producer document, a 24-byte candidate. The Asiakkuusasiakirja may come
// before or after the documents in file order and a later version may
// supersede a window, so candidates wait for the end; then each bucket is
// joined on its own (judge): its windows sorted by key and folded into
// periods, its candidates looked up in them.
//
// Why buckets and not a map from key to window: at 10M rows the map's
// cache misses were 5% of the run, and a map cannot leave memory (70 B a
// relationship, past the budget at some 30M relationships). A bucket is
// 1/256 of the relationships, small enough to sort and search in cache,
// and its lists spill as the document table's do (spill.go).
//
// A client who leaves and returns has several periods: a version whose
// start is after the previous period's end opens a new one, any other
// supersedes the period it follows (fold).
type useRight struct {
	// on: REG020 or REG022 runs, so producer documents are recognised.
	on bool
	// outsideOn: REG020 runs, and records the windows.
	outsideOn bool
	hasAuthor bool
	windows   keyed[windowRec]
	// cands are producer documents with their created date (REG020,
	// REG021); changes producer-stored versions with their time (REG024);
	// held organiser-register documents in a producer system's export
	// with their own unit_end (REG025).
	cands, changes, held keyed[candidate]
	judged               bool
	relationships        int // keys with a window, counted by judge
	units                []string
	unitIndex            map[string]uint32
	lastUnit             uint32
}

// window is one Asiakkuusasiakirja version of a (client, organiser, unit).
type window struct {
	created    export.Timestamp
	version    int32
	line       uint32
	start, end export.Date
}

type windowRec struct {
	key uint64
	window
}

// candidate is a producer document awaiting the window check.
type candidate struct {
	key  uint64
	date export.Date
	line uint32
	off  uint32 // document id in the docTable arena
	unit uint32 // index into useRight.units
}

// keyed is a list bucketed by the top byte of its records' key.
type keyed[T spillable] [256]spillList[T]

// keyedChunk is a keyed bucket's largest chunk. Small, because each of
// the 4×256 buckets keeps a chunk being filled once spilling: about 26 MB
// for all four lists.
const keyedChunk = 1024

func (k *keyed[T]) add(g *gate, key uint64, v T) { k[key>>56].add(g, v, firstChunk.rec, keyedChunk) }

func (k *keyed[T]) spillOut(g *gate) {
	for i := range k {
		k[i].spillOut(g)
	}
}

func newUseRight(g *gate) useRight {
	return useRight{on: g.on(RuleOutsideWindow) || g.on(RuleNoCaseID), outsideOn: g.on(RuleOutsideWindow),
		hasAuthor: g.header.Has(export.AuthorOrg), unitIndex: map[string]uint32{}}
}

// spillOut moves the lists to the temporary file (the switch to spilling).
func (u *useRight) spillOut(g *gate) {
	u.windows.spillOut(g)
	u.cands.spillOut(g)
	u.changes.spillOut(g)
	u.held.spillOut(g)
}

// resolve sets f.producerDoc: a document the producer or its
// subcontractor wrote (its author, or without an author column its
// on-behalf basis says so) into the organiser's register. A
// subcontractor's (palveluntoteuttaja's) document is the producer's
// chain's: it uses the same register use right (Kela 2020, 2E; the
// Asiakkuusasiakirja names the toteuttaja's unit too).
func (u *useRight) resolve(g *gate, f *facts) {
	if f.patientDoc || f.dt.relationship || f.prod == 0 || f.org == 0 || f.prod == f.org || f.ctrl != f.org {
		return
	}
	if u.hasAuthor && (f.author == 0 || f.author == f.org) {
		return
	}
	if !u.hasAuthor && !f.basis.OnBehalf() {
		return
	}
	f.producerDoc = true
}

// unitOf is the window's unit: the service unit, else the producer.
func unitOf(v *[export.NumFields]string) string {
	if u := v[export.ServiceUnit]; u != "" {
		return u
	}
	return v[export.ProducerID]
}

// window records an Asiakkuusasiakirja: it names the producer unit and its
// client-relationship dates; a voided one grants nothing.
func (u *useRight) window(g *gate, f *facts) {
	unit := unitOf(f.v)
	if f.status == export.StatusVoided || unit == "" || f.org == 0 {
		return
	}
	rec := f.rec
	k := g.hashKey(f.v[export.ClientID], f.org, unit)
	u.windows.add(g, k, windowRec{key: k, window: window{created: rec.Created, version: int32(rec.VersionNum),
		line: uint32(rec.Line), start: rec.UnitStart, end: rec.UnitEnd}})
}

// fold appends to ps the client-relationship periods of one key's
// versions vs (in file order), taken in the order they were stored
// (created, then version): a version with a period's start date, or else
// overlapping it, is the latest word on that period (extended, shortened,
// corrected); one that meets no period is a new period (the client left
// and came back). So a late correction of the first period leaves the
// second one standing. The periods are sorted by start.
func fold(ps []window, vs []windowRec, tmp []window) ([]window, []window) {
	if len(vs) == 1 {
		return append(ps, vs[0].window), tmp
	}
	tmp = tmp[:0]
	for _, v := range vs {
		tmp = append(tmp, v.window)
	}
	slices.SortStableFunc(tmp, func(a, b window) int {
		return cmp.Or(cmp.Compare(a.created, b.created), cmp.Compare(a.version, b.version))
	})
	base := len(ps)
	for _, v := range tmp {
		cur := ps[base:]
		i := slices.IndexFunc(cur, func(p window) bool { return p.start == v.start })
		if i < 0 {
			i = slices.IndexFunc(cur, func(p window) bool {
				return (p.end == 0 || v.start <= p.end) && (v.end == 0 || v.end >= p.start)
			})
		}
		if i >= 0 {
			cur[i] = v
			continue
		}
		ps = append(ps, v)
	}
	// Starts are distinct (a version with a period's start replaces it).
	slices.SortFunc(ps[base:], func(a, b window) int { return cmp.Compare(a.start, b.start) })
	return ps, tmp
}

// inside reports whether d falls in one of the periods.
func inside(ps []window, d export.Date) bool {
	for _, p := range ps {
		if d >= p.start && (p.end == 0 || d <= p.end) {
			return true
		}
	}
	return false
}

// fiDate writes a date as Finnish prose does (d.m.yyyy); an open end is
// empty.
func fiDate(d export.Date) string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%d.%d.%d", int(d)%100, int(d)/100%100, int(d)/10000)
}

// periodText lists periods in Finnish and English.
func periodText(ps []window) (fi, en string) {
	var f, e []string
	for _, p := range ps {
		f = append(f, fiDate(p.start)+"–"+fiDate(p.end))
		e = append(e, p.start.String()+" – "+p.end.String())
	}
	return strings.Join(f, ", "), strings.Join(e, ", ")
}

func (u *useRight) candidate(g *gate, f *facts) {
	k := g.hashKey(f.v[export.ClientID], f.org, unitOf(f.v))
	u.cands.add(g, k, candidate{key: k, date: f.rec.Created.Date(), line: uint32(f.line), off: f.docOff,
		unit: u.unit(f.v[export.ServiceUnit])})
}

// change records a producer document's version stored by the producer
// side (the producer or the document's author) with its time, for REG024.
// Unparseable times are left alone: the version's created date is judged
// by REG020.
func (u *useRight) change(g *gate, f *facts) {
	raw := f.v[export.ModifierOrg]
	if raw == "" || f.v[export.Modified] == "" {
		return
	}
	if mo := g.orgs[export.ModifierOrg].get(raw, resolveOrg); mo.err != nil || (mo.y != f.prod && mo.y != f.author) {
		return
	}
	ts, err := export.ParseTimestamp(f.v[export.Modified])
	if err != nil {
		var ok bool
		if ts, ok = export.ExcelSerial(f.v[export.Modified]); !ok {
			return
		}
	}
	k := g.hashKey(f.v[export.ClientID], f.org, unitOf(f.v))
	u.changes.add(g, k, candidate{key: k, date: ts.Date(), line: uint32(f.line), off: f.docOff,
		unit: u.unit(f.v[export.ServiceUnit])})
}

// hold records an organiser-register document in a producer system's
// export with its own unit_end, for REG025.
func (u *useRight) hold(g *gate, f *facts) {
	k := g.hashKey(f.v[export.ClientID], f.org, unitOf(f.v))
	u.held.add(g, k, candidate{key: k, date: f.rec.UnitEnd, line: uint32(f.line), off: f.docOff,
		unit: u.unit(f.v[export.ServiceUnit])})
}

// heldEnd is when a held document's relationship ended: its unit's last
// period's end, else its own unit_end; 0 when open, unknown, or asOf
// falls in a period.
func heldEnd(ps []window, h candidate, asOf export.Date) export.Date {
	if len(ps) == 0 {
		return h.date
	}
	if inside(ps, asOf) {
		return 0
	}
	return ps[len(ps)-1].end
}

// The lists judge joins, in the order their findings are made, and the
// verdicts a candidate gets (0: lawful).
const (
	listHeld = iota
	listChanges
	listCands
	numLists

	isOutside = 1 // outside every period: REG020, REG024, REG025
	isNone    = 2 // no relationship for the unit: REG021
)

func (u *useRight) lists() [numLists]*keyed[candidate] {
	return [numLists]*keyed[candidate]{&u.held, &u.changes, &u.cands}
}

// verdict judges a candidate of list l against its key's periods. It
// only reads, so buckets are joined on several goroutines.
func verdict(l int, c candidate, ps []window, asOf export.Date) uint8 {
	switch l {
	case listHeld:
		if end := heldEnd(ps, c, asOf); end == 0 || asOf <= end {
			return 0
		}
	case listChanges:
		if len(ps) == 0 || inside(ps, c.date) {
			return 0 // no relationship at all is REG021's
		}
	default:
		switch {
		case inside(ps, c.date):
			return 0
		case len(ps) == 0:
			return isNone
		}
	}
	return isOutside
}

// The checks the join makes findings of, in the order it makes them
// (set in init: their own closures call judge).
const (
	ruleHeld = iota
	ruleChanged
	ruleOutside
	ruleNone
)

var joinChecks [4]*Check

func init() {
	joinChecks = [...]*Check{RuleHeldAfterEnd, RuleChangedAfterEnd, RuleOutsideWindow, RuleNoRelationship}
}

// ruleOf is the check (in joinChecks) a verdict of list l is a finding of.
func ruleOf(l int, v uint8) int {
	switch {
	case l == listHeld:
		return ruleHeld
	case l == listChanges:
		return ruleChanged
	case v == isNone:
		return ruleNone
	}
	return ruleOutside
}

// flagged is a candidate with a non-zero verdict and its key's periods,
// for the message.
type flagged struct {
	candidate
	verdict uint8
	list    uint8
	ps      []window
}

func (f flagged) at() int { return int(f.line) }

// joined is what joining one bucket found: its relationships and the
// flagged candidates of each list, in file order.
type joined struct {
	relationships int
	flagged       [numLists][]flagged
}

// joinScratch are one goroutine's buffers for joinBucket.
type joinScratch struct {
	ws, grouped []windowRec
	// tab holds a bucket's keys, open addressing on their low bits (a
	// bucket's keys share the top byte): sorting the windows by key and
	// finding keys in a directory over them took twice the time.
	tab       []keySlot
	keys      int // the keys in tab
	pool, tmp []window
}

// keySlot is a key's entry in joinScratch.tab; n is 0 in an empty one.
type keySlot struct {
	key uint64
	// n is the key's windows; at is where they start in grouped, lo and
	// hi where its periods are in pool.
	n, at, lo, hi uint32
}

// group builds tab over ws and puts ws in grouped, each key's windows
// together in file order.
func (s *joinScratch) group() {
	size := 1
	if len(s.ws) > 0 {
		size = 1 << bits.Len(uint(2*len(s.ws)-1)) // at most half full
	}
	if cap(s.tab) < size {
		s.tab = make([]keySlot, size)
	}
	s.tab = s.tab[:size]
	clear(s.tab)
	s.keys = 0
	for _, w := range s.ws {
		e := s.slot(w.key)
		if e.n == 0 {
			e.key = w.key
			s.keys++
		}
		e.n++
	}
	at := uint32(0)
	for j := range s.tab {
		s.tab[j].at = at
		at += s.tab[j].n
	}
	s.grouped = slices.Grow(s.grouped[:0], len(s.ws))[:len(s.ws)]
	for _, w := range s.ws {
		e := s.slot(w.key)
		s.grouped[e.at] = w
		e.at++
	}
	for j := range s.tab {
		s.tab[j].at -= s.tab[j].n
	}
}

// slot returns key's entry in tab, or the empty one where it would go.
func (s *joinScratch) slot(key uint64) *keySlot {
	mask := uint64(len(s.tab) - 1)
	j := key & mask
	for s.tab[j].n != 0 && s.tab[j].key != key {
		j = (j + 1) & mask
	}
	return &s.tab[j]
}

// joinBucket joins bucket i: its windows grouped by key (file order
// within a key) and folded into each key's periods, then each list's
// candidates looked up among them. The bucket is released.
func (u *useRight) joinBucket(g *gate, i int, s *joinScratch, out *joined) {
	s.ws = s.ws[:0]
	u.windows[i].each(g, func(c []windowRec) { s.ws = append(s.ws, c...) })
	u.windows[i].release()
	s.group()
	s.pool = s.pool[:0]
	for j := range s.tab {
		e := &s.tab[j]
		if e.n == 0 {
			continue
		}
		e.lo = uint32(len(s.pool))
		s.pool, s.tmp = fold(s.pool, s.grouped[e.at:e.at+e.n], s.tmp)
		e.hi = uint32(len(s.pool))
	}
	out.relationships = s.keys
	asOf := g.cfg.AsOf
	for l, list := range u.lists() {
		out.flagged[l] = out.flagged[l][:0]
		list[i].each(g, func(chunk []candidate) {
			for _, c := range chunk {
				var ps []window
				if e := s.slot(c.key); e.n != 0 {
					ps = s.pool[e.lo:e.hi]
				}
				if v := verdict(l, c, ps, asOf); v != 0 {
					out.flagged[l] = append(out.flagged[l], flagged{candidate: c, verdict: v, list: uint8(l), ps: slices.Clone(ps)})
				}
			}
		})
		list[i].release()
	}
}

// judge joins every bucket after the last row and makes the family's
// findings (REG020, REG021, REG024, REG025), once whichever of their
// checks finishes first. With workers and nothing spilled the buckets
// are joined on that many goroutines; what they flag is taken here, in
// bucket order. As for REG041, the findings kept of each check are the
// earliest in the file, made in file order (held, then changes, then the
// candidates), the rest counted: the findings, their order and counts are
// those of one loop over the lists in file order, for any workers.
func (u *useRight) judge(g *gate) {
	if u.judged {
		return
	}
	u.judged = true
	var kept [len(joinChecks)]earliest[flagged]
	for i, c := range joinChecks {
		kept[i].max = -1
		if g.max >= 0 {
			kept[i].max = max(g.max-g.state[c.idx].kept, 0)
		}
	}
	take := func(r *joined) {
		u.relationships += r.relationships
		for l := range r.flagged {
			for _, fl := range r.flagged[l] {
				rule := ruleOf(l, fl.verdict)
				c := joinChecks[rule]
				switch st := &g.state[c.idx]; {
				case !st.on:
				case st.ignoreWhole:
					u.emit(g, rule, fl) // counted as suppressed
				case st.ignoreFP && u.ignored(g, c, fl):
				default:
					if kept[rule].add(fl) {
						st.count++
						st.omitted++
					}
				}
			}
		}
	}
	if g.cfg.Workers > 1 && g.spill == nil {
		// A few buckets at a time: what they flag is held until taken,
		// and in an export without Asiakkuusasiakirja rows that is every
		// producer document (56 B each), which must not be held for all
		// 256 buckets at once.
		batch := 2 * g.cfg.Workers
		res := make([]joined, batch)
		for lo := 0; lo < len(u.windows); lo += batch {
			n := min(batch, len(u.windows)-lo)
			forEach(n, g.cfg.Workers, func() func(int) {
				var s joinScratch
				return func(i int) { u.joinBucket(g, lo+i, &s, &res[i]) }
			})
			for i := range n {
				take(&res[i])
			}
		}
	} else {
		var s joinScratch
		var r joined
		for i := range u.windows {
			u.joinBucket(g, i, &s, &r)
			take(&r)
		}
	}
	byLine := func(a, b flagged) int { return cmp.Compare(a.line, b.line) }
	for i := range kept {
		slices.SortFunc(kept[i].c, byLine)
	}
	for _, rule := range []int{ruleHeld, ruleChanged} {
		for _, fl := range kept[rule].c {
			u.emit(g, rule, fl)
		}
	}
	// REG020 and REG021 come from one list: made in its (file) order
	// (a line holds one candidate, so the order is total).
	both := append(kept[ruleOutside].c, kept[ruleNone].c...)
	slices.SortFunc(both, byLine)
	for _, fl := range both {
		u.emit(g, ruleOf(int(fl.list), fl.verdict), fl)
	}
}

// ignored reports whether a fingerprint entry suppresses fl's finding.
func (u *useRight) ignored(g *gate, c *Check, fl flagged) bool {
	docID := u.docID(g, fl)
	return g.ignoredFP(c, int(fl.line), docID, []string{docID, u.unitName(fl)})
}

// docID reads a flagged candidate's document id back from the arena.
func (u *useRight) docID(g *gate, fl flagged) string { return g.ids.id(fl.off) }

func (u *useRight) unitName(fl flagged) string {
	if int(fl.unit) < len(u.units) {
		return u.units[fl.unit]
	}
	return ""
}

// emit makes the finding of joinChecks[rule] for a flagged candidate.
func (u *useRight) emit(g *gate, rule int, fl flagged) {
	docID, unit, line, ps := u.docID(g, fl), u.unitName(fl), int(fl.line), fl.ps
	var msg func() finding.Text
	switch rule {
	case ruleHeld:
		asOf := g.cfg.AsOf
		end := heldEnd(ps, fl.candidate, asOf)
		msg = func() finding.Text {
			return finding.Text{
				FI: fmt.Sprintf("Palveluntuottajan järjestelmän vienti %s sisältää palvelunjärjestäjän rekisterin asiakirjan, vaikka palveluyksikön %q asiakkuus päättyi %s; asiakkuuden päätyttyä asiakirjat eivät saa olla tallennettuina eivätkä luettavissa palveluntuottajan järjestelmässä.",
					fiDate(asOf), unit, fiDate(end)),
				EN: fmt.Sprintf("The producer system's export of %s holds a document of the organiser's register, though service unit %q's client relationship ended on %s; after the end the documents must not be stored or readable in the producer's system.",
					asOf, unit, end)}
		}
	case ruleChanged:
		msg = func() finding.Text {
			pfi, pen := periodText(ps)
			return finding.Text{
				FI: fmt.Sprintf("Palveluntuottaja tallensi asiakirjasta version %s, palveluyksikön %q asiakkuuden %s ulkopuolella; asiakkuuden päätyttyä vain palvelunjärjestäjä voi korjata tai mitätöidä palveluntuottajan asiakirjoja.",
					fiDate(fl.date), unit, pfi),
				EN: fmt.Sprintf("The producer stored a version of the document on %s, outside service unit %q's client relationship %s; after the end only the organiser may correct or void the producer's documents.",
					fl.date, unit, pen)}
		}
	case ruleNone:
		msg = func() finding.Text {
			return finding.Tf("Palveluntuottajan asiakirja palvelunjärjestäjän rekisterissä, mutta asiakkaan asiakkuusasiakirjalla ei ole palveluyksikön %q asiakkuutta: rekisterinkäyttöoikeutta ei ole.",
				"Producer document in the organiser's register, but the client's Asiakkuusasiakirja has no client relationship for service unit %q: no register use right.", unit)
		}
	default:
		msg = func() finding.Text {
			pfi, pen := periodText(ps)
			what, whatEN := "asiakkuuden", "client relationship"
			if len(ps) > 1 {
				what, whatEN = "asiakkuusjaksojen", "client-relationship periods"
			}
			wl := int(ps[len(ps)-1].line)
			return finding.Text{
				FI: fmt.Sprintf("Asiakirja on päivätty %s, palveluyksikön %q %s %s ulkopuolella (uusin asiakkuusasiakirja rivillä %d).",
					fiDate(fl.date), unit, what, pfi, wl),
				EN: fmt.Sprintf("The document is dated %s, outside service unit %q's %s %s (latest Asiakkuusasiakirja on line %d).",
					fl.date, unit, whatEN, pen, wl)}
		}
	}
	g.emit(joinChecks[rule], line, docID, []string{docID, unit}, msg, "", "")
}

// hashKey mixes the window key (client, organiser, unit).
func (g *gate) hashKey(client string, org ident.YTunnus, unit string) uint64 {
	h1 := maphash.String(g.seed, client)
	h2 := maphash.String(g.seed, unit)
	return h1 ^ (h2*0x9E3779B97F4A7C15 + uint64(org)*0xC2B2AE3D27D4EB4F + 0x165667B19E3779F9)
}

// unit interns a service-unit value for messages (units are few).
func (u *useRight) unit(s string) uint32 {
	if len(u.units) > 0 && s == u.units[u.lastUnit] {
		return u.lastUnit
	}
	if i, ok := u.unitIndex[s]; ok {
		u.lastUnit = i
		return i
	}
	if len(u.units) == 0 {
		u.units = append(u.units, "")
		u.unitIndex[""] = 0
		if s == "" {
			return 0
		}
	}
	if len(u.units) >= memoLimit {
		return 0
	}
	i := uint32(len(u.units))
	s = strings.Clone(s)
	u.units = append(u.units, s)
	u.unitIndex[s] = i
	return i
}

// asOf configures a sample as a producer system's export taken on day d
// (REG025).
func asOf(d string) func(*Config) {
	return func(cfg *Config) {
		ts, err := export.ParseTimestamp(d)
		if err != nil {
			panic(err)
		}
		cfg.AsOf = ts.Date()
	}
}
