package separation

import (
	"cmp"
	"fmt"
	"hash/maphash"
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
		// Judges REG021 in the same pass over the candidates, and REG024
		// and REG025 before it.
		finish: func(g *gate, c *Check) {
			g.ur.judgeHeld(g, RuleHeldAfterEnd)
			g.ur.judgeChanges(g, RuleChangedAfterEnd)
			g.ur.judge(g, c, RuleNoRelationship)
		},
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
		// Judged with REG020 when it runs, else here.
		finish: func(g *gate, c *Check) {
			if !g.ur.outsideOn {
				g.ur.judgeHeld(g, c)
			}
		},
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
			g.ur.held.add(g, candidate{key: g.hashKey(f.v[export.ClientID], f.org, unitOf(f.v)), date: f.rec.UnitEnd,
				line: uint32(f.line), off: f.docOff, unit: g.ur.unit(f.v[export.ServiceUnit])}, firstChunk.cand, candChunk)
		},
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

// useRight is the family's cross-row state, kept compact and pointer-free:
// per (client, organiser, service unit) the Asiakkuusasiakirja versions'
// [unit_start, unit_end], and per producer document a 24-byte candidate.
// The Asiakkuusasiakirja may come before or after the documents in file
// order and a later version may supersede a window, so candidates wait
// for the end. A client who leaves and returns has several periods: a
// version whose start is after the previous period's end opens a new
// one, any other supersedes the period it follows (periods).
type useRight struct {
	// on: REG020 or REG022 runs, so producer documents are recognised.
	on bool
	// outsideOn: REG020 runs; it records the windows and judges the
	// family after the last row.
	outsideOn bool
	hasAuthor bool
	// windows holds a key's first version; more the rest, for the few
	// keys with several (most relationships have one version).
	windows   map[uint64]window
	more      map[uint64][]window
	periodsOf map[uint64][]window
	cands     spillList[candidate]
	// changes are producer-stored versions with their time (REG024).
	changes spillList[candidate]
	// held are organiser-register documents in a producer system's export
	// with their own unit_end (REG025).
	held      spillList[candidate]
	units     []string
	unitIndex map[string]uint32
	lastUnit  uint32
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
	unit uint32 // index into useRight.units
}

const candChunk = 1 << 16

func newUseRight(g *gate) useRight {
	return useRight{on: g.on(RuleOutsideWindow) || g.on(RuleNoCaseID), outsideOn: g.on(RuleOutsideWindow),
		hasAuthor: g.header.Has(export.AuthorOrg),
		windows:   map[uint64]window{}, more: map[uint64][]window{}, unitIndex: map[string]uint32{}}
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
	w := window{created: rec.Created, version: int32(rec.VersionNum), line: uint32(rec.Line), start: rec.UnitStart, end: rec.UnitEnd}
	if _, ok := u.windows[k]; !ok {
		u.windows[k] = w
		g.mem.add(windowBytes)
		return
	}
	u.more[k] = append(u.more[k], w)
	g.mem.add(moreBytes)
}

// windowBytes and moreBytes are what a relationship's first and each
// further version cost in memory (measured: 24 MB for 350,000 windows,
// map slack included). They count towards the budget but stay in memory:
// every candidate looks its key up.
const (
	windowBytes = 70
	moreBytes   = 40
)

