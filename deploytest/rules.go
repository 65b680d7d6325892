package deploytest

import "github.com/kartoitus/kartoitus/finding"

// The plan rules. Each cites the K25 sentence it rests on; where K25 is
// silent and the rule is our reading, Inferred is set and the comment says
// why.
var (
	// RuleRequiredMissing: "Käyttöönottokoe vaaditaan silloin, kun
	// rekisterinkäyttöoikeus otetaan käyttöön ensimmäistä kertaa tietyllä
	// järjestelmien yhdistelmällä." and "suoritettava ... kun
	// palveluntuottajalla on käytössä sellainen tietojärjestelmä, jolla ei
	// ole aiemmin tallennettu asiakirjoja kyseisen palvelunjärjestäjän
	// asiakasrekisteriin" (K25 p. 1–2). A combination is therefore the
	// organiser (its register) with its system and the producer's system.
	RuleRequiredMissing = finding.Rule{ID: "DPT001", Severity: finding.Error,
		Title: finding.T("Vaadittu käyttöönottokoe puuttuu", "Required deployment test missing"),
		Basis: K25 + ": järjestelmien yhdistelmän ensimmäinen käyttöönotto"}
	// RuleRecommendedMissing: "Muulloin se on suositeltavaa." (K25 p. 2).
	RuleRecommendedMissing = finding.Rule{ID: "DPT002", Severity: finding.Info,
		Title: finding.T("Suositeltu käyttöönottokoe tekemättä", "Recommended deployment test not done"),
		Basis: K25 + ": muulloin suositeltavaa"}
	// RuleParallelMissing: "Kun palveluntuottaja käyttää
	// rinnakkaisliittymismallin mukaisesti palvelunjärjestäjän
	// tietojärjestelmää, Kela suosittelee, että käyttöönottokoe tehdään
	// vähintään ensimmäisen rinnakkaisliittymismallia käyttävän
	// palveluntuottajan kohdalla." (K25 p. 2). A warning, not an error: K25
	// recommends, it does not require.
	RuleParallelMissing = finding.Rule{ID: "DPT003", Severity: finding.Warning,
		Title: finding.T("Ensimmäisen rinnakkaisliittymismallin palveluntuottajan käyttöönottokoe tekemättä",
			"Deployment test of the first producer in the rinnakkaisliittymismalli not done"),
		Basis: K25 + ": rinnakkaisliittymismalli"}
	// RulePlanned: a required test with a planned date: not a gap yet.
	RulePlanned = finding.Rule{ID: "DPT004", Severity: finding.Info,
		Title: finding.T("Vaadittu käyttöönottokoe sovittu", "Required deployment test scheduled"),
		Basis: K25 + ": järjestelmien yhdistelmän ensimmäinen käyttöönotto"}
	// RuleOverdue: a planned date that has passed with no result recorded.
	// Inferred: K25 does not speak of bookkeeping; the plan cannot tell a
	// test that was not run from one whose result was not written down.
	RuleOverdue = finding.Rule{ID: "DPT005", Severity: finding.Warning,
		Title: finding.T("Sovitun käyttöönottokokeen tulos puuttuu", "Scheduled deployment test has no result"),
		Basis: K25 + "; K20 3C–3E", Inferred: true}

	// RuleConnection: "Tietoliikenneyhteyksien toimivuus Kelan
	// Kanta-palveluun on oltava testattuna ennen käyttöönottokoetta" (K25,
	// Ennen käyttöönottokoetta). Recorded per pair: K25 does not say whose
	// connections, and a pair brings two systems.
	RuleConnection = finding.Rule{ID: "DPT010", Severity: finding.Error,
		Title: finding.T("Kanta-yhteyksiä ei ole testattu ennen koetta", "Connections to Kanta not tested before the test"),
		Basis: K25 + ", Ennen käyttöönottokoetta"}
	// RuleOrganiserArchive: "Palvelunjärjestäjä-organisaation osalta
	// Sosiaalihuollon asiakastietovarantoon liittymistä koskeva
	// käyttöönottokoe on oltava suoritettuna etukäteen tai se tulee
	// suorittaa erikseen tämän rekisterinkäyttöoikeuden käyttöönottokokeen
	// yhteydessä." A warning: it may be done together with this test.
	RuleOrganiserArchive = finding.Rule{ID: "DPT011", Severity: finding.Warning,
		Title: finding.T("Palvelunjärjestäjän oma arkiston käyttöönottokoe tekemättä",
			"The organiser's own archive deployment test not done"),
		Basis: K25 + ", Ennen käyttöönottokoetta"}
	// RuleProducerArchive: "Mikäli palveluntuottaja-organisaatio tuottaa
	// myös asiakkaan kanssa tehtävään sopimukseen perustuvaa yksityistä
	// sosiaalipalvelua eli toimii itse palvelussa syntyvien tietojen
	// rekisterinpitäjänä, tulee myös Sosiaalihuollon asiakastietovarantoon
	// liittymistä koskeva käyttöönottokoe o[l]la suoritettuna."
	RuleProducerArchive = finding.Rule{ID: "DPT012", Severity: finding.Error,
		Title: finding.T("Palveluntuottajan oma arkiston käyttöönottokoe tekemättä (omia yksityisiä asiakkaita)",
			"The producer's own archive deployment test not done (it has private clients of its own)"),
		Basis: K25 + ", Ennen käyttöönottokoetta"}

	// RuleOID: the report must give the organiser's and the producer's
	// toimintayksikkö OID "SOTE-organisaatiorekisterissä olevien
	// organisaatiotietojen mukaisesti" (K25, raportointi); checked with the
	// OID rules of the ident package (1.2.246.10.<Y-tunnus>.<10|19>.<n>).
	RuleOID = finding.Rule{ID: "DPT020", Severity: finding.Error,
		Title: finding.T("Toimintayksikön OID puuttuu tai on virheellinen", "Toimintayksikkö OID missing or invalid"),
		Basis: K25 + ", Käyttöönottokokeen raportointi; JHS 159"}
	// RuleRejectedPair: a pair that cannot be planned (a name or system
	// missing, a bad date or value).
	RuleRejectedPair = finding.Rule{ID: "DPT021", Severity: finding.Error,
		Title: finding.T("Käyttöönottokoeparia ei voi lukea", "Deployment-test pair cannot be read")}
	// RuleControllerOID: an OID of node class 19 names a register
	// controller, not a toimintayksikkö. Inferred: the node classes are our
	// reading of THL's OID scheme (ident package), not K25.
	RuleControllerOID = finding.Rule{ID: "DPT022", Severity: finding.Warning,
		Title: finding.T("Rekisterinpitäjän OID toimintayksikön OID:n paikalla", "A register-controller OID where the toimintayksikkö OID is asked"),
		Basis: K25 + ", Käyttöönottokokeen raportointi; JHS 159", Inferred: true}
	// RuleParallelSystem: in the rinnakkaisliittymismalli the producer
	// uses the organiser's system (K25), so a different producer system
	// contradicts the model. Inferred: a data-consistency check.
	RuleParallelSystem = finding.Rule{ID: "DPT023", Severity: finding.Warning,
		Title: finding.T("Rinnakkaisliittymismalli, mutta palveluntuottajalla eri järjestelmä", "Rinnakkaisliittymismalli, but the producer has a different system"),
		Basis: K25 + ": rinnakkaisliittymismalli", Inferred: true}
)

// PlanRules lists every plan rule, for reports and tests.
var PlanRules = []finding.Rule{
	RuleRequiredMissing, RuleRecommendedMissing, RuleParallelMissing, RulePlanned, RuleOverdue,
	RuleConnection, RuleOrganiserArchive, RuleProducerArchive,
	RuleOID, RuleRejectedPair, RuleControllerOID, RuleParallelSystem,
}
