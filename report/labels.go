package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/fi"
)

// uiText holds every user-visible string of the HTML and XLSX reports in
// Finnish and English. Templates use keys; a test checks that every key a
// template uses exists here with both languages.
var uiText = map[string]finding.Text{
	"table.inmatrix": finding.T("Matriisi näyttää puuttuvat asiakirjatyypit (%s %s); niiden luettelo on tiedostoissa report.xlsx ja findings.csv.",
		"The matrix shows the missing document types (%s %s); their list is in report.xlsx and findings.csv."),
	"graph.fullsize": finding.T("koko koossa", "full size"),
	"table.inrows": finding.T("Kohdistustaulukon sarake Rivin havainnot näyttää tämän osion havainnot (%s).",
		"The mapping table's column Findings of the row shows this section's findings (%s)."),
	"table.brief": finding.T("Koska havaintoja on monella rivillä, riveillä näkyvät vain sääntöjen tunnukset; havaintojen tekstit ovat tiedostoissa report.xlsx ja findings.csv.",
		"The rows name the rules only, as many rows have findings; the findings' texts are in report.xlsx and findings.csv."),
	"tos.same":      finding.T("Kaikilla riveillä sama", "The same on every row"),
	"row.elsewhere": finding.T("Muissa osioissa", "In other sections"),
	"clipped":       finding.T("(lyhennetty; koko teksti on tiedostossa report.xlsx)", "(shortened; the whole text is in report.xlsx)"),
	"table.more": finding.T("Taulukossa %d havaintoa %d:stä, vakavimmat ensin; kaikki ovat tiedostoissa report.xlsx, findings.csv ja findings.json.",
		"The table lists %d of %d findings, the most serious first; all of them are in report.xlsx, findings.csv and findings.json."),
	"actions.title":     finding.T("Mitä tehdä seuraavaksi", "What to do next"),
	"actions.intro":     finding.T("Havainnot sen mukaan, kuka ne korjaa; vakavimmat ensin. Linkki vie näyttöön.", "The findings by who fixes them, the most serious first. Each link leads to the evidence."),
	"title":             finding.T("Asiakasasiakirjojen nykytilan kartoitus", "Client-document current-state assessment"),
	"generated":         finding.T("Luotu", "Generated"),
	"tool":              finding.T("Työkalu", "Tool"),
	"inputs":            finding.T("Aineistot", "Inputs"),
	"organisation":      finding.T("Organisaatio", "Organisation"),
	"contents":          finding.T("Sisältö", "Contents"),
	"print":             finding.T("Tulosta", "Print"),
	"badge.hint":        finding.T("Virheet ja varoitukset", "Errors and warnings"),
	"filter":            finding.T("Suodata", "Filter"),
	"filter.hint":       finding.T("Kirjoita sanoja: näytetään rivit, joissa ne kaikki esiintyvät", "Type words: rows containing all of them are shown"),
	"rows.shown":        finding.T("riviä näkyvissä", "rows shown"),
	"sort.hint":         finding.T("Lajittele napsauttamalla sarakeotsikkoa", "Click a column header to sort"),
	"none":              finding.T("Ei havaintoja.", "No findings."),
	"none.rows":         finding.T("Ei rivejä.", "No rows."),
	"yes":               finding.T("kyllä", "yes"),
	"no":                finding.T("ei", "no"),
	"permanent":         finding.T("pysyvä", "permanent"),
	"years.short":       finding.T("v", "y"),
	"no.period":         finding.T("ei kiinteää aikaa", "no fixed period"),
	"unknown":           finding.T("(ei tiedossa)", "(unknown)"),
	"pii.note":          finding.T("Raportissa ei näytetä henkilötunnuksia: ne on peitetty jo havaintoja tehtäessä.", "The report shows no personal identity codes: they are masked when findings are made."),
	"footer":            finding.T("Raportti on luotu automaattisesti. Kansalliset tiedot: THL:n Sosmeta-asiakirjarakenteet ja lain 703/2023 liite; päätellyt säännöt on merkitty.", "Generated automatically. National data: THL Sosmeta document structures and the annex of Act 703/2023; inferred rules are marked."),
	"summary":           finding.T("Yhteenveto", "Summary"),
	"verdict.fail":      finding.T("Ei läpäise", "Fails"),
	"verdict.pass":      finding.T("Läpäisee", "Passes"),
	"verdict.fail.text": finding.T("%s vähintään tasolla %s: tarkistus päättyy koodiin 1.", "%s at or above %s: the check exits with code 1."),
	"verdict.pass.text": finding.T("Ei havaintoja tasolla %s tai sen yläpuolella: tarkistus päättyy koodiin 0.", "No findings at or above %s: the check exits with code 0."),
	"fig.documents":     finding.T("Asiakirjaa kartoituksessa", "Documents in the inventory"),
	"fig.mapped":        finding.T("Kansalliseen tyyppiin kohdistettu", "Mapped to a national type"),
	"fig.missing":       finding.T("Puuttuvaa kansallista asiakirjatyyppiä", "National document types missing"),
	"fig.regerrors":     finding.T("Rekisterivirhettä", "Register errors"),
	"fig.retention":     finding.T("Säilytysajan puutetta", "Retention gaps"),
	"fig.rejected":      finding.T("Hylättyä syöteriviä", "Rejected input rows"),
	"fig.total":         finding.T("Havaintoja yhteensä", "Findings in total"),
	"fig.error":         finding.T("Virheitä", "Errors"),
	"fig.warning":       finding.T("Varoituksia", "Warnings"),
	"fig.info":          finding.T("Huomioita", "Notes"),
	"fig.rowsread":      finding.T("Syöteriviä luettu", "Input rows read"),
	"fig.suppressed":    finding.T("Ohitettu ignore-tiedostolla", "Suppressed by the ignore file"),
	"of":                finding.T("/", "of"),
	"by.section":        finding.T("Havainnot osioittain", "Findings by section"),
	"by.task":           finding.T("Kattavuus palvelutehtävittäin", "Coverage by service task"),
	"by.method":         finding.T("Kohdistus menetelmittäin", "Mapping by method"),
	"inputs.table":      finding.T("Syötteiden rivit", "Input rows"),
	"col.section":       finding.T("Osio", "Section"),
	"col.total":         finding.T("Yhteensä", "Total"),
	"col.task":          finding.T("Palvelutehtävä", "Service task"),
	"col.phase":         finding.T("Prosessin vaihe", "Process phase"),
	"col.present":       finding.T("Löytyy", "Present"),
	"col.expected":      finding.T("Odotettu", "Expected"),
	"col.coverage":      finding.T("Kattavuus", "Coverage"),
	"col.method":        finding.T("Menetelmä", "Method"),
	"col.count":         finding.T("Määrä", "Count"),
	"col.source":        finding.T("Syöte", "Input"),
	"col.read":          finding.T("Luettu", "Read"),
	"col.accepted":      finding.T("Hyväksytty", "Accepted"),
	"col.rejected":      finding.T("Hylätty", "Rejected"),
	"col.skipped":       finding.T("Ohitettu", "Skipped"),
	"col.row":           finding.T("Rivi", "Row"),
	"col.file":          finding.T("Tiedosto", "File"),
	"col.sheet":         finding.T("Välilehti", "Sheet"),
	"col.column":        finding.T("Sarake", "Column"),
	"col.key":           finding.T("Avain", "Key"),
	"col.localname":     finding.T("Asiakirjan nimi organisaatiossa", "Local document name"),
	"col.nationalraw":   finding.T("Kansallinen asiakirja kartoituksessa", "National document as written"),
	"col.medium":        finding.T("Tallennusmuoto", "Medium"),
	"col.system":        finding.T("Tietojärjestelmä", "Information system"),
	"col.register":      finding.T("Rekisteri", "Register"),
	"col.code":          finding.T("Koodi", "Code"),
	"col.national":      finding.T("Kansallinen asiakirjatyyppi", "National document type"),
	"col.confidence":    finding.T("Varmuus", "Confidence"),
	"col.candidates":    finding.T("Muut ehdokkaat", "Other candidates"),
	"col.offered":       finding.T("Ehdokkaat", "Candidates"),
	"col.status":        finding.T("Tila", "Status"),
	"col.acceptedcode":  finding.T("Hyväksytty koodi", "Accepted code"),
	"col.rule":          finding.T("Sääntö", "Rule"),
	"col.severity":      finding.T("Vakavuus", "Severity"),
	"col.message":       finding.T("Havainto", "Finding"),
	"col.location":      finding.T("Sijainti", "Location"),
	"col.basis":         finding.T("Peruste", "Basis"),
	"col.fingerprint":   finding.T("Tunniste", "Fingerprint"),
	"col.title":         finding.T("Kuvaus", "Title"),
	"col.inferred":      finding.T("Päätelty", "Inferred"),
	"col.rowfindings":   finding.T("Rivin havainnot", "Findings of the row"),
	"col.findings":      finding.T("Havaintoja", "Findings"),
	"col.localnames":    finding.T("Nimet organisaatiossa", "Local names"),
	"col.lawyears":      finding.T("Säilytysaika laissa", "Period in law"),
	"col.start":         finding.T("Laskentaperuste", "Start event"),
	"col.period":        finding.T("Lain sanamuoto", "Wording of the law"),
	"col.annexrow":      finding.T("Liitteen rivi", "Annex row"),
	"col.existing":      finding.T("Nykyinen TOS/AMS", "Current TOS/AMS"),
	"col.existingsrc":   finding.T("TOS/AMS-rivi", "TOS/AMS row"),
	"col.existingstart": finding.T("Nykyinen laskentaperuste", "Current start event"),
	"col.existingbasis": finding.T("Nykyinen peruste", "Current basis"),
	"col.plans":         finding.T("Suunnitelma", "Plan"),
	"col.archival":      finding.T("Arkistointipäätös", "Archival decision"),
	"col.storage":       finding.T("Säilytystapa", "Storage"),
	"col.expectedphase": finding.T("Kansallinen vaihe", "National phase"),
	"col.reason":        finding.T("Syy", "Reason"),
	// Editable TOS columns for the records manager (JHS 191 items).
	"col.publicity":     finding.T("Julkisuusluokka", "Publicity class"),
	"col.secrecyperiod": finding.T("Salassapitoaika", "Secrecy period"),
	"col.secrecybasis":  finding.T("Salassapitoperuste", "Secrecy basis"),
	"col.personaldata":  finding.T("Henkilötietoluonne", "Personal data"),
	"col.decidedperiod": finding.T("Päätetty säilytysaika", "Decided retention"),
	"col.decidedbasis":  finding.T("Säilytysajan peruste", "Retention basis"),
	"col.notes":         finding.T("Huomautukset", "Notes"),
	"sec.mapping":       finding.T("Asiakirjojen kohdistus kansallisiin tyyppeihin", "Mapping to national document types"),
	"sec.coverage":      finding.T("Kattavuus: palvelutehtävät ja prosessin vaiheet", "Coverage: service tasks and process phases"),
	"sec.registers":     finding.T("Rekisterit", "Registers"),
	"sec.retention":     finding.T("Säilytysajat ja TOS", "Retention and the TOS"),
	"sec.graphs":        finding.T("Prosessikaaviot", "Process graphs"),
	"sec.input":         finding.T("Syötteiden havainnot", "Input findings"),
	"sec.other":         finding.T("Muut havainnot", "Other findings"),
	"sec.deploytest":    finding.T("Käyttöönottokoe", "Deployment test"),
	"sec.onboarding":    finding.T("Käyttöönoton valmius", "Onboarding readiness"),
	"intro.deploytest":  finding.T("Rekisterinkäyttöoikeuden käyttöönottokokeet pareittain: mikä koe vaaditaan, mikä suositellaan ja mikä on tehty (Kela 2025).", "Register-use-right deployment tests by pair: which test is required, which recommended and which done (Kela 2025)."),
	"intro.onboarding":  finding.T("Kelan liittymisen vaiheet 1–4 käyttöönottopäivästä taaksepäin ajoitettuina ja valmius tämän ajon tiedoista (Kela 2020).", "Kela's onboarding steps 1–4 scheduled back from go-live, and readiness from this run's data (Kela 2020)."),
	"plan.timeline":     finding.T("Aikataulu", "Timeline"),
	"sec.rules":         finding.T("Säännöt ja perusteet", "Rules and their basis"),
	"sec.findings":      finding.T("Havainnot", "Findings"),
	"intro.tosdraft": finding.T("Luonnoksen sarakkeet ovat samat ja samassa järjestyksessä kuin tiedostoissa report.xlsx ja tos-draft.csv; täytettävät sarakkeet (julkisuus, salassapito, päätetty säilytysaika, huomautukset) ovat vain niissä.",
		"The draft's columns are those of report.xlsx and tos-draft.csv, in the same order; the columns to fill in (publicity, secrecy, decided retention, notes) are only there."),
	"sec.tosdraft":       finding.T("TOS-luonnos", "TOS draft"),
	"sec.coveragedetail": finding.T("Kattavuus riveittäin", "Coverage by row"),
	"intro.mapping":      finding.T("Jokainen kartoituksen asiakirja ja kansallinen asiakirjatyyppi, johon se kohdistettiin. Ilman kohdistusta jääneille näytetään ehdokkaat; hyväksytyt kohdistukset kirjataan Excel-raportin sarakkeeseen ”Hyväksytty koodi”.", "Each inventory document and the national document type it was mapped to. Documents left unmapped show candidates; accept mappings in the “Accepted code” column of the Excel report."),
	"intro.coverage":     finding.T("Rivit ovat palvelutehtäviä ja sarakkeet asiakasprosessin vaiheita. Solussa: ✓ löytyy, ✗ puuttuu, + ylimääräinen (ei kansallista vastinetta tai kuuluu muuhun tehtävään), ↻ eri vaiheessa kuin kansallisesti.", "Rows are service tasks, columns client-process phases. In a cell: ✓ present, ✗ missing, + extra (no national counterpart or another task's type), ↻ in a different phase than nationally."),
	"intro.registers":    finding.T("Sosiaalihuollon ja terveydenhuollon rekisterien erottelu, rekisterinpitäjä ja rekisterinkäyttöoikeus (laki 703/2023 §§ 13–14, 18, 37, 46).", "Separation of the social-welfare and patient registers, the controller, and register use right (Act 703/2023 §§ 13–14, 18, 37, 46)."),
	"intro.retention":    finding.T("Säilytysajat verrattuna lain 703/2023 liitteeseen sekä TOS-luonnos kansallisista asiakirjatyypeistä. Tyhjät sarakkeet täydentää arkistonmuodostaja.", "Retention periods compared with the annex of Act 703/2023, and a draft TOS of the national document types. The records manager fills in the empty columns."),
	"intro.graphs":       finding.T("Nykytila (kartoitus), tavoitetila (kansalliset asiakirjatyypit) ja niiden vertailu palvelutehtävittäin.", "Current state (the inventory), target state (national document types) and their comparison per service task."),
	"intro.input":        finding.T("Rivit, joita ei voitu lukea. Ne eivät ole mukana analyyseissä.", "Rows that could not be read. They are not part of the analyses."),
	"graph.overview":     finding.T("Yleiskuva", "Overview"),
	"graph.current":      finding.T("Nykytila", "Current state"),
	"graph.target":       finding.T("Tavoitetila", "Target state"),
	"graph.comparison":   finding.T("Vertailu", "Comparison"),
	"graph.invalid":      finding.T("Kaaviota ei voitu näyttää: %s", "The graph could not be shown: %s"),
	"graph.none":         finding.T("Kaavioita ei piirretty.", "No graphs were drawn."),
	"legend.present":     finding.T("löytyy", "present"),
	"legend.missing":     finding.T("puuttuu", "missing"),
	"legend.extra":       finding.T("ylimääräinen", "extra"),
	"legend.misphased":   finding.T("eri vaiheessa", "other phase"),
	"phase.recorded":     finding.T("kartoituksessa", "inventory"),
	"phase.national":     finding.T("valtakunnallisesti", "national"),
	"legend.empty":       finding.T("ei odotettuja asiakirjoja", "nothing expected"),
	"phase.none":         finding.T("Vaihe ei tiedossa", "Phase unknown"),
	"inferred.task":      finding.T("Palvelutehtävä päätelty asiakirjatyypistä", "Service task inferred from the document type"),
	"task.none":          finding.T("Palvelutehtävä ei tiedossa", "Service task unknown"),
	"status.mapped":      finding.T("kohdistettu", "mapped"),
	"status.candidate":   finding.T("ehdokkaita", "candidates"),
	"status.unmapped":    finding.T("ei vastinetta", "no match"),
	"xlsx.accepted.help": finding.T("Kirjoita kansallinen koodi (esim. 15003) tai - jos asiakirjalla ei ole kansallista vastinetta.", "Type the national code (e.g. 15003), or - when the document has no national counterpart."),
	"omitted":            finding.T("%s säännöstä %s laskettiin mutta ei listattu (sääntökohtainen raja).", "%s of rule %s were counted but not listed (per-rule limit)."),
	"notchecked":         finding.T("Tarkistamatta jääneet säännöt", "Rules not checked"),
	"notchecked.intro":   finding.T("Näitä sääntöjä ei voitu tarkistaa, koska aineistosta puuttuu sarakkeita. Ne eivät ole ”kunnossa”.", "These rules could not run because the input lacks columns. They are not “clean”."),
	"col.missingcols":    finding.T("Puuttuvat sarakkeet", "Missing columns"),
	"col.omitted":        finding.T("Listaamatta", "Not listed"),
	"col.checked":        finding.T("Tarkistettu", "Checked"),
	"xlsx.name":          finding.T("Asiakirjan nimi", "Local name"),
	"xlsx.suggested":     finding.T("Ehdotettu koodi", "Suggested code"),
	"xlsx.editable":      finding.T("Keltaiset sarakkeet täytetään käsin.", "Fill in the yellow columns by hand."),
}

