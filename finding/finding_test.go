package finding

import (
	"strings"
	"testing"
	"time"
)

func TestParseSeverity(t *testing.T) {
	tests := []struct {
		in      string
		want    Severity
		wantErr bool
	}{
		{"error", Error, false},
		{"ERROR", Error, false},
		{"virhe", Error, false},
		{"warning", Warning, false},
		{"warn", Warning, false},
		{"info", Info, false},
		{"critical", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseSeverity(tt.in)
		if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
			t.Errorf("ParseSeverity(%q) = %v, %v; want %v, err=%v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	for _, s := range []Severity{Info, Warning, Error} {
		b, _ := s.MarshalText()
		var back Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("round trip of %v gave %v, %v", s, back, err)
		}
	}
}

func TestFingerprintIsContentBased(t *testing.T) {
	r := Rule{ID: "REG001", Severity: Error}
	a := New(r, T("a", "a"), Location{File: "x.csv", Row: 10}, "doc-1", "health")
	b := New(r, T("b", "b"), Location{File: "x.csv", Row: 99}, "doc-1", "health")
	if a.Fingerprint != b.Fingerprint {
		t.Errorf("fingerprint depends on position or message: %s vs %s", a.Fingerprint, b.Fingerprint)
	}
	c := New(r, T("a", "a"), Location{}, "doc-2", "health")
	if a.Fingerprint == c.Fingerprint {
		t.Error("different content gave the same fingerprint")
	}
	// Key boundaries matter: ("ab","c") must differ from ("a","bc").
	if Fingerprint("R", "ab", "c") == Fingerprint("R", "a", "bc") {
		t.Error("fingerprint keys are not separated")
	}
	if a.Severity != Error {
		t.Errorf("severity not taken from rule: %v", a.Severity)
	}
}

func TestAtOrAboveAndMax(t *testing.T) {
	fs := []Finding{{Severity: Info}, {Severity: Warning}, {Severity: Warning}}
	if n := AtOrAbove(fs, Warning); n != 2 {
		t.Errorf("AtOrAbove(warning) = %d, want 2", n)
	}
	if n := AtOrAbove(fs, Error); n != 0 {
		t.Errorf("AtOrAbove(error) = %d, want 0", n)
	}
	if m, ok := Max(fs); !ok || m != Warning {
		t.Errorf("Max = %v, %v", m, ok)
	}
	if _, ok := Max(nil); ok {
		t.Error("Max(nil) reported a severity")
	}
}

func TestSortIsStableAndBySeverity(t *testing.T) {
	fs := []Finding{
		{RuleID: "B", Severity: Info},
		{RuleID: "A", Severity: Error, Location: Location{Row: 2}},
		{RuleID: "A", Severity: Error, Location: Location{Row: 1}},
	}
	Sort(fs)
	got := fs[0].RuleID + fs[1].RuleID + fs[2].RuleID
	if got != "AAB" || fs[0].Location.Row != 1 {
		t.Errorf("sorted order %s rows %d,%d", got, fs[0].Location.Row, fs[1].Location.Row)
	}
}

func TestTextIn(t *testing.T) {
	if got := T("suomi", "english").In(EN); got != "english" {
		t.Errorf("In(EN) = %q", got)
	}
	if got := T("suomi", "").In(EN); got != "suomi" {
		t.Errorf("missing EN should fall back to FI, got %q", got)
	}
	if got := T("suomi", "english").In(FI); got != "suomi" {
		t.Errorf("In(FI) = %q", got)
	}
}

func TestIgnore(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	r := Rule{ID: "REG001", Severity: Error}
	f1 := New(r, T("x", "x"), Location{}, "doc-1")
	f2 := New(r, T("x", "x"), Location{}, "doc-2")
	other := New(Rule{ID: "REG002", Severity: Warning}, T("y", "y"), Location{}, "doc-3")
	file := `ignore:
  - rule: REG001
    fingerprint: ` + f1.Fingerprint + `
    reason: accepted by the county
  - rule: REG002
    reason: legacy data, cleanup in 2027
    expires: 2026-01-31
  - rule: REG009
    reason: never matches
`
	l, err := ParseIgnore("ign.yaml", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	kept, suppressed := l.Apply([]Finding{f1, f2, other}, now)
	if len(suppressed) != 1 || suppressed[0].Fingerprint != f1.Fingerprint {
		t.Errorf("suppressed %v, want only f1", suppressed)
	}
	if len(kept) != 2 {
		t.Errorf("kept %d, want f2 and the expired rule's finding", len(kept))
	}
	unused := l.Unused(now)
	var ids []string
	for _, u := range unused {
		ids = append(ids, u.RuleID+":"+u.Location.Key)
	}
	want := "IGN002:REG002 ,IGN001:REG009 "
	if strings.Join(ids, ",") != want {
		t.Errorf("unused = %q, want %q", strings.Join(ids, ","), want)
	}
}

func TestIgnoreErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no reason", "ignore:\n  - rule: REG001\n", `ign.yaml: ignore entry 1 (REG001): field "reason" is required`},
		{"no rule", "ignore:\n  - reason: x\n", `ign.yaml: ignore entry 1: field "rule" is required`},
		{"bad expiry", "ignore:\n  - rule: A\n    reason: r\n    expires: tomorrow\n", `field "expires" "tomorrow" is not YYYY-MM-DD`},
		{"unknown key", "ignore:\n  - rule: A\n    reason: r\n    until: 2026-01-01\n", "field until not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseIgnore("ign.yaml", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if l, err := ParseIgnore("empty.yaml", nil); err != nil || len(l.Entries) != 0 {
		t.Errorf("empty file: %v, %v", l, err)
	}
}

func FuzzParseIgnore(f *testing.F) {
	f.Add([]byte("ignore:\n  - rule: A\n    reason: r\n"))
	f.Add([]byte("ignore: [{rule: A, reason: b, expires: 2026-01-01}]"))
	f.Add([]byte("{"))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseIgnore("f.yaml", b)
		if err != nil {
			return
		}
		for _, e := range l.Entries {
			if e.Rule == "" || e.Reason == "" {
				t.Fatalf("accepted entry without rule or reason: %+v", e)
			}
		}
	})
}

func TestTfLocalisedArgs(t *testing.T) {
	tests := []struct {
		n      int
		fi, en string
	}{
		{1, "Tunnistamatta (1 rivi)", "Not recognised (1 row)"},
		{2, "Tunnistamatta (2 riviä)", "Not recognised (2 rows)"},
		{0, "Tunnistamatta (0 riviä)", "Not recognised (0 rows)"},
	}
	for _, tt := range tests {
		got := Tf("Tunnistamatta (%s)", "Not recognised (%s)", Rows(tt.n))
		if got.FI != tt.fi || got.EN != tt.en {
			t.Errorf("Tf(Rows(%d)) = %+v", tt.n, got)
		}
	}
	// A Text argument is written in each string's language too.
	got := Tf("rekisteri: %s", "register: %s", T("potilasrekisteri", "patient register"))
	if got.FI != "rekisteri: potilasrekisteri" || got.EN != "register: patient register" {
		t.Errorf("Tf(Text) = %+v", got)
	}
}
