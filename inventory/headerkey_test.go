package inventory

import (
	"testing"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// TestHeaderSpellings: inventory headers as spreadsheets exported from
// databases write them read like the spaced synonyms; look-alikes and
// generic words are not guessed.
func TestHeaderSpellings(t *testing.T) {
	for h, want := range map[string]Field{
		"AsiakirjanNimi":                  FieldName,
		"asiakirjan_nimi":                 FieldName,
		"PalveluTehtävä":                  FieldServiceTask,
		"ProsessinVaihe":                  FieldPhase,
		"prosessi_vaihe":                  FieldPhase,
		"Tietojärjestelmä":                FieldSystem,
		"TietoJarjestelma":                FieldSystem,
		"SäilytysAika":                    FieldRetention,
		"sailytysajanpituus":              FieldRetention,
		"TOSViite":                        FieldTOS,
		"tosviite":                        FieldTOS,
		"AMS_viite":                       FieldAMS,
		"HandlingensNamn":                 FieldName,
		"DocumentName":                    FieldName,
		"retentionPeriod":                 FieldRetention,
		"ServiceTask":                     FieldServiceTask,
		"AsiakirjanNimiJaTunnus":          FieldName, // the whole-word prefix rule on split words
		"SäilytysajanLaskentaperuste":     FieldRetentionStart,
		"Salassapitoajan laskentaperuste": FieldNone, // not the retention start (no suffix matching)
		"ID":                              FieldNone,
		"Tunnus":                          FieldNone,
		"Organisaatio":                    FieldNone,
	} {
		if got, _ := matchHeader(h, nil); got != want {
			t.Errorf("matchHeader(%q) = %q, want %q", h, got, want)
		}
	}
}

// TestSynonymKeysUnique: no two fields share a header key, so keyIndex
// drops nothing.
func TestSynonymKeysUnique(t *testing.T) {
	seen := map[string]Field{}
	for _, s := range fieldTable {
		for _, syn := range s.Synonyms {
			k := textnorm.HeaderKey(syn)
			if f, ok := seen[k]; ok && f != s.Field {
				t.Errorf("synonym %q: key %q belongs to both %s and %s", syn, k, f, s.Field)
			}
			seen[k] = s.Field
			if keyIndex[k] != s.Field {
				t.Errorf("keyIndex[%q] = %q, want %q", k, keyIndex[k], s.Field)
			}
		}
	}
}
