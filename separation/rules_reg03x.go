package separation

import (
	"fmt"
	"strings"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
)

// Required metadata and code sets (REG03x). § 37 governs what is stored in
// the social-welfare client register: a health-care document in the
// patient register is outside it, one in the social register is not.
var (
	RuleNoServiceTask = register(&Check{Rule: finding.Rule{ID: "REG030", Severity: finding.Error,
		Title: finding.T("Asiakirjalta puuttuu palvelutehtävä", "Document has no service task"),
		Basis: basisSection37 + " mom 2"},
		Needs: []export.Field{export.ServiceTask},
		when:  when(emptyTask),
		judge: func(g *gate, c *Check, f *facts) {
			if f.patientDoc || f.v[export.ServiceTask] != "" {
				return
			}
			g.emit(c, f.line, f.docID, []string{f.docID}, func() finding.Text {
				return finding.T("Asiakirjalta puuttuu palvelutehtävä; jokaisesta asiakasasiakirjasta on käytävä ilmi sen palvelutehtävä.",
					"The document has no service task; every client document must show its service task(s).")
			}, f.code, "")
		},
		good: []sample{{note: "task name", rows: rows(row{"service_task": "Iäkkäiden palvelut"})},
			{note: "health-care document in the patient register", rows: rows(row{"service_task": "", "document_type": "Hoitokertomus", "register": "potilasrekisteri"})}},
		bad: []sample{{note: "empty task", rows: rows(row{"service_task": ""})},
			{note: "health-care document in the social register", rows: rows(row{"service_task": "", "document_type": "Hoitokertomus"})}},
	})

	// RuleNoParties is § 37 mom 3: basis, organiser and producer of
	// documents produced on another's behalf.
	RuleNoParties = register(&Check{Rule: finding.Rule{ID: "REG031", Severity: finding.Error,
		Title: finding.T("Toisen lukuun tuotetulta asiakirjalta puuttuu käsittelyperuste, palvelunjärjestäjä tai palveluntuottaja",
			"Document produced on another's behalf lacks its basis, organiser or producer"),
		Basis: basisSection37 + " mom 3"},
		Needs: []export.Field{export.Basis, export.OrganiserID, export.ProducerID},
		when:  when(withBasis(export.BasisPurchased, export.BasisVoucher, export.BasisSubcontract, export.BasisNone)),
		judge: func(g *gate, c *Check, f *facts) {
			if f.patientDoc {
				return
			}
			orgRaw, prodRaw := f.v[export.OrganiserID], f.v[export.ProducerID]
			switch {
			// "Alihankintatilanteissa … hankintaketju kokonaisuudessaan":
			// the subcontractor (author_org) beside the producer.
			case f.basis == export.BasisSubcontract && orgRaw != "" && prodRaw != "" && g.header.Has(export.AuthorOrg) &&
				f.orgBad == 0 && (f.author == 0 || f.author == f.prod || f.author == f.org):
				g.flag(c, f, []string{f.docID, "chain"}, func() finding.Text {
					return finding.Tf("Alihankintana tuotetusta asiakirjasta ei ilmene koko hankintaketju: palvelunjärjestäjän %s ja palveluntuottajan %s lisäksi asiakirjan laatijaksi (author_org) on merkittävä alihankkija.",
						"The subcontracted document does not show the whole procurement chain: beside organiser %s and producer %s, the subcontractor must be its author (author_org).", f.org, f.prod)
				})
			case f.basis.OnBehalf() && (orgRaw == "" || prodRaw == ""):
				var miss []string
				if orgRaw == "" {
					miss = append(miss, "organiser_id")
				}
				if prodRaw == "" {
					miss = append(miss, "producer_id")
				}
				g.flag(c, f, append([]string{f.docID}, miss...), func() finding.Text {
					m := strings.Join(miss, ", ")
					return finding.Text{
						FI: fmt.Sprintf("%s asiakirjalta puuttuu %s; toisen lukuun tuotetusta asiakirjasta on ilmettävä palvelunjärjestäjä ja palveluntuottaja.", basisFI(f.basis), m),
						EN: fmt.Sprintf("The %s document lacks %s; a document produced on another's behalf must show its organiser and producer.", basisEN(f.basis), m)}
				})
			case f.basis == export.BasisNone && f.org != 0 && f.prod != 0 && f.org != f.prod:
				g.flag(c, f, []string{f.docID, "basis"}, func() finding.Text {
					return finding.Tf("Palvelunjärjestäjä %s ja palveluntuottaja %s eroavat, mutta käsittelyperuste puuttuu.",
						"Organiser %s and producer %s differ but the processing basis is missing.", f.org, f.prod)
				})
			}
		},
		good: []sample{{note: "purchased with both parties", rows: rows(rel(nil), pdoc(nil))},
			{note: "subcontract: organiser, producer and the subcontractor as author", rows: rows(rel(row{"service_unit": subUnit}), pdoc(row{"basis": "alihankinta", "author_org": subOID, "service_unit": subUnit}))}},
		bad: []sample{{note: "subcontract without the subcontractor", rows: rows(rel(nil), pdoc(row{"basis": "alihankinta"}))},
			{note: "purchased without organiser", rows: rows(pdoc(row{"organiser_id": "", "controller_id": prodCtrl}))},
			{note: "producer differs, basis missing", rows: rows(row{"basis": "", "producer_id": prodOID})}},
	})

	// A service-task value the tool does not know is not proof of a wrong
	// task: the code list 1.2.246.537.6.1221 is published in THL's code
	// service, and the tool has only codes 10 and 20 from its sources. So
	// it is a warning per distinct value asking for a --mapping entry, not
	// an error on every row.
	RuleUnknownTask = register(&Check{Rule: finding.Rule{ID: "REG032", Severity: finding.Warning,
		Title: finding.T("Palvelutehtävää ei tunnisteta: lisää se --mapping-tiedostoon", "Service task not recognised: add it to a --mapping file"),
		Basis: "Sosmeta 1.2.246.537.6.1221"},
		Needs: []export.Field{export.ServiceTask},
		when:  when(unknownTask),
		judge: func(g *gate, c *Check, f *facts) {
			// An empty task is REG030's.
			if f.patientDoc || len(f.task.unknown) == 0 || f.v[export.ServiceTask] == "" {
				return
			}
			col := g.header.Column(export.ServiceTask)
			g.aggregate(c, export.ServiceTask, strings.Join(f.task.unknown, "|"), f.line, f.docID, func(a *agg) finding.Text {
				return finding.Tf("Sarakkeen %q palvelutehtävää %q ei tunnisteta (%s). Palvelutehtävien koodisto 1.2.246.537.6.1221 on julkaistu THL:n koodistopalvelussa; työkalu tuntee vain lähteistään saadut koodit. Kerro arvon palvelutehtävä --mapping-tiedoston values: service_task -kohdassa, niin tehtävää vaativat säännöt koskevat näitä rivejä.",
					"Column %q service task %q is not recognised (%s). The service-task code list 1.2.246.537.6.1221 is published in THL's code service; the tool knows only the codes its sources give. Name the value's task under values: service_task in a --mapping file so that the rules needing the task apply to these rows.", col, a.value, finding.Rows(a.count))
			})
		},
		good: []sample{{note: "code 20", rows: rows(row{"service_task": "20"})}, {note: "two tasks", rows: rows(row{"service_task": "older_people|disability"})}},
		bad:  []sample{{note: "code 99", rows: rows(row{"service_task": "99"})}, {note: "one of two unknown", rows: rows(row{"service_task": "older_people|kummallinen"})}},
	})

	RuleUnknownDocType = register(&Check{Rule: finding.Rule{ID: "REG033", Severity: finding.Error,
		Title: finding.T("Tuntematon asiakirjatyyppi", "Unknown document type"),
		Basis: "Sosmeta 1.2.246.537.6.1506; 1.2.246.537.6.1505"},
		when: when(unknownType),
		judge: func(g *gate, c *Check, f *facts) {
			if f.dt.typ != nil || f.dt.health {
				return
			}
			g.emit(c, f.line, f.docID, []string{f.docID, f.dt.code}, func() finding.Text {
				return finding.Tf("Asiakirjatyyppiä %q ei löydy Sosmetasta (1.2.246.537.6.1506/1505) eikä sitä tunnisteta terveydenhuollon asiakirjaksi.",
					"Document type %q is not in Sosmeta (1.2.246.537.6.1506/1505) and not recognised as a health-care document.", f.v[export.DocumentType])
			}, "", f.taskID)
		},
		good: []sample{{note: "group as 1505.2", rows: rows(row{"document_type": "1505.2"})}, {note: "code-system OID", rows: rows(row{"document_type": "1.2.246.537.6.1506.11023"})},
			{note: "structure OID", rows: rows(row{"document_type": "1.2.246.537.6.1505.1.2023.6.1"})}, {note: "name", rows: rows(row{"document_type": "Iäkkäiden palvelupäätös"})}},
		bad: []sample{{note: "unknown code", rows: rows(row{"document_type": "99999"})}, {note: "unknown name", rows: rows(row{"document_type": "Työvuorolista"})}},
	})

	RuleObsoleteDocType = register(&Check{Rule: finding.Rule{ID: "REG034", Severity: finding.Warning,
		Title: finding.T("Asiakirjatyyppi on vain vanhentuneena versiona", "Document type exists only as an obsolete version"),
		Basis: "Sosmeta 1.2.246.537.6.1506"},
		when: when(obsoleteType),
		judge: func(g *gate, c *Check, f *facts) {
			if f.dt.typ == nil || f.dt.typ.Current {
				return
			}
			g.flag(c, f, []string{f.docID, f.dt.code}, func() finding.Text {
				return finding.Tf("Asiakirjatyyppi %s %q on Sosmetassa vain vanhentuneena versiona.",
					"Document type %s %q exists in Sosmeta only as an obsolete version.", f.dt.typ.Code, f.dt.typ.NameFI)
			})
		},
		good: []sample{{note: "current", rows: rows(row{"document_type": "1019"})}},
		bad:  []sample{{note: "obsolete-only 1020", rows: rows(row{"document_type": "1020"})}},
	})

	RuleLegacyTask = register(&Check{Rule: finding.Rule{ID: "REG035", Severity: finding.Info,
		Title: finding.T("Vanha palvelutehtävän nimi (1989/2011/254/2015)", "Legacy service task name (1989/2011/254/2015)"),
		Basis: "Sosmeta 1.2.246.537.6.1221; 1.2.246.537.6.1259; 1.2.246.537.6.1283", Inferred: true},
		Needs: []export.Field{export.ServiceTask},
		when:  when(legacyTask),
		judge: func(g *gate, c *Check, f *facts) {
			if f.patientDoc || len(f.task.legacy) == 0 {
				return
			}
			g.flag(c, f, []string{f.docID, strings.Join(f.task.legacy, "|")}, func() finding.Text {
				l := strings.Join(f.task.legacy, ", ")
				return finding.Tf("Palvelutehtävä %q on vanha nimi; se on tulkittu tehtäväksi %s.",
					"Service task %q is a legacy name, read as %s.", l, strings.Join(f.task.ids, ", "))
			})
		},
		good: []sample{{note: "current name", rows: rows(row{"service_task": "Työikäisten palvelut"})}},
		bad:  []sample{{note: "legacy name", rows: rows(row{"service_task": "Toimeentulotuki"})}},
	})
)
