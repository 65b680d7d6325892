// Package onboarding turns Kela's onboarding steps for a private provider
// joining the social-welfare client-data archive (steps 1, 2A–2J, 3A–3F
// and 4 of the 2020 deck, K20) into a dated plan: a catalogue of tasks with
// their dependencies and lead times, a schedule back-calculated from the
// go-live date over Finnish working days, the critical path, what is late
// or at risk against a status file, a certificate-card plan from a staff
// list, and readiness lines computed from what the assessment knows
// (Evidence).
//
// Every lead time carries its source. K20 gives four: the DVV card
// contract (about 3–4 weeks, slide 20), cards and activation codes (about
// 1.5–2 weeks from the order, slide 17), the report of a successful test
// (within two working days, slide 30) and the whole project (about six
// months when the system has joined Kanta before, slide 7). Every other
// duration is the tool's default, marked inferred, and overridable per task
// in the status file.
//
// Slide numbers are counted in the deck's order (title = 1); slides 10, 12,
// 18 and 20 print their number in the source text and agree with the count.
package onboarding

import (
	"github.com/kartoitus/kartoitus/finding"
)

// DeckRef is the full reference of the source deck, cited as "K20 dia N".
const DeckRef = "Kela, Kanta-palvelut: Miten yksityisenä palveluntuottajana liityn Sosiaalihuollon asiakastiedon arkiston käyttäjäksi? (diasarja 20.4.2020)"

// Kind is what a task is in the schedule.
type Kind string

const (
	// Work is a task with a duration in working days.
	Work Kind = "work"
	// Group spans its sub-tasks (2G, 3C, 3E); it has no duration of its own.
	Group Kind = "group"
	// GoLive is the go-live milestone (3F): pinned to the go-live date.
	GoLive Kind = "go_live"
	// Ongoing starts at go-live and has no end (4).
	Ongoing Kind = "ongoing"
)

// Duration is a lead time in working days. Ranges in the source ("about
// 3–4 weeks") keep both ends: the plan uses Max, so a latest start is safe
// at the long end; lateness uses Min (late = cannot make it even at the
// short end).
type Duration struct {
	Min int `json:"min"`
	Max int `json:"max"`
	// Quote is the source's own words, when there is a source.
	Quote finding.Text `json:"quote,omitzero"`
	// Source is the slide ("K20 dia 20"); empty when Inferred.
	Source string `json:"source,omitempty"`
	// Inferred marks the tool's default: no source gives a lead time.
	Inferred bool `json:"inferred"`
	// Why explains a default or a conversion.
	Why finding.Text `json:"why,omitzero"`
	// Override says where the status file set this duration.
	Override string `json:"override,omitempty"`
	// overrideAt is the same place, written in each report's language.
	overrideAt finding.Location
}

// Dep is one dependency: the task cannot start before ID has finished.
type Dep struct {
	ID string `json:"id"`
	// Basis is the slide and the reason ("K20 dia 20: …").
	Basis    finding.Text `json:"basis"`
	Inferred bool         `json:"inferred"`
}

// Deadline bounds a task's finish by another task's: it must be finished
// within Workdays working days of After's finish.
type Deadline struct {
	After    string       `json:"after"`
	Workdays int          `json:"workdays"`
	Source   string       `json:"source"`
	Quote    finding.Text `json:"quote"`
}

// Task is one step or sub-task of the catalogue.
type Task struct {
	ID string `json:"id"`
	// Parent is the step of a sub-task ("2G" for "2G.sopimus").
	Parent string       `json:"parent,omitempty"`
	Title  finding.Text `json:"title"`
	// Short is the title on the chart, where space is tight.
	Short finding.Text `json:"short"`
	// What is the step in one sentence, after the deck.
	What finding.Text `json:"what"`
	// Source is the slide(s) describing the step.
	Source   string   `json:"source"`
	Kind     Kind     `json:"kind"`
	Duration Duration `json:"duration"`
	Deps     []Dep    `json:"deps,omitempty"`
	// ASAP places the task right after its predecessors instead of as
	// late as possible: what follows the test happens when the test is
	// over, not just before go-live.
	ASAP     bool      `json:"asap,omitempty"`
	Deadline *Deadline `json:"deadline,omitempty"`
}

