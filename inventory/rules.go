package inventory

import (
	"strings"

	"github.com/kartoitus/kartoitus/finding"
)

// Rules of the inventory reader. INV001 and INV004 reject rows; the others are
// warnings about sheets, columns and values that were read but not fully
// understood, so nothing is dropped or guessed silently.
var (
	RuleRowRejected = finding.Rule{
		ID: "INV001", Severity: finding.Error,
		Title: finding.T("Inventaarion rivi hylättiin: ei asiakirjan nimeä eikä valtakunnallista asiakirjatyyppiä",
			"Inventory row rejected: no document name and no national document type"),
		Basis: "Sosmeta " + "1.2.246.537.6.1506",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "every row names its document",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nLastensuojelu;Lastensuojeluilmoitus;sähköinen\nLastensuojelu;Hoito- ja kasvatussuunnitelma;paperi\n"}},
			Bad: []finding.Sample{{Note: "a row with a task and a medium but no document",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nLastensuojelu;Lastensuojeluilmoitus;sähköinen\nLastensuojelu;;paperi\n"}},
		},
	}
	RuleSheetNotRead = finding.Rule{
		ID: "INV002", Severity: finding.Warning,
		Title: finding.T("Taulukkoa ei luettu: otsikkoriviä ei tunnistettu",
			"Sheet not read: no inventory header row recognised"),
		Basis:    "Kansa-koulu nykytilan kartoitus (sarakkeet päätelty)",
		Inferred: true,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "an instruction sheet beside the inventory is skipped by its name",
				InventorySheets: []finding.Sheet{
					{Name: "Asiakirjat", Rows: [][]string{{"Palvelutehtävä", "Asiakirjan nimi"}, {"Iäkkäiden palvelut", "Iäkkäiden palvelupäätös"}}},
					{Name: "Ohjeet", Rows: [][]string{{"Täytä yksi rivi kutakin asiakirjaa kohden."}, {"Päivämäärä", "Muutos", "Tekijä"}, {"3.3.2025", "Lisätty kotihoidon asiakirjat", "Arkistosihteeri"}}},
				}}},
			Bad: []finding.Sample{{Note: "a change-log sheet with content but no inventory header",
				InventorySheets: []finding.Sheet{
					{Name: "Asiakirjat", Rows: [][]string{{"Palvelutehtävä", "Asiakirjan nimi"}, {"Iäkkäiden palvelut", "Iäkkäiden palvelupäätös"}}},
					{Name: "Muutoshistoria", Rows: [][]string{{"Päivämäärä", "Muutos", "Tekijä"}, {"3.3.2025", "Lisätty kotihoidon asiakirjat", "Arkistosihteeri"}}},
				}}},
		},
	}
	RuleDuplicateColumn = finding.Rule{
		ID: "INV003", Severity: finding.Warning,
		Title: finding.T("Sama tieto useassa sarakkeessa: vain ensimmäisen sarakkeen arvo luetaan, kun se on annettu",
			"The same field in several columns: the first column's value is used when given"),
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the national type and the local name in columns of their own",
				Inventory: "Palvelutehtävä;Valtakunnallinen asiakirjatyyppi;Asiakirjan nimi\nLastensuojelu;11023;Huostaanottopäätös\n"}},
			Bad: []finding.Sample{{Note: "Asiakirja and Asiakirjan nimi both read as the document name",
				Inventory: "Palvelutehtävä;Asiakirja;Asiakirjan nimi\nLastensuojelu;Päätös;Huostaanottopäätös\n"}},
		},
	}
	RuleQuoteSwallowed = finding.Rule{
		ID: "INV004", Severity: finding.Error,
		Title: finding.T("Lainausmerkki jatkui usean rivin yli: rivit hylättiin",
			"A quote ran on over several lines: the lines were rejected"),
		Basis: "RFC 4180, kohta 2.6 (lainattu kenttä päättyy lainausmerkkiin)",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a multi-line cell as Excel writes it, quotes doubled",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Huomautukset\nLastensuojelu;Päätös;\"rivi 1\nrivi 2 \"\"x\"\"\"\nLastensuojelu;Ilmoitus;\n"}},
			Bad: []finding.Sample{{Note: "a stray quote opens a cell that swallows the rows below",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Huomautukset\nLastensuojelu;Päätös;\nLastensuojelu;\"Kansio\" Ilmoitus;\nLastensuojelu;Suunnitelma;\n"}},
		},
	}
	RuleCellsBeyondHeader = finding.Rule{
		ID: "INV005", Severity: finding.Warning,
		Title: finding.T("Rivillä on arvoja otsikkorivin sarakkeiden oikealla puolella: niitä ei luettu",
			"Row has values right of the header's columns: they were not read"),
		Basis: "RFC 4180, kohta 2.4 (joka rivillä yhtä monta kenttää)",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "empty cells after the last column", Inventory: "Palvelutehtävä;Asiakirjan nimi;Huomautukset\nLastensuojelu;Päätös;;;\n"}},
			Bad:  []finding.Sample{{Note: "a value in a column without a header", Inventory: "Palvelutehtävä;Asiakirjan nimi;Huomautukset\nLastensuojelu;Päätös;;liite\n"}},
		},
	}
	RuleMissingCells = finding.Rule{
		ID: "INV006", Severity: finding.Warning,
		Title: finding.T("Rivillä on vähemmän kenttiä kuin otsikkorivillä",
			"Row has fewer fields than the header"),
		Basis: "RFC 4180, kohta 2.4 (joka rivillä yhtä monta kenttää)",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "every field written, the last empty", Inventory: "Palvelutehtävä;Asiakirjan nimi;Huomautukset\nLastensuojelu;Päätös;\n"}},
			Bad:  []finding.Sample{{Note: "the last field left out", Inventory: "Palvelutehtävä;Asiakirjan nimi;Huomautukset\nLastensuojelu;Päätös\n"}},
		},
	}
	RuleLongCell = finding.Rule{
		ID: "INV007", Severity: finding.Warning,
		Title: finding.T("Solu on pidempi kuin Excelin enimmäispituus: se katkaistiin",
			"Cell longer than Excel allows: it was cut"),
		Basis: "Microsoft Excel: enintään 32 767 merkkiä solussa",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a long note", Inventory: "Palvelutehtävä;Asiakirjan nimi;Huomautukset\nLastensuojelu;Päätös;" + strings.Repeat("huomio ", 1000) + "\n"}},
			Bad:  []finding.Sample{{Note: "40,000 characters in one cell", Inventory: "Palvelutehtävä;Asiakirjan nimi;Huomautukset\nLastensuojelu;Päätös;" + strings.Repeat("x", 40000) + "\n"}},
		},
	}
	RuleUnknownTask = finding.Rule{
		ID: "INV010", Severity: finding.Warning,
		Title: finding.T("Palvelutehtävää ei tunnistettu", "Service task not recognised"),
		Basis: "Sosmeta 1.2.246.537.6.1221",
		Samples: finding.Samples{
			Good: []finding.Sample{
				{Note: "a current service task name",
					Inventory: "Palvelutehtävä;Asiakirjan nimi\nLapsiperheiden palvelut;Perhetyön suunnitelma\n"},
				{Note: "the unit name made a task alias in the overlay",
					Inventory: "Palvelutehtävä;Asiakirjan nimi\nPerhekeskus;Perhetyön suunnitelma\n",
					Overlay:   "task_aliases:\n  Perhekeskus: [families]\n"},
			},
			Bad: []finding.Sample{{Note: "the unit's name in the service task column",
				Inventory: "Palvelutehtävä;Asiakirjan nimi\nPerhekeskus;Perhetyön suunnitelma\n"}},
		},
	}
	RuleUnknownPhase = finding.Rule{
		ID: "INV011", Severity: finding.Warning,
		Title: finding.T("Prosessin vaihetta ei tunnistettu", "Process phase not recognised"),
		Basis: "Sosmeta 1.2.246.537.6.1277", Inferred: true,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a phase of the client process",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Prosessin vaihe\nLastensuojelu;Huostaanottopäätös;Päätöksenteko\n"}},
			Bad: []finding.Sample{{Note: "a child-welfare service (sijaishuolto) written as the phase",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Prosessin vaihe\nLastensuojelu;Huostaanottopäätös;Sijaishuolto\n"}},
		},
	}
	RuleUnknownMedium = finding.Rule{
		ID: "INV012", Severity: finding.Warning,
		Title: finding.T("Tallennusmuotoa ei tunnistettu (paperi, sähköinen tai molemmat)",
			"Medium not recognised (paper, electronic or both)"),
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "paper",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;paperi\n"}},
			Bad: []finding.Sample{{Note: "microfilm is neither paper nor electronic",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;mikrofilmi\n"}},
		},
	}
	RuleBadRetention = finding.Rule{
		ID: "INV013", Severity: finding.Warning,
		Title: finding.T("Säilytysaikaa ei voitu lukea vuosina", "Retention period could not be read in years"),
		Basis: "703/2023 liite",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "years followed by the start event",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Säilytysaika\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10 v asian sulkemisesta\n"}},
			Bad: []finding.Sample{{Note: "for the duration of the client relationship: no years",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Säilytysaika\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;asiakkuuden ajan\n"}},
		},
	}
	RuleUnknownRegister = finding.Rule{
		ID: "INV014", Severity: finding.Warning,
		Title: finding.T("Rekisteriä ei tunnistettu", "Register not recognised"),
		Basis: "Sosmeta 1.2.246.537.6.1264",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the social-welfare client register",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;Sosiaalihuollon asiakasrekisteri\n"}},
			Bad: []finding.Sample{{Note: "the client system's name in the register column",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Rekisteri\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;Hilkka\n"}},
		},
	}
	RuleUnknownBasis = finding.Rule{
		ID: "INV016", Severity: finding.Warning,
		Title: finding.T("Käsittelyperustetta ei tunnistettu", "Processing basis not recognised"),
		Basis: "703/2023 § 37 mom 3",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a purchased service",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Käsittelyperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;Ostopalvelu\n"},
				{Note: "Kela-procured and subcontract",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Käsittelyperuste\nTyöikäisten palvelut;Kuntoutussuunnitelma;Kela-hankinta\nTyöikäisten palvelut;Kuntoutussuunnitelma;alihankinta\n"}},
			Bad: []finding.Sample{{Note: "the payer instead of the basis",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Käsittelyperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;vakuutusyhtiö\n"}},
		},
	}
	RuleHetuMasked = finding.Rule{
		ID: "INV015", Severity: finding.Warning,
		Title: finding.T("Inventaariossa on henkilötunnus: se peitettiin",
			"The inventory holds a personal identity code: it was masked"),
		Basis: "EU 2016/679 5 art. 1 c (tietojen minimointi)",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a note without client data",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Huomautukset\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;tarkistettu mallipäätöksestä\n"}},
			// 010190-900P is a 900-series test code, not a person's.
			Bad: []finding.Sample{{Note: "a client's personal identity code pasted into a note",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Huomautukset\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;tarkistettu asiakkaan 010190-900P päätöksestä\n"}},
		},
	}
)

// Rules lists every rule of the reader, for reports that list what ran.
func Rules() []finding.Rule {
	return []finding.Rule{RuleRowRejected, RuleSheetNotRead, RuleDuplicateColumn,
		RuleQuoteSwallowed, RuleCellsBeyondHeader, RuleMissingCells, RuleLongCell, RuleUnknownTask,
		RuleUnknownPhase, RuleUnknownMedium, RuleBadRetention, RuleUnknownRegister, RuleHetuMasked, RuleUnknownBasis}
}
