package ident

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestParseHetu(t *testing.T) {
	tests := []struct {
		in      string
		err     error
		birth   int
		test    bool
		comment string
	}{
		// Verified examples from the domain notes §4.1/4.2.
		{"010181-900C", nil, 19810101, true, "Kanta test-etiquette example"},
		{"020516C903K", nil, 20160502, true, "FHIR-FI test example, 2023 sign C"},
		{"131052-308T", nil, 19521013, false, "DVV example"},
		// 2023 century signs (VNA 690/2022) with a recomputed check character.
		{"010181Y900C", nil, 19810101, true, "Y = 1900s"},
		{"010181U900C", nil, 19810101, true, "U = 1900s"},
		{"020516F903K", nil, 20160502, true, "F = 2000s"},
		{"010181+900C", nil, 18810101, true, "+ = 1800s"},
		{"010181-900D", ErrHetuCheck, 0, false, "wrong check character"},
		{"010181-900c", ErrHetuFormat, 0, false, "lower-case check character"},
		{"010181-900G", ErrHetuFormat, 0, false, "G is never a check character"},
		{"010181G900C", ErrHetuSign, 0, false, "G is not a century sign"},
		{"010181Z900C", ErrHetuSign, 0, false, "Z is not a century sign"},
		{"310281-900C", ErrHetuDate, 0, false, "31 February"},
		{"290201-9007", ErrHetuDate, 0, false, "29.2.1901 (no leap year)"},
		{"010181-000C", ErrHetuNumber, 0, false, "individual number 000"},
		{"010181-900", ErrHetuLength, 0, false, "too short"},
		{"010181-900CC", ErrHetuLength, 0, false, "too long"},
		{"0101a1-900C", ErrHetuFormat, 0, false, "letter in date"},
		{"", ErrHetuLength, 0, false, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.comment, func(t *testing.T) {
			h, err := ParseHetu(tt.in)
			if !errors.Is(err, tt.err) {
				t.Fatalf("ParseHetu(%q) error = %v, want %v", tt.in, err, tt.err)
			}
			if err != nil {
				if strings.Contains(err.Error(), tt.in) && tt.in != "" {
					t.Errorf("error message %q contains the code", err)
				}
				return
			}
			if h.Birth() != tt.birth || h.Test() != tt.test {
				t.Errorf("ParseHetu(%q) = birth %d test %v, want %d %v", tt.in, h.Birth(), h.Test(), tt.birth, tt.test)
			}
		})
	}
}

func TestHetuCheck(t *testing.T) {
	// 010181900 mod 31 = 12 → C; 131052308 mod 31 = 25 → T.
	if c := HetuCheck(10181, 900); c != 'C' {
		t.Errorf("HetuCheck(010181, 900) = %c, want C", c)
	}
	if c := HetuCheck(131052, 308); c != 'T' {
		t.Errorf("HetuCheck(131052, 308) = %c, want T", c)
	}
	if c := HetuCheck(20516, 903); c != 'K' {
		t.Errorf("HetuCheck(020516, 903) = %c, want K", c)
	}
}