// Sourced and inferred durations and dependencies, written once.
func sourced(min, max int, source, quoteFI, quoteEN, whyFI, whyEN string) Duration {
	return Duration{Min: min, Max: max, Source: source, Quote: finding.T(quoteFI, quoteEN), Why: finding.T(whyFI, whyEN)}
}

func inferred(days int, whyFI, whyEN string) Duration {
	return Duration{Min: days, Max: days, Inferred: true, Why: finding.T(whyFI, whyEN)}
}

func dep(id, fi, en string) Dep { return Dep{ID: id, Basis: finding.T(fi, en)} }

func idep(id, fi, en string) Dep { return Dep{ID: id, Basis: finding.T(fi, en), Inferred: true} }

// A week is five working days (our conversion: the deck counts calendar
// weeks; counting working days instead moves the start earlier over
// holidays, which keeps a latest start safe).
const weekFI, weekEN = "viikko = 5 työpäivää (muunnos on työkalun)", "week = 5 working days (the tool's conversion)"

const defaultFI, defaultEN = "ei lähdettä: oletus, muuta tilatiedostossa", "no source: default, override with the status file"

// Catalogue returns the onboarding tasks in the deck's order. Each call
// returns a fresh copy, so callers may change durations.
func Catalogue() []Task {
	def := func(days int) Duration { return inferred(days, defaultFI, defaultEN) }
	return []Task{
		{ID: "1", Title: finding.T("Hallinnollinen käynnistäminen", "Administrative start"),
			Short: finding.T("Hallinnollinen käynnistäminen", "Administrative start"),
			What: finding.T("Päätös käyttöönotosta, vastuuhenkilöt, projekti- ja viestintäsuunnitelma, henkilöstöresurssit; projektin käynnistys ja ilmoittautuminen käyttöönoton aaltoon.",
				"Decision to deploy, named persons, project and communication plans, staff resources; start the project and enrol in a deployment wave."),
			Source: "K20 dia 5", Kind: Work, Duration: def(20)},
		{ID: "2A", Title: finding.T("Yhteistyö järjestelmätoimittajan kanssa", "Cooperation with the system vendor"),
			Short: finding.T("Järjestelmätoimittaja", "System vendor"),
			What: finding.T("Toimittajan valmius liittyä Kantaan, aikataulu, statuspalaverit, roolit, liittymisprofiili ja toimitussopimus; järjestelmän on oltava Kanta-yhteensopiva.",
				"The vendor's readiness to join Kanta, schedule, status meetings, roles, the archive joining profile and the delivery contract; the system must be Kanta-compatible."),
			Source: "K20 dia 7", Kind: Work, Duration: def(20)},
		{ID: "2B", Title: finding.T("Lupa Valvirasta tai aluehallintovirastosta", "Licence from Valvira or the regional agency (AVI)"),
			Short: finding.T("Lupa (Valvira/AVI)", "Licence (Valvira/AVI)"),
			What: finding.T("Tarkista palveluntuottajan luvat: yhden AVIn alueella lupaviranomainen on AVI, usean alueella Valvira; lupatiedot välittyvät SOTE-organisaatiorekisteriin.",
				"Check the provider's licences: the AVI in one region, Valvira in two or more; licence data flow to THL's SOTE organisation register."),
			Source: "K20 dia 8", Kind: Work, Duration: def(5)},
		{ID: "2C", Title: finding.T("Organisaatiorekisteritiedot ja OID-tunnukset", "Organisation register data and OIDs"),
			Short: finding.T("OID-tunnukset", "Organisation OIDs"),
			What: finding.T("Toimintayksikön (Y-tunnus) ja sen palveluyksiköiden OID-tunnukset löytyvät SOTE-organisaatiorekisteristä ja ovat oikein; korjaukset AVIn tai Valviran kautta.",
				"The OIDs of the toimintayksikkö (the Y-tunnus unit) and its service units are in the SOTE organisation register and correct; corrections through the AVI or Valvira."),
			Source: "K20 dia 9", Kind: Work, Duration: def(10),
			Deps: []Dep{dep("2B", "K20 dia 9: yksityisten lupatiedot välitetään koodistopalveluun Valveri-rekisteristä", "K20 slide 9: private providers' licence data reach the code service from the Valveri register")}},
		{ID: "2D", Title: finding.T("Asiakirjahallinnon nykytila", "Current state of records management"),
			Short: finding.T("Asiakirjahallinnon nykytila", "Records management today"),
			What: finding.T("Asiakirjat, prosessit ja vaiheet kansallisiin (Sosmeta) verrattuna; arkistointikäytännöt: TOS sähköisille, AMS paperisille, myös paperina saapuville.",
				"Documents, processes and phases against the national ones (Sosmeta); archiving practice: a TOS for electronic, an AMS for paper records, including those arriving on paper."),
			Source: "K20 dia 10", Kind: Work, Duration: def(30)},
		{ID: "2E", Title: finding.T("Rekisterien erottelu", "Separating the registers"),
			Short: finding.T("Rekisterien erottelu", "Separating registers"),
			What: finding.T("Järjestäjän ja oman tuotannon asiakastiedot eri rekistereissä, sosiaalihuolto ja terveydenhuolto erikseen, eri rekisterinpitäjien tiedot eroteltavissa.",
				"The organiser's and own production's client data in separate registers, social welfare apart from health care, each controller's data separable."),
			Source: "K20 dia 11", Kind: Work, Duration: def(20),
			Deps: []Dep{idep("2D", "erottelu edellyttää tietoa siitä, mitä asiakirjoja ja rekistereitä on (päätelmä)", "separating needs to know which documents and registers exist (inferred)")}},
		{ID: "2F", Title: finding.T("Työntekijät mukaan ja koulutus", "Involving and training staff"),
			Short: finding.T("Henkilöstön koulutus", "Staff training"),
			What: finding.T("Neljä koulutuskokonaisuutta koko henkilöstölle (kirjaaminen, toimintatavat, tietosuoja ja tietoturva, järjestelmän muutokset); kirjaamisen harjoittelu riittävän pitkään ennen käyttöönottoa.",
				"Four trainings for all staff (recording, ways of working, data protection and security, system changes); practise recording long enough before go-live."),
			Source: "K20 dia 14", Kind: Work, Duration: def(40)},
		{ID: "2G", Title: finding.T("Varmenteet ja varmennekortit (DVV)", "Certificates and certificate cards (DVV)"),
			Short: finding.T("Varmenteet ja kortit (DVV)", "Certificates and cards (DVV)"),
			What: finding.T("Sote-palveluvarmenteet, toimikorttisopimus ja jokaisen työntekijän toimikortti Digi- ja väestötietovirastosta.",
				"Service certificates, the card contract and a certificate card for every worker from the Digital and Population Data Services Agency (DVV)."),
			Source: "K20 dia 15–20", Kind: Group},
		{ID: "2G.varmenteet", Parent: "2G", Title: finding.T("Sote-palveluvarmenteet (palvelin- ja järjestelmäallekirjoitusvarmenne)", "Service certificates (server and system-signature certificates)"),
			Short: finding.T("Palveluvarmenteet", "Service certificates"),
			What: finding.T("Palvelinvarmenne ja järjestelmäallekirjoitusvarmenne (ja testiversiot) DVV:n verkkoasioinnissa, omissa tai toimittajan nimissä; valtuutus kirjataan toimitussopimukseen.",
				"Server and system-signature certificates (and test versions) in DVV's e-service, in the organisation's or the vendor's name; the authorisation goes in the delivery contract."),
			Source: "K20 dia 15–16", Kind: Work, Duration: def(20),
			Deps: []Dep{idep("2A", "K20 dia 16: kun toimittaja hankkii varmenteen, valtuutus kirjataan toimittajan ja organisaation sopimukseen", "K20 slide 16: when the vendor obtains the certificate, the authorisation is recorded in the vendor contract")}},
		{ID: "2G.sopimus", Parent: "2G", Title: finding.T("Toimikorttisopimus DVV:n kanssa", "Card contract with DVV"),
			Short: finding.T("Toimikorttisopimus (DVV)", "Card contract (DVV)"),
			What: finding.T("Valtuutus rekisteröintipisteelle; nimenkirjoitusoikeudellinen henkilö tekee toimikorttisopimuksen DVV:n verkkoasioinnissa. Vasta käsitellyn sopimuksen jälkeen kortteja voi tilata.",
				"Authorise a registration point; a person with signing rights makes the card contract in DVV's e-service. Cards can be ordered only once the contract is processed."),
			Source: "K20 dia 20", Kind: Work,
			Duration: sourced(15, 20, "K20 dia 20", "sopimuskäsittely vie aikaa noin 3–4 viikkoa", "contract processing takes about 3–4 weeks", weekFI, weekEN)},
		{ID: "2G.kortit", Parent: "2G", Title: finding.T("Toimikorttien tilaus ja toimitus", "Card order to delivery"),
			Short: finding.T("Korttien tilaus ja toimitus", "Card order to delivery"),
			What: finding.T("Palvelussuhdetodistus rekisteröintipisteeseen, henkilöt varaavat ajan; kortit ja aktivointitunnukset toimitetaan. Kortit hyvissä ajoin ennen käyttöönottokoetta.",
				"Employment certificate to the registration point, people book a visit; cards and activation codes are delivered. Cards well before the deployment test."),
			Source: "K20 dia 17, 19–20", Kind: Work,
			Duration: sourced(8, 10, "K20 dia 17", "korttien ja aktivointitunnusten toimitusaika tehdystä tilauksesta on yhteensä noin 1,5–2 viikkoa", "cards and activation codes take about 1.5–2 weeks in all from the order",
				weekFI+"; 1,5 viikkoa pyöristetty 8 työpäivään", weekEN+"; 1.5 weeks rounded up to 8 working days"),
			Deps: []Dep{dep("2G.sopimus", "K20 dia 20: kun sopimus on käsitelty, DVV:ssa annetaan oikeudet korttien tilaamiseksi", "K20 slide 20: once the contract is processed, DVV grants the rights to order cards")}},
		{ID: "2H", Title: finding.T("Kortinlukijat asennettu ja testattu", "Card readers installed and tested"),
			Short: finding.T("Kortinlukijat testattu", "Card readers tested"),
			What: finding.T("Kortinlukijat (noin 40–50 €) ja DVV:n maksuton kortinlukijaohjelmisto asennettu ja testattu toimiviksi ennen käyttöönottokoetta.",
				"Card readers (about €40–50) and DVV's free card-reader software installed and tested before the deployment test."),
			Source: "K20 dia 21", Kind: Work, Duration: def(5),
			Deps: []Dep{idep("2G.kortit", "lukijan testaaminen toimivaksi varmenteen käytössä vaatii kortin (päätelmä)", "testing a reader with a certificate needs a card (inferred)")}},
		{ID: "2I", Title: finding.T("Tietosuojan ja tietoturvan omavalvontasuunnitelma", "Data protection and security self-monitoring plan"),
			Short: finding.T("Omavalvontasuunnitelma", "Self-monitoring plan"),
			What: finding.T("Omavalvontasuunnitelma (THL:n määräys 2/2015) tehty ja päivitetty Kanta-palveluihin liityttäessä.",
				"The self-monitoring plan (THL regulation 2/2015) made and updated when joining Kanta."),
			Source: "K20 dia 22", Kind: Work, Duration: def(10)},
		{ID: "2J", Title: finding.T("Henkilöstön käyttöoikeudet", "Staff access rights"),
			Short: finding.T("Käyttöoikeudet", "Access rights"),
			What: finding.T("Käyttöoikeudet määritelty jokaiselle asiakastietoja käsittelevälle työntekijälle (määräys 1/2020): pääsy vain työtehtävissä välttämättömiin tietoihin.",
				"Access rights defined for every worker handling client data (regulation 1/2020): access only to what the tasks need."),
			Source: "K20 dia 23", Kind: Work, Duration: def(10)},
		{ID: "3A", Title: finding.T("Suomi.fi-tunnistautuminen ja valtuus", "Suomi.fi identification and mandate"),
			Short: finding.T("Suomi.fi-valtuus", "Suomi.fi mandate"),
			What: finding.T("Kanta Ekstranetiin tunnistaudutaan Suomi.fi:llä: nimenkirjoittaja ilman valtuutta, muu henkilö valtuudella \"Sosiaali- ja terveydenhuollon digitaalisten palvelujen käyttöönotto\".",
				"Kanta Extranet is entered with Suomi.fi: a signatory needs no mandate, anyone else the mandate \"Sosiaali- ja terveydenhuollon digitaalisten palvelujen käyttöönotto\"."),
			Source: "K20 dia 25", Kind: Work, Duration: def(5),
			Deps: []Dep{idep("1", "käyttöönotto (vaihe 3) alkaa hallinnollisen käynnistämisen jälkeen (päätelmä)", "deployment (step 3) follows the administrative start (inferred)")}},
		{ID: "3B", Title: finding.T("Kanta-palvelujen asiakkuus", "Kanta customership"),
			Short: finding.T("Kanta-asiakkuus", "Kanta customership"),
			What: finding.T("Asiakkuuden tiedot Kanta Ekstranetissä; asiakkuus alkaa, kun nimenkirjoittajan allekirjoittama sitoumus on hyväksytty.",
				"Customer data in Kanta Extranet; the customership starts when the commitment signed by a signatory is accepted."),
			Source: "K20 dia 26", Kind: Work, Duration: def(10),
			Deps: []Dep{
				dep("3A", "K20 dia 26: Ekstranetiin pääsy edellyttää nimenkirjoitusoikeutta tai Suomi.fi-valtuutta", "K20 slide 26: Extranet access needs signing rights or a Suomi.fi mandate"),
				dep("2C", "K20 dia 26: OID-tunnukset ja yleistiedot ajantasaisina kansallisen koodistopalvelun rekisterissä", "K20 slide 26: OIDs and general data up to date in the national code service"),
			}},
		{ID: "3C", Title: finding.T("Käyttöönottokokeeseen valmistautuminen", "Preparing the deployment test"),
			Short: finding.T("Kokeen valmistelu", "Preparing the test"),
			What: finding.T("Käyttöönottotiedot ja palvelukuvaus, koepäivä ja vara-aika toimittajan kanssa, arkistonhoitaja, yhteystesti.",
				"Deployment data and service description, test date and a backup date with the vendor, the archivist, the connection test."),
			Source: "K20 dia 27–28", Kind: Group},
		{ID: "3C.tiedot", Parent: "3C", Title: finding.T("Käyttöönottotiedot Ekstranetiin, palvelukuvaus hyväksytty, koepäivä sovittu", "Deployment data in Extranet, service description accepted, test date agreed"),
			Short: finding.T("Käyttöönottotiedot", "Deployment data"),
			What: finding.T("Palvelun hallinnolliset ja tekniset tiedot Kanta Ekstranetiin, palvelukuvaus hyväksytty; koepäivä ja vara-aika sovittu järjestelmätoimittajan kanssa.",
				"Administrative and technical data in Kanta Extranet, the service description accepted; the test date and a backup date agreed with the vendor."),
			Source: "K20 dia 27", Kind: Work, Duration: def(5),
			Deps: []Dep{dep("3B", "K20 dia 27: arkiston käyttöönotto edellyttää voimassaolevaa Kanta-asiakkuutta", "K20 slide 27: deploying the archive requires a valid Kanta customership")}},
		{ID: "3C.arkistonhoitaja", Parent: "3C", Title: finding.T("Arkistonhoitaja nimetty ja käyttöliittymä testattu", "Archivist named and archivist UI tested"),
			Short: finding.T("Arkistonhoitaja valmis", "Archivist ready"),
			What: finding.T("Varmennekortillinen arkistonhoitaja testaa Arkistonhoitajan käyttöliittymän, tarkistaa rekisterinpitäjän tiedon ja tutustuu koesuunnitelmaan.",
				"An archivist with a card tests the archivist UI, checks the controller data and reads the test plan."),
			Source: "K20 dia 28", Kind: Work, Duration: def(3),
			Deps: []Dep{
				dep("3C.tiedot", "K20 dia 28: arkistonhoitaja nimetään käyttöönottotietoja annettaessa", "K20 slide 28: the archivist is named when the deployment data are given"),
				dep("2G.kortit", "K20 dia 28: arkistonhoitaja on varmennekortillinen", "K20 slide 28: the archivist has a certificate card"),
				idep("2H", "kortin käyttö vaatii lukijan (päätelmä)", "using the card needs a reader (inferred)"),
			}},
		{ID: "3C.yhteystesti", Parent: "3C", Title: finding.T("Yhteystesti tehty", "Connection test done"),
			Short: finding.T("Yhteystesti", "Connection test"),
			What: finding.T("Tietoliikenneyhteydet asiakkaan järjestelmien ja Kanta-palvelujen välillä valmiina ja todennettu yhteystestillä viimeistään ennen käyttöönottokoetta.",
				"Connections between the systems and Kanta ready and verified with the connection test before the deployment test at the latest."),
			Source: "K20 dia 28", Kind: Work, Duration: def(3),
			Deps: []Dep{
				idep("2G.varmenteet", "K20 dia 15: varmenteilla tunnistetaan osapuolet Kanta-tietoliikenteessä", "K20 slide 15: certificates identify the parties in Kanta traffic"),
				idep("3C.tiedot", "tekniset tiedot annetaan ensin Ekstranetissä (päätelmä)", "the technical data are given in the Extranet first (inferred)"),
			}},
		{ID: "3D", Title: finding.T("Käyttöönottokoe", "Deployment test"),
			Short: finding.T("Käyttöönottokoe", "Deployment test"),
			What: finding.T("Koe tuotantoympäristössä sertifioidulla järjestelmällä toimittajan kanssa, Kelan testitapauksella ja testihenkilötunnuksilla; aloitus aamupäivällä, \"kuuma linja\"; onnistuminen tarkistetaan arkistonhoitajan käyttöliittymästä.",
				"The test in production with a certified system and the vendor, Kela's test case and test ids; start in the morning, a \"hot line\"; success checked in the archivist UI."),
			Source: "K20 dia 29", Kind: Work,
			Duration: inferred(1, "ei lähdettä kestolle: oletus 1 työpäivä (K20 dia 29: koe aloitetaan aamupäivällä); muuta tilatiedostossa",
				"no source for the length: default 1 working day (K20 slide 29: the test starts in the morning); override with the status file"),
			Deps: []Dep{
				dep("2A", "K20 dia 29: koe tehdään sertifioidulla järjestelmällä yhdessä järjestelmätoimittajan kanssa", "K20 slide 29: the test is done with a certified system together with the vendor"),
				dep("2G.kortit", "K20 dia 17: toimikortit hyvissä ajoin ennen käyttöönottokoetta", "K20 slide 17: certificate cards well before the deployment test"),
				dep("2H", "K20 dia 21: kortinlukijat ja ohjelmistot asennettu ja testattu ennen käyttöönottokoetta", "K20 slide 21: readers and software installed and tested before the deployment test"),
				dep("3C.tiedot", "K20 dia 27: käyttöönottotiedot ja palvelukuvaus ennen koetta", "K20 slide 27: deployment data and service description before the test"),
				dep("3C.arkistonhoitaja", "K20 dia 28: arkistonhoitaja testaa käyttöliittymän ennen koetta", "K20 slide 28: the archivist tests the UI before the test"),
				dep("3C.yhteystesti", "K20 dia 28: yhteydet todennettu viimeistään ennen käyttöönottokoetta", "K20 slide 28: connections verified before the deployment test at the latest"),
				idep("2J", "kokeen tekijöillä on oltava käyttöoikeudet (K25; päätelmä tälle kokeelle)", "the test's participants need access rights (K25; inferred for this test)"),
				idep("2E", "kokeessa asiakirjat tallentuvat tuotantoarkistoon oikeaan rekisteriin (päätelmä)", "the test stores documents in the production archive, in the right register (inferred)"),
			}},
		{ID: "3C.varapaiva", Parent: "3C", Title: finding.T("Vara-aika käyttöönottokokeelle", "Backup date for the deployment test"),
			Short: finding.T("Varapäivä", "Backup date"),
			What: finding.T("Vara-aika, jos koe ei onnistu: virheet korjataan ja koe uusitaan viimeistään varapäivänä (jakson viimeinen päivä) ennen käyttöönottoa.",
				"Reserve time if the test fails: problems are fixed and the test re-run by the backup date (the window's last day) before go-live."),
			Source: "K20 dia 27", Kind: Work,
			Duration: inferred(5, "ei lähdettä kestolle (K20 dia 27: \"hyvä sopia vara-aika\"): oletus 5 työpäivää; muuta tilatiedostossa",
				"no source for the length (K20 slide 27: \"good to agree a backup time\"): default 5 working days; override with the status file"),
			Deps: []Dep{idep("3D", "varapäivä on suunnitellun koepäivän jälkeen (päätelmä)", "the backup date follows the planned test date (inferred)")}},
		{ID: "3E", Title: finding.T("Käyttöönottokokeen raportointi", "Reporting the deployment test"),
			Short: finding.T("Kokeen raportointi", "Reporting the test"),
			What: finding.T("Arkistonhoitaja tarkastaa arkistoidut asiakirjat; onnistunut koe raportoidaan Kelaan kahden arkipäivän sisällä.",
				"The archivist checks the archived documents; a successful test is reported to Kela within two working days."),
			Source: "K20 dia 30", Kind: Group},
		{ID: "3E.tarkastus", Parent: "3E", Title: finding.T("Arkistonhoitaja tarkastaa arkistoidut asiakirjat", "Archivist checks the archived documents"),
			Short: finding.T("Arkistonhoitajan tarkastus", "Archivist's check"),
			What: finding.T("Asiakirjat arkistoituneet, kuvailutiedot asianmukaiset ja tiedot vastaavat järjestelmän kertomusmerkintöjä.",
				"Documents archived, their metadata right and matching the system's entries."),
			Source: "K20 dia 30", Kind: Work, ASAP: true,
			Duration: inferred(1, "ei lähdettä kestolle: oletus 1 työpäivä, jotta raportti ehtii kahden arkipäivän määräajassa; muuta tilatiedostossa",
				"no source for the length: default 1 working day so the report meets the two-working-day deadline; override with the status file"),
			Deps: []Dep{dep("3D", "K20 dia 30: käyttöönottokokeen suorittamisen jälkeen arkistonhoitaja tarkastaa", "K20 slide 30: after the test the archivist checks")}},
		{ID: "3E.raportti", Parent: "3E", Title: finding.T("Raportti onnistuneesta kokeesta Kelaan (kanta@kanta.fi)", "Report of the successful test to Kela (kanta@kanta.fi)"),
			Short: finding.T("Raportti Kelaan", "Report to Kela"),
			What: finding.T("Onnistunut koe raportoidaan kahden arkipäivän sisällä sähköpostilla kanta@kanta.fi; raporttiin kirjataan, milloin varsinainen arkistointi aloitetaan.",
				"A successful test is reported within two working days to kanta@kanta.fi; the report says when archiving starts."),
			Source: "K20 dia 30", Kind: Work, ASAP: true,
			Duration: inferred(1, "ei lähdettä kestolle: oletus 1 työpäivä; määräaika (2 arkipäivää kokeesta) on K20 dia 30; muuta tilatiedostossa",
				"no source for the length: default 1 working day; the deadline (2 working days from the test) is K20 slide 30; override with the status file"),
			Deps: []Dep{idep("3E.tarkastus", "raportoidaan onnistunut koe: onnistuminen todetaan tarkastuksessa (päätelmä)", "a successful test is reported: the check establishes success (inferred)")},
			Deadline: &Deadline{After: "3D", Workdays: 2, Source: "K20 dia 30",
				Quote: finding.T("Onnistunut käyttöönottokoe raportoidaan kahden arkipäivän sisällä", "a successful deployment test is reported within two working days")}},
		{ID: "3F", Title: finding.T("Tuotantokäytön aloitus", "Production start (go-live)"),
			Short: finding.T("Tuotantokäyttö alkaa", "Go-live"),
			What: finding.T("Tuotantokäytön voi aloittaa, kun koe on onnistunut ja siitä on varmistuttu arkistonhoitajan käyttöliittymästä.",
				"Production can start once the test has succeeded and this is confirmed in the archivist UI."),
			Source: "K20 dia 31", Kind: GoLive,
			Deps: []Dep{
				dep("3E.tarkastus", "K20 dia 31: onnistuminen varmistettu arkistonhoitajan käyttöliittymästä", "K20 slide 31: success confirmed in the archivist UI"),
				idep("3C.varapaiva", "epäonnistunut koe uusitaan ennen käyttöönottoa (päätelmä)", "a failed test is re-run before go-live (inferred)"),
				dep("2F", "K20 dia 14: kirjaamista harjoitellaan riittävän pitkään ennen käyttöönottoa", "K20 slide 14: recording is practised long enough before go-live"),
				dep("2I", "K20 dia 22: suunnitelma päivitetään Kanta-palveluihin liityttäessä", "K20 slide 22: the plan is updated when joining Kanta"),
			}},
		{ID: "4", Title: finding.T("Käytön aikainen seuranta ja valvonta", "Monitoring during use"),
			Short: finding.T("Seuranta ja valvonta", "Monitoring"),
			What: finding.T("Seurannasta, raportoinnista ja tuesta sopiminen, häiriötilanneohje ICT-toimittajan ja Kelan kanssa, omavalvonnan seuranta, käyttäjätuen koulutus.",
				"Agree monitoring, production reporting and support, incident instructions with the ICT provider and Kela, self-monitoring follow-up, user-support training."),
			Source: "K20 dia 32", Kind: Ongoing,
			Deps: []Dep{dep("3F", "K20 dia 32: tuotantokäytön liittymishetken jälkeinen seuranta", "K20 slide 32: monitoring after the production start")}},
	}
}

// Project length (K20 dia 7), used as a reference line: the whole project
// takes about six months when the system has joined Kanta before.
var ProjectLength = struct {
	Months int
	Source string
	Quote  finding.Text
}{6, "K20 dia 7", finding.T("Projektin kokonaiskesto on n. puoli vuotta, jos tietojärjestelmällä on jo kertaalleen liitytty.",
	"The whole project takes about half a year if the system has joined once before.")}
