package inventory

import (
	"testing"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

func TestMatchHeader(t *testing.T) {
	tests := []struct {
		header string
		want   Field
		via    string
	}{
		{"Palvelutehtävä", FieldServiceTask, ViaSynonym},
		{"PALVELUTEHTÄVÄ", FieldServiceTask, ViaSynonym},
		{"2.13 Tehtävä", FieldServiceTask, ViaSynonym},
		{"Tehtäväluokka", FieldServiceTask, ViaSynonym},
		{"Serviceuppgift", FieldServiceTask, ViaSynonym},
		{"Asiakirjan\nnimi (organisaatiossa)", FieldName, ViaSynonym},
		{"Asiakirjatyypin tarkenne (=asiakirjallinen tieto)", FieldName, ViaSynonym},
		{"Asiakirjan nimi ja tunniste", FieldName, ViaPrefix},
		{"Handlingens namn", FieldName, ViaSynonym},
		{"2.15 Asiakirjan tyyppi", FieldNational, ViaSynonym},
		{"Vastaava asiakirjarakenne (Sosmeta)", FieldNational, ViaSynonym},
		{"OID", FieldNational, ViaSynonym},
		{"Nationell handlingstyp", FieldNational, ViaSynonym},
		{"5.6 Käsittelyvaihe", FieldPhase, ViaSynonym},
		{"Fas", FieldPhase, ViaSynonym},
		{"Paperinen/sähköinen", FieldMedium, ViaSynonym},
		{"Tallennusmuoto", FieldMedium, ViaSynonym},
		{"Paperi", FieldPaper, ViaSynonym},
		{"Sähköinen", FieldElectronic, ViaSynonym},
		{"Rekisteröinti/ Tietojärjestelmä", FieldSystem, ViaSynonym},
		{"Rekisteri", FieldRegister, ViaSynonym},
		{"TOS-viite", FieldTOS, ViaSynonym},
		{"Arkistonmuodostussuunnitelma", FieldAMS, ViaSynonym},
		{"2.11.1 Säilytysaika", FieldRetention, ViaSynonym},
		{"Säilytysaika (vuotta)", FieldRetention, ViaSynonym},
		{"Bevaringstid", FieldRetention, ViaSynonym},
		{"Säilytysajan laskentaperuste", FieldRetentionStart, ViaSynonym},
		{"Lisätietoja", FieldNotes, ViaSynonym},
		{"Anmärkningar", FieldNotes, ViaSynonym},
		// Helsinki TOS headers that are not inventory fields.
		{"Salassapitoajan laskentaperuste", FieldNone, ""},
		{"Paperiasiakirjojen säilytysaika työpisteessä", FieldNone, ""},
		{"Henkilötunnus", FieldNone, ""},
		{"2.11.2 Säilytysajan peruste", FieldNone, ""},
		{"Asiakkaan nimi", FieldNone, ""},
		{"Tietojärjestelmän toimittaja", FieldNone, ""},
		{"", FieldNone, ""},
		{"2.15", FieldNone, ""},
	}
	for _, tt := range tests {
		f, via := matchHeader(tt.header, nil)
		if f != tt.want || via != tt.via {
			t.Errorf("matchHeader(%q) = %q via %q, want %q via %q", tt.header, f, via, tt.want, tt.via)
		}
	}
}

func TestSynonymsUnique(t *testing.T) {
	seen := map[string]Field{}
	for _, s := range fieldTable {
		for _, syn := range s.Synonyms {
			k := textnorm.FoldHeader(syn)
			if k == "" {
				t.Errorf("synonym %q folds to nothing", syn)
			}
			if f, ok := seen[k]; ok && f != s.Field {
				t.Errorf("synonym %q belongs to both %s and %s", syn, f, s.Field)
			}
			seen[k] = s.Field
		}
		// Every field's own labels must be recognised: the template writes them.
		for _, l := range []string{s.FI, s.EN} {
			if f, _ := matchHeader(l, nil); f != s.Field {
				t.Errorf("label %q of %s reads as %q", l, s.Field, f)
			}
		}
	}
}

func TestParseField(t *testing.T) {
	for in, want := range map[string]Field{"name": FieldName, "Asiakirjan nimi": FieldName, "service_task": FieldServiceTask,
		"Service task": FieldServiceTask, "ignore": FieldIgnore, "retention start": FieldRetentionStart} {
		if got, err := ParseField(in); err != nil || got != want {
			t.Errorf("ParseField(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "nimi_x", "foo"} {
		if _, err := ParseField(in); err == nil {
			t.Errorf("ParseField(%q): no error", in)
		}
	}
}

func TestNormaliseNumber(t *testing.T) {
	for in, want := range map[string]string{
		"11023": "11023", "11023.0": "11023", "11023,0": "11023", "11 023": "11023", "11\u00a0023": "11023",
		"1.1023E+4": "11023", "1.1023e4": "11023", "11023.5": "11023.5", "05 02 03": "05 02 03",
		"1.2.246.537.6.1506.11023": "1.2.246.537.6.1506.11023", "Päätös": "Päätös", "": "", "AMS 3.2": "AMS 3.2",
		"-1": "-1", "1e400": "1e400", "NaN": "NaN", "12.": "12",
	} {
		if got := normaliseNumber(in); got != want {
			t.Errorf("normaliseNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseRetention(t *testing.T) {
	tests := []struct {
		in    string
		years int
		ok    bool
	}{
		{"10", 10, true}, {"10 v", 10, true}, {"10 vuotta", 10, true}, {"10v", 10, true}, {"10.0", 10, true},
		{"10,0", 10, true}, {"120 v lapsen syntymästä", 120, true}, {"2 v asiakkaan kuolemasta", 2, true},
		{"10 år", 10, true}, {"10 years", 10, true}, {"0", 0, true},
		{"pysyvä", -1, true}, {"Pysyvästi", -1, true}, {"säilytetään pysyvästi", -1, true}, {"-1", -1, true},
		{"-1 (säilytetään pysyvästi)", -1, true}, {"varaktigt", -1, true}, {"permanent", -1, true},
		{"", 0, false}, {"asiakkuuden ajan", 0, false}, {"6 kk", 0, false}, {"2,5", 0, false}, {"-12", 0, false},
		{"123456", 0, false},
	}
	for _, tt := range tests {
		y, ok := parseRetention(tt.in)
		if y != tt.years || ok != tt.ok {
			t.Errorf("parseRetention(%q) = %d, %v; want %d, %v", tt.in, y, ok, tt.years, tt.ok)
		}
	}
}

func TestParseMedium(t *testing.T) {
	tests := []struct {
		in   string
		want Medium
		ok   bool
	}{
		{"paperi", MediumPaper, true}, {"Paperinen", MediumPaper, true}, {"papper", MediumPaper, true},
		{"sähköinen", MediumElectronic, true}, {"Sähköisesti", MediumElectronic, true}, {"elektronisk", MediumElectronic, true},
		{"molemmat", MediumBoth, true}, {"Paperi ja sähköinen", MediumBoth, true}, {"paperi/sähköinen", MediumBoth, true},
		{"båda", MediumBoth, true}, {"both", MediumBoth, true}, {"", MediumUnknown, true}, {"mikrofilmi", MediumUnknown, false},
	}
	for _, tt := range tests {
		got, ok := parseMedium(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseMedium(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMarked(t *testing.T) {
	for in, want := range map[string]bool{"x": true, "X": true, "kyllä": true, "1": true, "✓": true, "osittain": true,
		"": false, " ": false, "-": false, "ei": false, "0": false, "Nej": false} {
		if got := marked(in); got != want {
			t.Errorf("marked(%q) = %v", in, got)
		}
	}
}

func TestMaskHetu(t *testing.T) {
	tests := []struct {
		in, want string
		masked   bool
	}{
		{"131052-308T", "[henkilötunnus]", true},
		{"asiakas 010101A123N ja 311299+999J.", "asiakas [henkilötunnus] ja [henkilötunnus].", true},
		{"010594Y9032", "[henkilötunnus]", true},
		{"05 02 03", "05 02 03", false},
		{"1.2.246.537.6.1506.11023", "1.2.246.537.6.1506.11023", false},
		{"991352-308T", "991352-308T", false},      // no such date
		{"x131052-308T", "x[henkilötunnus]", true}, // a prefix glued on: still a code (issue 13)
		{"131052-308Tx", "131052-308Tx", false},
		{"Päätös 12.4.2017", "Päätös 12.4.2017", false},
		// Issue 13: lower-case century signs and check characters.
		{"Asiakas 130672a3470", "Asiakas [henkilötunnus]", true},
		{"130672y347t_muistio", "[henkilötunnus]_muistio", true},
		{"Lomake 100234-001", "Lomake 100234-001", false}, // a form number, no check character
		{"D130672a3470", "D[henkilötunnus]", true},
	}
	for _, tt := range tests {
		got, masked := maskHetu(tt.in)
		if got != tt.want || masked != tt.masked {
			t.Errorf("maskHetu(%q) = %q, %v", tt.in, got, masked)
		}
	}
}

func TestColumnLetter(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA", -1: ""} {
		if got := columnLetter(i); got != want {
			t.Errorf("columnLetter(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestInstructionSheetNames(t *testing.T) {
	for name, want := range map[string]bool{"Ohjeet": true, "Täyttöohje": true, "1 Ohjeet": true, "Koodistot": true,
		"Instructions": true, "Anvisningar": true, "Inventaario": false, "Lastensuojelu": false, "Taul1": false} {
		if got := isInstructionSheet(name); got != want {
			t.Errorf("isInstructionSheet(%q) = %v", name, got)
		}
	}
}
