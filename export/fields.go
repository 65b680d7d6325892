// Package export reads a client-system register export — one row per
// client document with its register, controller, organiser, producer,
// service task and document type — as a stream with bounded memory: CSV
// (';', ',' or tab; UTF-8, UTF-8 with BOM or Windows-1252) through
// encoding/csv with ReuseRecord, or a small XLSX sheet through excelize's
// row iterator. Vendor column names are mapped to the canonical fields by
// built-in synonyms plus an optional mapping file; vendor value codes can
// be mapped too.
//
// The reader only reads: every row comes back as a Record or as a
// *RowError carrying its line number. Judging the rows is the separation
// package's job.
package export

import (
	"strings"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Field is a canonical export field.
type Field uint8

// The canonical fields, in the order of the agreed column names.
const (
	DocumentID Field = iota
	Version
	ClientID
	Register
	ControllerID
	ControllerKind
	OrganiserID
	ProducerID
	ServiceUnit
	Basis
	ServiceTask
	DocumentType
	CaseID
	AuthorOrg
	Created
	Status
	VoidReason
	SpecialContent
	UnitStart
	UnitEnd
	// Modified, ModifierOrg and Attachments describe the version a row
	// holds (when it was stored, by which organisation, with how many
	// attachments). The deployment test (deploytest) needs them; the
	// register gate does not, so the reader keeps them as text and a
	// malformed value never rejects a row there (see ParseTime, ParseCount).
	Modified
	ModifierOrg
	Attachments
	// OrganiserKind is public, private or kela: whether the organiser is
	// an authority, which the controller-kind rule (REG012) needs.
	OrganiserKind
	NumFields
)

// fieldNames are the canonical snake_case column names (agreed with the
// samples; the reader always accepts them).
var fieldNames = [NumFields]string{
	"document_id", "version", "client_id", "register", "controller_id", "controller_kind",
	"organiser_id", "producer_id", "service_unit", "basis", "service_task", "document_type",
	"case_id", "author_org", "created", "status", "void_reason", "special_content",
	"unit_start", "unit_end", "modified", "modifier_org", "attachments",
	"organiser_kind",
}

func (f Field) String() string {
	if f < NumFields {
		return fieldNames[f]
	}
	return "field?"
}

// Fields returns every canonical field in order.
func Fields() []Field {
	out := make([]Field, NumFields)
	for i := range out {
		out[i] = Field(i)
	}
	return out
}

// ParseField maps a canonical name ("client_id", also "client id") to a
// Field.
func ParseField(s string) (Field, bool) {
	f := textnorm.Fold(s)
	for i, n := range fieldNames {
		if textnorm.Fold(n) == f {
			return Field(i), true
		}
	}
	return 0, false
}

// Required are the fields without which no row can be judged: which
// document, whose, in which register, of which type. Every other field is
// optional; the rules that need an absent one report themselves as not
// checked.
var Required = []Field{DocumentID, ClientID, Register, DocumentType}

// IsRequired reports whether f is in Required.
func IsRequired(f Field) bool {
	for _, r := range Required {
		if r == f {
			return true
		}
	}
	return false
}

// synonyms are vendor and Finnish/Swedish/English header names per field.
// They are compared by textnorm.HeaderKey (see MatchHeader), so case,
// diacritics, punctuation, CamelCase, word separators and a leading
// section number do not matter.
var synonyms = map[Field][]string{
	DocumentID: {"asiakirjan tunniste", "asiakirjan tunnus", "asiakirjatunnus", "asiakirjatunniste",
		"asiakirja id", "asiakirjan id", "asiakirjan oid", "asiakirja oid", "dokumentin tunniste",
		"document id", "doc id", "docid", "record id", "setid", "set id", "dokument id", "handlingens id"},
	Version: {"versio", "versionumero", "asiakirjan versio", "version", "version number", "versionnummer"},
	ClientID: {"henkilotunnus", "hetu", "asiakkaan henkilotunnus", "asiakkaan hetu", "asiakas hetu",
		"asiakastunnus", "asiakas id", "asiakkaan tunniste", "asiakkaan tunnus", "asiakas", "sotu",
		"client id", "client", "customer id", "person id", "patient id", "personbeteckning", "klient id",
		"ssn", "client ssn", "social security number", "personal identity code"},
	Register: {"rekisteri", "rekisteritunnus", "rekisterin tunnus", "asiakirjan rekisteritunnus",
		"rekisterin tunniste", "register", "register id", "registry", "register code", "registertyp"},
	ControllerID: {"rekisterinpitaja", "rekisterinpitajan tunniste", "rekisterinpitajan tunnus",
		"rekisterinpitajan oid", "rekisterinpitaja id", "controller", "controller id", "custodian",
		"custodian id", "registeransvarig"},
	ControllerKind: {"rekisterinpitajan laji", "rekisterinpitajan tyyppi", "rekisterinpitajatyyppi",
		"controller kind", "controller type", "custodian type", "custodian type code"},
	OrganiserID: {"palvelunjarjestaja", "palvelun jarjestaja", "jarjestaja", "palvelunjarjestajan tunniste",
		"palvelunjarjestajan oid", "jarjestaja id", "organiser", "organizer", "organiser id", "organizer id",
		"service organiser", "service organizer", "outsourcing service customer", "tjanstearrangor"},
	ProducerID: {"palveluntuottaja", "palvelun tuottaja", "tuottaja", "palveluntuottajan tunniste",
		"palveluntuottajan oid", "tuottaja id", "producer", "producer id", "provider", "provider id",
		"service provider", "serviceproducent"},
	ServiceUnit: {"palveluyksikko", "palveluyksikon tunniste", "palveluyksikon oid", "palveluyksikon nimi",
		"tuottajan palveluyksikko", "toimintayksikko", "yksikko", "service unit", "service unit id", "unit",
		"unit id", "serviceenhet"},
	Basis: {"kasittelyperuste", "jarjestamistapa", "palvelun jarjestamistapa", "peruste", "basis",
		"processing basis", "arrangement", "service arrangement", "ordningssatt"},
	ServiceTask: {"palvelutehtava", "palvelutehtavan koodi", "palvelutehtava koodi", "tehtava",
		"service task", "service task code", "task", "serviceuppgift"},
	DocumentType: {"asiakirjatyyppi", "asiakirjan tyyppi", "asiakirjalaji", "asiakirjan laji",
		"asiakasasiakirjatyyppi", "asiakirjatyypin koodi", "asiakirjaryhma", "document type",
		"document type code", "doc type", "type code", "handlingstyp"},
	CaseID: {"asiatunnus", "asian tunnus", "asian tunniste", "asia id", "case id", "case", "case number",
		"arendenummer", "diaarinumero"},
	AuthorOrg: {"laatijan organisaatio", "laatija organisaatio", "laatijaorganisaatio", "tallentaja",
		"tallentajan organisaatio", "kirjaajan organisaatio", "author org", "author organisation",
		"author organization", "authoring organisation", "upprattare"},
	Created: {"laadittu", "laatimisaika", "laatimispaiva", "laatimispvm", "luontiaika", "luotu", "aikaleima",
		"asiakirjan paivays", "paivays", "luontipvm", "luontipaiva", "created", "created at", "creation time",
		"creation date", "created date", "timestamp", "authored",
		"upprattad"},
	Status: {"tila", "asiakirjan tila", "status", "document status", "record status", "tillstand"},
	VoidReason: {"mitatoinnin syy", "mitatointisyy", "mitatoinnin peruste", "void reason", "voiding reason",
		"nullification reason", "orsak till makulering"},
	SpecialContent: {"erityissisalto", "erityinen sisalto", "special content", "sensitive", "sensitive document",
		"sarskilt innehall"},
	UnitStart: {"asiakkuuden alkamispvm", "asiakkuuden alkamispaiva", "asiakkuus alkaa",
		"palveluyksikon asiakkuus alkaa", "palveluyksikon asiakkuuden alkamispvm", "yksikon asiakkuus alkaa",
		"unit start", "relationship start", "client relationship start"},
	UnitEnd: {"asiakkuuden paattymispvm", "asiakkuuden paattymispaiva", "asiakkuus paattyy",
		"palveluyksikon asiakkuus paattyy", "palveluyksikon asiakkuuden paattymispvm", "yksikon asiakkuus paattyy",
		"unit end", "relationship end", "client relationship end"},
	Modified: {"muokattu", "muokkausaika", "muokkauspaiva", "muokkauspvm", "viimeksi muokattu", "paivitetty",
		"paivitysaika", "version aika", "version tallennusaika", "modified", "modified at", "last modified",
		"modification time", "updated", "updated at", "version time", "andrad", "senast andrad", "andringstid"},
	ModifierOrg: {"muokkaaja", "muokkaajan organisaatio", "muokkaajaorganisaatio", "muokkaaja organisaatio",
		"paivittajan organisaatio", "version tallentaja", "modifier org", "modifier", "modifier organisation",
		"modifier organization", "modified by", "modified by organisation", "modified by organization",
		"andrad av", "andrarens organisation"},
	Attachments: {"liitteet", "liitteita", "liitteiden lukumaara", "liitteiden maara", "liitemaara", "liitteet kpl",
		"attachments", "attachment count", "number of attachments", "bilagor", "antal bilagor"},
	OrganiserKind: {"palvelunjarjestajan laji", "palvelunjarjestajan tyyppi", "jarjestajan laji", "jarjestajan tyyppi",
		"jarjestajatyyppi", "palvelunjarjestajatyyppi", "organiser kind", "organizer kind", "organiser type",
		"organizer type", "tjanstearrangorens typ", "anordnarens typ"},
}

// idWords are the words vendors append to a column holding a code or an
// identifier: "PalvelunjärjestäjäOID", "Rekisteri_koodi", "ServiceUnitId".
var idWords = map[string]bool{"id": true, "oid": true, "tunnus": true, "tunniste": true, "koodi": true, "code": true, "kod": true}

// idFields hold an identifier or a code, so a header naming one of them
// plus an id word ("RekisteriID") is that field. The others do not: a
// "VersioID" is a version's identifier, not its number, and a "LuotuID"
// is no timestamp.
var idFields = map[Field]bool{DocumentID: true, ClientID: true, Register: true, ControllerID: true, ControllerKind: true,
	OrganiserID: true, ProducerID: true, ServiceUnit: true, Basis: true, ServiceTask: true, DocumentType: true, CaseID: true,
	AuthorOrg: true, Status: true, ModifierOrg: true, OrganiserKind: true}

// headerKeys maps the textnorm.HeaderKey of every canonical name and
// synonym to its field; ambiguousKeys are keys two fields share, which
// match nothing (TestBuiltinHeaderKeysUnambiguous keeps it empty).
var headerKeys, ambiguousKeys = buildHeaderKeys(synonyms)

func buildHeaderKeys(syn map[Field][]string) (map[string]Field, map[string][]Field) {
	keys, amb := map[string]Field{}, map[string][]Field{}
	add := func(name string, f Field) {
		k := textnorm.HeaderKey(name)
		if k == "" {
			return
		}
		if g, ok := keys[k]; ok && g != f {
			amb[k] = append(amb[k], g, f)
			return
		}
		if len(amb[k]) > 0 {
			amb[k] = append(amb[k], f)
			return
		}
		keys[k] = f
	}
	for f := Field(0); f < NumFields; f++ {
		add(fieldNames[f], f)
		for _, s := range syn[f] {
			add(s, f)
		}
	}
	for k := range amb {
		delete(keys, k)
	}
	return keys, amb
}

// MatchHeader says which canonical field a vendor's column header names,
// by the built-in names alone (a --mapping file comes first; see
// Mapping). A header matches when
//
//   - its textnorm.HeaderKey is that of a canonical name or synonym: case,
//     diacritics, CamelCase, separators (_ - . space) and run-together
//     words do not matter ("AsiakirjaID", "asiakirja_id", "Asiakirjan
//     tunniste", "asiakirjantunniste"); or
//   - its last word is an id word (ID, OID, tunnus, tunniste, koodi, code,
//     kod) and the words before it name a field that holds an identifier
//     or a code ("PalvelunjärjestäjäOID", "RekisteriKoodi").
//
// Nothing else matches: no prefix, substring or fuzzy matching, so
// "AsiakasNimi" is not the client id and "CreatedBy" is not the creation
// time, and a bare "ID", "Tyyppi" or "Organisaatio" names no field. A key
// two fields share is refused rather than given to either.
func MatchHeader(header string) (Field, bool) {
	folded := textnorm.FoldHeader(header)
	if folded == "" {
		return 0, false
	}
	k := strings.ReplaceAll(folded, " ", "")
	if len(ambiguousKeys[k]) > 0 {
		return 0, false
	}
	if f, ok := headerKeys[k]; ok {
		return f, true
	}
	words := strings.Fields(folded)
	if n := len(words); n >= 2 && idWords[words[n-1]] {
		rest := strings.Join(words[:n-1], "")
		if f, ok := headerKeys[rest]; ok && idFields[f] && len(ambiguousKeys[rest]) == 0 {
			return f, true
		}
	}
	return 0, false
}

// synonymIndex maps a folded header to its field.
var synonymIndex = func() map[string]Field {
	m := map[string]Field{}
	for f := Field(0); f < NumFields; f++ {
		m[textnorm.FoldHeader(fieldNames[f])] = f
		for _, s := range synonyms[f] {
			m[textnorm.FoldHeader(s)] = f
		}
	}
	return m
}()

// Synonyms returns the built-in header names of a field (for docs and the
// mapping-file template).
func Synonyms(f Field) []string { return append([]string{fieldNames[f]}, synonyms[f]...) }
