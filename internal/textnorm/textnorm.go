// Package textnorm folds text for matching: header names, document names,
// service task and phase names. It is shared so that every reader and the
// catalogue agree on what "the same name" means.
package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s, strips diacritics (ä→a, ö→o, å→a, é→e), turns every
// run of punctuation, whitespace and line breaks into one space, and trims.
// Hyphens inside words become spaces too, so "ls-ilmoitus" and
// "ls ilmoitus" fold alike.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading space
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // combining mark left by NFD: the diacritic
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// FoldHeader folds a column header: like Fold, but first drops a leading
// section number such as "2.15" or "7.10.1" and any parenthesised remark,
// as in "2.11.1 Säilytysaika (vuotta)".
func FoldHeader(s string) string {
	s = dropParens(s)
	f := Fold(s)
	// drop leading number tokens: "2 15 asiakirjan tyyppi" -> "asiakirjan tyyppi"
	for {
		i := strings.IndexByte(f, ' ')
		if i <= 0 || !allDigits(f[:i]) {
			break
		}
		f = f[i+1:]
	}
	if allDigits(f) {
		return ""
	}
	return f
}

func dropParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