// enumText names the values of the view model's enumerations.
var enumText = map[string]finding.Text{
	"severity.error":   finding.T("virhe", "error"),
	"severity.warning": finding.T("varoitus", "warning"),
	"severity.info":    finding.T("huomio", "info"),
	"severity.never":   finding.T("ei koskaan", "never"),

	"method.accepted":   finding.T("hyväksytty", "accepted"),
	"method.code":       finding.T("koodi rivillä", "code"),
	"method.exact":      finding.T("sama nimi", "exact name"),
	"method.normalised": finding.T("sama nimi eri kirjoitusasussa", "normalised name"),
	"method.synonym":    finding.T("synonyymi tai lyhenne", "synonym"),
	"method.local":      finding.T("paikallinen (ei valtakunnallinen)", "local (not national)"),
	"method.fuzzy":      finding.T("samankaltainen nimi", "fuzzy"),
	"method.none":       finding.T("ei vastinetta", "no match"),

	"medium.paper":      finding.T("paperinen", "paper"),
	"medium.electronic": finding.T("sähköinen", "electronic"),
	"medium.both":       finding.T("paperinen ja sähköinen", "paper and electronic"),
	"medium.unknown":    finding.T("ei tiedossa", "unknown"),

	"register.social": finding.T("sosiaalihuollon asiakasrekisteri", "social-welfare client register"),
	"register.health": finding.T("potilasrekisteri", "patient register"),
	"register.legacy": finding.T("ilmoitusrekisteri (kumottu)", "notification register (repealed)"),
	"register.mixed":  finding.T("yhteinen / sekarekisteri", "joint / mixed register"),

	"tos.missing":    finding.T("puuttuu TOS:sta/AMS:sta", "missing from the TOS/AMS"),
	"tos.differs":    finding.T("poikkeaa laista", "differs from the law"),
	"tos.unverified": finding.T("ei voitu verrata", "could not be compared"),
	"tos.no_rule":    finding.T("ei lain riviä", "no annex row"),
	"tos.ok":         finding.T("kunnossa", "ok"),

	"start.case_closed":           finding.T("asian sulkemisesta", "from the closing of the case"),
	"start.last_case_closed":      finding.T("viimeisen asian sulkemisesta", "from the closing of the last case"),
	"start.client_death":          finding.T("asiakkaan kuolemasta", "from the client's death"),
	"start.child_birth":           finding.T("lapsen syntymästä", "from the child's birth"),
	"start.decision_validity_end": finding.T("päätöksen voimassaolon päättymisestä", "from the end of the decision's validity"),
	"start.message_date":          finding.T("viestin päiväyksestä", "from the message date"),
	"start.document_date":         finding.T("asiakirjan laatimisesta", "from the document date"),
	"start.log_event":             finding.T("lokitapahtumasta", "from the log event"),
	"start.use_ended":             finding.T("käyttötarpeen päättymisestä", "when no longer needed"),
	"start.none":                  finding.T("ei laskentaperustetta", "no start event"),
	"start.service_ended":         finding.T("palvelun päättymisestä", "from the end of the service"),

	"section.input":      finding.T("Syötteet", "Inputs"),
	"section.mapping":    finding.T("Kohdistus", "Mapping"),
	"section.coverage":   finding.T("Kattavuus", "Coverage"),
	"section.registers":  finding.T("Rekisterit", "Registers"),
	"section.retention":  finding.T("Säilytysajat", "Retention"),
	"section.graphs":     finding.T("Prosessikaaviot", "Process graphs"),
	"section.deploytest": finding.T("Käyttöönottokoe", "Deployment test"),
	"section.onboarding": finding.T("Käyttöönoton valmius", "Onboarding readiness"),
	"section.other":      finding.T("Muut", "Other"),

	"role.inventory": finding.T("kartoitus", "inventory"),
	"role.export":    finding.T("rekisteriote", "register export"),
	"role.tos":       finding.T("TOS/AMS", "TOS/AMS"),
	"role.overlay":   finding.T("paikalliset tarkennukset", "overlay"),
	"role.accepted":  finding.T("hyväksytyt kohdistukset", "accepted mappings"),
	"role.ignore":    finding.T("ohitettavat havainnot", "ignore file"),
}

