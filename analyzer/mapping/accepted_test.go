package mapping

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
)

func TestParseAccepted(t *testing.T) {
	cat := sosmeta.MustDefault()
	type want struct {
		name  string
		tasks []string
		key   string
	}
	for _, c := range []struct {
		name     string
		in       string
		entries  []want
		tally    finding.Tally
		rejected []string // substrings of rejection messages (EN)
	}{
		{
			name:    "semicolon, Finnish headers, code with name",
			in:      "Asiakirjan nimi;Palvelutehtävä;Koodi;Vahvistaja\nHO-päätös;Lastensuojelu;11023 Päätös lapsen huostaanotosta;Maija\n",
			entries: []want{{"ho-päätös", []string{"child_welfare"}, "11023"}},
			tally:   finding.Tally{Read: 1, Accepted: 1},
		},
		{
			name:    "comma, English headers, OID and group key, not national",
			in:      "name,service_task,code,comment\nAsiakkuus,,group:1,\nKahvikassan tilitys,Lastensuojelu,-,sisäinen\nKuuleminen,Iäkkäiden palvelut,1.2.246.537.6.1506.5004,\n",
			entries: []want{{"Asiakkuus", nil, "group:1"}, {"KAHVIKASSAN TILITYS", []string{"child_welfare"}, ""}, {"kuuleminen", []string{"older_people"}, "5004"}},
			tally:   finding.Tally{Read: 3, Accepted: 3},
		},
		{
			name:  "undecided rows are skipped, blank lines ignored",
			in:    "name;service_task;code\nPTA;Vanhuspalvelut;\n\n;;\nPTA;Vammaispalvelut;1013\n",
			tally: finding.Tally{Read: 2, Accepted: 1, Skipped: 1},
			entries: []want{
				{"pta", []string{"disability"}, "1013"},
			},
		},
		{
			name:     "bad rows are rejected with a reason",
			in:       "name;service_task;code\n;Lastensuojelu;4009\nX;Avaruuspalvelut;4009\nY;;99999\nZ;;4009\nz;;11023\nZ;;4009\n",
			tally:    finding.Tally{Read: 6, Accepted: 2, Rejected: 4},
			rejected: []string{"local name is empty", `unknown service task "Avaruuspalvelut"`, `unknown national document type "99999"`, "conflicts with row 5"},
			entries:  []want{{"Z", nil, "4009"}},
		},
		{
			// Issue 13: the rows after a stray quote were dropped silently.
			name:     "a stray quote rejects the rows it swallowed",
			in:       "name;service_task;code\nHO-päätös;Lastensuojelu;11023\n\"Kansio\" A;Lastensuojelu;4009\nB;;4009\nC;;4009\n",
			tally:    finding.Tally{Read: 4, Accepted: 1, Rejected: 3},
			rejected: []string{"lines 3–5 (3 lines) were rejected: a quote opened on line 3"},
			entries:  []want{{"HO-päätös", []string{"child_welfare"}, "11023"}},
		},
		{
			name:    "a quoted multi-line comment is one good row",
			in:      "name;service_task;code;comment\nB;;4009;\"rivi 1\nrivi 2\"\nC;;4009;\n",
			tally:   finding.Tally{Read: 2, Accepted: 2},
			entries: []want{{"B", nil, "4009"}, {"C", nil, "4009"}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := ParseAccepted("acc.csv", strings.NewReader(c.in), cat)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.entries {
				e, ok := a.Lookup(w.name, w.tasks)
				if !ok || e.Key != w.key {
					t.Errorf("Lookup(%q, %v) = %+v %v, want key %q", w.name, w.tasks, e, ok, w.key)
				}
			}
			c.tally.Source = "acc.csv"
			got := a.Tally
			if got.Encoding != "utf-8" || (got.Delimiter != ";" && got.Delimiter != ",") {
				t.Errorf("encoding %q delimiter %q", got.Encoding, got.Delimiter)
			}
			got.Encoding, got.Delimiter = "", ""
			if got != c.tally || !a.Tally.Balanced() {
				t.Errorf("tally = %+v, want %+v", a.Tally, c.tally)
			}
			if len(a.Rejected) != len(c.rejected) {
				t.Fatalf("rejected = %d findings %+v, want %d", len(a.Rejected), a.Rejected, len(c.rejected))
			}
			for i, r := range a.Rejected {
				if !strings.Contains(r.Message.EN, c.rejected[i]) || r.RuleID != "MAP006" || r.Location.Row == 0 || r.Location.File != "acc.csv" {
					t.Errorf("rejection %d = %+v, want %q with file and row", i, r, c.rejected[i])
				}
			}
		})
	}
}

