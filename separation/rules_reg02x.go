package separation

import (
	"hash/maphash"
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
		when: when(relationship, producerDoc),
		judge: func(g *gate, c *Check, f *facts) {
			if f.dt.relationship {
				g.ur.window(g, f)
			} else if f.producerDoc && f.rec.Created != 0 {
				g.ur.candidate(g, f)
			}
		},
		// Judges REG021 in the same pass over the candidates.
		finish: func(g *gate, c *Check) { g.ur.judge(g, c, RuleNoRelationship) },
		good: []sample{
			{note: "inside window, relationship after the document", rows: rows(pdoc(nil), rel(nil))},
			{note: "open-ended relationship", rows: rows(rel(row{"unit_end": ""}), pdoc(row{"created": "2025-01-01"}))},
			{note: "on the last day", rows: rows(rel(nil), pdoc(row{"created": "2024-06-30T23:59:00"}))},
			{note: "later relationship widens the window", rows: rows(pdoc(row{"created": "2024-08-01"}), rel(nil), rel(row{"document_id": "R2", "created": "2024-07-01", "unit_end": "2024-12-31"}))},
			{note: "voided relationship ignored", rows: rows(rel(nil), rel(row{"document_id": "R2", "created": "2024-07-01", "unit_end": "2024-02-01", "status": "voided", "void_reason": "väärä henkilö"}), pdoc(nil))},
		},
		bad: []sample{
			{note: "after the end", rows: rows(rel(nil), pdoc(row{"created": "2024-08-01"}))},
			{note: "before the start, relationship later in file", rows: rows(pdoc(row{"created": "2023-12-31"}), rel(nil))},
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
			{note: "relationship of another client", rows: rows(rel(row{"client_id": testClient2}), pdoc(nil))}},
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
// per (client, organiser, service unit) the latest Asiakkuusasiakirja's
// [unit_start, unit_end], and per producer document a 24-byte candidate.
// The Asiakkuusasiakirja may come before or after the documents in file
// order and a later one may supersede the window, so candidates wait for
// the end.
type useRight struct {
	// on: REG020 or REG022 runs, so producer documents are recognised.
	on        bool
	hasAuthor bool
	windows   map[uint64]window
	cands     [][]candidate
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
	return useRight{on: g.on(RuleOutsideWindow) || g.on(RuleNoCaseID), hasAuthor: g.header.Has(export.AuthorOrg),
		windows: map[uint64]window{}, unitIndex: map[string]uint32{}}
}

// resolve sets f.producerDoc: a document the producer wrote (its author,
// or without an author column its on-behalf basis says so) into the
// organiser's register.
func (u *useRight) resolve(g *gate, f *facts) {
	if f.patientDoc || f.dt.relationship || f.prod == 0 || f.org == 0 || f.prod == f.org || f.ctrl != f.org {
		return
	}
	if (u.hasAuthor && f.author != f.prod) || (!u.hasAuthor && !f.basis.OnBehalf()) {
		return
	}
	f.producerDoc = true
	g.res.Stats.ProducerDocs++
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
	if old, ok := u.windows[k]; !ok || w.created > old.created || (w.created == old.created && w.version >= old.version) {
		u.windows[k] = w
	}
}

func (u *useRight) candidate(g *gate, f *facts) {
	c := candidate{key: g.hashKey(f.v[export.ClientID], f.org, unitOf(f.v)), date: f.rec.Created.Date(), line: uint32(f.line),
		off: f.docOff, unit: u.unit(f.v[export.ServiceUnit])}
	n := len(u.cands)
	if n == 0 || len(u.cands[n-1]) == cap(u.cands[n-1]) {
		u.cands = append(u.cands, make([]candidate, 0, candChunk))
		n++
	}
	u.cands[n-1] = append(u.cands[n-1], c)
}

// judge checks every candidate against its window: outside it is
// outside (REG020), no window at all is no relationship (REG021).
func (u *useRight) judge(g *gate, outside, none *Check) {
	for _, chunk := range u.cands {
		for _, c := range chunk {
			w, ok := u.windows[c.key]
			if ok && c.date >= w.start && (w.end == 0 || c.date <= w.end) {
				continue
			}
			docID, unit := g.ids.id(c.off), ""
			if int(c.unit) < len(u.units) {
				unit = u.units[c.unit]
			}
			line := int(c.line)
			if !ok {
				g.emit(none, line, docID, []string{docID, unit}, func() finding.Text {
					return finding.Tf("Palveluntuottajan asiakirja palvelunjärjestäjän rekisterissä, mutta asiakkaan asiakkuusasiakirjalla ei ole palveluyksikön %q asiakkuutta: rekisterinkäyttöoikeutta ei ole.",
						"Producer document in the organiser's register, but the client's Asiakkuusasiakirja has no client relationship for service unit %q: no register use right.", unit)
				}, "", "")
				continue
			}
			wl := int(w.line)
			g.emit(outside, line, docID, []string{docID, unit}, func() finding.Text {
				return finding.Tf("Asiakirja on päivätty %s, palveluyksikön %q asiakkuuden %s–%s ulkopuolelle (uusin asiakkuusasiakirja rivillä %d).",
					"The document is dated %s, outside service unit %q's client relationship %s–%s (latest Asiakkuusasiakirja on line %d).",
					c.date, unit, w.start, w.end, wl)
			}, "", "")
		}
	}
	u.cands = nil
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
