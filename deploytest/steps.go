package deploytest

import "github.com/kartoitus/kartoitus/finding"

// Source names for the basis of rules and steps. K25 is Kela's 2025
// instruction and test case (../shared/sources/kela-2025-rekisterinkayttooikeus-kayttoonottokoe.txt),
// K20 Kela's 2020 onboarding deck for private providers.
const (
	K25       = "Kela 2025: Rekisterinkäyttöoikeus-toiminnallisuuden käyttöönottokoe, ohje ja testitapaus (27.6.2025)"
	K25Table1 = K25 + ", Taulukko 1"
	K25Table2 = K25 + ", Taulukko 2"
	K20       = "Kela 2020: Miten yksityisenä palveluntuottajana liityn Sosiaalihuollon asiakastiedon arkiston käyttäjäksi? (20.4.2020)"
)

// StepDef is one step of the test case. Text.FI is K25's wording of the
// worker's action (the "toiminnot atj:llä" column of Taulukko 1 for J
// steps, Taulukko 2 for T steps; for J5 joined with the event column,
// which names the producer's document the action refers to; "em. asiaan"
// written out as "asiaan"); T0 quotes K25's Käyttöönottokoe section.
// Text.EN is our translation. Check
// says what verify looks for in the register exports: that is our reading
// of how a step shows in an export, so Inferred is set on every step whose
// check goes beyond what K25 states.
type StepDef struct {
	ID string `json:"id"`
	// Table is 1 (Taulukko 1, the organiser), 2 (Taulukko 2, the
	// producer) or 0 (the test's ground rules: T0).
	Table    int          `json:"table"`
	Who      finding.Text `json:"who"`
	Text     finding.Text `json:"text"`
	Check    finding.Text `json:"check"`
	Basis    string       `json:"basis"`
	Inferred bool         `json:"inferred,omitempty"`
	// Export is false for steps no export can show (J3): verify always
	// reports them as confirm.
	Export bool `json:"export"`
}

var (
	whoOrganiser = finding.T("Palvelunjärjestäjän työntekijä", "The organiser's worker")
	whoProducer  = finding.T("Palveluntuottajan työntekijä", "The producer's worker")
)

