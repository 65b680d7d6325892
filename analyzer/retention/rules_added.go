package retention

import "github.com/kartoitus/kartoitus/finding"

// RuleLegacyLost: a document under an old service-task name whose
// 254/2015 permanent-retention line no recorded archival decision keeps.
var RuleLegacyLost = finding.Rule{ID: "RET013", Severity: finding.Warning, Inferred: true,
	Title: finding.T("Vanhan palvelutehtävän pysyvän säilytyksen rivi (254/2015) katoaa siirrossa uuteen palvelutehtävään",
		"An old service task's permanent-retention line (254/2015) is lost in the crosswalk to a current task"),
	Basis: "254/2015 liite; 703/2023 § 101 mom 3; Kansallisarkisto AL/20064/07.01.01.03.01/2014",
	Samples: finding.Samples{
		Good: []finding.Sample{
			{Note: "old task name with its archival decision recorded",
				Inventory: invHead + "Kotipalvelupäätös;Kotipalvelut;sähköinen;;\n",
				Overlay:   "archival:\n  - id: KA-KP\n    basis: \"AL/20064/07.01.01.03.01/2014\"\n    legacy_tasks: [Kotipalvelut]\n    kinds: [Päätös]\n    birth_days: [8, 18, 28]\n"},
			{Note: "current task name", Inventory: invHead + "Iäkkäiden palvelupäätös;Iäkkäiden palvelut;sähköinen;;\n"},
			{Note: "old task whose line does not reach the document's kind",
				Inventory: invHead + "Ilmoitus sosiaalihuollon tarpeesta;Kotipalvelut;sähköinen;;\n"},
		},
		Bad: []finding.Sample{
			{Note: "Kotipalvelut decision: the 8/18/28 line is lost", Inventory: invHead + "Kotipalvelupäätös;Kotipalvelut;sähköinen;;\n"},
			{Note: "Kotoutumisen edistäminen: every document was permanent",
				Inventory: invHead + "Kotoutumissuunnitelma;Kotoutumisen edistäminen;sähköinen;;\n"},
			{Note: "a decision recorded only for 8/18/28 does not keep an every-client line",
				Inventory: invHead + "Kotoutumissuunnitelma;Kotoutumisen edistäminen;sähköinen;;\n",
				Overlay:   "archival:\n  - id: KA\n    basis: \"AL/20064/07.01.01.03.01/2014\"\n    tasks: [working_age]\n    birth_days: [8, 18, 28]\n"},
		},
	}}

// invHead is the inventory header of the samples below.
const invHead = "Asiakirjan nimi;Palvelutehtävä;Tallennusmuoto;Säilytysaika;Säilytysajan laskentaperuste\n"

// tosHead is the plan header of the samples below.
const tosHead = "Asiakirja;Palvelutehtävä;Säilytysaika;Säilytysajan laskentaperuste;Säilytysajan peruste\n"

