package export

import (
	"errors"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus"
)

// TestVendorHeaderSets resolves whole header rows as vendors write them:
// CamelCase, snake_case, upper case, run-together and separated words, in
// Finnish, Swedish and English. Every header either names its field or is
// listed as unknown; none is guessed.
func TestVendorHeaderSets(t *testing.T) {
	tests := []struct {
		name    string
		header  []string
		want    map[Field]string // field → the header that must hold it
		unknown []string
	}{
		{
			name: "finnish CamelCase (database columns)",
			header: []string{"AsiakirjaID", "Versio", "AsiakkaanHetu", "Rekisteri", "RekisterinpitajanOID",
				"PalvelunJärjestäjäOID", "PalveluntuottajaID", "PalveluyksikköID", "Käsittelyperuste", "PalvelutehtäväKoodi",
				"AsiakirjaTyyppi", "AsiaTunnus", "LaatijanOrganisaatio", "Laatimisaika", "AsiakirjanTila", "MitätöinninSyy",
				"Erityissisältö", "MuokkausAika", "Liitteet", "AsiakasNimi"},
			want: map[Field]string{DocumentID: "AsiakirjaID", Version: "Versio", ClientID: "AsiakkaanHetu", Register: "Rekisteri",
				ControllerID: "RekisterinpitajanOID", OrganiserID: "PalvelunJärjestäjäOID", ProducerID: "PalveluntuottajaID",
				ServiceUnit: "PalveluyksikköID", Basis: "Käsittelyperuste", ServiceTask: "PalvelutehtäväKoodi",
				DocumentType: "AsiakirjaTyyppi", CaseID: "AsiaTunnus", AuthorOrg: "LaatijanOrganisaatio", Created: "Laatimisaika",
				Status: "AsiakirjanTila", VoidReason: "MitätöinninSyy", SpecialContent: "Erityissisältö", Modified: "MuokkausAika",
				Attachments: "Liitteet"},
			unknown: []string{"AsiakasNimi"},
		},
		{
			name: "finnish upper snake_case",
			header: []string{"ASIAKIRJA_TUNNISTE", "HENKILOTUNNUS", "REKISTERI_TUNNUS", "ASIAKIRJATYYPPI", "PALVELUTEHTAVA",
				"LAATIMIS_PVM", "ASIAKKUUDEN_ALKAMISPVM", "ASIAKKUUDEN_PAATTYMISPVM", "TILA"},
			want: map[Field]string{DocumentID: "ASIAKIRJA_TUNNISTE", ClientID: "HENKILOTUNNUS", Register: "REKISTERI_TUNNUS",
				DocumentType: "ASIAKIRJATYYPPI", ServiceTask: "PALVELUTEHTAVA", Created: "LAATIMIS_PVM",
				UnitStart: "ASIAKKUUDEN_ALKAMISPVM", UnitEnd: "ASIAKKUUDEN_PAATTYMISPVM", Status: "TILA"},
		},
		{
			name: "finnish run-together and hyphenated words",
			header: []string{"asiakirjantunniste", "asiakkaanhenkilötunnus", "Rekisterin-pitäjä", "palvelun järjestäjä",
				"palveluntuottaja", "asiakirja-tyyppi", "laatimis-pvm", "Mitätöinti-syy", "liitteiden lukumäärä"},
			want: map[Field]string{DocumentID: "asiakirjantunniste", ClientID: "asiakkaanhenkilötunnus",
				ControllerID: "Rekisterin-pitäjä", OrganiserID: "palvelun järjestäjä", ProducerID: "palveluntuottaja",
				DocumentType: "asiakirja-tyyppi", Created: "laatimis-pvm", VoidReason: "Mitätöinti-syy", Attachments: "liitteiden lukumäärä"},
			unknown: []string{},
		},
		{
			name: "swedish",
			header: []string{"DokumentID", "KlientID", "Registertyp", "Registeransvarig", "Tjänstearrangör",
				"Serviceproducent", "Serviceenhet", "Serviceuppgift", "HandlingsTyp", "Ärendenummer", "Upprättad", "Tillstånd",
				"Ändrad", "ÄndradAv", "AntalBilagor"},
			want: map[Field]string{DocumentID: "DokumentID", ClientID: "KlientID", Register: "Registertyp", ControllerID: "Registeransvarig",
				OrganiserID: "Tjänstearrangör", ProducerID: "Serviceproducent", ServiceUnit: "Serviceenhet",
				ServiceTask: "Serviceuppgift", DocumentType: "HandlingsTyp", CaseID: "Ärendenummer", Created: "Upprättad",
				Status: "Tillstånd", Modified: "Ändrad", ModifierOrg: "ÄndradAv", Attachments: "AntalBilagor"},
			// KlientID with Personbeteckning is refused below: both name the client.
		},
		{
			name: "english camelCase",
			header: []string{"documentId", "versionNumber", "clientSsn", "registerCode", "controllerId", "controllerType",
				"organizerId", "providerId", "serviceUnitId", "processingBasis", "serviceTaskCode", "documentTypeCode",
				"caseNumber", "authorOrganization", "createdAt", "documentStatus", "voidReason", "sensitiveDocument",
				"unitStart", "unitEnd", "lastModified", "modifiedBy", "attachmentCount", "createdBy"},
			want: map[Field]string{DocumentID: "documentId", Version: "versionNumber", ClientID: "clientSsn", Register: "registerCode",
				ControllerID: "controllerId", ControllerKind: "controllerType", OrganiserID: "organizerId", ProducerID: "providerId",
				ServiceUnit: "serviceUnitId", Basis: "processingBasis", ServiceTask: "serviceTaskCode", DocumentType: "documentTypeCode",
				CaseID: "caseNumber", AuthorOrg: "authorOrganization", Created: "createdAt", Status: "documentStatus",
				VoidReason: "voidReason", SpecialContent: "sensitiveDocument", UnitStart: "unitStart", UnitEnd: "unitEnd",
				Modified: "lastModified", ModifierOrg: "modifiedBy", Attachments: "attachmentCount"},
			unknown: []string{"createdBy"},
		},
		{
			name:   "english snake_case with section numbers and remarks",
			header: []string{"1 document_id", "2 client_id (hetu)", "3 register", "4 doc_type", "5 Service-Task", "6 created_at"},
			want: map[Field]string{DocumentID: "1 document_id", ClientID: "2 client_id (hetu)", Register: "3 register",
				DocumentType: "4 doc_type", ServiceTask: "5 Service-Task", Created: "6 created_at"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ResolveHeader(tt.header, nil)
			if err != nil && len(tt.want) > 0 && containsRequired(tt.want) {
				t.Fatalf("ResolveHeader: %v", err)
			}
			if err != nil {
				// A set without the required columns: check the matches
				// one header at a time instead.
				for f, col := range tt.want {
					if got, ok := MatchHeader(col); !ok || got != f {
						t.Errorf("MatchHeader(%q) = %s, %v; want %s", col, got, ok, f)
					}
				}
				return
			}
			for f, col := range tt.want {
				if got := h.Column(f); got != col {
					t.Errorf("%s read from %q, want %q", f, got, col)
				}
			}
			if tt.unknown != nil && strings.Join(h.Unknown, "|") != strings.Join(tt.unknown, "|") {
				t.Errorf("unknown = %q, want %q", h.Unknown, tt.unknown)
			}
			// Nothing matched that the table does not expect.
			for f := Field(0); f < NumFields; f++ {
				if h.Has(f) && tt.want[f] == "" {
					t.Errorf("%s unexpectedly read from %q", f, h.Column(f))
				}
			}
		})
	}
}

