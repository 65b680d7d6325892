package separation

import (
	"hash/maphash"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/registers"
)

// facts is what the gate knows about one accepted row, resolved once
// (each distinct value memoised) before the enabled checks judge it.
// Resolving makes no findings: that is the checks' job.
type facts struct {
	rec   *export.Record
	v     *[export.NumFields]string
	line  int
	docID string

	reg    registers.Kind
	regRaw string
	dt     *docInfo
	// code is the document-type code findings carry.
	code string
	// task is nil without a service_task column; taskID is its first
	// task, which findings carry.
	task   *taskInfo
	taskID string
	// patientDoc is a health-care document in the patient register: § 37
	// and the social-welfare archive's register use right do not apply.
	patientDoc bool

	// basis, status and ckind are None without their column.
	basis  export.BasisKind
	status export.StatusKind
	ckind  export.ControllerKindOf
	// okind is the organiser's kind: from the organiser_kind column, else
	// the profile's organisers, else what the basis or the organiser id
	// says (a voucher's organiser is the county, Kela's id is Kela's);
	// None when nothing tells.
	okind export.OrganiserKindOf

	// Organisation ids, 0 when empty or invalid; orgBad has bit i set
	// when column orgCols[i] holds an invalid id.
	org, prod, author, ctrl ident.YTunnus
	orgBad                  uint8
	// unitTop: the service unit is a toimintayksikkö's OID (….10.0).
	unitTop bool

	client    clientKind
	clientErr error // the client id is henkilötunnus-shaped but invalid

	// hash is the document id's (the gate's seed); docOff its entry in
	// the docTable arena, set by shared.
	hash   uint64
	docOff uint32
	// producerDoc is a producer's document in the organiser's register,
	// the subject of the register use right (only set when a REG02x check
	// that needs it runs).
	producerDoc bool

	// sig is the row's signature: which checks can find anything (when.go).
	sig cond
}

// orgCols are the organisation-id columns in the order they are
// validated (and invalid values reported); orgBad bit i is orgCols[i].
var orgCols = [...]export.Field{export.OrganiserID, export.ProducerID, export.AuthorOrg, export.ControllerID, export.ServiceUnit}

// resolve fills f from rec. Every field is set here, each once (docOff
// by shared): the struct is reused from row to row. Resolving changes
// nothing of the gate but its caches (memos, the last client id), so it
// runs on any goroutine with its own gate (probe); what spans rows is
// shared's.
func (g *gate) resolve(f *facts, rec *export.Record) {
	v := &rec.Values
	f.rec, f.v, f.line, f.docID, f.regRaw = rec, v, rec.Line, v[export.DocumentID], v[export.Register]
	f.reg = g.regs.get(f.regRaw, g.regFn)
	dt := g.docType(v[export.DocumentType])
	f.dt, f.code = dt, dt.code
	f.patientDoc = dt.health && f.reg == registers.Health
	sig := dt.sig | noTask
	f.task, f.taskID = nil, ""
	if g.header.Has(export.ServiceTask) {
		t := g.tasks.get(v[export.ServiceTask], g.taskFn)
		f.task, sig = t, dt.sig|t.sig
		if len(t.ids) > 0 {
			f.taskID = t.ids[0]
		}
	}

	// The id's hash for the conflicting-registers check (shared).
	f.hash = maphash.String(g.seed, f.docID)

	f.basis, f.status, f.ckind = export.BasisNone, export.StatusNone, export.KindNone
	if g.header.Has(export.Basis) {
		f.basis = g.basis.get(v[export.Basis], g.basisFn)
	}
	if g.header.Has(export.Status) {
		f.status = g.status.get(v[export.Status], g.statusFn)
	}
	if g.header.Has(export.ControllerKind) {
		f.ckind = g.kinds.get(v[export.ControllerKind], g.kindFn)
	}

	// The same id often fills several columns (own production: organiser
	// = producer = author); validate each distinct value once per row.
	f.orgBad = 0
	f.org = g.org(f, export.OrganiserID, 1<<0)
	f.prod = f.org
	if f.org == 0 || v[export.ProducerID] != v[export.OrganiserID] {
		f.prod = g.org(f, export.ProducerID, 1<<1)
	}
	f.author = f.prod
	if f.prod == 0 || v[export.AuthorOrg] != v[export.ProducerID] {
		f.author = g.org(f, export.AuthorOrg, 1<<2)
	}
	f.ctrl = g.org(f, export.ControllerID, 1<<3)
	f.okind = g.orgKind(f)
	f.unitTop = false
	if u := v[export.ServiceUnit]; u != "" && unitIsID(u) {
		o := g.orgs[export.ServiceUnit].get(u, resolveOrg)
		if o.err != nil {
			f.orgBad |= 1 << 4
		}
		f.unitTop = o.top
	}

	g.client(f)
	f.producerDoc = false
	if g.ur.on {
		g.ur.resolve(g, f)
	}

	sig |= regSig(f.reg) | sigBasis0<<f.basis | sigStatus0<<f.status | sigKind0<<f.ckind | sigOKind0<<f.okind
	if f.clientErr != nil {
		sig |= sigClientInvalid
	} else {
		sig |= sigClient0 << f.client
	}
	if f.orgBad != 0 {
		sig |= sigOrgBad
	} else {
		sig |= sigOrgsValid
	}
	if f.unitTop {
		sig |= sigUnitTop
	} else {
		sig |= sigUnitOK
	}
	if f.producerDoc {
		sig |= sigProducerDoc
	} else {
		sig |= sigNotProducerDoc
	}
	f.sig = sig
}

