package tos

import "github.com/kartoitus/kartoitus/finding"

// Reader rules: rejected rows and cells the readers could not use. The
// analysis rules (RET0xx) live in analyzer/retention.
var (
	RuleNoDocument = finding.Rule{ID: "TOS001", Severity: finding.Warning,
		Title: finding.T("TOS/AMS-rivi hylätty: ei asiakirjan nimeä, tyyppiä tai koodia",
			"TOS/AMS row rejected: no document name, type or code"),
		Basis: "JHS 191 7.1–7.2"}
	RuleRowType = finding.Rule{ID: "TOS002", Severity: finding.Warning,
		Title: finding.T("TOS-työkirjan rivi hylätty: tuntematon rivityyppi sarakkeessa Tehtäväluokka",
			"TOS workbook row rejected: unknown row type in column Tehtäväluokka"),
		Basis: "JHS 191; Helsingin TOS-pohja v1.4"}
	RuleUnusedColumn = finding.Rule{ID: "TOS003", Severity: finding.Info,
		Title: finding.T("TOS/AMS-tiedoston saraketta ei tunnistettu eikä käytetty",
			"TOS/AMS column not recognised and not used"),
		Basis: "JHS 191"}
	RuleUnknownCode = finding.Rule{ID: "TOS004", Severity: finding.Warning,
		Title: finding.T("TOS/AMS-rivin asiakirjakoodi ei ole kansallisessa luokituksessa",
			"TOS/AMS row's document code is not in the national catalogue"),
		Basis: "Sosmeta 1.2.246.537.6.1506"}
	RuleUnknownMedium = finding.Rule{ID: "TOS005", Severity: finding.Warning,
		Title: finding.T("TOS/AMS-rivin tallennusmuotoa ei tunnistettu; rivi luettiin TOS-rivinä",
			"TOS/AMS row's storage form not understood; read as a TOS row"),
		Basis: "Arkistolaki 831/1994 § 8"}
	RuleUnknownTask = finding.Rule{ID: "TOS006", Severity: finding.Info,
		Title: finding.T("TOS/AMS-rivin palvelutehtävää tai tehtäväluokkaa ei tunnistettu",
			"TOS/AMS row's service task or task class not recognised"),
		Basis: "Sosmeta 1.2.246.537.6.1221"}
)

// Rules lists every reader rule.
var Rules = []finding.Rule{RuleNoDocument, RuleRowType, RuleUnusedColumn, RuleUnknownCode, RuleUnknownMedium, RuleUnknownTask}
