package separation

import (
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/registers"
)

// A row's signature has one bit set per dimension of facts (register
// kind, document-type kind, basis, …). A cond is a set of signatures, the
// product of one allowed set per dimension, so a signature is in it when
// sig &^ cond == 0. A check's when lists the conds under which it can find
// anything; the gate runs its judge only on rows in one of them.
//
// Why: most rows break no rule, and calling every enabled check's judge
// on every row cost a tenth of the gate's time. The gate builds, per
// distinct signature (a run has tens), the list of checks to run; a clean
// row runs one or two judges. A judge still tests its full condition, so
// when only has to be wide enough: TestPlansHideNothing and FuzzGate run
// the gate with and without plans and require the same result.
type cond uint64

// Signature bits, dimension by dimension.
const (
	// Register kind.
	sigRegSocial cond = 1 << iota
	sigRegHealth
	sigRegLegacy
	sigRegMixed
	sigRegUnknown
	// Document-type kind.
	sigDocClient  // a Sosmeta client-document type
	sigDocHealth  // a health-care (patient) document
	sigDocUnknown // neither
	// A Sosmeta type that exists only as an obsolete version.
	sigNotObsolete
	sigObsolete
	// The Asiakkuusasiakirja.
	sigNotRelationship
	sigRelationship
	// Basis, status, controller kind and organiser kind, in the order of
	// their kinds.
	sigBasis0
	_
	_
	_
	_
	_
	_
	_
	sigStatus0
	_
	_
	_
	sigKind0
	_
	_
	_
	sigOKind0
	_
	_
	_
	_
	// Service task value: empty, with unrecognised parts, with legacy
	// names (each a yes/no dimension).
	sigTaskGiven
	sigTaskEmpty
	sigTaskKnown
	sigTaskUnknown
	sigTaskCurrent
	sigTaskLegacy
	// Client id, in clientKind order, then invalid.
	sigClient0
	_
	_
	sigClientInvalid
	// An organisation column holds an invalid id.
	sigOrgsValid
	sigOrgBad
	// A producer's document in the organiser's register (facts.producerDoc).
	sigNotProducerDoc
	sigProducerDoc
	// The service unit is a toimintayksikkö's OID (facts.unitTop).
	sigUnitOK
	sigUnitTop

	sigAll = sigUnitTop<<1 - 1
)

// The dimensions' masks.
const (
	dimReg          = sigRegSocial | sigRegHealth | sigRegLegacy | sigRegMixed | sigRegUnknown
	dimDoc          = sigDocClient | sigDocHealth | sigDocUnknown
	dimObsolete     = sigNotObsolete | sigObsolete
	dimRelationship = sigNotRelationship | sigRelationship
	dimBasis        = sigBasis0 * (1<<8 - 1)
	dimStatus       = sigStatus0 * (1<<4 - 1)
	dimKind         = sigKind0 * (1<<4 - 1)
	dimOKind        = sigOKind0 * (1<<5 - 1)
	dimTaskEmpty    = sigTaskGiven | sigTaskEmpty
	dimTaskUnknown  = sigTaskKnown | sigTaskUnknown
	dimTaskLegacy   = sigTaskCurrent | sigTaskLegacy
	dimClient       = sigClient0 * (1<<4 - 1)
	dimOrgBad       = sigOrgsValid | sigOrgBad
	dimProducerDoc  = sigNotProducerDoc | sigProducerDoc
	dimUnitTop      = sigUnitOK | sigUnitTop
)

// only is every signature whose dimension dim is one of bits.
func only(dim, bits cond) cond { return sigAll&^dim | bits }

// inRegister: rows in one of the registers.
func inRegister(ks ...registers.Kind) cond {
	var b cond
	for _, k := range ks {
		b |= regSig(k)
	}
	return only(dimReg, b)
}