// Steps are the test case's steps in the order verify reports them: T0,
// then Taulukko 1 (J1–J5), then Taulukko 2 (T1–T6). The ids are part of
// the kartoitus.deploytest/v1 schema.
var Steps = []StepDef{
	{ID: "T0", Table: 0, Export: true,
		Who: finding.T("Palvelunjärjestäjä tai sen järjestelmätoimittaja", "The organiser or its system vendor"),
		Text: finding.T("Käyttöönottokokeessa tulee käyttää vain Kelan antamia 900-sarjan testihenkilötunnuksia.",
			"Only Kela's 900-series test henkilötunnus codes may be used in the deployment test."),
		Check: finding.T("Jokainen palvelunjärjestäjän viennin asiakastunnus on kelvollinen 900-sarjan testihenkilötunnus.",
			"Every client id in the organiser's export is a valid 900-series test henkilötunnus."),
		Basis: K25 + ", Käyttöönottokoe"},
	{ID: "J1", Table: 1, Export: true, Who: whoOrganiser, Inferred: true,
		Text: finding.T("kirjaa tarpeelliset asiakirjat liittäen ne asiaan ja tallentaa ne Sosiaalihuollon asiakastietovarantoon, vähintään palvelupäätös myönnettävästä sosiaalipalvelusta",
			"records the necessary documents, attaching them to the case, and stores them in the social welfare client data repository, at least the service decision on the social service granted"),
		Check: finding.T("Palvelunjärjestäjän tallentama päätös (Sosmeta-laji Päätös) palvelunjärjestäjän rekisterissä, asiatunnus kirjattuna.",
			"A decision (Sosmeta kind Päätös) stored by the organiser in its register, with a case id."),
		Basis: K25Table1 + ", 1"},
	{ID: "J2", Table: 1, Export: true, Who: whoOrganiser, Inferred: true,
		Text: finding.T("kirjaa asiakkaan Asiakkuusasiakirjalle palveluntuottajan (ja palveluntoteuttajan) tiedot (palveluyksikkö, palveluyksikön asiakkuuden alkamispäivä ja tarvittaessa päättymispäivä) ja tallentaa asiakkuusasiakirjan uuden version asiakastietovarantoon",
			"records on the client's Asiakkuusasiakirja the producer's (and implementer's) details (service unit, the start date of the unit's client relationship and, if needed, its end date) and stores the new version of the Asiakkuusasiakirja in the repository"),
		Check: finding.T("Palvelunjärjestäjän tallentama Asiakkuusasiakirjan versio, jolla on palveluntuottajan palveluyksikkö ja asiakkuuden alkamispäivä.",
			"An Asiakkuusasiakirja version stored by the organiser naming the producer's service unit and the relationship's start date."),
		Basis: K25Table1 + ", 2"},
	{ID: "J3", Table: 1, Export: false, Who: whoOrganiser,
		Text: finding.T("hakee asiakastietojärjestelmällä kaikki asiakkaalle tehdyt asiakirjat asiakastietovarannosta asiakkaan henkilötunnuksella, avaa ja lukee palveluntuottajan tekemän asiakirjan asiakastietojärjestelmän avulla",
			"retrieves with the client system all the client's documents from the repository by the client's henkilötunnus, opens and reads the producer's document with the client system"),
		Check: finding.T("Ei näy viennistä: varmista palvelunjärjestäjän järjestelmästä tai Arkistonhoitajan käyttöliittymän käyttölokilta.",
			"Not shown by an export: confirm in the organiser's system or in the archivist UI's usage log."),
		Basis: K25Table1 + ", 3"},
	{ID: "J4", Table: 1, Export: true, Who: whoOrganiser, Inferred: true,
		Text: finding.T("kirjaa asiakkuusasiakirjalle palveluntuottajan palveluyksikön asiakkuuden päättymispäivän ja tallentaa asiakkuusasiakirjan päivitetyn version Sosiaalihuollon asiakastietovarantoon",
			"records on the Asiakkuusasiakirja the end date of the producer's service unit's client relationship and stores the updated version of the Asiakkuusasiakirja in the repository"),
		Check: finding.T("Palvelunjärjestäjän tallentama myöhempi Asiakkuusasiakirjan versio, jolla on palveluyksikön asiakkuuden päättymispäivä.",
			"A later Asiakkuusasiakirja version stored by the organiser with the unit's end date."),
		Basis: K25Table1 + ", 4"},
	{ID: "J5", Table: 1, Export: true, Who: whoOrganiser, Inferred: true,
		Text: finding.T("palvelun päättymisen jälkeen hakee asiakastietojärjestelmällään palveluntuottajan kirjaaman asiakirjan asiakastietovarannosta sekä mitätöi sen",
			"after the service has ended, retrieves a document the producer recorded from the repository with its client system and voids it"),
		Check: finding.T("Palveluntuottajan tallentaman asiakirjan mitätöity versio, jonka palvelunjärjestäjä on tallentanut asiakkuuden päättymisen jälkeen.",
			"A voided version of a producer-stored document, stored by the organiser after the relationship ended."),
		Basis: K25Table1 + ", 5"},
	{ID: "T1", Table: 2, Export: true, Who: whoProducer, Inferred: true,
		Text: finding.T("hakee ja katselee palveluntuottamiseksi tarkoituksenmukaisia asiakkaan asiakirjoja Sosiaalihuollon asiakastietovarannosta; hakee esimerkiksi asia-asiakirjan, päätöksen myönnetystä palvelusta tai muun asiakirjan, josta palveluntuottaja saa palvelunjärjestäjän luoman asian asiatunnuksen, johon palveluntuottamisen yhteydessä kirjatut asiakirjat tulee liittää",
			"retrieves and views the client's documents needed to produce the service, e.g. the case document, the decision on the service granted or another document that gives the producer the case id of the case the organiser opened, to which the documents recorded in producing the service must be attached"),
		Check: finding.T("Palveluntuottajan asiakirjoilla on asiatunnus, joka on myös palvelunjärjestäjän asiakirjoilla (haku itse ei näy viennistä).",
			"The producer's documents carry a case id that the organiser's documents carry too (the retrieval itself does not show in an export)."),
		Basis: K25Table2 + ", 1"},
	{ID: "T2", Table: 2, Export: true, Who: whoProducer, Inferred: true,
		Text: finding.T("kirjaa jonkin palveluun liittyvän asiakirjan (esim. asiakaskertomusmerkintä, toteuttamissuunnitelma), johon kuuluu myös liite, ja tallentaa asiakirjat Sosiaalihuollon asiakastietovarantoon",
			"records a document of the service (e.g. a client narrative entry, an implementation plan) that has an attachment, and stores the documents in the repository"),
		Check: finding.T("Palveluntuottajan asiakirja, jolla on vähintään yksi liite, palvelunjärjestäjän rekisterissä asiakkuuden aikana.",
			"A producer document with at least one attachment in the organiser's register during the relationship."),
		Basis: K25Table2 + ", 2"},
	{ID: "T3", Table: 2, Export: true, Who: whoProducer, Inferred: true,
		Text: finding.T("huomaa, että juuri tallennettuun asiakirjaan oli tullut virhe tai se oli puutteellinen, joten työntekijä muokkaa aiemmin laatimaansa asiakirjaa ja tallentaa siitä uuden version Sosiaalihuollon asiakastietovarantoon",
			"notices that the document just stored had an error or was incomplete, so the worker edits it and stores a new version of it in the repository"),
		Check: finding.T("Palveluntuottajan asiakirjan uusi (ei mitätöity) versio, jonka palveluntuottaja on tallentanut asiakkuuden aikana.",
			"A new (not voided) version of a producer document, stored by the producer during the relationship."),
		Basis: K25Table2 + ", 3"},
	{ID: "T4", Table: 2, Export: true, Who: whoProducer, Inferred: true,
		Text: finding.T("kirjaa asiakkaalle toisen asiakirjan (esim. lausunnon tai yhteenvedon), joka määritellään sisällöltään erityissisällöksi perusteena asiakirjan liittyminen poliisitutkintaan ja tallentaa asiakirjan Sosiaalihuollon asiakastietovarantoon",
			"records a second document for the client (e.g. a statement or a summary) defined as special content (erityissisältö) because it relates to a police investigation, and stores it in the repository"),
		Check: finding.T("Palveluntuottajan asiakirja, jolle on merkitty erityissisältö, palvelunjärjestäjän rekisterissä asiakkuuden aikana.",
			"A producer document marked as special content in the organiser's register during the relationship."),
		Basis: K25Table2 + ", 4"},
	{ID: "T5", Table: 2, Export: true, Who: whoProducer, Inferred: true,
		Text: finding.T("huomaa, että asiakirja tuli laadittua väärälle henkilölle, joten hän mitätöi tekemänsä asiakirjan; mitätöinnin syynä ”väärä henkilö”",
			"notices that the document was written for the wrong person, so they void the document they made; the reason for voiding is \"väärä henkilö\" (wrong person)"),
		Check: finding.T("Palveluntuottajan asiakirjan mitätöity versio, jonka palveluntuottaja on tallentanut asiakkuuden aikana syyllä ”väärä henkilö”.",
			"A voided version of a producer document, stored by the producer during the relationship with the reason \"väärä henkilö\"."),
		Basis: K25Table2 + ", 5"},
	{ID: "T6", Table: 2, Export: true, Who: whoProducer, Inferred: true,
		Text: finding.T("yrittää hakea asiakkaan asiakirjoja Sosiaalihuollon asiakastietovarannosta, mutta hakutulosta ei tule; asiakkaan asiakirjoja ei tule enää olla tallennettuna ja luettavissa palveluntuottajan käytössä olevassa asiakastietojärjestelmässä",
			"tries to retrieve the client's documents from the repository but gets no result; the client's documents should no longer be stored or readable in the producer's client system"),
		Check: finding.T("Päättymispäivän jälkeen otetussa palveluntuottajan järjestelmän viennissä ei ole testihenkilön palvelunjärjestäjän rekisteriin kuuluvia asiakirjoja.",
			"The producer system's export taken after the end date holds none of the test person's documents of the organiser's register."),
		Basis: K25Table2 + ", 6"},
}

