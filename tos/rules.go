package tos

import "github.com/kartoitus/kartoitus/finding"

// Reader rules: rejected rows and cells the readers could not use. The
// analysis rules (RET0xx) live in analyzer/retention.
var (
	RuleNoDocument = finding.Rule{ID: "TOS001", Severity: finding.Warning,
		Title: finding.T("TOS/AMS-rivi hylätty: ei asiakirjan nimeä, tyyppiä tai koodia",
			"TOS/AMS row rejected: no document name, type or code"),
		Basis: "JHS 191 7.1–7.2",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "every row names its document",
				TOS: "Tehtäväluokka;Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\n05 02 03;Lastensuojelu;Päätös lapsen huostaanotosta ja sijaishuollosta;2;asiakkaan kuolemasta\n05 02 03;Lastensuojelu;Hoito- ja kasvatussuunnitelma;2;asiakkaan kuolemasta\n"}},
			Bad: []finding.Sample{{Note: "a row with a class and a period but no document",
				TOS: "Tehtäväluokka;Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\n05 02 03;Lastensuojelu;Päätös lapsen huostaanotosta ja sijaishuollosta;2;asiakkaan kuolemasta\n05 02 03;Lastensuojelu;;2;asiakkaan kuolemasta\n"}},
		},
	}
	RuleRowType = finding.Rule{ID: "TOS002", Severity: finding.Warning,
		Title: finding.T("TOS-työkirjan rivi hylätty: tuntematon rivityyppi sarakkeessa Tehtäväluokka",
			"TOS workbook row rejected: unknown row type in column Tehtäväluokka"),
		Basis: "JHS 191; Helsingin TOS-pohja v1.4",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "Helsinki layout: a class row, then document rows",
				TOS: "Tehtäväluokka;Tehtäväluokan nimi;Asiakirjan tyyppi;Asiakirjatyypin tarkenne;Säilytysaika;Säilytysajan laskentaperuste\n05 02 03;Perhehoito;;;;\nAsiakirjan metatiedot;;Päätös;Päätös lapsen huostaanotosta ja sijaishuollosta;2;asiakkaan kuolemasta\nAsiakirjan metatiedot;;Suunnitelma;Hoito- ja kasvatussuunnitelma;2;asiakkaan kuolemasta\n"}},
			Bad: []finding.Sample{{Note: "a mistyped row type (metatieto)",
				TOS: "Tehtäväluokka;Tehtäväluokan nimi;Asiakirjan tyyppi;Asiakirjatyypin tarkenne;Säilytysaika;Säilytysajan laskentaperuste\n05 02 03;Perhehoito;;;;\nAsiakirjan metatiedot;;Päätös;Päätös lapsen huostaanotosta ja sijaishuollosta;2;asiakkaan kuolemasta\nAsiakirjan metatieto;;Suunnitelma;Hoito- ja kasvatussuunnitelma;2;asiakkaan kuolemasta\n"}},
		},
	}
	RuleUnusedColumn = finding.Rule{ID: "TOS003", Severity: finding.Info,
		Title: finding.T("TOS/AMS-tiedoston saraketta ei tunnistettu eikä käytetty",
			"TOS/AMS column not recognised and not used"),
		Basis: "JHS 191",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a notes column the reader knows",
				TOS: "Palvelutehtävä;Asiakirja;Säilytysaika;Lisätietoja\nLastensuojelu;Lastensuojeluilmoitus;2 vuotta asiakkaan kuolemasta;vastuu johtavalla sosiaalityöntekijällä\n"}},
			Bad: []finding.Sample{{Note: "a responsible-person column the reader does not use",
				TOS: "Palvelutehtävä;Asiakirja;Säilytysaika;Vastuuhenkilö\nLastensuojelu;Lastensuojeluilmoitus;2 vuotta asiakkaan kuolemasta;johtava sosiaalityöntekijä\n"}},
		},
	}
	RuleUnknownCode = finding.Rule{ID: "TOS004", Severity: finding.Warning,
		Title: finding.T("TOS/AMS-rivin asiakirjakoodi ei ole kansallisessa luokituksessa",
			"TOS/AMS row's document code is not in the national catalogue"),
		Basis: "Sosmeta 1.2.246.537.6.1506",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a catalogue code",
				TOS: "Palvelutehtävä;Asiakirja;Koodi;Säilytysaika\nLastensuojelu;Huostaanottopäätös;11023;2 vuotta asiakkaan kuolemasta\n"}},
			Bad: []finding.Sample{{Note: "a code the catalogue does not have",
				TOS: "Palvelutehtävä;Asiakirja;Koodi;Säilytysaika\nLastensuojelu;Huostaanottopäätös;11099;2 vuotta asiakkaan kuolemasta\n"}},
		},
	}
	RuleUnknownMedium = finding.Rule{ID: "TOS005", Severity: finding.Warning,
		Title: finding.T("TOS/AMS-rivin tallennusmuotoa ei tunnistettu; rivi luettiin TOS-rivinä",
			"TOS/AMS row's storage form not understood; read as a TOS row"),
		Basis: "Arkistolaki 831/1994 § 8",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "paper",
				TOS: "Palvelutehtävä;Asiakirja;Tallennusmuoto;Säilytysaika\nLastensuojelu;Lastensuojeluilmoitus;paperi;2 vuotta asiakkaan kuolemasta\n"}},
			Bad: []finding.Sample{{Note: "microfilm is neither paper nor electronic",
				TOS: "Palvelutehtävä;Asiakirja;Tallennusmuoto;Säilytysaika\nLastensuojelu;Lastensuojeluilmoitus;mikrofilmi;2 vuotta asiakkaan kuolemasta\n"}},
		},
	}
	RuleUnknownTask = finding.Rule{ID: "TOS006", Severity: finding.Info,
		Title: finding.T("TOS/AMS-rivin palvelutehtävää tai tehtäväluokkaa ei tunnistettu",
			"TOS/AMS row's service task or task class not recognised"),
		Basis: "Sosmeta 1.2.246.537.6.1221",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a current service task",
				TOS: "Palvelutehtävä;Asiakirja;Säilytysaika\nLapsiperheiden palvelut;Perhetyön suunnitelma;30 vuotta asian sulkemisesta\n"}},
			Bad: []finding.Sample{{Note: "the unit's name in the service task column",
				TOS: "Palvelutehtävä;Asiakirja;Säilytysaika\nPerhekeskus;Perhetyön suunnitelma;30 vuotta asian sulkemisesta\n"}},
		},
	}
)

// Rules lists every reader rule.
var Rules = []finding.Rule{RuleNoDocument, RuleRowType, RuleUnusedColumn, RuleUnknownCode, RuleUnknownMedium, RuleUnknownTask}