func TestParseAcceptedWindows1252(t *testing.T) {
	src := "nimi;palvelutehtävä;koodi\nPäihdehuollon PTA;Päihdehuolto;1008\n"
	enc, err := charmap.Windows1252.NewEncoder().String(src)
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseAccepted("win.csv", strings.NewReader(enc), sosmeta.MustDefault())
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := a.Lookup("Päihdehuollon PTA", []string{"substance_abuse"}); !ok || e.Key != "1008" {
		t.Errorf("Windows-1252 file not read: %+v %v", e, ok)
	}
}

func TestParseAcceptedNotRecognised(t *testing.T) {
	for _, c := range []struct{ name, in, msg string }{
		{"empty", "", "empty accepted-mappings file"},
		{"header only", "name;code\n", "header but no rows"},
		{"no code column", "name;foo\nx;y\n", `no code columns in the header (saw: "name", "foo")`},
		{"nothing known", "a,b\n1,2\n", "no name and code columns"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseAccepted("x.csv", strings.NewReader(c.in), sosmeta.MustDefault())
			if !errors.Is(err, kartoitus.ErrNotRecognised) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %v, want ErrNotRecognised with %q", err, c.msg)
			}
		})
	}
}

// TestAcceptedRoundTrip: the template written from a run, read back as
// the accepted file, reproduces the same mapping for every document above
// the threshold, and re-running is deterministic.
func TestAcceptedRoundTrip(t *testing.T) {
	cat := sosmeta.MustDefault()
	docs := []inventory.Document{
		{Name: "LS-ilmoitus", ServiceTasks: []string{"child_welfare"}},
		{Name: "Asiakassuunnitelma", ServiceTasks: []string{"older_people"}},
		{Name: "Asiakassuunnitelma"}, // no task: candidates only
		{Name: "Kahvikassan tilitys", ServiceTasks: []string{"child_welfare"}},
		{Name: "ls-ilmoitus", ServiceTasks: []string{"child_welfare"}}, // same key as the first
	}
	m := newTestMatcher(t, nil)
	res := &Result{}
	for i := range docs {
		mt, _ := m.Match(InputOf(&docs[i]))
		mt.Doc = i
		res.Matches = append(res.Matches, mt)
	}
	rows := TemplateRows(cat, docs, res, nil)
	if len(rows) != 4 {
		t.Fatalf("template has %d rows, want 4 (one per distinct name and task)", len(rows))
	}
	var buf bytes.Buffer
	if err := WriteAccepted(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeffname;service_task;code;")) {
		t.Errorf("template does not start with BOM and header: %q", buf.String()[:40])
	}
	if !strings.Contains(buf.String(), "Asiakassuunnitelma;;;;none;") {
		t.Errorf("task-less generic name should have an empty code and candidates:\n%s", buf.String())
	}
	// The workshop decides: Kahvikassan tilitys is not national, and the task-less
	// client plan is the child-welfare one.
	edited := strings.Replace(buf.String(), "Asiakassuunnitelma;;;;none;", "Asiakassuunnitelma;;15009;;none;", 1)
	edited = strings.Replace(edited, "Kahvikassan tilitys;Lastensuojelu;;", "Kahvikassan tilitys;Lastensuojelu;-;", 1)
	acc, err := ParseAccepted("acc.csv", strings.NewReader(edited), cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(acc.Rejected) != 0 {
		t.Fatalf("template rows rejected: %+v", acc.Rejected)
	}
	m2 := newTestMatcher(t, acc)
	for i := range docs {
		got, _ := m2.Match(InputOf(&docs[i]))
		// The edited rows are decisions; the rows left as the tool wrote
		// them keep the recognition they came from.
		want, wantMethod, wantConf := res.Matches[i].Key, res.Matches[i].Method, res.Matches[i].Confidence
		switch docs[i].Name {
		case "Asiakassuunnitelma":
			if len(docs[i].ServiceTasks) == 0 {
				want, wantMethod, wantConf = "15009", MethodAccepted, 1
			}
		case "Kahvikassan tilitys":
			want, wantMethod, wantConf = "", MethodAccepted, 1
		}
		if got.Method != wantMethod || got.Confidence != wantConf {
			t.Errorf("doc %d %q: method %s conf %.2f, want %s %.2f", i, docs[i].Name, got.Method, got.Confidence, wantMethod, wantConf)
		}
		if got.Key != want {
			t.Errorf("doc %d %q: key %q, want %q", i, docs[i].Name, got.Key, want)
		}
	}
	// Writing the template again keeps the decisions.
	res2 := &Result{}
	for i := range docs {
		mt, _ := m2.Match(InputOf(&docs[i]))
		mt.Doc = i
		res2.Matches = append(res2.Matches, mt)
	}
	var buf2 bytes.Buffer
	if err := WriteAccepted(&buf2, TemplateRows(cat, docs, res2, acc)); err != nil {
		t.Fatal(err)
	}
	acc2, err := ParseAccepted("acc2.csv", &buf2, cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(acc2.Entries) != len(acc.Entries) {
		t.Errorf("re-written template has %d entries, want %d:\n%s", len(acc2.Entries), len(acc.Entries), buf2.String())
	}
}

// FuzzParseAccepted: any bytes give an Accepted or an error wrapping a
// sentinel, never a panic, and the tally always balances.
func FuzzParseAccepted(f *testing.F) {
	for _, s := range []string{
		"name;service_task;code\nPTA;Vanhuspalvelut;1000\n",
		"\ufeffnimi,koodi\n\"Huolto- ja tapaamissopimus\",13001\n",
		"name;code\n\"unterminated;1\n",
		"name;code\nx;-\n;;\n",
		"a\tb\nname\tcode\n",
		"name;service_task;code\nX;Kotipalvelut;11000 Iäkkäiden palvelupäätös\nX;Kotipalvelut;11001\n",
		"\xff\xfe\x00n\x00a",
	} {
		f.Add([]byte(s))
	}
	f.Add(xlsxBytes(f, [][]string{{"name", "code"}, {"PTA", "1019"}}))
	cat := sosmeta.MustDefault()
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseAccepted("fuzz.csv", bytes.NewReader(b), cat)
		if err != nil {
			if !errors.Is(err, kartoitus.ErrNotRecognised) && !errors.Is(err, kartoitus.ErrUnreadable) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if !a.Tally.Balanced() {
			t.Fatalf("tally does not balance: %+v", a.Tally)
		}
		for _, e := range a.Entries {
			if e.Key != "" && cat.ByKey(e.Key) == nil {
				t.Fatalf("entry with unknown key %q", e.Key)
			}
		}
	})
}

// xlsxBytes builds a workbook with one data sheet after an empty one.
func xlsxBytes(t testing.TB, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if _, err := f.NewSheet("Vastaavuudet"); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue("Vastaavuudet", cell, v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseAcceptedXLSX(t *testing.T) {
	cat := sosmeta.MustDefault()
	b := xlsxBytes(t, [][]string{
		{"Hyväksytyt vastaavuudet"}, // a title row above the header
		{},
		{"Asiakirjan nimi", "Palvelutehtävä", "Koodi", "Vahvistaja"},
		{"HO-päätös", "Lastensuojelu", "11023", "Maija"},
		{"Kahvikassan tilitys", "Lastensuojelu", "-", ""},
		{"Outo", "", "123456", ""},
	})
	a, err := ParseAccepted("acc.xlsx", bytes.NewReader(b), cat)
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := a.Lookup("ho-päätös", []string{"child_welfare"}); !ok || e.Key != "11023" || e.ConfirmedBy != "Maija" || e.Row != 4 {
		t.Errorf("Lookup = %+v %v", e, ok)
	}
	if len(a.Rejected) != 1 || a.Rejected[0].Location.Sheet != "Vastaavuudet" || a.Rejected[0].Location.Row != 6 {
		t.Errorf("rejected = %+v, want row 6 of sheet Vastaavuudet", a.Rejected)
	}
	if a.Tally.Read != 3 || a.Tally.Accepted != 2 || a.Tally.Rejected != 1 {
		t.Errorf("tally = %+v", a.Tally)
	}
	_, err = ParseAccepted("x.xlsx", bytes.NewReader(xlsxBytes(t, [][]string{{"a", "b"}, {"1", "2"}})), cat)
	if !errors.Is(err, kartoitus.ErrNotRecognised) || !strings.Contains(err.Error(), `"Vastaavuudet"`) {
		t.Errorf("err = %v, want ErrNotRecognised naming the sheets", err)
	}
	_, err = ParseAccepted("x.xlsx", bytes.NewReader([]byte("PK\x03\x04 not a zip")), cat)
	if !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("err = %v, want ErrUnreadable", err)
	}
}

// TestAcceptedSuggestions: a row as the tool wrote it (a recognition
// method, no confirmed_by) keeps the tool's own recognition while that
// agrees with it; an edited code, a confirmed_by or a row without a
// recognition method is the workshop's decision.
func TestAcceptedSuggestions(t *testing.T) {
	cat := sosmeta.MustDefault()
	const head = "name;service_task;code;national_name;method;confidence;candidates;confirmed_by;comment\n"
	tests := []struct {
		name, doc, task, row string
		key                  string
		method               Method
	}{
		{"exact as written", "Iäkkäiden palvelupäätös", "older_people",
			"Iäkkäiden palvelupäätös;Iäkkäiden palvelut;11000;Iäkkäiden palvelupäätös;exact;1.00;;;", "11000", MethodExact},
		{"exact confirmed", "Iäkkäiden palvelupäätös", "older_people",
			"Iäkkäiden palvelupäätös;Iäkkäiden palvelut;11000;Iäkkäiden palvelupäätös;exact;1.00;;Työpaja;", "11000", MethodAccepted},
		{"exact, code edited", "Iäkkäiden palvelupäätös", "older_people",
			"Iäkkäiden palvelupäätös;Iäkkäiden palvelut;15003;Iäkkäiden palvelupäätös;exact;1.00;;;", "15003", MethodAccepted},
		{"local as written", "Työlista", "child_welfare",
			"Työlista;Lastensuojelu;-;;local;0.95;;;", "", MethodLocal},
		{"local confirmed", "Työlista", "child_welfare",
			"Työlista;Lastensuojelu;-;;local;0.95;;Työpaja;", "", MethodAccepted},
		{"local, code left blank", "Työlista", "child_welfare",
			"Työlista;Lastensuojelu;;;local;0.95;;;", "", MethodLocal},
		{"none, not national filled in", "Kahvikassan tilitys", "child_welfare",
			"Kahvikassan tilitys;Lastensuojelu;-;;none;;;;", "", MethodAccepted},
		{"method says accepted", "Iäkkäiden palvelupäätös", "older_people",
			"Iäkkäiden palvelupäätös;Iäkkäiden palvelut;11000;;accepted;1.00;;;", "11000", MethodAccepted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acc, err := ParseAccepted("acc.csv", strings.NewReader(head+tt.row+"\n"), cat)
			if err != nil {
				t.Fatal(err)
			}
			d := inventory.Document{Name: tt.doc, ServiceTasks: []string{tt.task}}
			got, _ := newTestMatcher(t, acc).Match(InputOf(&d))
			if got.Key != tt.key || got.Method != tt.method {
				t.Errorf("key %q method %s, want %q %s", got.Key, got.Method, tt.key, tt.method)
			}
		})
	}
	// Without a method column (a workshop's own file) a code is a decision.
	acc, err := ParseAccepted("acc.csv", strings.NewReader("name;service_task;code\nTyölista;Lastensuojelu;-\n"), cat)
	if err != nil {
		t.Fatal(err)
	}
	d := inventory.Document{Name: "Työlista", ServiceTasks: []string{"child_welfare"}}
	if got, _ := newTestMatcher(t, acc).Match(InputOf(&d)); got.Method != MethodAccepted {
		t.Errorf("a hand-written row: method %s, want accepted", got.Method)
	}
}

// TestAcceptedDialects: the template in every CSV dialect and language
// reads back as the same entries (Finnish headers included).
func TestAcceptedDialects(t *testing.T) {
	cat := sosmeta.MustDefault()
	rows := []AcceptedRow{
		{Name: "LS-ilmoitus", Task: "Lastensuojelu", Code: "4009", Method: MethodSynonym, Confidence: 0.95},
		{Name: "Kahvikassan tilitys", Task: "Lastensuojelu", Code: "-", Method: MethodAccepted, Confidence: 1, ConfirmedBy: "Työpaja 3.3.2025", Comment: "ei asiakasasiakirja"},
	}
	var want []AcceptedEntry
	for _, tc := range []struct {
		lang    finding.Lang
		dialect textio.Dialect
		prefix  string
	}{
		{finding.FI, textio.ExcelFI, "\ufeffAsiakirjan nimi;Palvelutehtävä;Koodi;"},
		{finding.EN, textio.ExcelFI, "\ufeffname;service_task;code;"},
		{finding.FI, textio.RFC4180, "name,service_task,code,"},
		{finding.EN, textio.RFC4180, "name,service_task,code,"},
	} {
		var buf bytes.Buffer
		if err := WriteAcceptedIn(&buf, rows, tc.lang, tc.dialect); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(buf.String(), tc.prefix) {
			t.Errorf("%s %s: starts %q, want %q", tc.lang, tc.dialect, buf.String()[:30], tc.prefix)
		}
		acc, err := ParseAccepted("acc.csv", &buf, cat)
		if err != nil {
			t.Fatalf("%s %s: %v", tc.lang, tc.dialect, err)
		}
		var got []AcceptedEntry
		for _, e := range acc.Entries {
			got = append(got, *e)
		}
		if len(acc.Rejected) > 0 || len(got) != 2 || got[0].Key != "4009" || !got[0].Suggested || got[1].Key != "" || got[1].ConfirmedBy == "" || got[1].Comment == "" {
			t.Errorf("%s %s: read back %+v (rejected %v)", tc.lang, tc.dialect, got, acc.Rejected)
		}
		if want == nil {
			want = got
		} else if !reflect.DeepEqual(got, want) {
			t.Errorf("%s %s: %+v, want %+v", tc.lang, tc.dialect, got, want)
		}
	}
}
