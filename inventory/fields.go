package inventory

import (
	"fmt"
	"strings"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Field is what an inventory column holds.
type Field string

const (
	FieldNone        Field = ""
	FieldServiceTask Field = "service_task"
	FieldName        Field = "name"
	FieldNational    Field = "national"
	FieldPhase       Field = "phase"
	FieldMedium      Field = "medium"
	FieldPaper       Field = "paper"      // a mark column: "x" = kept on paper
	FieldElectronic  Field = "electronic" // a mark column: "x" = kept electronically
	FieldSystem      Field = "system"
	FieldRegister    Field = "register"
	// FieldBasis is the processing basis (käsittelyperuste): own
	// production or self-paying, purchased service, voucher, Kela-procured,
	// subcontract; with the profile it says whose register a document is.
	FieldBasis Field = "basis"
	// FieldController names the register's controller (name, Y-tunnus or
	// OID).
	FieldController     Field = "controller"
	FieldTOS            Field = "tos"
	FieldAMS            Field = "ams"
	FieldRetention      Field = "retention"
	FieldRetentionStart Field = "retention_start"
	FieldNotes          Field = "notes"
	// FieldIgnore is for mapping files: the column is known and deliberately
	// not read, so `inventory columns` stops listing it as unrecognised.
	FieldIgnore Field = "ignore"
)

// fieldSpec is one row of the synonym table.
type fieldSpec struct {
	Field Field
	FI    string // label in reports and the template
	EN    string
	// Synonyms are header texts in Finnish, Swedish and English. They are
	// compared after textnorm.FoldHeader, so case, diacritics, section
	// numbers ("2.15"), parenthesised remarks and line breaks do not matter.
	Synonyms []string
}

// fieldTable is the one place header wording lives. Sources: the guessed
// Kansa-koulu columns and the Helsinki TOS workbook headers in
// ../shared/domain (§1.3, §4), JHS 191 metadata names, and plain English.
// A synonym must belong to one field only (TestSynonymsUnique).
var fieldTable = []fieldSpec{
	{FieldServiceTask, "Palvelutehtävä", "Service task", []string{
		"palvelutehtävä", "palvelutehtävät", "sosiaalihuollon palvelutehtävä", "palvelutehtävän nimi",
		"tehtävä", "tehtäväluokka", "palvelutehtäväluokka", "palvelualue",
		"serviceuppgift", "serviceuppgifter", "socialvårdens serviceuppgift", "uppgift", "uppgiftsklass",
		"service task", "service tasks", "task", "function",
	}},
	{FieldName, "Asiakirjan nimi", "Document name", []string{
		"asiakirjan nimi", "asiakirjan nimi organisaatiossa", "asiakirja", "asiakirjan nimike",
		"paikallinen nimi", "paikallinen asiakirjan nimi", "asiakirjan paikallinen nimi", "organisaation asiakirja",
		"asiakirjatyypin tarkenne", "tarkenne", "nimi", "nimike", "lomake", "lomakkeen nimi", "asiakasasiakirja",
		"asiakasasiakirjan nimi", "käytössä oleva nimi",
		"handling", "handlingens namn", "handlingens benämning", "lokalt namn", "namn", "benämning", "klienthandling",
		"document", "document name", "local name", "local document name", "name", "title",
	}},
	{FieldNational, "Valtakunnallinen asiakirjatyyppi", "National document type", []string{
		"valtakunnallinen asiakirjatyyppi", "valtakunnallinen asiakirja", "valtakunnallinen tyyppi",
		"valtakunnallinen asiakirjarakenne", "vastaava asiakirjarakenne", "vastaava valtakunnallinen asiakirja",
		"vastaava valtakunnallinen asiakirjatyyppi", "asiakirjarakenne", "asiakirjatyyppi", "asiakirjan tyyppi",
		"asiakasasiakirjatyyppi", "asiakasasiakirjan tyyppi", "sosmeta", "sosmeta asiakirja", "sosmeta koodi",
		"sosmeta rakenne", "sosmeta asiakirjatyyppi", "koodi", "asiakirjatyypin koodi", "oid", "kanta asiakirja",
		"nationell handlingstyp", "handlingstyp", "typ av klienthandling", "motsvarande handlingsstruktur",
		"handlingsstruktur", "kod",
		"national document type", "national type", "document type", "document type code", "code", "sosmeta code",
		"sosmeta structure", "structure",
	}},
	{FieldPhase, "Prosessin vaihe", "Process phase", []string{
		"prosessin vaihe", "prosessivaihe", "käsittelyvaihe", "vaihe", "palveluprosessin vaihe",
		"asiakasprosessin vaihe", "toimenpiteen tyyppi",
		"fas", "processfas", "skede", "behandlingsskede", "processkede",
		"phase", "process phase", "stage", "process stage",
	}},
	{FieldMedium, "Tallennusmuoto", "Medium", []string{
		"tallennusmuoto", "säilytysmuoto", "arkistointimuoto", "muoto", "paperinen sähköinen",
		"paperinen tai sähköinen", "paperi sähköinen", "paperi tai sähköinen", "paperinen vai sähköinen",
		"sähköinen paperinen", "paperinen sähköinen molemmat", "tallennusväline",
		"lagringsform", "form", "format", "pappers eller elektronisk", "papper elektronisk",
		"medium", "storage medium", "paper electronic", "paper or electronic",
	}},
	{FieldPaper, "Paperi", "Paper", []string{
		"paperi", "paperinen", "paperisena", "paperilla", "paperiasiakirja", "paperiversio",
		"papper", "pappersform", "i pappersform",
		"paper", "on paper",
	}},
	{FieldElectronic, "Sähköinen", "Electronic", []string{
		"sähköinen", "sähköisenä", "sähköisesti", "sähköinen asiakirja", "sähköinen versio", "digitaalinen",
		"elektronisk", "elektroniskt", "i elektronisk form",
		"electronic", "electronically", "digital",
	}},
	{FieldSystem, "Tietojärjestelmä", "Information system", []string{
		"tietojärjestelmä", "järjestelmä", "rekisteröinti tietojärjestelmä", "rekisteröinti",
		"tietojärjestelmän nimi", "järjestelmän nimi", "asiakastietojärjestelmä", "asiakasjärjestelmä",
		"sovellus", "ohjelmisto", "tallennusjärjestelmä",
		"informationssystem", "system", "datasystem", "klientdatasystem",
		"information system", "software", "application",
	}},
	{FieldRegister, "Rekisteri", "Register", []string{
		"rekisteri", "asiakasrekisteri", "henkilörekisteri", "rekisterin nimi", "rekisteritunnus",
		"register", "registret", "klientregister", "personregister",
		"registry", "register name",
	}},
	{FieldBasis, "Käsittelyperuste", "Processing basis", []string{
		"käsittelyperuste", "järjestämistapa", "palvelun järjestämistapa", "tuotantotapa", "palvelun tuotantotapa",
		"asiakkuuden peruste", "palvelun peruste",
		"behandlingsgrund", "ordningssätt", "anordningssätt",
		"processing basis", "basis", "service arrangement", "arrangement", "production basis",
	}},
	{FieldController, "Rekisterinpitäjä", "Controller", []string{
		"rekisterinpitäjä", "rekisterinpitäjän nimi", "rekisterinpitäjän y-tunnus", "rekisterinpitäjä y-tunnus",
		"kenen rekisteri", "rekisterin omistaja", "rekisterin pitäjä",
		"registeransvarig", "personuppgiftsansvarig", "registerförare",
		"controller", "data controller", "register controller", "register owner",
	}},
	{FieldTOS, "TOS-viite", "TOS reference", []string{
		"tos", "tos viite", "tos tunnus", "tos kohta", "tos luokka", "tos numero", "tiedonohjaussuunnitelma",
		"tiedonohjaussuunnitelman kohta", "viite tiedonohjaussuunnitelmaan",
		"informationsstyrningsplan", "tos referens",
		"tos reference", "records management plan", "tos ref",
	}},
	{FieldAMS, "AMS-viite", "AMS reference", []string{
		"ams", "ams viite", "ams tunnus", "ams kohta", "arkistonmuodostussuunnitelma", "arkistonmuodostus",
		"arkistonmuodostussuunnitelman kohta",
		"arkivbildningsplan", "ams referens",
		"ams reference", "archive formation plan", "ams ref",
	}},
	{FieldRetention, "Säilytysaika", "Retention", []string{
		"säilytysaika", "säilytysajan pituus", "säilytysaika vuotta", "säilytysaika vuosina", "säilytys",
		"säilytysaika v", "asiakirjan säilytysaika",
		"bevaringstid", "förvaringstid", "bevaringstid år",
		"retention", "retention period", "retention years", "retention time",
	}},
	{FieldRetentionStart, "Säilytysajan laskentaperuste", "Retention start", []string{
		"säilytysajan laskentaperuste", "laskentaperuste", "säilytysajan alkamisajankohta", "säilytysajan alku",
		"säilytysaika alkaa", "säilytysajan alkaminen", "säilytysajan laskennan alkamisajankohta",
		"bevaringstidens beräkningsgrund", "beräkningsgrund", "bevaringstiden räknas från",
		"retention start", "retention trigger", "retention starts", "start event",
	}},
	{FieldNotes, "Huomautukset", "Notes", []string{
		"huomautukset", "huomautus", "huomioita", "lisätietoja", "lisätiedot", "kommentit", "kommentti", "huom",
		"muuta", "selite", "tarkennukset",
		"anmärkningar", "anmärkning", "tilläggsuppgifter", "kommentarer", "övrigt",
		"notes", "note", "comments", "comment", "remarks", "additional information",
	}},
}

// synonymIndex maps a folded synonym to its field; maxSynonymWords is the
// most words in one, which bounds the prefix search.
var synonymIndex, maxSynonymWords = func() (map[string]Field, int) {
	m := map[string]Field{}
	most := 0
	for _, s := range fieldTable {
		for _, syn := range s.Synonyms {
			f := textnorm.FoldHeader(syn)
			m[f] = s.Field
			most = max(most, len(strings.Fields(f)))
		}
	}
	return m, most
}()

// keyIndex maps the textnorm.HeaderKey of a synonym to its field, so a
// CamelCase, snake_case or run-together header ("AsiakirjanNimi",
// "sailytys_aika", "tosviite") reads like the spaced synonym. A key that
// two fields share is left out: refused, not guessed.
var keyIndex = func() map[string]Field {
	m, shared := map[string]Field{}, map[string]bool{}
	for _, s := range fieldTable {
		for _, syn := range s.Synonyms {
			k := textnorm.HeaderKey(syn)
			if f, ok := m[k]; ok && f != s.Field {
				shared[k] = true
			}
			m[k] = s.Field
		}
	}
	for k := range shared {
		delete(m, k)
	}
	return m
}()

// maxHeaderLen: longer cells are instructions or data, never a header.
const maxHeaderLen = 200

// Fields lists the readable fields in template order.
func Fields() []Field {
	out := make([]Field, len(fieldTable))
	for i, s := range fieldTable {
		out[i] = s.Field
	}
	return out
}

// Label returns the field's name in a report language ("fi" or "en").
func (f Field) Label(lang string) string {
	if f == FieldIgnore {
		if lang == "en" {
			return "ignored (mapping)"
		}
		return "ohitetaan (vastaavuustiedosto)"
	}
	for _, s := range fieldTable {
		if s.Field == f {
			if lang == "en" {
				return s.EN
			}
			return s.FI
		}
	}
	return string(f)
}

// ParseField reads a field name as written in a mapping file: the field
// ID ("name", "service_task") or its Finnish or English label.
func ParseField(s string) (Field, error) {
	f := textnorm.Fold(s)
	if f == "" {
		return FieldNone, fmt.Errorf("empty field name")
	}
	switch f {
	case "ignore", "ohita", "ohitetaan", "skip", "-":
		return FieldIgnore, nil
	}
	for _, spec := range fieldTable {
		if f == textnorm.Fold(string(spec.Field)) || f == textnorm.Fold(spec.FI) || f == textnorm.Fold(spec.EN) {
			return spec.Field, nil
		}
	}
	return FieldNone, fmt.Errorf("unknown field %q (want one of %s, or ignore)", s, strings.Join(fieldIDs(), ", "))
}

func fieldIDs() []string {
	ids := make([]string, len(fieldTable))
	for i, s := range fieldTable {
		ids[i] = string(s.Field)
	}
	return ids
}

// How a header was understood.
const (
	ViaMapping = "mapping" // the column-mapping file named it
	ViaSynonym = "synonym" // the folded header is a synonym
	ViaPrefix  = "prefix"  // the header begins with a synonym ("Asiakirjan nimi ja tunniste")
)

// matchHeader says which field a header cell holds. Mapping entries win;
// then an exact synonym, then the longest synonym the header starts with
// on whole words. There is no suffix or substring matching on purpose:
// "Salassapitoajan laskentaperuste" must not become the retention start.
func matchHeader(header string, m *Mapping) (Field, string) {
	if f, ok := m.lookup(header); ok {
		return f, ViaMapping
	}
	if len(header) > maxHeaderLen {
		return FieldNone, "" // a paragraph, not a header
	}
	h := textnorm.FoldHeader(header)
	if h == "" {
		return FieldNone, ""
	}
	if f, ok := synonymIndex[h]; ok {
		return f, ViaSynonym
	}
	if f, ok := keyIndex[strings.ReplaceAll(h, " ", "")]; ok {
		return f, ViaSynonym
	}
	words := strings.Split(h, " ")
	for n := min(len(words)-1, maxSynonymWords); n >= 1; n-- {
		if f, ok := synonymIndex[strings.Join(words[:n], " ")]; ok {
			return f, ViaPrefix
		}
	}
	return FieldNone, ""
}

// exactHeader is matchHeader restricted to the mapping and exact synonyms;
// two-row headers try it first so "Tallennusmuoto / Paperi" is the paper
// mark column, not the medium column by prefix.
func exactHeader(header string, m *Mapping) (Field, string) {
	if f, ok := m.lookup(header); ok {
		return f, ViaMapping
	}
	if len(header) > maxHeaderLen {
		return FieldNone, ""
	}
	if f, ok := synonymIndex[textnorm.FoldHeader(header)]; ok {
		return f, ViaSynonym
	}
	if f, ok := keyIndex[textnorm.HeaderKey(header)]; ok {
		return f, ViaSynonym
	}
	return FieldNone, ""
}