func containsRequired(want map[Field]string) bool {
	for _, f := range Required {
		if want[f] == "" {
			return false
		}
	}
	return true
}

// TestHeaderAmbiguity: headers a looser matcher would guess at. Each must
// name no field (so a required column is reported missing, never taken
// from a look-alike), or the whole header row must be refused.
func TestHeaderAmbiguity(t *testing.T) {
	for _, h := range []string{
		// Generic words that could be any of several fields.
		"ID", "Id", "OID", "Tunnus", "Tunniste", "Koodi", "Code", "Tyyppi", "Type", "Typ", "Laji", "Nimi", "Name",
		"Pvm", "Aika", "Date", "Organisaatio", "OrganisaatioOID", "Organisation", "Org", "Palvelu", "Asiakirja", "AsiakirjaKoodi",
		// A field's name plus words that make it something else.
		"AsiakasNimi", "ClientName", "RekisterinpitäjänNimi", "AsiakirjaTyyppiNimi", "DocumentTypeName", "CreatedBy",
		"LuotuID", "VersioID", "VersionID", "AsiakkuusID", "TilaSelite", "AsiakirjaTunnisteVanha",
		// Only the id word is left once the field name is taken away.
		"_id", "ID_", "-OID-",
	} {
		if f, ok := MatchHeader(h); ok {
			t.Errorf("MatchHeader(%q) = %s: a guess; it must name no field", h, f)
		}
	}

	refused := []struct {
		name   string
		header []string
		inMsg  string
	}{
		{"two spellings of one column", []string{"AsiakirjaID", "asiakirja_id", "hetu", "rekisteri", "asiakirjatyyppi"}, "both mean document_id"},
		{"id and code of the client", []string{"DokumentID", "KlientID", "Personbeteckning", "Register", "Handlingstyp"}, "both mean client_id"},
		{"CamelCase and spaced", []string{"AsiakirjanTunniste", "Asiakirjan tunniste", "hetu", "rekisteri", "asiakirjatyyppi"}, "both mean document_id"},
		{"only generic ids", []string{"ID", "AsiakasID", "Rekisteri", "Tyyppi"}, "lacks required column(s) document_id, document_type"},
	}
	for _, tt := range refused {
		_, err := ResolveHeader(tt.header, nil)
		if !errors.Is(err, kartoitus.ErrNotRecognised) || !strings.Contains(err.Error(), tt.inMsg) {
			t.Errorf("%s: err = %v, want ErrNotRecognised with %q", tt.name, err, tt.inMsg)
		}
	}
}