// ui returns a UI string; an unknown key is returned as is, so a missing
// translation shows up in the output (and fails the label test).
func ui(l finding.Lang, key string) string {
	if t, ok := uiText[key]; ok {
		return t.In(l)
	}
	return key
}

// enum names an enumeration value ("method", "fuzzy"); unknown values are
// shown as written.
func enum(l finding.Lang, kind, value string) string {
	if t, ok := enumText[kind+"."+value]; ok {
		return t.In(l)
	}
	return value
}

// EnumName names an enumeration value in l, for outputs outside this
// package (the map command's table): kind "method", value "fuzzy".
func EnumName(l finding.Lang, kind, value string) string { return enum(l, kind, value) }

// severityName names a severity in l.
func severityName(l finding.Lang, s finding.Severity) string { return enum(l, "severity", s.String()) }

// percentText formats a whole percentage the way each language writes it.
func percentText(l finding.Lang, p int) string {
	if l == finding.EN {
		return strconv.Itoa(p) + "%"
	}
	return strconv.Itoa(p) + "\u00a0%"
}

// decimal formats a number with at most two decimals, with a decimal
// comma in Finnish.
func decimal(l finding.Lang, v float64) string {
	if l == finding.EN {
		return fi.DecimalEN(v, 2)
	}
	return fi.Decimal(v, 2)
}

