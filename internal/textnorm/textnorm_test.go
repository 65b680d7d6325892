package textnorm

import "testing"

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
	}
	for _, tt := range tests {
		if got := FoldHeader(tt.in); got != tt.want {
			t.Errorf("FoldHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