// periods folds a key's versions, in the order they were stored (created,
// then version), into client-relationship periods: a version with a
// period's start date, or else overlapping it, is the latest word on that
// period (extended, shortened, corrected); one that meets no period is a
// new period (the client left and came back). So a late correction of the
// first period leaves the second one standing.
func (u *useRight) periods(k uint64) []window {
	first, ok := u.windows[k]
	if !ok {
		return nil
	}
	rest := u.more[k]
	if len(rest) == 0 {
		return []window{first}
	}
	if p, ok := u.periodsOf[k]; ok {
		return p
	}
	vs := append([]window{first}, rest...)
	slices.SortStableFunc(vs, func(a, b window) int {
		return cmp.Or(cmp.Compare(a.created, b.created), cmp.Compare(a.version, b.version))
	})
	var ps []window
	for _, v := range vs {
		i := slices.IndexFunc(ps, func(p window) bool { return p.start == v.start })
		if i < 0 {
			i = slices.IndexFunc(ps, func(p window) bool {
				return (p.end == 0 || v.start <= p.end) && (v.end == 0 || v.end >= p.start)
			})
		}
		if i >= 0 {
			ps[i] = v
			continue
		}
		ps = append(ps, v)
	}
	slices.SortFunc(ps, func(a, b window) int { return cmp.Compare(a.start, b.start) })
	if u.periodsOf == nil {
		u.periodsOf = map[uint64][]window{}
	}
	u.periodsOf[k] = ps
	return ps
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
	c := candidate{key: g.hashKey(f.v[export.ClientID], f.org, unitOf(f.v)), date: f.rec.Created.Date(), line: uint32(f.line),
		off: f.docOff, unit: u.unit(f.v[export.ServiceUnit])}
	u.cands.add(g, c, firstChunk.cand, candChunk)
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
	u.changes.add(g, candidate{key: g.hashKey(f.v[export.ClientID], f.org, unitOf(f.v)), date: ts.Date(),
		line: uint32(f.line), off: f.docOff, unit: u.unit(f.v[export.ServiceUnit])}, firstChunk.cand, candChunk)
}

