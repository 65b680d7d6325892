package registers

import (
	"strings"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Basis is the processing basis (käsittelyperuste) of a document: in
// whose name the service was produced (703/2023 §§ 13–14, 37 mom 3;
// palvelusetelilaki 569/2009 § 11).
type Basis uint8

const (
	BasisNone       Basis = iota // empty
	BasisOwn                     // oma tuotanto: the organiser produces
	BasisPurchased               // ostopalvelu: produced on the organiser's behalf
	BasisVoucher                 // palveluseteli: the hyvinvointialue is controller
	BasisSelfPaying              // itsemaksava: private contract, the producer is controller
	BasisUnknown                 // a value we do not recognise
	// BasisKela: a service Kela procured (e.g. kuntoutus). "Kelan
	// kilpailuttamissa palveluissa Kela ei ole rekisterinpitäjä" (Kela
	// 2020, 2E); that the producer is then controller is our default [I].
	BasisKela
	// BasisSubcontract: alihankinta, produced by a subcontractor
	// (palveluntoteuttaja) of the organiser's producer, on the organiser's
	// behalf (Kela 2020, 2E; 703/2023 § 37 mom 3: the chain must show).
	BasisSubcontract
)

var basisNames = [...]string{"", "own", "purchased", "voucher", "self_paying", "unknown", "kela", "subcontract"}

func (b Basis) String() string { return basisNames[b] }

// OnBehalf reports whether the service is produced on the organiser's
// behalf (purchased service, voucher or a subcontract in their chain), so
// the organiser is controller and the producer writes into the
// organiser's register.
func (b Basis) OnBehalf() bool {
	return b == BasisPurchased || b == BasisVoucher || b == BasisSubcontract
}

// ParseBasis reads own/purchased/voucher/self_paying and the Finnish and
// Swedish words for them.
func ParseBasis(s string) Basis {
	switch s {
	case "":
		return BasisNone
	case "own":
		return BasisOwn
	case "purchased":
		return BasisPurchased
	case "voucher":
		return BasisVoucher
	case "self_paying":
		return BasisSelfPaying
	case "kela":
		return BasisKela
	case "subcontract":
		return BasisSubcontract
	}
	switch f := textnorm.Fold(s); f {
	case "own", "own production", "oma", "oma tuotanto", "omatuotanto", "itse tuotettu", "egen produktion", "egen":
		return BasisOwn
	case "purchased", "purchased service", "purchase", "outsourced", "ostopalvelu", "osto", "ostettu palvelu",
		"ostopalvelusopimus", "kopt tjanst", "kopta tjanster":
		return BasisPurchased
	case "voucher", "service voucher", "palveluseteli", "seteli", "palvelusetelilla", "palvelusetelipalvelu", "servicesedel":
		return BasisVoucher
	case "self paying", "selfpaying", "self pay", "private", "itsemaksava", "itse maksava", "itsemaksava asiakas",
		"yksityisesti maksava", "yksityinen asiakas", "sjalvbetalande":
		return BasisSelfPaying
	case "kela", "kela hankinta", "kelahankinta", "kelan hankinta", "kelan hankkima", "kelan hankkima palvelu",
		"kelan kilpailuttama", "kelan kilpailuttama palvelu", "kela procured", "kela procurement", "kela upphandling",
		"upphandlad av fpa", "fpa":
		return BasisKela
	case "subcontract", "subcontracting", "subcontractor", "alihankinta", "alihankkija", "alihankintana",
		"palveluntoteuttaja", "underleverantor", "underentreprenad", "underleverans":
		return BasisSubcontract
	}
	return BasisUnknown
}

// FI names a basis in Finnish, as an inventory or a report writes it.
func (b Basis) FI() string {
	return [...]string{"", "oma tuotanto", "ostopalvelu", "palveluseteli", "itsemaksava", "tunnistamaton", "Kelan hankinta", "alihankinta"}[b]
}

// ParseBases reads a list of bases ("itsemaksava, ostopalvelu ja
// palveluseteli": a unit serving clients on several bases). The result is
// the basis that decides the register question: an own-register basis
// (own production, self-paying, Kela-procured) if any part is one, since
// the organisation then keeps such documents itself; else the first
// part. Unknown is returned when any part is unrecognised.
func ParseBases(s string) Basis {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '+' || r == '\n' })
	var out []Basis
	for _, p := range parts {
		for _, q := range strings.Split(p, " ja ") {
			for _, q := range strings.Split(q, " och ") {
				for _, q := range strings.Split(q, " and ") {
					if q = strings.TrimSpace(q); q != "" {
						out = append(out, ParseBasis(q))
					}
				}
			}
		}
	}
	if len(out) == 0 {
		return BasisNone
	}
	first := out[0]
	for _, b := range out {
		switch b {
		case BasisUnknown:
			return BasisUnknown
		case BasisOwn, BasisSelfPaying, BasisKela:
			first = b
		}
	}
	if first == BasisOwn || first == BasisSelfPaying || first == BasisKela {
		return first
	}
	return out[0]
}
