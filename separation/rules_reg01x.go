package separation

import (
	"fmt"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
)

// Controller and processing basis (REG01x): §§ 13–14, palvelusetelilaki § 11.
var (
	RuleOnBehalfRegister = register(&Check{Rule: finding.Rule{ID: "REG010", Severity: finding.Error,
		Title: finding.T("Ostopalvelun tai palvelusetelin asiakirja muussa kuin palvelunjärjestäjän rekisterissä",
			"Purchased-service or voucher document outside the organiser's register"),
		Basis: basisOnBehalf},
		Needs: []export.Field{export.Basis, export.ControllerID, export.OrganiserID},
		when:  when(withBasis(export.BasisPurchased, export.BasisVoucher, export.BasisSubcontract)),
		judge: func(g *gate, c *Check, f *facts) {
			// Kela is no controller of the services it procures (Kela 2020, 2E).
			if !f.basis.OnBehalf() || f.ctrl == 0 || f.org == 0 || f.ctrl == f.org || f.okind == export.OrgKindKela {
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
		good: []sample{{note: "producer writes into organiser's register", rows: rows(rel(nil), pdoc(nil))},
			{note: "private organiser's register", rows: rows(privRel(nil), privOrg(nil))},
			{note: "Kela-procured, producer's own register", rows: rows(kelaDoc(nil))},
			{note: "Kela named as organiser of a purchase", rows: rows(kelaDoc(row{"basis": "ostopalvelu", "organiser_id": kelaOID}))}},
		bad: []sample{{note: "subcontractor's document in its own register", rows: rows(pdoc(row{"basis": "alihankinta", "controller_id": prodCtrl}))},
			{note: "purchased service in producer's own register", rows: rows(pdoc(row{"controller_id": prodCtrl}))},
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

	// RuleControllerKind: an on-behalf document's controller is the
	// organiser, so its kind is the organiser's. Only an organiser known
	// to be an authority makes "private" wrong: a private organiser (a
	// provider giving the service on its contract with the client) is a
	// private controller (Kela 2025, 1. Määritelmät), and Kela-procured
	// services have no public controller (Kela 2020, 2E). Where the
	// organiser's kind is unknown the contradiction is not judged (REG014).
	RuleControllerKind = register(&Check{Rule: finding.Rule{ID: "REG012", Severity: finding.Error,
		Title: finding.T("Rekisterinpitäjän laji ristiriidassa käsittelyperusteen kanssa",
			"Controller kind contradicts the processing basis"),
		Basis: basisOnBehalf + "; Kela 2025 (palvelunjärjestäjä); 1.2.246.537.5.40172"},
		Needs: []export.Field{export.Basis, export.ControllerKind},
		when: when(withBasis(export.BasisPurchased, export.BasisVoucher, export.BasisSubcontract)&withKind(export.KindPrivate)&withOrgKind(export.OrgKindPublic),
			withBasis(export.BasisSelfPaying)&withKind(export.KindPublic)),
		judge: func(g *gate, c *Check, f *facts) {
			switch {
			case f.basis.OnBehalf() && f.ckind == export.KindPrivate && f.okind == export.OrgKindPublic:
				g.flag(c, f, []string{f.docID, f.basis.String(), "private"}, func() finding.Text {
					return finding.Text{
						FI: fmt.Sprintf("%s asiakirjan rekisterinpitäjä on merkitty yksityiseksi, mutta palvelunjärjestäjä %s on viranomainen (julkinen rekisterinpitäjä).", basisFI(f.basis), orgName(f.org)),
						EN: fmt.Sprintf("The %s document's controller is marked private, but the organiser %s is an authority (a public controller).", basisEN(f.basis), orgName(f.org))}
				})
			case f.basis == export.BasisSelfPaying && f.ckind == export.KindPublic:
				g.flag(c, f, []string{f.docID, f.basis.String(), "public"}, func() finding.Text {
					return finding.T("Itsemaksavan asiakkaan asiakirjan rekisterinpitäjä on merkitty julkiseksi; yksityisessä palvelussa rekisterinpitäjä on yksityinen palveluntuottaja.",
						"The self-paying client's document has a public controller; in a private service the controller is the private provider.")
				})
			}
		},
		good: []sample{{note: "voucher, public controller", rows: rows(row{"basis": "voucher", "producer_id": prodOID})},
			{note: "private organiser, subcontracting producer", rows: rows(privRel(row{"service_unit": subUnit}), privOrg(row{"basis": "alihankinta", "author_org": subOID, "service_unit": subUnit}))},
			{note: "private organiser, purchased", rows: rows(privRel(nil), privOrg(nil))},
			{note: "Kela-procured, producer controller", rows: rows(kelaDoc(nil))},
			{note: "Kela as organiser, purchased", rows: rows(kelaDoc(row{"basis": "purchased", "organiser_id": kelaOID}))}},
		bad: []sample{{note: "voucher, private controller", rows: rows(row{"basis": "voucher", "producer_id": prodOID, "controller_kind": "yksityinen"})},
			{note: "purchased, public organiser, private controller", rows: rows(row{"basis": "purchased", "producer_id": prodOID, "controller_kind": "private", "organiser_kind": "hyvinvointialue"})},
			{note: "subcontract of a county's purchase, private controller", rows: rows(row{"basis": "subcontract", "producer_id": prodOID, "controller_kind": "private", "organiser_kind": "public"})},
			{note: "self-paying, public controller", rows: rows(row{"basis": "self_paying", "producer_id": prodOID, "organiser_id": "", "controller_id": prodCtrl, "author_org": prodOID})}},
	})

	// RuleOrganiserKindUnknown says, once per organiser, that REG012 could
	// not judge its on-behalf documents with a private controller: the
	// tool no longer assumes every organiser is a county.
	RuleOrganiserKindUnknown = register(&Check{Rule: finding.Rule{ID: "REG014", Severity: finding.Info,
		Title: finding.T("Palvelunjärjestäjän lajia ei tiedetä: rekisterinpitäjän lajia ei tarkistettu",
			"Organiser's kind unknown: the controller kind was not checked"),
		Basis: "Kela 2025 (palvelunjärjestäjä: viranomainen tai yksityinen)"},
		Needs: []export.Field{export.Basis, export.ControllerKind},
		when:  when(withBasis(export.BasisPurchased, export.BasisSubcontract) & withKind(export.KindPrivate) & withOrgKind(export.OrgKindNone)),
		judge: func(g *gate, c *Check, f *facts) {
			if !f.basis.OnBehalf() || f.ckind != export.KindPrivate || f.okind != export.OrgKindNone {
				return
			}
			g.aggregate(c, export.OrganiserID, f.v[export.OrganiserID], f.line, f.docID, func(a *agg) finding.Text {
				return finding.Tf("Palvelunjärjestäjän %q lajia (viranomainen, yksityinen vai Kela) ei ole annettu, joten sen %d ostopalvelu- tai alihankinta-asiakirjan yksityistä rekisterinpitäjää ei tarkistettu. Anna laji organiser_kind-sarakkeessa tai organisaatioprofiilin organisers-luettelossa.",
					"The kind of organiser %q (authority, private or Kela) is not given, so the private controller of its %d purchased or subcontracted documents was not checked. Give it in an organiser_kind column or the profile's organisers.", a.value, a.count)
			})
		},
		good: []sample{{note: "organiser kind given", rows: rows(privRel(nil), privOrg(nil))},
			{note: "voucher: the county by law", rows: rows(row{"basis": "voucher", "producer_id": prodOID, "controller_kind": "public"})}},
		bad: []sample{{note: "purchased, private controller, no organiser kind", rows: rows(row{"basis": "purchased", "producer_id": prodOID, "controller_kind": "private"})}},
	})

	// RuleNoOwnRegister: a provider without self-paying clients that
	// organises nothing "ei muodostu omaa asiakasrekisteriä": it processes
	// other controllers' data under its contracts (Kela 2020, 2E), so a
	// social-welfare client document in its own register is misfiled.
	RuleNoOwnRegister = register(&Check{Rule: finding.Rule{ID: "REG015", Severity: finding.Error,
		Title: finding.T("Asiakirja palveluntuottajan omassa rekisterissä, vaikka sillä ei ole omia asiakkaita",
			"Client document in the register of a provider that has no clients of its own"),
		Basis: "Kela 2020 (2E: ei muodostu omaa asiakasrekisteriä); " + basisController},
		Needs:      []export.Field{export.ControllerID},
		Setting:    "--profile (self_paying_clients: false)",
		configured: func(cfg *Config) bool { return cfg.NoOwnRegister != 0 },
		judge: func(g *gate, c *Check, f *facts) {
			if f.patientDoc || f.ctrl == 0 || f.ctrl != g.cfg.NoOwnRegister {
				return
			}
			g.flag(c, f, []string{f.docID}, func() finding.Text {
				return finding.Tf("Asiakirja on organisaation %s omassa rekisterissä, mutta profiilin mukaan sillä ei ole itsemaksavia asiakkaita eikä se järjestä palveluja: sille ei muodostu omaa asiakasrekisteriä, vaan asiakirja kuuluu palvelunjärjestäjän rekisteriin.",
					"The document is in the own register of %s, but its profile says it has no self-paying clients and organises nothing: it has no client register of its own, and the document belongs to the organiser's register.", f.ctrl)
			})
		},
		good: []sample{{note: "producer writes into the county's register", rows: rows(rel(nil), pdoc(nil)), cfg: noOwnRegister},
			{note: "patient record of its own health care", rows: rows(row{"register": "potilasrekisteri", "document_type": "Hoitokertomus", "controller_id": prodCtrl, "organiser_id": prodOID, "producer_id": prodOID, "author_org": prodOID, "service_task": ""}), cfg: noOwnRegister}},
		bad: []sample{{note: "document in the producer's own register", rows: rows(pdoc(row{"controller_id": prodCtrl, "basis": "itsemaksava", "organiser_id": ""})), cfg: noOwnRegister}},
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
	case export.BasisKela:
		return "Kelan hankkiman palvelun"
	case export.BasisSubcontract:
		return "Alihankinnan"
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
	case export.BasisKela:
		return "Kela-procured"
	case export.BasisSubcontract:
		return "subcontracted"
	}
	return "the"
}

// orgName shows an organiser's Y-tunnus, or says it is not given.
func orgName(y ident.YTunnus) string {
	if y == 0 {
		return "(ei annettu)"
	}
	return y.String()
}

// noOwnRegister configures a sample as the profile of a producer without
// self-paying clients (REG015).
func noOwnRegister(cfg *Config) { cfg.NoOwnRegister = 1093863*10 + 3 }