// addedSamples are the good and bad samples of the rules issue 15
// changed, appended to whatever samples the rule declares itself (see
// withSamples): a period is a length and a start event, permanent
// retention without a recorded decision is "verify", the bases of
// RET001/RET002 follow the controller.
var addedSamples = map[string]finding.Samples{
	RuleNoTOS.ID: {
		Good: []finding.Sample{{Note: "electronic document with its TOS row",
			Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;sähköinen;;\n",
			TOS:       tosHead + "Lastensuojeluilmoitus;Lastensuojelu;2;asiakkaan kuolemasta;703/2023 liite\n"}},
		Bad: []finding.Sample{{Note: "electronic document, TOS without its row",
			Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;sähköinen;;\n",
			TOS:       tosHead + "Huostaanottopäätös;Lastensuojelu;2;asiakkaan kuolemasta;703/2023 liite\n"}},
	},
	RuleNoAMS.ID: {
		Good: []finding.Sample{{Note: "paper document with its AMS row",
			Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;paperi;;\n",
			AMS:       tosHead + "Lastensuojeluilmoitus;Lastensuojelu;2;asiakkaan kuolemasta;703/2023 liite\n"}},
		Bad: []finding.Sample{{Note: "paper document with a TOS row only",
			Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;paperi;;\n",
			TOS:       tosHead + "Lastensuojeluilmoitus;Lastensuojelu;2;asiakkaan kuolemasta;703/2023 liite\n"}},
	},
	RuleShorter.ID: {
		Good: []finding.Sample{
			{Note: "the law's period from the law's event",
				Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;sähköinen;;\n",
				TOS:       tosHead + "Lastensuojeluilmoitus;Lastensuojelu;2;asiakkaan kuolemasta;703/2023 liite\n"},
			{Note: "120 years from the document date outlasts 2 years from the death (the horizon)",
				Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;sähköinen;;\n",
				TOS:       tosHead + "Lastensuojeluilmoitus;Lastensuojelu;120;Asiakirjan päivämäärä;oma päätös\n"},
			{Note: "the same length from a later event (death for case closing)",
				Inventory: invHead + "Iäkkäiden palvelupäätös;Iäkkäiden palvelut;sähköinen;;\n",
				TOS:       tosHead + "Iäkkäiden palvelupäätös;Iäkkäiden palvelut;10;asiakkaan kuolemasta;703/2023 liite\n"},
		},
		Bad: []finding.Sample{
			{Note: "issue 15: 30 years from the document date against 2 years from the client's death",
				Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;sähköinen;;\n",
				TOS:       tosHead + "Lastensuojeluilmoitus;Lastensuojelu;30;Asiakirjan päivämäärä;254/2015 liite\n"},
			{Note: "the law's length counted from the closing of the case, not of the last case",
				Inventory: invHead + "Vammaispalvelupäätös;Vammaispalvelut;sähköinen;;\n",
				TOS:       tosHead + "Vammaispalvelupäätös;Vammaispalvelut;10;Asian lopullinen ratkaisu;703/2023 liite\n"},
			{Note: "shorter from the same event",
				Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;sähköinen;;\n",
				TOS:       tosHead + "Lastensuojeluilmoitus;Lastensuojelu;1;asiakkaan kuolemasta;703/2023 liite\n"},
			{Note: "120 years from the document date against 120 years from the child's birth: a document can precede the birth",
				Inventory: invHead + "Lapsen huolto- ja tapaamisoikeusselvitys;Perheoikeudelliset palvelut;sähköinen;;\n",
				TOS:       tosHead + "Lapsen huolto- ja tapaamisoikeusselvitys;Perheoikeudelliset palvelut;120;Asiakirjan päivämäärä;703/2023 liite\n"},
			{Note: "adoption: 120 years from the birth meets the annex, 90 years from the document date does not meet § 92",
				Inventory: invHead + "Adoptoitavan lapsen taustatiedot;Perheoikeudelliset palvelut;sähköinen;;\n",
				TOS:       tosHead + "Adoptoitavan lapsen taustatiedot;Perheoikeudelliset palvelut;90;lapsen syntymästä;703/2023 liite\n"},
		},
	},
	RuleWrongStart.ID: {
		Good: []finding.Sample{{Note: "inventory period of the law's length without a start event",
			Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;sähköinen;2;\n"}},
		Bad: []finding.Sample{{Note: "inventory period longer than the law's but without a start event",
			Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;sähköinen;30;\n"}},
	},
	RulePermanentNotOrdered.ID: {
		Good: []finding.Sample{{Note: "permanent, with a recorded archival decision",
			Inventory: invHead + "Iäkkäiden palvelupäätös;Iäkkäiden palvelut;sähköinen;;\n",
			TOS:       tosHead + "Iäkkäiden palvelupäätös;Iäkkäiden palvelut;-1;;Kansallisarkiston päätös\n",
			Overlay:   "archival:\n  - id: KA\n    basis: \"AL/20064/07.01.01.03.01/2014\"\n    tasks: [older_people]\n    kinds: [Päätös]\n"}},
		Bad: []finding.Sample{{Note: "permanent, no archival decision recorded: verify",
			Inventory: invHead + "Iäkkäiden palvelupäätös;Iäkkäiden palvelut;sähköinen;;\n",
			TOS:       tosHead + "Iäkkäiden palvelupäätös;Iäkkäiden palvelut;-1;;Kansallisarkiston päätös\n"}},
	},
	RuleArchivalIgnored.ID: {
		Good: []finding.Sample{{Note: "dated archival decision mentioned in the row",
			Inventory: invHead + "Kotipalvelupäätös;Kotipalvelut;sähköinen;;\n",
			TOS:       tosHead + "Kotipalvelupäätös;Iäkkäiden palvelut;10;asian sulkemisesta;703/2023 liite, 1.4.2015–31.12.2023 laaditut pysyvästi\n",
			Overlay:   "archival:\n  - id: KA-KP\n    basis: \"AL/20064/07.01.01.03.01/2014\"\n    legacy_tasks: [Kotipalvelut]\n    created_from: 2015-04-01\n    created_to: 2023-12-31\n"}},
		Bad: []finding.Sample{{Note: "dated archival decision for an old task name, fixed-term row",
			Inventory: invHead + "Kotipalvelupäätös;Kotipalvelut;sähköinen;;\n",
			TOS:       tosHead + "Kotipalvelupäätös;Iäkkäiden palvelut;10;asian sulkemisesta;703/2023 liite\n",
			Overlay:   "archival:\n  - id: KA-KP\n    basis: \"AL/20064/07.01.01.03.01/2014\"\n    legacy_tasks: [Kotipalvelut]\n    created_from: 2015-04-01\n    created_to: 2023-12-31\n"}},
	},
	RuleCannotCompare.ID: {
		Good: []finding.Sample{{Note: "start event understood",
			Inventory: invHead + "Iäkkäiden palvelupäätös;Iäkkäiden palvelut;sähköinen;;\n",
			TOS:       tosHead + "Iäkkäiden palvelupäätös;Iäkkäiden palvelut;10;asian sulkemisesta;703/2023 liite\n"}},
		Bad: []finding.Sample{{Note: "start event not understood: not compared, and said so",
			Inventory: invHead + "Iäkkäiden palvelupäätös;Iäkkäiden palvelut;sähköinen;;\n",
			TOS:       tosHead + "Iäkkäiden palvelupäätös;Iäkkäiden palvelut;30;tarpeen mukaan;oma päätös\n"}},
	},
	RuleLonger.ID: {
		Good: []finding.Sample{{Note: "inventory period without a start event is not called longer",
			Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;sähköinen;30;\n"}},
		Bad: []finding.Sample{{Note: "120 years from the document date: longer than the law, by the horizon",
			Inventory: invHead + "Lastensuojeluilmoitus;Lastensuojelu;sähköinen;;\n",
			TOS:       tosHead + "Lastensuojeluilmoitus;Lastensuojelu;120;Asiakirjan päivämäärä;oma päätös\n"}},
	},
}

// withSamples appends the added samples to a rule's own.
func withSamples(r finding.Rule) finding.Rule {
	if s, ok := addedSamples[r.ID]; ok {
		r.Samples.Good = append(append([]finding.Sample(nil), r.Samples.Good...), s.Good...)
		r.Samples.Bad = append(append([]finding.Sample(nil), r.Samples.Bad...), s.Bad...)
	}
	return r
}

// samplesOf lists rules with their added samples.
func samplesOf(rs ...finding.Rule) []finding.Rule {
	out := make([]finding.Rule, len(rs))
	for i, r := range rs {
		out[i] = withSamples(r)
	}
	return out
}

// RuleKeepsOrganisers: a producer's plan keeps documents of the
// organiser's register. The producer stores them in the organiser's
// register and hands originals over without delay (703/2023 § 14);
// retention is the controller's (§ 23); after the relationship ends the
// producer's system should not hold them (Kela 2025, Taulukko 2, 6). That
// a plan period for them means keeping copies is our reading.
var RuleKeepsOrganisers = finding.Rule{ID: "RET014", Severity: finding.Warning, Inferred: true,
	Title: finding.T("Palvelunjärjestäjän rekisterin asiakirjalle on oma säilytysaika",
		"A plan keeps a document of the organiser's register"),
	Basis: "703/2023 §§ 14, 23; Kela 2025 (Taulukko 2, 6)",
	Samples: finding.Samples{
		Good: []finding.Sample{
			{Note: "purchased-service document, no plan of its own", Profile: producerProfile,
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto;Käsittelyperuste\nIäkkäiden palvelut;Iäkkäiden palvelujen asiakassuunnitelma;sähköinen;ostopalvelu\n"},
			{Note: "self-paying client's document in the own TOS", Profile: producerProfile,
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto;Käsittelyperuste;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelujen asiakassuunnitelma;sähköinen;itsemaksava;12;asiakkaan kuolemasta\n"},
			{Note: "without a profile the basis decides nothing", Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto;Käsittelyperuste;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelujen asiakassuunnitelma;sähköinen;ostopalvelu;12;asiakkaan kuolemasta\n"},
		},
		Bad: []finding.Sample{
			{Note: "the inventory keeps a purchased-service plan 12 years", Profile: producerProfile,
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto;Käsittelyperuste;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelujen asiakassuunnitelma;sähköinen;ostopalvelu;12;asiakkaan kuolemasta\n"},
			{Note: "the TOS keeps the county's document", Profile: producerProfile,
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto;Rekisterinpitäjä\nIäkkäiden palvelut;Iäkkäiden palvelujen asiakassuunnitelma;sähköinen;Järvimaan hyvinvointialue\n",
				TOS:       "Palvelutehtävä;Asiakirja;Säilytysaika;Säilytysajan laskentaperuste\nIäkkäiden palvelut;Iäkkäiden palvelujen asiakassuunnitelma;12;asiakkaan kuolemasta\n"},
		},
	},
}

// producerProfile is a private producer working for a county (samples).
const producerProfile = "organisation: {name: Hoivapolku Oy, y_tunnus: 3187542-4, kind: private}\nroles: [producer, organiser]\nself_paying_clients: true\n" +
	"organisers: [{name: Järvimaan hyvinvointialue, y_tunnus: 3266145-2, kind: public}]\n"
