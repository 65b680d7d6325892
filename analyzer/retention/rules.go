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
		Basis: basisEitherPlan} // the controller's own in findings (Options.Controller)
	RuleNoAMS = finding.Rule{ID: "RET002", Severity: finding.Error,
		Title: finding.T("Paperisella asiakirjalla ei ole AMS-riviä",
			"Paper document has no AMS entry"),
		Basis: basisEitherPlan} // the controller's own in findings (Options.Controller)
	RuleNoDigitisation = finding.Rule{ID: "RET003", Severity: finding.Warning,
		Title: finding.T("Paperisena säilytettävällä tai paperilla saapuvalla asiakirjalla ei ole digitointipäätöstä",
			"Paper document (or one arriving on paper) has no digitisation decision"),
		Basis: "Tiedonhallintalaki 906/2019 § 19", Inferred: true}
	RuleNoRetention = finding.Rule{ID: "RET004", Severity: finding.Error,
		Title: finding.T("TOS/AMS-rivillä ei ole säilytysaikaa tai se ei ole vuosimäärä",
			"TOS/AMS entry has no retention period, or it is not a number of years"),
		Basis: "Arkistolaki 831/1994 § 8 mom 2; 703/2023 § 23"}
	RuleShorter = finding.Rule{ID: "RET005", Severity: finding.Error,
		Title: finding.T("Säilytysaika on lyhyempi kuin laissa säädetty",
			"Retention period is shorter than the law's"),
		Basis: "703/2023 § 23 ja liite"}
	RuleWrongStart = finding.Rule{ID: "RET006", Severity: finding.Warning,
		Title: finding.T("Säilytysajan laskentaperuste puuttuu tai poikkeaa laista",
			"Retention start event is missing or differs from the law's"),
		Basis: "703/2023 liite"}
	RulePermanentNotOrdered = finding.Rule{ID: "RET007", Severity: finding.Warning,
		Title: finding.T("Pysyvä säilytys ilman kirjattua arkistointipäätöstä: tarkista",
			"Permanent retention without a recorded archival decision: verify"),
		Basis: "703/2023 § 24"}
	RuleArchivalIgnored = finding.Rule{ID: "RET008", Severity: finding.Error,
		Title: finding.T("Määräaikainen säilytys, vaikka arkistointipäätös määrää säilyttämään pysyvästi",
			"Fixed-term retention where an archival decision orders permanent retention"),
		Basis: "Arkistolaki 831/1994 § 8 mom 3; 703/2023 § 101 mom 3"}
	RuleNoLawRule = finding.Rule{ID: "RET009", Severity: finding.Warning,
		Title: finding.T("Asiakirjalle ei löydy lain liitteen säilytysaikaa (palvelutehtävä puuttuu tai tuntematon)",
			"No retention row of the annex applies to the document (service task missing or unknown)"),
		Basis: "703/2023 liite"}
	RuleLonger = finding.Rule{ID: "RET010", Severity: finding.Info,
		Title: finding.T("Säilytysaika on pidempi kuin laissa säädetty ilman pysyvän säilytyksen perustetta",
			"Retention period is longer than the law's without a basis for permanent retention"),
		Basis: "703/2023 § 24; Tiedonhallintalaki 906/2019 § 21"}
	RuleCannotCompare = finding.Rule{ID: "RET011", Severity: finding.Info,
		Title: finding.T("Säilytysaikaa ei voi verrata lakiin (laskentaperustetta ei tunnistettu tai vain viite TOS/AMS-suunnitelmaan)",
			"Retention cannot be compared with the law (start event not understood, or only a TOS/AMS reference)"),
		Basis: "703/2023 liite"}
	RuleUnusedEntry = finding.Rule{ID: "RET012", Severity: finding.Info,
		Title: finding.T("TOS/AMS-rivi ei vastaa yhtään kartoituksen asiakirjaa",
			"TOS/AMS entry matches no document of the inventory"),
		Basis: "Arkistolaki 831/1994 § 8 mom 2"}
)

// Rules lists every rule the analysis reports.
var Rules = samplesOf(RuleNoTOS, RuleNoAMS, RuleNoDigitisation, RuleNoRetention, RuleShorter, RuleWrongStart,
	RulePermanentNotOrdered, RuleArchivalIgnored, RuleNoLawRule, RuleLonger, RuleCannotCompare, RuleUnusedEntry,
	RuleLegacyLost)
