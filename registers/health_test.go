package registers

import "testing"

func TestLooksLikeHealthDocument(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"Potilaskertomus", true},
		{"Kotisairaanhoidon hoitosuunnitelma", true},
		{"Lääkärinlausunto", true},
		{"Lääkelista", true},
		{"Lääkehoitosuunnitelma", true},
		{"Hoitotyön yhteenveto", true},
		{"Epikriisi", true},
		{"Laboratoriotulokset", true},
		{"Röntgenlausunto", true},
		{"Rokotustiedot", true},
		{"Läkarintyg", true},
		{"Medical record", true},
		{"Työterveyshuollon kertomus", true},
		{"Kotihoidon lääkelista", true},
		{"Hoitotyön kirjaukset", true},
		{"Kotisairaanhoidon käyntilista", true},
		{"Iäkkäiden palvelupäätös", false},
		{"Lastensuojeluilmoitus", false},
		{"Kotihoidon hoito- ja palvelusu", false},
		// Social-welfare names that must not read as health documents.
		{"Mielenterveyskuntoutujan asumispalvelupäätös", false},
		{"Päätös kotihoidosta", false},
		{"Iäkkäiden palvelutarpeen arvio", false},
		{"Asiakaskertomus", false},
		{"Klientjournal", false},
		{"Seulontapäätös", false},
		{"Toimeentulotukipäätös", false},
		{"Terapeuttinen yhteistyö", false},
		{"", false},
	} {
		if got := LooksLikeHealthDocument(tc.name); got != tc.want {
			t.Errorf("LooksLikeHealthDocument(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
