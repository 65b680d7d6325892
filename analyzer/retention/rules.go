package retention

import "github.com/kartoitus/kartoitus/finding"

// The retention rules. Severity follows the consequence: a period shorter
// than the law's or a missing plan entry risks unlawful destruction or an
// unplanned archive (error); a wrong anchor or an over-long period is a
// defect to fix (warning); what cannot be compared is said (info).
var (
	RuleNoTOS = finding.Rule{ID: "RET001", Severity: finding.Error,
		Title: finding.T("Sähköisellä asiakirjalla ei ole TOS-riviä",
			"Electronic document has no TOS entry"),
		Basis: basisEitherPlan, // the controller's own in findings (Options.Controller)
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the decision has its TOS row",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;asian sulkemisesta\n"}},
			Bad: []finding.Sample{{Note: "an electronic decision and no TOS",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n"}},
		},
	}
	RuleNoAMS = finding.Rule{ID: "RET002", Severity: finding.Error,
		Title: finding.T("Paperisella asiakirjalla ei ole AMS-riviä",
			"Paper document has no AMS entry"),
		Basis: basisEitherPlan, // the controller's own in findings (Options.Controller)
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the paper application has its AMS row",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;paperi\n",
				AMS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Digitointipäätös\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;10;asian sulkemisesta;ei digitoida, paperi arkistoon\n"}},
			Bad: []finding.Sample{{Note: "a paper application planned only in the TOS",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;paperi\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;10;asian sulkemisesta\n"}},
		},
	}
	RuleNoDigitisation = finding.Rule{ID: "RET003", Severity: finding.Warning,
		Title: finding.T("Paperisena säilytettävällä tai paperilla saapuvalla asiakirjalla ei ole digitointipäätöstä",
			"Paper document (or one arriving on paper) has no digitisation decision"),
		Basis: "Tiedonhallintalaki 906/2019 § 19", Inferred: true,
		Samples: finding.Samples{
			Good: []finding.Sample{
				{Note: "the AMS row records the digitisation decision",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;paperi\n",
					AMS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Digitointipäätös\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;10;asian sulkemisesta;ei digitoida, paperi arkistoon\n"},
				{Note: "an application arriving on paper, the TOS row says it is scanned",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto;Huomautukset\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;sähköinen;saapuu paperilla, skannataan\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Digitointipäätös\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;10;asian sulkemisesta;skannataan, paperi hävitetään tarkastuksen jälkeen\n"},
			},
			Bad: []finding.Sample{
				{Note: "a paper application whose AMS row says nothing of digitisation",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;paperi\n",
					AMS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;10;asian sulkemisesta\n"},
				{Note: "an application arriving on paper, the TOS row says nothing of digitisation",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto;Huomautukset\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;sähköinen;saapuu paperilla, skannataan\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;10;asian sulkemisesta\n"},
			},
		},
	}
	RuleNoRetention = finding.Rule{ID: "RET004", Severity: finding.Error,
		Title: finding.T("TOS/AMS-rivillä ei ole säilytysaikaa tai se ei ole vuosimäärä",
			"TOS/AMS entry has no retention period, or it is not a number of years"),
		Basis: "Arkistolaki 831/1994 § 8 mom 2; 703/2023 § 23",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "ten years",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;asian sulkemisesta\n"}},
			Bad: []finding.Sample{
				{Note: "the period left empty",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;;asian sulkemisesta\n"},
				{Note: "for the duration of the client relationship: no years",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;asiakkuuden ajan;\n"},
			},
		},
	}
	RuleShorter = finding.Rule{ID: "RET005", Severity: finding.Error,
		Title: finding.T("Säilytysaika on lyhyempi kuin laissa säädetty",
			"Retention period is shorter than the law's"),
		Basis: "703/2023 § 23 ja liite",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the law's ten years",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Hoito- ja palvelusuunnitelma;sähköinen\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Hoito- ja palvelusuunnitelma;10;asian sulkemisesta\n"}},
			Bad: []finding.Sample{{Note: "six years where the law says ten",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Hoito- ja palvelusuunnitelma;sähköinen\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Hoito- ja palvelusuunnitelma;6;asian sulkemisesta\n"}},
		},
	}
	RuleWrongStart = finding.Rule{ID: "RET006", Severity: finding.Warning,
		Title: finding.T("Säilytysajan laskentaperuste puuttuu tai poikkeaa laista",
			"Retention start event is missing or differs from the law's"),
		Basis: "703/2023 liite",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "counted from the closing of the case",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;asian sulkemisesta\n"}},
			Bad: []finding.Sample{
				{Note: "counted from the end of the service (254/2015)",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;palvelun päättymisestä\n"},
				{Note: "no start event in the TOS",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10\n"},
			},
		},
	}
	RulePermanentNotOrdered = finding.Rule{ID: "RET007", Severity: finding.Warning,
		Title: finding.T("Pysyvä säilytys ilman kirjattua arkistointipäätöstä: tarkista",
			"Permanent retention without a recorded archival decision: verify"),
		Basis: "703/2023 § 24",
		Samples: finding.Samples{
			Good: []finding.Sample{
				{Note: "ten years, and permanent for those born on the 8th, 18th or 28th as the archival decision orders",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Säilytysajan peruste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;asian sulkemisesta;703/2023 liite, 8., 18. ja 28. päivänä syntyneiden asiakirjat säilytetään pysyvästi (AL/20064/07.01.01.03.01/2014)\n",
					Overlay:   "archival:\n  - id: KA-2014-8-18-28\n    basis: \"Kansallisarkisto AL/20064/07.01.01.03.01/2014 (8., 18. ja 28. päivänä syntyneet)\"\n    tasks: [older_people]\n    birth_days: [8, 18, 28]\n"},
				{Note: "permanent where the archival decision orders it for every child-welfare decision",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nLastensuojelu;Huostaanottopäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Säilytysajan peruste\nLastensuojelu;Päätös lapsen huostaanotosta ja sijaishuollosta;pysyvä;;AL/20064/07.01.01.03.01/2014\n",
					Overlay:   "archival:\n  - id: KA-2014-LS\n    basis: \"Kansallisarkisto AL/20064/07.01.01.03.01/2014 (lastensuojelu: päätökset, suunnitelmat ja asiakaskertomukset pysyvästi)\"\n    tasks: [child_welfare]\n    kinds: [Päätös, Suunnitelma, Asiakaskertomusmerkintä]\n"},
			},
			Bad: []finding.Sample{
				{Note: "permanent with no archival decision",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Säilytysajan peruste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;pysyvä;;\n"},
				{Note: "permanent for everyone where the archival decision orders it only for those born on the 8th, 18th or 28th",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Säilytysajan peruste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;pysyvä;;\n",
					Overlay:   "archival:\n  - id: KA-2014-8-18-28\n    basis: \"Kansallisarkisto AL/20064/07.01.01.03.01/2014 (8., 18. ja 28. päivänä syntyneet)\"\n    tasks: [older_people]\n    birth_days: [8, 18, 28]\n"},
			},
		},
	}
	RuleArchivalIgnored = finding.Rule{ID: "RET008", Severity: finding.Error,
		Title: finding.T("Määräaikainen säilytys, vaikka arkistointipäätös määrää säilyttämään pysyvästi",
			"Fixed-term retention where an archival decision orders permanent retention"),
		Basis: "Arkistolaki 831/1994 § 8 mom 3; 703/2023 § 101 mom 3",
		Samples: finding.Samples{
			Good: []finding.Sample{
				{Note: "permanent, as the archival decision orders",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nLastensuojelu;Huostaanottopäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Säilytysajan peruste\nLastensuojelu;Päätös lapsen huostaanotosta ja sijaishuollosta;pysyvä;;AL/20064/07.01.01.03.01/2014\n",
					Overlay:   "archival:\n  - id: KA-2014-LS\n    basis: \"Kansallisarkisto AL/20064/07.01.01.03.01/2014 (lastensuojelu: päätökset, suunnitelmat ja asiakaskertomukset pysyvästi)\"\n    tasks: [child_welfare]\n    kinds: [Päätös, Suunnitelma, Asiakaskertomusmerkintä]\n"},
				{Note: "ten years, and permanent for those born on the 8th, 18th or 28th",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Säilytysajan peruste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;asian sulkemisesta;703/2023 liite, 8., 18. ja 28. päivänä syntyneiden asiakirjat säilytetään pysyvästi (AL/20064/07.01.01.03.01/2014)\n",
					Overlay:   "archival:\n  - id: KA-2014-8-18-28\n    basis: \"Kansallisarkisto AL/20064/07.01.01.03.01/2014 (8., 18. ja 28. päivänä syntyneet)\"\n    tasks: [older_people]\n    birth_days: [8, 18, 28]\n"},
			},
			Bad: []finding.Sample{
				{Note: "the law's two years where the archival decision orders permanent",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nLastensuojelu;Huostaanottopäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Säilytysajan peruste\nLastensuojelu;Päätös lapsen huostaanotosta ja sijaishuollosta;2;asiakkaan kuolemasta;703/2023 liite\n",
					Overlay:   "archival:\n  - id: KA-2014-LS\n    basis: \"Kansallisarkisto AL/20064/07.01.01.03.01/2014 (lastensuojelu: päätökset, suunnitelmat ja asiakaskertomukset pysyvästi)\"\n    tasks: [child_welfare]\n    kinds: [Päätös, Suunnitelma, Asiakaskertomusmerkintä]\n"},
				{Note: "ten years, silent on those born on the 8th, 18th or 28th",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste;Säilytysajan peruste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;asian sulkemisesta;703/2023 liite\n",
					Overlay:   "archival:\n  - id: KA-2014-8-18-28\n    basis: \"Kansallisarkisto AL/20064/07.01.01.03.01/2014 (8., 18. ja 28. päivänä syntyneet)\"\n    tasks: [older_people]\n    birth_days: [8, 18, 28]\n"},
			},
		},
	}
	RuleNoLawRule = finding.Rule{ID: "RET009", Severity: finding.Warning,
		Title: finding.T("Asiakirjalle ei löydy lain liitteen säilytysaikaa (palvelutehtävä puuttuu tai tuntematon)",
			"No retention row of the annex applies to the document (service task missing or unknown)"),
		Basis: "703/2023 liite",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a common statement under older people's services",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Sosiaalihuollon lausunto;sähköinen\n"}},
			Bad: []finding.Sample{{Note: "a common statement and no service task",
				Inventory: "Asiakirjan nimi;Tallennusmuoto\nSosiaalihuollon lausunto;sähköinen\n"}},
		},
	}
	RuleLonger = finding.Rule{ID: "RET010", Severity: finding.Info,
		Title: finding.T("Säilytysaika on pidempi kuin laissa säädetty ilman pysyvän säilytyksen perustetta",
			"Retention period is longer than the law's without a basis for permanent retention"),
		Basis: "703/2023 § 24; Tiedonhallintalaki 906/2019 § 21",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the law's ten years",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;asian sulkemisesta\n"}},
			Bad: []finding.Sample{{Note: "twenty years without a basis for keeping longer",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;20;asian sulkemisesta\n"}},
		},
	}
	RuleCannotCompare = finding.Rule{ID: "RET011", Severity: finding.Info,
		Title: finding.T("Säilytysaikaa ei voi verrata lakiin (laskentaperustetta ei tunnistettu tai vain viite TOS/AMS-suunnitelmaan)",
			"Retention cannot be compared with the law (start event not understood, or only a TOS/AMS reference)"),
		Basis: "703/2023 liite",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a start event the law names",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;asian sulkemisesta\n"}},
			Bad: []finding.Sample{
				{Note: "a start event that is not understood",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
					TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;asukkaan poismuutosta\n"},
				{Note: "only a TOS reference in the inventory, and no TOS read",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto;TOS-viite\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen;05 04 02\n"},
			},
		},
	}
	RuleUnusedEntry = finding.Rule{ID: "RET012", Severity: finding.Info,
		Title: finding.T("TOS/AMS-rivi ei vastaa yhtään kartoituksen asiakirjaa",
			"TOS/AMS entry matches no document of the inventory"),
		Basis: "Arkistolaki 831/1994 § 8 mom 2",
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "both TOS rows have their document",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;sähköinen\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;asian sulkemisesta\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;10;asian sulkemisesta\n"}},
			Bad: []finding.Sample{{Note: "a TOS row for an application the inventory does not list",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;10;asian sulkemisesta\nIäkkäiden palvelut;Iäkkäiden palvelujen hakemus;10;asian sulkemisesta\n"}},
		},
	}
)

// Rules lists every rule the analysis reports.
var Rules = samplesOf(RuleNoTOS, RuleNoAMS, RuleNoDigitisation, RuleNoRetention, RuleShorter, RuleWrongStart,
	RulePermanentNotOrdered, RuleArchivalIgnored, RuleNoLawRule, RuleLonger, RuleCannotCompare, RuleUnusedEntry,
	RuleLegacyLost, RuleKeepsOrganisers)
