package sosmeta

import "testing"

func TestRetentionByName(t *testing.T) {
	c := MustDefault()
	cases := map[string]string{
		"Tositteet":                             "R703-09",
		"Kuitit ja tositteet":                   "R703-09",
		"Asiakasmaksupäätös":                    "R703-10",
		"Päätös asiakasmaksusta":                "R703-10",
		"Tulo- ja menoselvitys":                 "R703-10",
		"Kirjeenvaihto asiakkaan kanssa":        "R703-11",
		"Kopiot muille annetuista lausunnoista": "R703-12",
		"Videotallenteet":                       "R703-13",
		"Käyttölokitiedot":                      "R703-14",
		"Luovutusilmoitukset":                   "R703-14",
		"Luovutuslupa":                          "R703-15",
		"Asiakkaan perustiedot":                 "R703-01",
		// Not document groups of the annex.
		"Päätös täydentävästä tai ehkäisevästä toimeentulotuesta": "",
		"Suostumus adoptioon":                  "",
		"Päätös yhteydenpidon rajoittamisesta": "",
		"Tallennettu asiakirja":                "",
		"Sosiaalihuollon lausunto":             "",
		"":                                     "",
	}
	for name, want := range cases {
		r, ok := c.RetentionByName(name)
		if got := map[bool]string{true: r.ID}[ok]; got != want {
			t.Errorf("RetentionByName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestRetentionByCode(t *testing.T) {
	c := MustDefault()
	for key, want := range map[string]string{"group:1": "R703-01", "group:8": "R703-15", "group:9": "R703-15", "11023": ""} {
		r, ok := c.RetentionByCode(c.ByKey(key))
		if got := map[bool]string{true: r.ID}[ok]; got != want {
			t.Errorf("RetentionByCode(%s) = %q, want %q", key, got, want)
		}
	}
	if _, ok := c.RetentionByCode(nil); ok {
		t.Error("RetentionByCode(nil) matched")
	}
	if r, ok := c.RetentionRule("R703-13"); !ok || r.Start != StartUseEnded || r.Years != 0 {
		t.Errorf("RetentionRule(R703-13) = %+v, %v", r, ok)
	}
}

func TestMatchesNameFoldsOverlayPatterns(t *testing.T) {
	r := RetentionRule{Names: []string{"Äänitalle", "KOPIO  lausun"}}
	for name, want := range map[string]bool{"äänitallenteet": true, "Kopiot lausunnoista": true, "lausunto": false} {
		if got := r.MatchesName(name); got != want {
			t.Errorf("MatchesName(%q) = %v, want %v", name, got, want)
		}
	}
}
