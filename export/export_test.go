package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/internal/textnorm"
)

const canonicalHeader = "document_id;version;client_id;register;controller_id;controller_kind;organiser_id;producer_id;service_unit;basis;service_task;document_type;case_id;author_org;created;status;void_reason;special_content;unit_start;unit_end"

// readAll reads every row, returning records and row errors in order.
func readAll(t *testing.T, r *Reader) ([]Record, []*RowError) {
	t.Helper()
	var recs []Record
	var errs []*RowError
	for {
		var rec Record
		err := r.Next(&rec)
		if err == io.EOF {
			return recs, errs
		}
		var re *RowError
		if errors.As(err, &re) {
			errs = append(errs, re)
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		recs = append(recs, rec)
	}
}

func TestSynonymsDoNotCollide(t *testing.T) {
	seen := map[string]Field{}
	for f := Field(0); f < NumFields; f++ {
		for _, s := range Synonyms(f) {
			k := textnorm.FoldHeader(s)
			if g, ok := seen[k]; ok && g != f {
				t.Errorf("synonym %q folds to %q, claimed by both %s and %s", s, k, g, f)
			}
			seen[k] = f
		}
	}
}

func TestResolveHeader(t *testing.T) {
	m, err := ParseMapping("map.yaml", []byte(`
columns:
  "Asiakirja-ID": document_id
  "Oma huomautus": ignore
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		header  []string
		mapping *Mapping
		err     error
		want    map[Field]int
		unknown []string
		inMsg   []string
		notMsg  []string
	}{
		{name: "canonical", header: strings.Split(canonicalHeader, ";"), want: map[Field]int{DocumentID: 0, UnitEnd: 19}},
		{name: "finnish vendor", header: []string{"Asiakirjan tunniste", "Henkilötunnus", "Rekisteri", "Asiakirjatyyppi", "Palvelutehtävä", "Käsittelyperuste", "Laadittu", "Mitätöinnin syy", "Lisätieto"},
			want: map[Field]int{DocumentID: 0, ClientID: 1, Register: 2, DocumentType: 3, ServiceTask: 4, Basis: 5, Created: 6, VoidReason: 7}, unknown: []string{"Lisätieto"}},
		{name: "mapping file", mapping: m, header: []string{"Asiakirja-ID", "hetu", "rekisteri", "asiakirjatyyppi", "Oma huomautus"},
			want: map[Field]int{DocumentID: 0, ClientID: 1}},
		{name: "missing required", header: []string{"Asiakirjan tunniste", "Rekisteri", "Foo"}, err: kartoitus.ErrNotRecognised,
			inMsg: []string{"client_id", "document_type", `"Foo"`}},
		{name: "no header row: data row redacted", header: []string{"DOC1", "131052-308T", "social", "11000"}, err: kartoitus.ErrNotRecognised,
			inMsg: []string{"131052-****"}, notMsg: []string{"131052-308T"}},
		{name: "duplicate", header: []string{"document_id", "hetu", "client_id", "register", "document_type"}, err: kartoitus.ErrNotRecognised,
			inMsg: []string{"both mean client_id"}},
		{name: "empty", header: []string{"", " "}, err: kartoitus.ErrNotRecognised},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ResolveHeader(tt.header, tt.mapping)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				for _, s := range tt.inMsg {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("message %q lacks %q", err, s)
					}
				}
				for _, s := range tt.notMsg {
					if strings.Contains(err.Error(), s) {
						t.Errorf("message %q contains %q", err, s)
					}
				}
				return
			}
			for f, i := range tt.want {
				if h.Index[f] != i {
					t.Errorf("%s at column %d, want %d", f, h.Index[f], i)
				}
			}
			if strings.Join(h.Unknown, "|") != strings.Join(tt.unknown, "|") {
				t.Errorf("unknown = %q, want %q", h.Unknown, tt.unknown)
			}
		})
	}
}

func TestCSVDialects(t *testing.T) {
	rowSemi := "D1;1;010181-900C;social;3221308-6;public;3221308-6;3221308-6;;own;older_people;11000;A1;;2024-01-31;active;;;;"
	utf8 := canonicalHeader + "\n" + rowSemi + "\n"
	w1252, err := charmap.Windows1252.NewEncoder().String("Asiakirjan tunniste;Henkilötunnus;Rekisteri;Asiakirjatyyppi;Palvelutehtävä\nD1;010181-900C;sosiaalihuollon asiakasrekisteri;11000;Iäkkäiden palvelut\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in string
		delim    rune
		task     string
	}{
		{"semicolon", utf8, ';', "older_people"},
		{"bom", "\ufeff" + utf8, ';', "older_people"},
		{"comma", strings.ReplaceAll(utf8, ";", ","), ',', "older_people"},
		{"tab", strings.ReplaceAll(utf8, ";", "\t"), '\t', "older_people"},
		{"crlf", strings.ReplaceAll(utf8, "\n", "\r\n"), ';', "older_people"},
		{"windows-1252", w1252, ';', "Iäkkäiden palvelut"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewCSVReader(strings.NewReader(tt.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Delimiter != tt.delim {
				t.Errorf("delimiter %q, want %q", r.Delimiter, tt.delim)
			}
			recs, errs := readAll(t, r)
			if len(recs) != 1 || len(errs) != 0 {
				t.Fatalf("got %d records, %d errors", len(recs), len(errs))
			}
			rec := recs[0]
			if rec.Line != 2 || rec.Get(DocumentID) != "D1" || rec.Get(ClientID) != "010181-900C" || rec.Get(ServiceTask) != tt.task {
				t.Errorf("record = line %d %q", rec.Line, rec.Values)
			}
		})
	}
}

func TestRowErrors(t *testing.T) {
	in := "document_id;client_id;register;document_type;created;unit_start\n" +
		"D1;010181-900C;social;11000;2024-01-31;\n" + // 2 ok
		"D2;010181-900C;social;11000\n" + // 3 field count
		"D3;010181-900C;\"soc\"ial;11000;2024-01-31;\n" + // 4 bare quote
		"D4;010181-900C;\"multi\nline\";11000;31.1.2024;\n" + // 5-6 ok, multi-line field
		"D5;010181-900C;social;11000;2024-02-30;\n" + // 7 bad date
		";;;;;\n" + // 8 blank
		"\n" + // 9 empty line: no record, but a line, counted as skipped (issue 13)
		"D6;010181-900C;social;11000;2024-01-31T10:00:00;1.2.2023\n" // 10 ok
	r, err := NewCSVReader(strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs, errs := readAll(t, r)
	var got []string
	for _, rec := range recs {
		got = append(got, rec.Get(DocumentID)+"@"+itoa(rec.Line))
	}
	if want := "D1@2 D4@5 D6@10"; strings.Join(got, " ") != want {
		t.Errorf("records %q, want %q", strings.Join(got, " "), want)
	}
	wantErrs := []struct {
		kind RowKind
		line int
		key  string
	}{{RowFieldCount, 3, "D2"}, {RowQuote, 4, "D3"}, {RowBadDate, 7, "D5"}, {RowBlank, 8, ""}, {RowBlank, 9, ""}}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors %v, want %d", errs, len(wantErrs))
	}
	for i, w := range wantErrs {
		if errs[i].Kind != w.kind || errs[i].Line != w.line || errs[i].Key != w.key {
			t.Errorf("error %d = kind %d line %d key %q, want %d %d %q", i, errs[i].Kind, errs[i].Line, errs[i].Key, w.kind, w.line, w.key)
		}
	}
	if recs[2].Created != 20240131100000 || recs[2].UnitStart != 20230201 {
		t.Errorf("D6 dates = %d %d", recs[2].Created, recs[2].UnitStart)
	}
}

func TestUnterminatedQuote(t *testing.T) {
	in := "document_id;client_id;register;document_type\nD1;010181-900C;social;11000\nD2;\"010181-900C;social;11000\nD3;x;social;11000\n"
	r, err := NewCSVReader(strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs, errs := readAll(t, r)
	if len(recs) != 1 || len(errs) != 1 || errs[0].Kind != RowQuote || errs[0].Line != 3 || errs[0].EndLine < 4 {
		t.Fatalf("recs %d errs %+v", len(recs), errs)
	}
}

// Issue 13: an unbalanced quote swallowed 40 lines that the tallies
// counted as one row; the error now spans them all.
func TestUnterminatedQuoteSpansLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("document_id;client_id;register;document_type\nD1;010181-900C;social;11000\nD2;\"010181-900C;social;11000\n")
	for i := 0; i < 39; i++ {
		b.WriteString("D3;010181-900C;social;11000\n")
	}
	r, err := NewCSVReader(strings.NewReader(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, errs := readAll(t, r)
	if len(errs) != 1 || errs[0].Line != 3 || errs[0].EndLine != 42 || errs[0].Lines() != 40 {
		t.Fatalf("errs %+v", errs)
	}
}

// Issue 13: bad versions and implausible created dates were accepted
// silently (the leading digits of "1.5", year 2999).
func TestVersionAndCreatedChecked(t *testing.T) {
	now := time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		version, created string
		kind             RowKind // 0: accepted
		num              int
	}{
		{"1", "2024-01-31", 0, 1},
		{"", "2024-01-31", 0, 0},
		{"007", "1900-01-01", 0, 7},
		{"999999999", "2026-06-15T23:00:00", 0, 999999999},
		{"abc", "2024-01-31", RowBadVersion, 0},
		{"-1", "2024-01-31", RowBadVersion, 0},
		{"0", "2024-01-31", RowBadVersion, 0},
		{"1.5", "2024-01-31", RowBadVersion, 0},
		{"12345678901234567890", "2024-01-31", RowBadVersion, 0},
		{"1 ", "2024-01-31", 0, 1}, // trimmed
		{"1", "1800-01-01", RowImplausibleDate, 0},
		{"1", "31.12.1899", RowImplausibleDate, 0},
		{"1", "2999-01-01", RowImplausibleDate, 0},
		{"1", "2026-06-16", RowImplausibleDate, 0},
	}
	for _, tt := range tests {
		in := "document_id;version;client_id;register;document_type;created\nD1;" + tt.version + ";010181-900C;social;11000;" + tt.created + "\n"
		r, err := NewCSVReader(strings.NewReader(in), Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		recs, errs := readAll(t, r)
		switch {
		case tt.kind == 0 && (len(recs) != 1 || len(errs) != 0 || recs[0].VersionNum != tt.num):
			t.Errorf("version %q created %q: recs %+v errs %v, want version %d", tt.version, tt.created, recs, errs, tt.num)
		case tt.kind != 0 && (len(errs) != 1 || errs[0].Kind != tt.kind || errs[0].Key != "D1" || errs[0].Line != 2):
			t.Errorf("version %q created %q: errs %+v, want kind %d", tt.version, tt.created, errs, tt.kind)
		}
	}
}

func TestEmptyAndHeaderOnly(t *testing.T) {
	if _, err := NewCSVReader(strings.NewReader(""), Options{}); !errors.Is(err, kartoitus.ErrNotRecognised) {
		t.Errorf("empty: %v", err)
	}
	r, err := NewCSVReader(strings.NewReader("document_id;client_id;register;document_type\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if recs, errs := readAll(t, r); len(recs)+len(errs) != 0 {
		t.Errorf("header only gave rows")
	}
}

func TestXLSX(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{},
		{"Asiakirjan tunniste", "Henkilötunnus", "Rekisteri", "Asiakirjatyyppi", "Laadittu"},
		{"D1", "010181-900C", "social", 11000, "2024-01-31"},
		{"D2", "010181-900C", "social", "11000"},
		{"D3", "010181-900C", "social", "11000", 45322},
		{"D4", "010181-900C", "social", "11000", "xx"},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "export.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Format != FormatXLSX {
		t.Fatalf("format %s", r.Format)
	}
	recs, errs := readAll(t, r)
	if len(recs) != 3 || len(errs) != 1 || errs[0].Line != 6 || errs[0].Kind != RowBadDate {
		t.Fatalf("recs %d errs %v", len(recs), errs)
	}
	if recs[0].Line != 3 || recs[0].Get(DocumentType) != "11000" || recs[0].Created != 20240131000000 {
		t.Errorf("D1 = %+v", recs[0])
	}
	if recs[2].Created.Date() != 20240131 {
		t.Errorf("serial 45322 = %d, want 20240131", recs[2].Created)
	}
}

func TestParseTimestamp(t *testing.T) {
	tests := []struct {
		in   string
		want Timestamp
		ok   bool
	}{
		{"2024-01-31", 20240131000000, true},
		{"2024-01-31T13:45:10", 20240131134510, true},
		{"2024-01-31T13:45", 20240131134500, true},
		{"2024-01-31 13:45:10", 20240131134510, true},
		{"2024-01-31T13:45:10.123Z", 20240131134510, true},
		{"2024-01-31T13:45:10+02:00", 20240131134510, true},
		// PostgreSQL's and DuckDB's timestamp with time zone.
		{"2024-03-01 00:30:00+02", 20240301003000, true},
		{"2024-07-13 11:59:00.123456+03", 20240713115900, true},
		{"2024-01-31T13:45:10-0500", 20240131134510, true},
		{"2024-03-01 00:30:00+2", 0, false},
		{"2024-03-01 00:30:00+ab", 0, false},
		{"31.1.2024", 20240131000000, true},
		{"01.02.2024 08:30", 20240201083000, true},
		{"29.2.2024", 20240229000000, true},
		{"29.2.2023", 0, false},
		{"2024-13-01", 0, false},
		{"2024-01-31T25:00", 0, false},
		{"2024-01-31X", 0, false},
		{"31/01/2024", 0, false},
		{"1.1.24", 0, false},
		{"", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseTimestamp(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseTimestamp(%q) = %d, %v; want %d ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	if s := Date(20240131).String(); s != "2024-01-31" {
		t.Errorf("Date.String = %s", s)
	}
}

func TestParseValues(t *testing.T) {
	for in, want := range map[string]BasisKind{"own": BasisOwn, "Oma tuotanto": BasisOwn, "ostopalvelu": BasisPurchased,
		"Palveluseteli": BasisVoucher, "itsemaksava": BasisSelfPaying, "self-paying": BasisSelfPaying, "": BasisNone, "x": BasisUnknown} {
		if got := ParseBasis(in); got != want {
			t.Errorf("ParseBasis(%q) = %s, want %s", in, got, want)
		}
	}
	for in, want := range map[string]StatusKind{"active": StatusActive, "Aktiivinen": StatusActive, "mitätöity": StatusVoided,
		"voided": StatusVoided, "": StatusNone, "luonnos": StatusUnknown} {
		if got := ParseStatus(in); got != want {
			t.Errorf("ParseStatus(%q) = %s, want %s", in, got, want)
		}
	}
	for in, want := range map[string]ControllerKindOf{"public": KindPublic, "1": KindPublic, "Julkinen": KindPublic,
		"2": KindPrivate, "yksityinen": KindPrivate, "3": KindUnknown, "": KindNone} {
		if got := ParseControllerKind(in); got != want {
			t.Errorf("ParseControllerKind(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestMappingValues(t *testing.T) {
	m, err := ParseMapping("m.yaml", []byte(`
values:
  register: {"SOS": social, "POT": health}
  basis: {"OP": purchased}
health_document_types: ["HOKE"]
`))
	if err != nil {
		t.Fatal(err)
	}
	if m.Value(Register, "SOS") != "social" || m.Value(Register, "sos") != "social" || m.Value(Register, "X") != "X" {
		t.Error("register value mapping")
	}
	if m.Value(Basis, "OP") != "purchased" || !m.HealthDocument("hoke") || m.HealthDocument("11000") {
		t.Error("basis or health mapping")
	}
	bad := []string{
		"columns: {\"A\": nosuchfield}",
		"values: {nosuch: {a: b}}",
		"values: {basis: {OP: bought}}",
		"colums: {}",
	}
	for _, b := range bad {
		if _, err := ParseMapping("bad.yaml", []byte(b)); err == nil || !strings.Contains(err.Error(), "bad.yaml") {
			t.Errorf("ParseMapping(%q) error = %v, want one naming the file", b, err)
		}
	}
}

func itoa(n int) string { return string(appendPad(nil, n, 1)) }

func FuzzReader(f *testing.F) {
	f.Add([]byte(canonicalHeader + "\nD1;1;010181-900C;social;;;;;;;;11000;;;2024-01-31;;;;;\n"))
	f.Add([]byte("document_id,client_id,register,document_type,created\nD1,x,\"a\"b,1,31.1.2024\n\"D2"))
	f.Add([]byte("\xef\xbb\xbfAsiakirjan tunniste\tHetu\tRekisteri\tAsiakirjatyyppi\n\xe4\t\t\t\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewCSVReader(bytes.NewReader(b), Options{})
		if err != nil {
			if !errors.Is(err, kartoitus.ErrNotRecognised) && !errors.Is(err, kartoitus.ErrUnreadable) {
				t.Fatalf("header error without a sentinel: %v", err)
			}
			return
		}
		for i := 0; i < 10000; i++ {
			var rec Record
			err := r.Next(&rec)
			if err == io.EOF {
				return
			}
			var re *RowError
			if err != nil && !errors.As(err, &re) && !errors.Is(err, kartoitus.ErrUnreadable) {
				t.Fatalf("row error without a type: %v", err)
			}
			if err == nil && rec.Line < 2 {
				t.Fatalf("record line %d", rec.Line)
			}
		}
	})
}

func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"2024-01-31", "2024-01-31T13:45:10", "2024-01-31 13:45", "31.1.2024", "1.2.2024 08:30:00",
		"2024-01-31T13:45:10.123+02:00", "2024-02-30", "", "9999-12-31T23:59:59Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ts, err := ParseTimestamp(s)
		if err != nil {
			if ts != 0 {
				t.Fatalf("error with a value: %d", ts)
			}
			return
		}
		if s == "" {
			return
		}
		d := int(ts.Date())
		y, m, dd := d/10000, d/100%100, d%100
		clock := int(ts % 1000000)
		if y < 1800 || m < 1 || m > 12 || dd < 1 || dd > 31 || clock/10000 > 23 || clock/100%100 > 59 || clock%100 > 59 {
			t.Fatalf("ParseTimestamp(%q) = %d, not a valid date and time", s, ts)
		}
	})
}

func FuzzParseMapping(f *testing.F) {
	f.Add([]byte("columns:\n  \"Asiakirja-ID\": document_id\n  X: ignore\nvalues:\n  register: {SOS: social}\n"))
	f.Add([]byte("health_document_types: [HOKE]\n"))
	f.Add([]byte("columns: [1, 2]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseMapping("fuzz.yaml", b)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, f := range m.Columns {
			if f >= NumFields {
				t.Fatalf("column mapped to field %d", f)
			}
		}
	})
}

// failingStream yields its text, then err.
type failingStream struct {
	r   io.Reader
	err error
}

func (f *failingStream) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, f.err
	}
	return n, err
}

// TestStreamErrors: a stream that fails mid-export stops the reading with
// its own verdict when it has one (a database source: unreadable, or an
// interrupt, which is the tool's), else as unreadable.
func TestStreamErrors(t *testing.T) {
	in := "document_id;client_id;register;document_type\nD1;010181-900C;social;11000\n"
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"plain", errors.New("connection reset"), kartoitus.ErrUnreadable},
		{"unreadable", fmt.Errorf("%w: postgres:query: server closed", kartoitus.ErrUnreadable), kartoitus.ErrUnreadable},
		{"interrupted", fmt.Errorf("%w: postgres:query: interrupted", kartoitus.ErrInternal), kartoitus.ErrInternal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewCSVReader(&failingStream{r: strings.NewReader(in), err: tc.err}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var rec Record
			for err == nil {
				err = r.Next(&rec)
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.err.Error()) {
				t.Errorf("Next: %v, want %v carrying %q", err, tc.want, tc.err)
			}
			if tc.want == kartoitus.ErrInternal && errors.Is(err, kartoitus.ErrUnreadable) {
				t.Errorf("an interrupt reported as unreadable input: %v", err)
			}
		})
	}
}

// TestRecordAcrossReaders: a record reused row after row has its absent
// fields cleared once, yet one passed between readers of different
// headers never keeps a value the other header's row put there.
func TestRecordAcrossReaders(t *testing.T) {
	withUnit, err := NewCSVReader(strings.NewReader("document_id;client_id;register;document_type;service_unit\nA1;010181-900C;social;11000;U1\nA2;010181-900C;social;11000;U2\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	without, err := NewCSVReader(strings.NewReader("document_id;client_id;register;document_type\nB1;010181-900C;social;11000\nB2;010181-900C;social;11000\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var rec Record
	for i, r := range []*Reader{withUnit, without, withUnit, without} {
		if err := r.Next(&rec); err != nil {
			t.Fatal(err)
		}
		want := ""
		if r == withUnit {
			want = fmt.Sprint("U", i/2+1)
		}
		if got := rec.Values[ServiceUnit]; got != want {
			t.Errorf("row %d (%s): service unit %q, want %q", i, rec.Values[DocumentID], got, want)
		}
	}
}
