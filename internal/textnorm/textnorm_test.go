package textnorm

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Päätös lapsen huostaanotosta", "paatos lapsen huostaanotosta"},
		{"  LS-ilmoitus ", "ls ilmoitus"},
		{"Beslut om omhändertagande av barn", "beslut om omhandertagande av barn"},
		{"Asiakas-\nsuunnitelma", "asiakas suunnitelma"},
		{"Ärendehandling", "arendehandling"},
		{"", ""},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldHeader(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2.15 Asiakirjan tyyppi", "asiakirjan tyyppi"},
		{"2.11.1 Säilytysaika (vuotta)", "sailytysaika"},
		{"Rekisteröinti/ Tietojärjestelmä", "rekisterointi tietojarjestelma"},
		{"7.10", ""},
		{"Palvelu-\ntehtävä", "palvelu tehtava"},
		// CamelCase, as database-minded vendors write columns.
		{"AsiakirjaID", "asiakirja id"},
		{"asiakirjaId", "asiakirja id"},
		{"AsiakkaanHETU", "asiakkaan hetu"},
		{"OIDKoodi", "oid koodi"},
		{"PalvelunJärjestäjäOID", "palvelun jarjestaja oid"},
		{"ÄndradAv", "andrad av"},
		{"HETU", "hetu"},
		{"TOS-viite", "tos viite"},
		{"Osoite2ID", "osoite2id"},
		{"2.3 AsiakirjanTyyppi (koodi)", "asiakirjan tyyppi"},
	}
	for _, tt := range tests {
		if got := FoldHeader(tt.in); got != tt.want {
			t.Errorf("FoldHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeaderKey(t *testing.T) {
	same := [][]string{
		{"AsiakirjaID", "asiakirja_id", "Asiakirja-ID", "ASIAKIRJA ID", "asiakirjaid", "asiakirja.id", " Asiakirja  ID "},
		{"asiakirjantunniste", "Asiakirjan tunniste", "AsiakirjanTunniste", "ASIAKIRJAN_TUNNISTE"},
		{"Handlingstyp", "HandlingsTyp", "handlings_typ"},
	}
	for _, group := range same {
		want := HeaderKey(group[0])
		for _, h := range group[1:] {
			if got := HeaderKey(h); got != want {
				t.Errorf("HeaderKey(%q) = %q, want %q (as %q)", h, got, want, group[0])
			}
		}
	}
	// Different words stay different: no key is a prefix match.
	if HeaderKey("Asiakas") == HeaderKey("AsiakasNimi") || HeaderKey("Created") == HeaderKey("CreatedBy") {
		t.Error("HeaderKey merged different headers")
	}
}

func TestSameWord(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"kuntouttava", "kuntouttavan", true}, {"tyotoiminta", "tyotoiminnan", true}, {"paatos", "paatoksen", true},
		{"hakemus", "hakemuksen", true}, {"huolto", "huoltoon", true},
		{"arvio", "arviointi", false}, {"ls", "lsi", false}, {"suunnitelma", "sopimus", false}, {"lapsen", "lapset", true},
	} {
		if got := SameWord(tt.a, tt.b); got != tt.want {
			t.Errorf("SameWord(%q, %q) = %v, want %v (stems %q %q)", tt.a, tt.b, got, tt.want, Stem(tt.a), Stem(tt.b))
		}
	}
}

// TestFoldLatin1 checks the fast path against the definition on every
// rune below U+0100 alone and in company, and on random text of them.
func TestFoldLatin1(t *testing.T) {
	for r := range 256 {
		for _, s := range []string{string(rune(r)), "A" + string(rune(r)) + "b", " x" + string(rune(r)) + string(rune(r)) + "9 "} {
			if got, want := Fold(s), foldSlow(s); got != want {
				t.Errorf("Fold(%q) = %q, want %q", s, got, want)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(20); n > 0; n-- {
			b.WriteRune(rune(rng.IntN(256)))
		}
		if got, want := Fold(b.String()), foldSlow(b.String()); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", b.String(), got, want)
		}
	}
	// Past U+00FF the definition is used: a combining mark after a Latin-1
	// letter, Greek, Cyrillic.
	for _, s := range []string{"a\u0308iti", "Ω-mega", "Жук", "ﬁle"} {
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Päätös §12", "ÄÖÅ-äöå", "a\u0308", "LS-ilmoitus  (uusi)", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}