// TestBuiltinHeaderKeysUnambiguous: no two fields share a header key, so
// MatchHeader never has to refuse a built-in name. buildHeaderKeys is
// also shown to refuse a shared key, so the guard can fail.
func TestBuiltinHeaderKeysUnambiguous(t *testing.T) {
	if len(ambiguousKeys) > 0 {
		t.Errorf("built-in synonyms share header keys: %v", ambiguousKeys)
	}
	keys, amb := buildHeaderKeys(map[Field][]string{DocumentID: {"asiakirja tunnus"}, CaseID: {"AsiakirjaTunnus"}})
	if _, ok := keys["asiakirjatunnus"]; ok || len(amb["asiakirjatunnus"]) != 2 {
		t.Errorf("a key shared by two fields was not refused: keys %v, ambiguous %v", keys["asiakirjatunnus"], amb)
	}
	// Every synonym still matches its own field.
	for f := Field(0); f < NumFields; f++ {
		for _, s := range Synonyms(f) {
			if got, ok := MatchHeader(s); !ok || got != f {
				t.Errorf("synonym %q of %s matches %s, %v", s, f, got, ok)
			}
		}
	}
}

// TestMappingFileFolding: a mapping entry matches its column however the
// export separates the words, and two entries that fold alike but map
// differently are refused at load.
func TestMappingFileFolding(t *testing.T) {
	m, err := ParseMapping("map.yaml", []byte("columns:\n  \"Dok nro\": document_id\n  \"Sis. huom\": ignore\n"))
	if err != nil {
		t.Fatal(err)
	}
	h, err := ResolveHeader([]string{"DokNro", "SisHuom", "hetu", "rekisteri", "asiakirjatyyppi"}, m)
	if err != nil {
		t.Fatal(err)
	}
	if h.Column(DocumentID) != "DokNro" || strings.Join(h.Ignored, "|") != "SisHuom" {
		t.Errorf("document_id from %q, ignored %q", h.Column(DocumentID), h.Ignored)
	}
	for _, tt := range []struct{ yaml, inMsg string }{
		{"columns:\n  \"Asiakirja ID\": document_id\n  \"AsiakirjaID\": client_id\n", `"Asiakirja ID" and "AsiakirjaID" name the same column`},
		{"columns:\n  \"Lisätieto\": ignore\n  \"LISATIETO\": notes_x\n", "unknown field"},
		{"columns:\n  \"Oma_ID\": ignore\n  \"OmaID\": document_id\n", "name the same column"},
	} {
		if _, err := ParseMapping("map.yaml", []byte(tt.yaml)); err == nil || !strings.Contains(err.Error(), tt.inMsg) {
			t.Errorf("ParseMapping(%q) = %v, want an error with %q", tt.yaml, err, tt.inMsg)
		}
	}
	// Entries that fold alike and agree are fine.
	if _, err := ParseMapping("map.yaml", []byte("columns:\n  \"Oma ID\": document_id\n  \"OmaID\": document_id\n")); err != nil {
		t.Errorf("agreeing entries refused: %v", err)
	}
}

func FuzzMatchHeader(f *testing.F) {
	for _, s := range []string{"AsiakirjaID", "asiakirja_id", "ÄndradAv", "ID", "OIDKoodi", "\u0301", "A\u00e4B", "__", "1.2 X (y)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		f1, ok1 := MatchHeader(s)
		if ok1 && f1 >= NumFields {
			t.Fatalf("MatchHeader(%q) = field %d", s, f1)
		}
		// Matching does not depend on case or on the separators used.
		f2, ok2 := MatchHeader(strings.ReplaceAll(s, " ", "_"))
		if ok1 != ok2 || f1 != f2 {
			t.Fatalf("MatchHeader(%q) = %s,%v but with _ = %s,%v", s, f1, ok1, f2, ok2)
		}
	})
}