// orgKind is the organiser's kind (see facts.okind). A value given in the
// export wins: the vendor knows its organiser; the profile (Config.
// Organisers) comes next; then what the law fixes: a voucher's organiser
// is the wellbeing services county (569/2009 § 11), Kela's Y-tunnus or a
// Kela-procured basis is Kela.
func (g *gate) orgKind(f *facts) export.OrganiserKindOf {
	if g.header.Has(export.OrganiserKind) {
		if k := g.okinds.get(f.v[export.OrganiserKind], g.okindFn); k != export.OrgKindNone {
			return k
		}
	}
	if f.org != 0 {
		if k, ok := g.cfg.Organisers[f.org]; ok {
			return k
		}
		if f.org == kela {
			return export.OrgKindKela
		}
	}
	switch f.basis {
	case export.BasisVoucher:
		return export.OrgKindPublic
	case export.BasisKela:
		return export.OrgKindKela
	}
	return export.OrgKindNone
}

// org resolves an organisation column; an invalid id sets bad in
// f.orgBad. An invalid value is resolved (and reported) under its own
// column even when it repeats another.
func (g *gate) org(f *facts, fld export.Field, bad uint8) ident.YTunnus {
	raw := f.v[fld]
	if raw == "" {
		return 0
	}
	o := g.orgs[fld].get(raw, resolveOrg)
	if o.err != nil {
		f.orgBad |= bad
	}
	return o.y
}

// client classifies the client id: henkilötunnus shape → full validation;
// anything else is taken for a pseudonym or local client number.
func (g *gate) client(f *facts) {
	id := f.v[export.ClientID]
	f.client, f.clientErr = 0, nil
	// Rows of one client usually come together: the previous row's valid
	// id needs no second validation.
	kind := g.lastIDKind
	if len(g.lastID) == 0 || id != string(g.lastID) {
		var err error
		kind, err = classifyClient(id)
		if err != nil {
			f.clientErr = err
			return
		}
		g.lastID, g.lastIDKind = append(g.lastID[:0], id...), kind
	}
	f.client = kind
}

// shared records the row in the state that spans rows, in file order:
// the document-id table (same id in conflicting registers, judged at the
// end; its arena entry also names window candidates) and the run's
// counts. It runs on the gate's own goroutine, after resolve.
func (g *gate) shared(f *facts) {
	f.docOff = g.ids.add(f.hash, f.docID, regBit(f.reg), f.dt.joint, f.line)
	if f.clientErr == nil && f.client == clientTest {
		g.testIDs++
		if g.firstTest == 0 {
			g.firstTest = f.line
		}
	}
	if f.producerDoc {
		g.res.Stats.ProducerDocs++
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
