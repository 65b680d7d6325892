package stategraph

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kartoitus/kartoitus/ident"
)

// Wrap breaks s into lines of at most width runes at spaces. Finnish
// compounds are long ("lastensuojeluilmoituksen"), so a word that does not
// fit a line by itself is hyphenated at a syllable boundary (the Finnish
// rule: a hyphen goes before a consonant that is followed by a vowel) or
// after a hyphen it already has. Words up to three characters longer than
// width are kept whole. width < 8 is treated as 8.
func Wrap(s string, width int) []string {
	if width < 8 {
		width = 8
	}
	var lines []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
	}
	// Split at breaking white space only: a no-break space (U+00A0,
	// U+202F) joins words that must stay together, such as "4. Päätöksenteko".
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f'
	}) {
		// A no-break space at a word's edge joins nothing.
		if w = strings.TrimFunc(w, unicode.IsSpace); w == "" {
			continue
		}
		word := []rune(w)
		switch {
		case len(cur) == 0 && len(word) <= width:
			cur = append(cur, word...)
			continue
		case len(cur) > 0 && len(cur)+1+len(word) <= width:
			cur = append(append(cur, ' '), word...)
			continue
		}
		// The word does not fit on the current line. A word a little
		// longer than a line is kept whole: a few characters of overflow
		// read better than a two-letter tail.
		if len(word) <= width+slack {
			flush()
			cur = append(cur, word...)
			continue
		}
		// Too long for any line: fill the current line with a hyphenated
		// head when a useful piece (4+ letters) fits, then split the rest.
		if len(cur) > 0 {
			room := width - len(cur) - 1
			if k := hyphenPoint(word, room); k >= 4 {
				lines = append(lines, string(cur)+" "+head(word, k))
				cur = cur[:0]
				word = trimLeadingSpace(word[k:])
			} else {
				flush()
			}
		}
		for len(word) > width+slack {
			k := hyphenPoint(word, width)
			if k <= 0 {
				k = width - 1 // no boundary: break hard
			}
			lines = append(lines, head(word, k))
			word = trimLeadingSpace(word[k:])
		}
		cur = append(cur[:0], word...)
	}
	flush()
	return lines
}

// head returns word[:k] with a hyphen, unless it already ends in one.
// slack is how far a whole word may overflow a line.
const slack = 3

func head(word []rune, k int) string {
	h := word[:k]
	// A break at a no-break space needs no hyphen and keeps no space.
	if unicode.IsSpace(h[len(h)-1]) {
		return string(trimTrailingSpace(h))
	}
	if h[k-1] == '-' {
		return string(h)
	}
	return string(h) + "-"
}

// trimLeadingSpace and trimTrailingSpace drop the no-break spaces a hard
// break inside a joined word leaves at a piece's edge.
func trimLeadingSpace(w []rune) []rune {
	for len(w) > 0 && unicode.IsSpace(w[0]) {
		w = w[1:]
	}
	return w
}

func trimTrailingSpace(w []rune) []rune {
	for len(w) > 0 && unicode.IsSpace(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	return w
}

// hyphenPoint returns the largest k such that word[:k] plus a hyphen fits
// in max runes and k is a hyphenation point, or 0. The head keeps at
// least two letters and the tail at least three.
func hyphenPoint(word []rune, max int) int {
	best := 0
	for k := 2; k <= len(word)-3; k++ {
		if word[k-1] == '-' {
			if k <= max {
				best = k
			}
			continue
		}
		if k+1 > max {
			break
		}
		if isConsonant(word[k]) && isVowel(word[k+1]) && hasVowel(word[:k]) && isLetter(word[k-1]) {
			best = k
		}
	}
	return best
}

func isVowel(r rune) bool {
	switch unicode.ToLower(r) {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'ä', 'ö', 'å', 'é':
		return true
	}
	return false
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

func isConsonant(r rune) bool { return unicode.IsLetter(r) && !isVowel(r) }

func hasVowel(rs []rune) bool {
	for _, r := range rs {
		if isVowel(r) {
			return true
		}
	}
	return false
}

// maskHetu hides personal identity codes in free text taken from an
// inventory (ident.Redact): pictures are shown in workshops and never need
// one. Invalid UTF-8 is replaced so labels stay well-formed.
func maskHetu(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return ident.Redact(s)
}