// count writes n with the noun in l: "1 rivi", "2 riviä"; "1 row", "2 rows".
func count(l finding.Lang, n int, fiOne, fiMany, enOne, enMany string) string {
	if l == finding.EN {
		return fi.CountEN(n, enOne, enMany)
	}
	return fi.Count(n, fiOne, fiMany)
}

// severityLevel names a --fail-on threshold in l.
func severityLevel(l finding.Lang, s finding.Severity) string { return severityName(l, s) }

// confidenceText shows a 0..1 confidence as a percentage.
func confidenceText(l finding.Lang, c float64) string {
	return percentText(l, int(c*100+0.5))
}

// yearsText shows a retention length: -1 permanent, 0 no fixed period.
func yearsText(l finding.Lang, y int) string {
	switch {
	case y < 0:
		return ui(l, "permanent")
	case y == 0:
		return ui(l, "no.period")
	}
	return fmt.Sprintf("%d %s", y, ui(l, "years.short"))
}

// dateText formats the generation time in Helsinki local time, to the
// minute: the reader compares it with the office clock, not with UTC.
func dateText(l finding.Lang, t time.Time) string {
	if l == finding.EN {
		return fi.DateTimeEN(t)
	}
	return fi.DateTime(t)
}

// locationText writes a location in l: file, sheet, row, column, key.
func locationText(l finding.Lang, loc finding.Location) string {
	var parts []string
	if loc.File != "" {
		parts = append(parts, loc.File)
	}
	if loc.Sheet != "" {
		parts = append(parts, strings.ToLower(ui(l, "col.sheet"))+" "+loc.Sheet)
	}
	if loc.Row > 0 {
		parts = append(parts, strings.ToLower(ui(l, "col.row"))+" "+strconv.Itoa(loc.Row))
	}
	if loc.Column != "" {
		parts = append(parts, strings.ToLower(ui(l, "col.column"))+" "+loc.Column)
	}
	if loc.Key != "" {
		parts = append(parts, loc.Key)
	}
	return strings.Join(parts, ", ")
}

// codeName joins a code and a name: "15003 Iäkkäiden palvelujen …".
func codeName(code, name string) string {
	code = strings.TrimPrefix(code, "group:")
	switch {
	case code == "":
		return name
	case name == "":
		return code
	}
	return code + " " + name
}

// mappingStatus is "mapped", "candidate" or "unmapped".
func mappingStatus(m MappingRow) string {
	switch {
	case m.Mapped():
		return "mapped"
	case len(m.Candidates) > 0:
		return "candidate"
	}
	return "unmapped"
}

// otherCandidates are the candidates worth showing next to a row: not the
// chosen type itself, at most three beside a match and five instead of one.
func otherCandidates(m MappingRow) []Candidate {
	limit := 5
	if m.Mapped() {
		limit = 3
	}
	var out []Candidate
	for _, c := range m.Candidates {
		if c.Code == m.Code {
			continue
		}
		if len(out) == limit {
			break
		}
		out = append(out, c)
	}
	return out
}