func TestLooksLikeHetu(t *testing.T) {
	for in, want := range map[string]bool{
		"010181-900C": true, "0101819000C": true, "010181-900CX": true, "010181-90": false,
		"psn:abcdefgh": false, "ASIAKAS-1234": false, "": false,
	} {
		if got := LooksLikeHetu(in); got != want {
			t.Errorf("LooksLikeHetu(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestParseYTunnus(t *testing.T) {
	tests := []struct {
		in   string
		want YTunnus
		err  error
	}{
		// Verified examples from the domain notes §4.3.
		{"3221308-6", 32213086, nil},
		{"1093863-3", 10938633, nil},
		{"3251568-2", 32515682, nil},
		{"0204819-8", 2048198, nil},
		{"0166906-4", 1669064, nil},
		{"0246246-0", 2462460, nil}, // Kela, remainder 0 → check digit 0
		{"3221308-7", 0, ErrYTunnusCheck},
		{"0204819-9", 0, ErrYTunnusCheck},
		{"3221308 6", 0, ErrYTunnusFormat},
		{"32213086", 0, ErrYTunnusFormat},
		{"FI32213086", 0, ErrYTunnusFormat},
		{"322130a-6", 0, ErrYTunnusFormat},
		{"", 0, ErrYTunnusFormat},
	}
	for _, tt := range tests {
		got, err := ParseYTunnus(tt.in)
		if !errors.Is(err, tt.err) || got != tt.want {
			t.Errorf("ParseYTunnus(%q) = %d, %v; want %d, %v", tt.in, got, err, tt.want, tt.err)
		}
		if err == nil && got.String() != tt.in {
			t.Errorf("YTunnus(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestYTunnusNeverIssued(t *testing.T) {
	// Every seven-digit prefix whose weighted sum has remainder 1 must be
	// refused whatever check digit is written.
	found := 0
	for p := 0; p < 200 && found < 3; p++ {
		var d [7]int
		n := p
		for i := 6; i >= 0; i-- {
			d[i] = n % 10
			n /= 10
		}
		if _, ok := YTunnusCheck(d); ok {
			continue
		}
		found++
		for c := 0; c < 10; c++ {
			s := string(rune('0'+d[0])) + string(rune('0'+d[1])) + string(rune('0'+d[2])) + string(rune('0'+d[3])) +
				string(rune('0'+d[4])) + string(rune('0'+d[5])) + string(rune('0'+d[6])) + "-" + string(rune('0'+c))
			if _, err := ParseYTunnus(s); !errors.Is(err, ErrYTunnusNever) {
				t.Errorf("ParseYTunnus(%q) error = %v, want ErrYTunnusNever", s, err)
			}
		}
	}
	if found == 0 {
		t.Fatal("no remainder-1 prefix found below 200")
	}
}

func TestParseOrg(t *testing.T) {
	tests := []struct {
		in   string
		y    string
		node int
		unit int
		err  error
	}{
		// Verified examples from the domain notes §4.4.
		{"1.2.246.10.32213086.10.0", "3221308-6", 10, 0, nil},
		{"1.2.246.10.32213086.19.0", "3221308-6", 19, 0, nil},
		{"1.2.246.10.10938633.10.0", "1093863-3", 10, 0, nil},
		{"1.2.246.10.32515682.10.0", "3251568-2", 10, 0, nil},
		{"1.2.246.10.2048198.10.0", "0204819-8", 10, 0, nil},
		{"1.2.246.10.2048198.10.12", "0204819-8", 10, 12, nil},
		{"urn:oid:1.2.246.10.1669064.10.3", "0166906-4", 10, 3, nil},
		{"3221308-6", "3221308-6", 0, 0, nil},
		{"1.2.246.10.32213087.10.0", "", 0, 0, ErrOIDYTunnus},
		{"1.2.246.10.32213086.11.0", "", 0, 0, ErrOIDFormat},
		{"1.2.246.10.32213086.10", "", 0, 0, ErrOIDFormat},
		{"1.2.246.10.32213086.10.0.1", "", 0, 0, ErrOIDFormat},
		{"1.2.246.10.322130866.10.0", "", 0, 0, ErrOIDFormat},
		{"1.2.246.10.204819.10.0", "", 0, 0, ErrOIDFormat},
		{"1.2.246.537.6.202", "", 0, 0, ErrOIDFormat},
		{"1.2.246.10.32213086.10.01", "", 0, 0, ErrOIDFormat},
		{"Järvimaan hyvinvointialue", "", 0, 0, ErrOrgFormat},
		{"3221308-7", "", 0, 0, ErrYTunnusCheck},
		{"", "", 0, 0, ErrOrgFormat},
	}
	for _, tt := range tests {
		o, err := ParseOrg(tt.in)
		if !errors.Is(err, tt.err) {
			t.Errorf("ParseOrg(%q) error = %v, want %v", tt.in, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		if o.YTunnus.String() != tt.y || o.Node != tt.node || o.Unit != tt.unit {
			t.Errorf("ParseOrg(%q) = %s node %d unit %d, want %s %d %d", tt.in, o.YTunnus, o.Node, o.Unit, tt.y, tt.node, tt.unit)
		}
	}
	// Round trip.
	o, _ := ParseOrg("0204819-8")
	if got := OrgOID(o.YTunnus, 10, 0); got != "1.2.246.10.2048198.10.0" {
		t.Errorf("OrgOID = %s", got)
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"010181-900C":  "010181-****",
		"020516C903K":  "020516C****",
		"0101819000C":  "010181****",
		"psn:abcdefgh": "ps****",
		"A12":          "****",
		"":             "",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"headers seen: DOC1, 131052-308T, social", "headers seen: DOC1, 131052-****, social"},
		{"010181-900C;020516C903K", "010181-****;020516C****"},
		{"no ids here 2024-01-31", "no ids here 2024-01-31"},
		{"1010181-900C", "1010181-900C"}, // part of a longer number: not a hetu run
		{"x131052-308Tx", "x131052-308Tx"},
		{"131052-308T", "131052-****"},
		// Issue 13: lower-case century signs and check characters.
		{"Asiakas 130672a3470 kotihoito", "Asiakas 130672a**** kotihoito"},
		{"130672A3470", "130672A****"},
		{"010181y900c", "010181y****"},
		{"010181u900C 010181F900C 010181b900C", "010181u**** 010181F**** 010181b****"},
		{"010181+900C", "010181+****"},
		// Every 2023 sign (VNA 690/2022), upper and lower case.
		{"010181X900C/010181W900C/010181V900C/010181D900C/010181E900C", "010181X****/010181W****/010181V****/010181D****/010181E****"},
		{"010181x900C 010181w900C 010181v900C 010181d900C 010181e900C", "010181x**** 010181w**** 010181v**** 010181d**** 010181e****"},
		// Issue 13: inside file names, sheet names, paths and YAML.
		{"open puuttuva-210280-3558.csv: no such file or directory", "open puuttuva-210280-****.csv: no such file or directory"},
		{"/home/k/210280-3558/export.csv", "/home/k/210280-****/export.csv"},
		{"sheet 'Asiakas_210280-3558'", "sheet 'Asiakas_210280-****'"},
		{"name: \"210280-3558\"", "name: \"210280-****\""},
		{"yaml: line 3: key 210280-3558: unknown", "yaml: line 3: key 210280-****: unknown"},
		{"(130672a3470)", "(130672a****)"},
		{"Matti ä130672-3470ö", "Matti ä130672-****ö"}, // UTF-8 letters are not ASCII word bytes
		// Invalid check characters and dates still identify someone.
		{"010181-900D", "010181-****"},
		{"010181-900G", "010181-****"},
		{"310281-900C", "310281-****"},
		// No check character: not a run (form numbers look like this).
		{"id 010181-900 end", "id 010181-900 end"},
		{"Lomake 100234-001", "Lomake 100234-001"},
		// Not a run: longer numbers, wrong signs, running on into a word, hashes, UUIDs.
		{"010181-9000C", "010181-9000C"},
		{"010181G900C", "010181G900C"},
		{"010181Z900C", "010181Z900C"},
		{"010181-90", "010181-90"},
		{"ID010181-900C", "ID010181-****"}, // a prefix glued on: still a code
		{"D130672a3470;1;x", "D130672a****;1;x"},
		{"010181-900Cx", "010181-900Cx"},
		{"sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
		{"12345678-1234-1234-1234-123456789012", "12345678-1234-1234-1234-123456789012"},
		{"rivit 100000-200000", "rivit 100000-200000"},
		{"", ""},
		{"010181-900C-020516C903K", "010181-****-020516C****"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
		b := []byte(tt.in)
		RedactBytes(b)
		if string(b) != tt.want {
			t.Errorf("RedactBytes(%q) = %q, want %q", tt.in, b, tt.want)
		}
		if got, want := ContainsHetu(tt.in), tt.in != tt.want; got != want {
			t.Errorf("ContainsHetu(%q) = %v, want %v", tt.in, got, want)
		}
		var w strings.Builder
		rw := NewWriter(&w)
		for i := 0; i < len(tt.in); i++ { // one byte a write: every split
			rw.Write([]byte{tt.in[i]})
		}
		rw.Close()
		if w.String() != tt.want {
			t.Errorf("Writer(%q) = %q, want %q", tt.in, w.String(), tt.want)
		}
	}
}

func TestMaskLowerCaseSign(t *testing.T) {
	if got := Mask("130672a3470"); got != "130672a****" {
		t.Errorf("Mask = %q", got)
	}
}

// hetuOracle finds the runs Redact must mask with a regular expression,
// independently of the scanner: at each position, no digit before, and
// the anchored shape (with its check character and no letter or digit
// after).
var (
	oracleRun   = regexp.MustCompile(`^([0-9]{6}[-+A-FU-Ya-fu-y][0-9]{3}[0-9A-Za-z])(?:[^0-9A-Za-z]|$)`)
	oracleDigit = regexp.MustCompile(`^[0-9]$`)
)

// oracleMask returns, for each byte of s, whether Redact must star it.
func oracleMask(s string) []bool {
	star := make([]bool, len(s))
	for i := 0; i < len(s); i++ {
		if i > 0 && oracleDigit.MatchString(s[i-1:i]) {
			continue
		}
		m := oracleRun.FindStringSubmatchIndex(s[i:])
		if m == nil {
			continue
		}
		n := m[3] // end of the run, before the boundary (which may be a multi-byte rune)
		for k := i + 7; k < i+n; k++ {
			star[k] = true
		}
	}
	return star
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"puuttuva-210280-3558.csv", "130672a3470", "010181-900C;020516C903K", "ID010181-900C",
		"010181-900", "1010181-900C", "x 010181y900c y", "010181-900C-020516C903K", "",
		"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, s string, chunk uint8) {
		got := Redact(s)
		if len(got) != len(s) {
			t.Fatalf("Redact(%q) changed the length: %q", s, got)
		}
		star := oracleMask(s)
		for i := range s {
			switch {
			case star[i] && got[i] != '*':
				t.Fatalf("Redact(%q) = %q: byte %d not masked", s, got, i)
			case !star[i] && got[i] != s[i]:
				t.Fatalf("Redact(%q) = %q: byte %d changed", s, got, i)
			}
		}
		b := []byte(s)
		RedactBytes(b)
		if string(b) != got {
			t.Fatalf("RedactBytes(%q) = %q, Redact %q", s, b, got)
		}
		// Any split into writes gives the same text.
		var w strings.Builder
		rw := NewWriter(&w)
		step := int(chunk%16) + 1
		for i := 0; i < len(s); i += step {
			rw.Write([]byte(s[i:min(i+step, len(s))]))
		}
		rw.Close()
		if w.String() != got {
			t.Fatalf("Writer(%q, chunks of %d) = %q, Redact %q", s, step, w.String(), got)
		}
	})
}

func BenchmarkRedact(b *testing.B) {
	// Report-like text: Finnish prose, numbers, dates and a few ids.
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString("Asiakirja 12/2024 (DOC-00123) rekisteri 1.2.246.537.6.1264, luotu 31.1.2024, 1 234 riviä; ")
		sb.WriteString("asiakas 010181-900C ja 130672a3470 tiedostossa puuttuva-210280-3558.csv\n")
	}
	s := sb.String()
	b.SetBytes(int64(len(s)))
	b.Run("string", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		for b.Loop() {
			Redact(s)
		}
	})
	clean := strings.NewReplacer("-900C", "/900C", "a3470", "/3470", "-3558", "/3558").Replace(s)
	b.Run("clean", func(b *testing.B) {
		b.SetBytes(int64(len(clean)))
		for b.Loop() {
			Redact(clean)
		}
	})
}

func TestPseudonym(t *testing.T) {
	p := NewPseudonymizer([]byte("secret"))
	a, b := p.Pseudonym("010181-900C"), p.Pseudonym(" 010181-900c ")
	if a != b {
		t.Errorf("spelling variants differ: %s %s", a, b)
	}
	if !strings.HasPrefix(a, "psn:") || len(a) != 20 || strings.Contains(a, "010181") {
		t.Errorf("pseudonym %q has the wrong shape", a)
	}
	if c := NewPseudonymizer([]byte("other")).Pseudonym("010181-900C"); c == a {
		t.Error("different keys give the same pseudonym")
	}
	if d := p.Pseudonym("020516C903K"); d == a {
		t.Error("different ids give the same pseudonym")
	}
}

func FuzzParseHetu(f *testing.F) {
	for _, s := range []string{"010181-900C", "020516C903K", "131052-308T", "310281-900C", "", "0000000000000", "010181+000A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHetu(s)
		if err != nil {
			if len(s) >= 4 && strings.Contains(err.Error(), s) {
				t.Fatalf("error %q echoes input", err)
			}
			return
		}
		if !ValidDate(h.Year, h.Month, h.Day) || h.Individual < 2 || len(s) != 11 {
			t.Fatalf("accepted invalid %q: %+v", s, h)
		}
		if m := Mask(s); m != s[:7]+"****" {
			t.Fatalf("Mask(%q) = %q, want the birth date and sign only", s, m)
		}
		if r := Redact("x " + s + " y"); strings.Contains(r, s) {
			t.Fatalf("Redact left %q in %q", s, r)
		}
	})
}

func FuzzParseOrg(f *testing.F) {
	for _, s := range []string{"1.2.246.10.32213086.10.0", "0204819-8", "urn:oid:1.2.246.10.2048198.19.0", "1.2.246.10..10.0", "1.2.246.10.9999999999999999999.10.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseOrg(s)
		if err != nil {
			return
		}
		// A valid id round-trips through its Y-tunnus.
		if _, err := ParseYTunnus(o.YTunnus.String()); err != nil {
			t.Fatalf("ParseOrg(%q) gave Y-tunnus %s that does not validate: %v", s, o.YTunnus, err)
		}
	})
}

// A Writer passes whole messages on at once: only a possible run at the
// very end waits.
func TestWriterPassesTextOn(t *testing.T) {
	var w strings.Builder
	rw := NewWriter(&w)
	rw.Write([]byte("kartoitus: open puuttuva-210280-3558.csv: no such file\n"))
	if got := w.String(); got != "kartoitus: open puuttuva-210280-****.csv: no such file\n" {
		t.Errorf("after a line: %q", got)
	}
	rw.Write([]byte("asiakas 010181-90"))
	if got := w.String(); !strings.HasSuffix(got, "asiakas ") {
		t.Errorf("a possible run must wait: %q", got)
	}
	rw.Write([]byte("0C.\n"))
	rw.Close()
	if got := w.String(); !strings.HasSuffix(got, "asiakas 010181-****.\n") {
		t.Errorf("split run: %q", got)
	}
}

func TestWriterUnwrap(t *testing.T) {
	var b strings.Builder
	if NewWriter(&b).Unwrap() != &b {
		t.Error("Unwrap does not return the underlying writer")
	}
}
