package separation

import (
	"fmt"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
)

// Controller and processing basis (REG01x): §§ 13–14, palvelusetelilaki § 11.
var (
	RuleOnBehalfRegister = register(&Check{Rule: finding.Rule{ID: "REG010", Severity: finding.Error,
		Title: finding.T("Ostopalvelun tai palvelusetelin asiakirja muussa kuin palvelunjärjestäjän rekisterissä",
			"Purchased-service or voucher document outside the organiser's register"),
		Basis: basisOnBehalf},
		Needs: []export.Field{export.Basis, export.ControllerID, export.OrganiserID},
		when:  when(withBasis(export.BasisPurchased, export.BasisVoucher)),
		judge: func(g *gate, c *Check, f *facts) {
			if !f.basis.OnBehalf() || f.ctrl == 0 || f.org == 0 || f.ctrl == f.org {
				return
			}
			where := fmt.Sprintf("Y-tunnus %s", f.ctrl)
			whereEN := where
			if f.ctrl == f.prod {
				where, whereEN = "palveluntuottajan omassa rekisterissä", "the producer's own register"
			} else {
				where, whereEN = "rekisterinpitäjän "+where+" rekisterissä", "the register of controller "+whereEN
			}
			g.flag(c, f, []string{f.docID, f.basis.String()}, func() finding.Text {
				return finding.Text{
					FI: fmt.Sprintf("%s asiakirja on %s; rekisterinpitäjä on palvelunjärjestäjä %s.", basisFI(f.basis), where, f.org),
					EN: fmt.Sprintf("The %s document is in %s; the controller is the organiser %s.", basisEN(f.basis), whereEN, f.org)}
			})
		},
		good: []sample{{note: "producer writes into organiser's register", rows: rows(rel(nil), pdoc(nil))}},
		bad: []sample{{note: "purchased service in producer's own register", rows: rows(pdoc(row{"controller_id": prodCtrl}))},
			{note: "voucher in producer's own register", rows: rows(pdoc(row{"basis": "palveluseteli", "controller_id": prodCtrl}))}},
	})

	RuleSelfPayingRegister = register(&Check{Rule: finding.Rule{ID: "REG011", Severity: finding.Error,
		Title: finding.T("Itsemaksavan asiakkaan asiakirja muussa kuin palveluntuottajan rekisterissä",
			"Self-paying client's document outside the provider's own register"),
		Basis: basisController + " mom 2"},
		Needs: []export.Field{export.Basis, export.ControllerID, export.ProducerID},
		when:  when(withBasis(export.BasisSelfPaying)),
		judge: func(g *gate, c *Check, f *facts) {
			if f.basis != export.BasisSelfPaying || f.ctrl == 0 || f.prod == 0 || f.ctrl == f.prod {
				return
			}
			g.flag(c, f, []string{f.docID, f.basis.String()}, func() finding.Text {
				return finding.Tf("Itsemaksavan asiakkaan asiakirja on rekisterinpitäjän %s rekisterissä; rekisterinpitäjä on palveluntuottaja %s, jonka kanssa asiakas teki sopimuksen.",
					"The self-paying client's document is in the register of %s; the controller is the producer %s the client contracted with.", f.ctrl, f.prod)
			})
		},
		good: []sample{{note: "self-paying in producer's register", rows: rows(row{"basis": "itsemaksava", "producer_id": prodOID, "organiser_id": "", "controller_id": prodCtrl, "controller_kind": "private", "author_org": prodOID})}},
		bad:  []sample{{note: "self-paying in county's register", rows: rows(row{"basis": "self_paying", "producer_id": prodOID, "organiser_id": "", "controller_id": orgCtrl, "controller_kind": "private", "author_org": prodOID})}},
	})

	RuleControllerKind = register(&Check{Rule: finding.Rule{ID: "REG012", Severity: finding.Error,
		Title: finding.T("Rekisterinpitäjän laji ristiriidassa käsittelyperusteen kanssa",
			"Controller kind contradicts the processing basis"),
		Basis: basisOnBehalf + "; 1.2.246.537.5.40172"},
		Needs: []export.Field{export.Basis, export.ControllerKind},
		when: when(withBasis(export.BasisPurchased, export.BasisVoucher)&withKind(export.KindPrivate),
			withBasis(export.BasisSelfPaying)&withKind(export.KindPublic)),
		judge: func(g *gate, c *Check, f *facts) {
			switch {
			case f.basis.OnBehalf() && f.ckind == export.KindPrivate:
				g.flag(c, f, []string{f.docID, f.basis.String(), "private"}, func() finding.Text {
					return finding.Text{
						FI: fmt.Sprintf("%s asiakirjan rekisterinpitäjä on merkitty yksityiseksi; palvelunjärjestäjä (hyvinvointialue) on julkinen rekisterinpitäjä.", basisFI(f.basis)),
						EN: fmt.Sprintf("The %s document's controller is marked private; the organiser (wellbeing services county) is a public controller.", basisEN(f.basis))}
				})
			case f.basis == export.BasisSelfPaying && f.ckind == export.KindPublic:
				g.flag(c, f, []string{f.docID, f.basis.String(), "public"}, func() finding.Text {
					return finding.T("Itsemaksavan asiakkaan asiakirjan rekisterinpitäjä on merkitty julkiseksi; yksityisessä palvelussa rekisterinpitäjä on yksityinen palveluntuottaja.",
						"The self-paying client's document has a public controller; in a private service the controller is the private provider.")
				})
			}
		},
		good: []sample{{note: "voucher, public controller", rows: rows(row{"basis": "voucher", "producer_id": prodOID})}},
		bad: []sample{{note: "voucher, private controller", rows: rows(row{"basis": "voucher", "producer_id": prodOID, "controller_kind": "yksityinen"})},
			{note: "self-paying, public controller", rows: rows(row{"basis": "self_paying", "producer_id": prodOID, "organiser_id": "", "controller_id": prodCtrl, "author_org": prodOID})}},
	})

	RuleKelaController = register(&Check{Rule: finding.Rule{ID: "REG013", Severity: finding.Error,
		Title: finding.T("Kela merkitty asiakasasiakirjan rekisterinpitäjäksi",
			"Kela recorded as the controller of a client document"),
		Basis: "703/2023 §§ 13, 16, 23", Inferred: true},
		Needs: []export.Field{export.ControllerID},
		judge: func(g *gate, c *Check, f *facts) {
			if f.ctrl != kela {
				return
			}
			g.flag(c, f, []string{f.docID}, func() finding.Text {
				return finding.T("Rekisterinpitäjäksi on merkitty Kela (0246246-0); Kela säilyttää vain lopettaneiden palvelunantajien ja valtakunnallisten palvelujen asiakirjoja, ei Kelan hankkiman palvelun asiakirjojen rekisterinpitäjänä.",
					"Kela (0246246-0) is recorded as the controller; Kela keeps only documents of providers that ceased and of the national services, it is not the controller of documents of services it procures.")
			})
		},
		good: []sample{{note: "county controller", rows: rows(row{})}},
		bad:  []sample{{note: "Kela controller", rows: rows(row{"controller_id": kelaCtrl})}},
	})
)

// basisFI and basisEN name a basis at the start of a message (REG01x, REG031).
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
