package inventory

import "github.com/kartoitus/kartoitus/finding"

// Rules of the inventory reader. INV001 and INV004 reject rows; the others are
// warnings about sheets, columns and values that were read but not fully
// understood, so nothing is dropped or guessed silently.
var (
	RuleRowRejected = finding.Rule{
		ID: "INV001", Severity: finding.Error,
		Title: finding.T("Inventaarion rivi hylättiin: ei asiakirjan nimeä eikä valtakunnallista asiakirjatyyppiä",
			"Inventory row rejected: no document name and no national document type"),
		Basis: "Sosmeta " + "1.2.246.537.6.1506",
	}
	RuleSheetNotRead = finding.Rule{
		ID: "INV002", Severity: finding.Warning,
		Title: finding.T("Taulukkoa ei luettu: otsikkoriviä ei tunnistettu",
			"Sheet not read: no inventory header row recognised"),
		Basis:    "Kansa-koulu nykytilan kartoitus (sarakkeet päätelty)",
		Inferred: true,
	}
	RuleDuplicateColumn = finding.Rule{
		ID: "INV003", Severity: finding.Warning,
		Title: finding.T("Sama tieto useassa sarakkeessa: vain ensimmäisen sarakkeen arvo luetaan, kun se on annettu",
			"The same field in several columns: the first column's value is used when given"),
	}
	RuleQuoteSwallowed = finding.Rule{
		ID: "INV004", Severity: finding.Error,
		Title: finding.T("Lainausmerkki jatkui usean rivin yli: rivit hylättiin",
			"A quote ran on over several lines: the lines were rejected"),
		Basis: "RFC 4180, kohta 2.6 (lainattu kenttä päättyy lainausmerkkiin)",
	}
	RuleCellsBeyondHeader = finding.Rule{
		ID: "INV005", Severity: finding.Warning,
		Title: finding.T("Rivillä on arvoja otsikkorivin sarakkeiden oikealla puolella: niitä ei luettu",
			"Row has values right of the header's columns: they were not read"),
		Basis: "RFC 4180, kohta 2.4 (joka rivillä yhtä monta kenttää)",
	}
	RuleMissingCells = finding.Rule{
		ID: "INV006", Severity: finding.Warning,
		Title: finding.T("Rivillä on vähemmän kenttiä kuin otsikkorivillä",
			"Row has fewer fields than the header"),
		Basis: "RFC 4180, kohta 2.4 (joka rivillä yhtä monta kenttää)",
	}
	RuleLongCell = finding.Rule{
		ID: "INV007", Severity: finding.Warning,
		Title: finding.T("Solu on pidempi kuin Excelin enimmäispituus: se katkaistiin",
			"Cell longer than Excel allows: it was cut"),
		Basis: "Microsoft Excel: enintään 32 767 merkkiä solussa",
	}
	RuleUnknownTask = finding.Rule{
		ID: "INV010", Severity: finding.Warning,
		Title: finding.T("Palvelutehtävää ei tunnistettu", "Service task not recognised"),
		Basis: "Sosmeta 1.2.246.537.6.1221",
	}
	RuleUnknownPhase = finding.Rule{
		ID: "INV011", Severity: finding.Warning,
		Title: finding.T("Prosessin vaihetta ei tunnistettu", "Process phase not recognised"),
		Basis: "Sosmeta 1.2.246.537.6.1277", Inferred: true,
	}
	RuleUnknownMedium = finding.Rule{
		ID: "INV012", Severity: finding.Warning,
		Title: finding.T("Tallennusmuotoa ei tunnistettu (paperi, sähköinen tai molemmat)",
			"Medium not recognised (paper, electronic or both)"),
	}
	RuleBadRetention = finding.Rule{
		ID: "INV013", Severity: finding.Warning,
		Title: finding.T("Säilytysaikaa ei voitu lukea vuosina", "Retention period could not be read in years"),
		Basis: "703/2023 liite",
	}
	RuleUnknownRegister = finding.Rule{
		ID: "INV014", Severity: finding.Warning,
		Title: finding.T("Rekisteriä ei tunnistettu", "Register not recognised"),
		Basis: "Sosmeta 1.2.246.537.6.1264",
	}
	RuleHetuMasked = finding.Rule{
		ID: "INV015", Severity: finding.Warning,
		Title: finding.T("Inventaariossa on henkilötunnus: se peitettiin",
			"The inventory holds a personal identity code: it was masked"),
		Basis: "EU 2016/679 5 art. 1 c (tietojen minimointi)",
	}
)

// Rules lists every rule of the reader, for reports that list what ran.
func Rules() []finding.Rule {
	return []finding.Rule{RuleRowRejected, RuleSheetNotRead, RuleDuplicateColumn,
		RuleQuoteSwallowed, RuleCellsBeyondHeader, RuleMissingCells, RuleLongCell, RuleUnknownTask,
		RuleUnknownPhase, RuleUnknownMedium, RuleBadRetention, RuleUnknownRegister, RuleHetuMasked}
}