// judgeHeld flags organiser documents held after every period of the
// unit's relationship ended (the Asiakkuusasiakirja's, else the row's own
// unit_end); an open or unknown end is not judged.
func (u *useRight) judgeHeld(g *gate, c *Check) {
	asOf := g.cfg.AsOf
	u.judgeAll(g, &u.held, func(h candidate) uint8 {
		if end := heldEnd(u.periods(h.key), h, asOf); end == 0 || asOf <= end {
			return 0
		}
		return 1
	}, func(h candidate, _ uint8) { u.emitHeld(g, c, asOf, h) })
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

// emitHeld reports one document held after its relationship ended.
func (u *useRight) emitHeld(g *gate, c *Check, asOf export.Date, h candidate) {
	end := heldEnd(u.periods(h.key), h, asOf)
	if g.countOnly(c) {
		return
	}
	docID, unit := g.ids.id(h.off), ""
	if int(h.unit) < len(u.units) {
		unit = u.units[h.unit]
	}
	g.emit(c, int(h.line), docID, []string{docID, unit}, func() finding.Text {
		return finding.Text{
			FI: fmt.Sprintf("Palveluntuottajan järjestelmän vienti %s sisältää palvelunjärjestäjän rekisterin asiakirjan, vaikka palveluyksikön %q asiakkuus päättyi %s; asiakkuuden päätyttyä asiakirjat eivät saa olla tallennettuina eivätkä luettavissa palveluntuottajan järjestelmässä.",
				fiDate(asOf), unit, fiDate(end)),
			EN: fmt.Sprintf("The producer system's export of %s holds a document of the organiser's register, though service unit %q's client relationship ended on %s; after the end the documents must not be stored or readable in the producer's system.",
				asOf, unit, end)}
	}, "", "")
}

// judgeChanges flags producer-side versions stored outside every period
// of the unit's relationship (no relationship at all is REG021's).
func (u *useRight) judgeChanges(g *gate, c *Check) {
	u.judgeAll(g, &u.changes, func(ch candidate) uint8 {
		if ps := u.periods(ch.key); len(ps) == 0 || inside(ps, ch.date) {
			return 0
		}
		return 1
	}, func(ch candidate, _ uint8) { u.emitChange(g, c, ch) })
}

// emitChange reports one producer-side version outside every period.
func (u *useRight) emitChange(g *gate, c *Check, ch candidate) {
	ps := u.periods(ch.key)
	if g.countOnly(c) {
		return
	}
	docID, unit := g.ids.id(ch.off), ""
	if int(ch.unit) < len(u.units) {
		unit = u.units[ch.unit]
	}
	g.emit(c, int(ch.line), docID, []string{docID, unit}, func() finding.Text {
		pfi, pen := periodText(ps)
		return finding.Text{
			FI: fmt.Sprintf("Palveluntuottaja tallensi asiakirjasta version %s, palveluyksikön %q asiakkuuden %s ulkopuolella; asiakkuuden päätyttyä vain palvelunjärjestäjä voi korjata tai mitätöidä palveluntuottajan asiakirjoja.",
				fiDate(ch.date), unit, pfi),
			EN: fmt.Sprintf("The producer stored a version of the document on %s, outside service unit %q's client relationship %s; after the end only the organiser may correct or void the producer's documents.",
				ch.date, unit, pen)}
	}, "", "")
}

// judge checks every candidate against its window: outside it is
// outside (REG020), no window at all is no relationship (REG021).
func (u *useRight) judge(g *gate, outside, none *Check) {
	const isOutside, isNone = 1, 2
	u.judgeAll(g, &u.cands, func(c candidate) uint8 {
		switch ps := u.periods(c.key); {
		case inside(ps, c.date):
			return 0
		case len(ps) == 0:
			return isNone
		}
		return isOutside
	}, func(c candidate, verdict uint8) {
		ps := u.periods(c.key)
		rule := outside
		if verdict == isNone {
			rule = none
		}
		if g.countOnly(rule) {
			return
		}
		docID, unit := g.ids.id(c.off), ""
		if int(c.unit) < len(u.units) {
			unit = u.units[c.unit]
		}
		line := int(c.line)
		if len(ps) == 0 {
			g.emit(none, line, docID, []string{docID, unit}, func() finding.Text {
				return finding.Tf("Palveluntuottajan asiakirja palvelunjärjestäjän rekisterissä, mutta asiakkaan asiakkuusasiakirjalla ei ole palveluyksikön %q asiakkuutta: rekisterinkäyttöoikeutta ei ole.",
					"Producer document in the organiser's register, but the client's Asiakkuusasiakirja has no client relationship for service unit %q: no register use right.", unit)
			}, "", "")
			return
		}
		last := ps[len(ps)-1]
		wl := int(last.line)
		g.emit(outside, line, docID, []string{docID, unit}, func() finding.Text {
			pfi, pen := periodText(ps)
			what, whatEN := "asiakkuuden", "client relationship"
			if len(ps) > 1 {
				what, whatEN = "asiakkuusjaksojen", "client-relationship periods"
			}
			return finding.Text{
				FI: fmt.Sprintf("Asiakirja on päivätty %s, palveluyksikön %q %s %s ulkopuolella (uusin asiakkuusasiakirja rivillä %d).",
					fiDate(c.date), unit, what, pfi, wl),
				EN: fmt.Sprintf("The document is dated %s, outside service unit %q's %s %s (latest Asiakkuusasiakirja on line %d).",
					c.date, unit, whatEN, pen, wl)}
		}, "", "")
	})
}

// judgeAll judges every candidate of l in two steps: verdict, which only
// reads (the windows and their periods, frozen first), on the run's
// workers goroutines when the list is in memory; then, on this goroutine
// and in list (file) order, emit for each candidate with a non-zero
// verdict, so that findings, their order and counts are those of one
// loop. After the last row this is most of what is left to do (about
// 20 ms per 1M rows), and it was serial. l is released after.
func (u *useRight) judgeAll(g *gate, l *spillList[candidate], verdict func(candidate) uint8, emit func(candidate, uint8)) {
	defer l.release()
	if g.spill != nil || g.cfg.Workers <= 1 || l.n < parallelJudgeMin {
		l.each(g, func(chunk []candidate) {
			for _, c := range chunk {
				if v := verdict(c); v != 0 {
					emit(c, v)
				}
			}
		})
		return
	}
	u.freezePeriods()
	chunks := append(slices.Clip(l.mem), l.tail)
	verdicts := make([][]uint8, len(chunks))
	forEach(len(chunks), g.cfg.Workers, func() func(int) {
		return func(i int) {
			vs := make([]uint8, len(chunks[i]))
			for k, c := range chunks[i] {
				vs[k] = verdict(c)
			}
			verdicts[i] = vs
		}
	})
	for i, chunk := range chunks {
		for k, v := range verdicts[i] {
			if v != 0 {
				emit(chunk[k], v)
			}
		}
	}
}

// parallelJudgeMin is the fewest candidates judgeAll judges on several
// goroutines (tests lower it: results must not depend on it).
var parallelJudgeMin = 4096

// freezePeriods folds every key's periods now, so that periods only reads
// from then on (safe on several goroutines).
func (u *useRight) freezePeriods() {
	for k := range u.more {
		u.periods(k)
	}
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