// Document-type kinds.
var (
	clientDocument = only(dimDoc, sigDocClient)
	healthDocument = only(dimDoc, sigDocHealth)
	unknownType    = only(dimDoc, sigDocUnknown)
	obsoleteType   = only(dimObsolete, sigObsolete)
	relationship   = only(dimRelationship, sigRelationship)
	emptyTask      = only(dimTaskEmpty, sigTaskEmpty)
	unknownTask    = only(dimTaskUnknown, sigTaskUnknown)
	legacyTask     = only(dimTaskLegacy, sigTaskLegacy)
	invalidOrg     = only(dimOrgBad, sigOrgBad)
	producerDoc    = only(dimProducerDoc, sigProducerDoc)
	invalidClient  = only(dimClient, sigClientInvalid)
	unitIsTop      = only(dimUnitTop, sigUnitTop)
)

func withBasis(bs ...export.BasisKind) cond {
	var b cond
	for _, k := range bs {
		b |= sigBasis0 << k
	}
	return only(dimBasis, b)
}

func withStatus(ss ...export.StatusKind) cond {
	var b cond
	for _, k := range ss {
		b |= sigStatus0 << k
	}
	return only(dimStatus, b)
}

func withKind(ks ...export.ControllerKindOf) cond {
	var b cond
	for _, k := range ks {
		b |= sigKind0 << k
	}
	return only(dimKind, b)
}

func withOrgKind(ks ...export.OrganiserKindOf) cond {
	var b cond
	for _, k := range ks {
		b |= sigOKind0 << k
	}
	return only(dimOKind, b)
}

func withClient(ks ...clientKind) cond {
	var b cond
	for _, k := range ks {
		b |= sigClient0 << k
	}
	return only(dimClient, b)
}

func when(cs ...cond) []cond { return cs }

func regSig(k registers.Kind) cond {
	if b := regBit(k); b != 0 {
		return cond(b) // regBit's bits are sigRegSocial … sigRegMixed
	}
	return sigRegUnknown
}

// docSig is a document type's part of the signature.
func (d *docInfo) docSig() cond {
	s := sigDocUnknown
	switch {
	case d.health:
		s = sigDocHealth
	case d.typ != nil:
		s = sigDocClient
	}
	if d.typ != nil && !d.typ.Current {
		s |= sigObsolete
	} else {
		s |= sigNotObsolete
	}
	if d.relationship {
		return s | sigRelationship
	}
	return s | sigNotRelationship
}

// taskSig is a service-task value's part of the signature; noTask is it
// without a service_task column.
func (t *taskInfo) taskSig(raw string) cond {
	s := sigTaskGiven | sigTaskKnown | sigTaskCurrent
	if raw == "" {
		s ^= sigTaskGiven | sigTaskEmpty
	}
	if len(t.unknown) > 0 {
		s ^= sigTaskKnown | sigTaskUnknown
	}
	if len(t.legacy) > 0 {
		s ^= sigTaskCurrent | sigTaskLegacy
	}
	return s
}

const noTask = sigTaskGiven | sigTaskKnown | sigTaskCurrent

// admits reports whether a check's when admits a signature.
func (c *Check) admits(sig cond) bool {
	if len(c.when) == 0 {
		return true
	}
	for _, w := range c.when {
		if sig&^w == 0 {
			return true
		}
	}
	return false
}

// plan is the judges to run on rows of one signature.
type plan struct {
	sig    cond
	checks []*Check
}

// planFor returns the enabled judges whose when admits sig, in Checks
// order, from a small direct-mapped cache.
func (g *gate) planFor(sig cond) []*Check {
	e := &g.plans[uint64(sig)*0x9E3779B97F4A7C15>>(64-planBits)]
	if e.sig == sig { // a signature is never 0
		return e.checks
	}
	cs, ok := g.planMap[sig]
	if !ok {
		cs = make([]*Check, 0, 4)
		for _, c := range g.judges {
			if g.cfg.noPlans || c.admits(sig) {
				cs = append(cs, c)
			}
		}
		if len(g.planMap) < memoLimit {
			g.planMap[sig] = cs
		}
	}
	*e = plan{sig: sig, checks: cs}
	return cs
}

const planBits = 8