// StepIDs returns the step ids in report order.
func StepIDs() []string {
	ids := make([]string, len(Steps))
	for i, s := range Steps {
		ids[i] = s.ID
	}
	return ids
}

// Step returns the definition of id.
func Step(id string) (StepDef, bool) {
	for _, s := range Steps {
		if s.ID == id {
			return s, true
		}
	}
	return StepDef{}, false
}

// Notices are the messages the parties exchange between the steps (K25,
// the rows spanning both columns of Taulukko 1 and 2). They carry no id:
// the checklist lists them in their place, verify cannot see them.
var Notices = []struct {
	After string
	Who   finding.Text
	Text  finding.Text
}{
	{"J2", finding.T("Palvelunjärjestäjä → palveluntuottaja", "Organiser → producer"),
		finding.T("Palvelunjärjestäjä ilmoittaa palveluntuottajalle testihenkilön ja –henkilötunnuksen sekä tiedon, että palveluntuottaja voi aloittaa oman osuutensa.",
			"The organiser tells the producer the test person and their henkilötunnus, and that the producer may start its part.")},
	{"T5", finding.T("Palveluntuottaja → palvelunjärjestäjä", "Producer → organiser"),
		finding.T("Palveluntuottaja ilmoittaa palvelunjärjestäjälle, kun palveluntuottaja on tallentanut asiakirjat asiakastietovarantoon ja palvelu voidaan päättää.",
			"The producer tells the organiser when it has stored the documents in the repository and the service can be ended.")},
	{"J4", finding.T("Palvelunjärjestäjä → palveluntuottaja", "Organiser → producer"),
		finding.T("Palvelunjärjestäjä ilmoittaa palveluntuottajalle, että asiakkaan palvelu on päätetty, eikä palveluntuottajalla ole enää pääsyä asiakkaan tietoihin.",
			"The organiser tells the producer that the client's service has ended and the producer no longer has access to the client's data.")},
}
