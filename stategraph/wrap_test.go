package stategraph

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  []string
	}{
		{"", 24, nil},
		{"   ", 24, nil},
		{"Lastensuojeluilmoitus", 24, []string{"Lastensuojeluilmoitus"}},
		{"Päätös lapsen huostaanotosta ja sijaishuollosta", 24,
			[]string{"Päätös lapsen", "huostaanotosta ja", "sijaishuollosta"}},
		// A word a little over the width stays whole.
		{"Pöytäkirja rajoituksesta perheryhmäkotitoiminnassa", 24,
			[]string{"Pöytäkirja rajoituksesta", "perheryhmäkotitoiminnassa"}},
		// A long compound is hyphenated before a consonant–vowel pair,
		// filling the current line first.
		{"Päätös lastensuojeluilmoituksenkäsittelystä", 20,
			[]string{"Päätös lastensuoje-", "luilmoituksenkäsit-", "telystä"}},
		// An existing hyphen is a break point and gets no second hyphen.
		{"Sosiaalihuollon asiakas-kertomusmerkintäluettelo", 20,
			[]string{"Sosiaalihuollon", "asiakas-kertomusmer-", "kintäluettelo"}},
		// No vowel–consonant boundary: a hard break.
		{"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", 10, []string{"XXXXXXXXX-", "XXXXXXXXX-", "XXXXXXXXXXXX"}},
		// Width below 8 is raised to 8.
		{"yksi kaksi kolme", 1, []string{"yksi", "kaksi", "kolme"}},
		{"Hoito- ja kasvatussuunnitelma", 24, []string{"Hoito- ja", "kasvatussuunnitelma"}},
	}
	for _, tt := range tests {
		if got := Wrap(tt.in, tt.width); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestHyphenPoint(t *testing.T) {
	tests := []struct {
		word string
		max  int
		want string // head before the break
	}{
		{"huostaanotosta", 8, "huostaa"},
		{"lastensuojeluilmoitus", 12, "lastensuoje"},
		{"kasvatussuunnitelma", 10, "kasvatus"},
		{"aa", 10, ""},
		{"strst", 10, ""}, // no vowel before a consonant–vowel pair
	}
	for _, tt := range tests {
		k := hyphenPoint([]rune(tt.word), tt.max)
		got := ""
		if k > 0 {
			got = string([]rune(tt.word)[:k])
		}
		if got != tt.want {
			t.Errorf("hyphenPoint(%q, %d) head %q, want %q", tt.word, tt.max, got, tt.want)
		}
	}
}

// FuzzWrap checks Wrap's promises for any text: no line is empty or
// longer than width+slack, and the lines hold the same letters in the
// same order, only hyphens and spaces added or moved.
func FuzzWrap(f *testing.F) {
	for _, s := range []string{
		"Päätös lapsen huostaanotosta ja sijaishuollosta",
		"Lastensuojelun jälkihuollon palvelu- tai tukitoimipäätös",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"- -- --- ----------------------------",
		"ääöö\u00a0å\tx\ny",
		"\xff\xfe invalid",
	} {
		f.Add(s, 24)
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		if width > 200 || width < -200 {
			width %= 200
		}
		lines := Wrap(s, width)
		w := max(width, 8)
		var joined strings.Builder
		for _, l := range lines {
			if l == "" || strings.TrimSpace(l) != l {
				t.Fatalf("bad line %q in %q", l, lines)
			}
			if n := utf8.RuneCountInString(l); n > w+slack {
				t.Fatalf("line %q has %d runes, width %d", l, n, w)
			}
			joined.WriteString(l)
		}
		strip := func(x string) string {
			return strings.Map(func(r rune) rune {
				if r == '-' || r == ' ' || strings.ContainsRune(" \t\n\r\v\f\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000", r) {
					return -1
				}
				return r
			}, x)
		}
		if strip(joined.String()) != strip(s) {
			t.Fatalf("Wrap(%q) lost or changed text: %q", s, lines)
		}
	})
}
