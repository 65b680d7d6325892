package separation

import (
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/registers"
)

// Register separation (REG00x).
var (
	RuleHealthInSocial = register(&Check{Rule: finding.Rule{ID: "REG001", Severity: finding.Error,
		Title: finding.T("Terveydenhuollon asiakirja sosiaalihuollon asiakasrekisterissä",
			"Health-care document in the social-welfare client register"),
		Basis: basisSeparation, Inferred: true},
		when: when(inRegister(registers.Social) & healthDocument),
		judge: func(g *gate, c *Check, f *facts) {
			if f.reg != registers.Social || !f.dt.health {
				return
			}
			g.flag(c, f, []string{f.docID, string(f.reg)}, func() finding.Text {
				return finding.Tf("Terveydenhuollon asiakirja %q on sosiaalihuollon asiakasrekisterissä; potilasasiakirjat tallennetaan potilasrekisteriin.",
					"Health-care document %q is in the social-welfare client register; patient documents belong in the patient register.", f.v[export.DocumentType])
			})
		},
		good: []sample{{note: "patient record in patient register", rows: rows(row{"document_type": "Potilaskertomus", "register": "potilasrekisteri"})}},
		bad: []sample{{note: "patient record in social register", rows: rows(row{"document_type": "Potilaskertomus"})},
			{note: "doctor's statement", rows: rows(row{"document_type": "Lääkärin lausunto", "register": "Sosiaalihuollon asiakasrekisteri"})}},
	})

	RuleNarrativeInHealth = register(&Check{Rule: finding.Rule{ID: "REG002", Severity: finding.Error,
		Title: finding.T("Sosiaalihuollon asiakaskertomus potilasrekisterissä",
			"Social-welfare client narrative (asiakaskertomus) in the patient register"),
		Basis: "703/2023 § 46"},
		when: when(inRegister(registers.Health) & clientDocument),
		judge: func(g *gate, c *Check, f *facts) {
			if f.reg != registers.Health || f.dt.typ == nil || !f.dt.narrative {
				return
			}
			g.flag(c, f, []string{f.docID, string(f.reg)}, func() finding.Text {
				return finding.Tf("Asiakaskertomusmerkintä %s %q on potilasrekisterissä; asiakaskertomus tallennetaan sosiaalihuollon asiakasrekisteriin.",
					"Client narrative entry %s %q is in the patient register; the asiakaskertomus belongs in the social-welfare client register.", f.dt.typ.Code, f.dt.typ.NameFI)
			})
		},
		good: []sample{{note: "narrative in social register", rows: rows(row{"document_type": "19005"})}},
		bad:  []sample{{note: "narrative in patient register", rows: rows(row{"document_type": "19005", "register": "potilasrekisteri"})}},
	})

	RuleSocialInHealth = register(&Check{Rule: finding.Rule{ID: "REG003", Severity: finding.Warning,
		Title: finding.T("Sosiaalihuollon asiakirja potilasrekisterissä (muu kuin yhteinen arvio tai suunnitelma)",
			"Social-welfare document in the patient register (not a joint needs assessment or client plan)"),
		Basis: "703/2023 §§ 18, 46–47", Inferred: true},
		when: when(inRegister(registers.Health) & clientDocument),
		judge: func(g *gate, c *Check, f *facts) {
			// A narrative entry there is REG002's.
			if f.reg != registers.Health || f.dt.typ == nil || f.dt.narrative || f.dt.joint {
				return
			}
			g.flag(c, f, []string{f.docID, string(f.reg)}, func() finding.Text {
				return finding.Tf("Sosiaalihuollon asiakirja %s %q on potilasrekisterissä; vain yhteinen palvelutarpeen arvio ja asiakassuunnitelma saavat olla molemmissa.",
					"Social-welfare document %s %q is in the patient register; only a joint needs assessment and client plan may be in both.", f.dt.typ.Code, f.dt.typ.NameFI)
			})
		},
		good: []sample{{note: "joint needs assessment in both", rows: rows(row{"document_type": "1000", "register": "health"}, row{"document_type": "1000", "document_id": "D2"})},
			{note: "client plan in patient register", rows: rows(row{"document_type": "15003", "register": "health"})}},
		bad: []sample{{note: "decision in patient register", rows: rows(row{"register": "health"})}},
	})

	RuleMixedRegister = register(&Check{Rule: finding.Rule{ID: "REG004", Severity: finding.Error,
		Title: finding.T("Rekisteriarvo nimeää yhteisen tai molemmat rekisterit",
			"Register value names a joint register or both registers"),
		Basis: basisSeparation},
		when: when(inRegister(registers.Mixed)),
		judge: func(g *gate, c *Check, f *facts) {
			if f.reg != registers.Mixed {
				return
			}
			g.flag(c, f, []string{f.docID, string(f.reg)}, func() finding.Text {
				return finding.Tf("Rekisteriarvo %q nimeää yhteisen tai molemmat rekisterit; asiakirja kuuluu joko sosiaalihuollon asiakasrekisteriin tai potilasrekisteriin.",
					"Register value %q names a joint register or both; a document belongs to either the social-welfare client register or the patient register.", f.regRaw)
			})
		},
		good: []sample{{note: "one register", rows: rows(row{"register": "Sosiaalihuollon asiakasrekisteri"})}},
		bad:  []sample{{note: "joint", rows: rows(row{"register": "yhteinen"})}, {note: "both named", rows: rows(row{"register": "sosiaalihuollon asiakasrekisteri ja potilasrekisteri"})}},
	})

	RuleUnknownRegister = register(&Check{Rule: finding.Rule{ID: "REG005", Severity: finding.Error,
		Title: finding.T("Rekisteriarvoa ei tunnisteta", "Register value not recognised"),
		Basis: "703/2023 § 18; 1.2.246.537.6.1264"},
		when: when(inRegister(registers.Unknown)),
		judge: func(g *gate, c *Check, f *facts) {
			if f.reg != registers.Unknown {
				return
			}
			g.flag(c, f, []string{f.docID, f.regRaw}, func() finding.Text {
				return finding.Tf("Rekisteriarvoa %q ei tunnisteta; erottelua ei voitu tarkistaa (lisää arvo --mapping-tiedostoon).",
					"Register value %q is not recognised; separation could not be checked (add the value to a --mapping file).", f.regRaw)
			})
		},
		good: []sample{{note: "code 1", rows: rows(row{"register": "1"})}},
		bad:  []sample{{note: "system name", rows: rows(row{"register": "Effica"})}},
	})

	RuleLegacyRegister = register(&Check{Rule: finding.Rule{ID: "REG006", Severity: finding.Error,
		Title: finding.T("Vanha ilmoitusrekisteri-arvo (kumottu 1.11.2021)",
			"Legacy notification register (ilmoitusrekisteri) value, repealed 1.11.2021"),
		Basis: "785/2021 (254/2015 § 22); 703/2023 § 18"},
		when: when(inRegister(registers.Legacy)),
		judge: func(g *gate, c *Check, f *facts) {
			if f.reg != registers.Legacy {
				return
			}
			g.flag(c, f, []string{f.docID, string(f.reg)}, func() finding.Text {
				return finding.Tf("Rekisteriarvo %q on kumottu sosiaalihuollon ilmoitusrekisteri; asiakirja kuuluu sosiaalihuollon asiakasrekisteriin ennen Kanta-arkistointia.",
					"Register value %q is the repealed notification register; the document belongs in the social-welfare client register before Kanta archiving.", f.regRaw)
			})
		},
		good: []sample{{note: "client register", rows: rows(row{"register": "social"})}},
		bad:  []sample{{note: "ilmoitusrekisteri", rows: rows(row{"register": "sosiaalihuollon ilmoitusrekisteri"})}},
	})
)
