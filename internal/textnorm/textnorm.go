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
	if f, ok := foldLatin1(s); ok {
		return f
	}
	return foldSlow(s)
}

// foldSlow is Fold by its definition: NFD, then rune by rune.
func foldSlow(s string) string {
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

// latin1 is what foldSlow makes of each rune below U+0100, from foldSlow
// itself: "" for a separator, else the letters it leaves ("ä" → "a",
// "ß" → "ß").
var latin1 = func() (t [256]string) {
	for r := range 256 {
		t[r] = foldSlow(string(rune(r)))
	}
	return t
}()

// foldLatin1 is Fold for text of runes below U+0100 (ASCII and the
// Finnish and Swedish letters), without NFD's allocation and table
// walk: decomposition is per character there and no combining mark can
// follow, so folding each rune alone is the same. Mapping folds every
// inventory name against the catalogue, and NFD was most of its time.
// ok is false for other text, which foldSlow takes.
func foldLatin1(s string) (string, bool) {
	buf := make([]byte, 0, len(s))
	space := true // suppress leading space
	for _, r := range s {
		if r >= 256 {
			return "", false
		}
		if r < 128 {
			c := byte(r)
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			default:
				if !space {
					buf = append(buf, ' ')
					space = true
				}
				continue
			}
			buf = append(buf, c)
			space = false
			continue
		}
		f := latin1[r]
		if f == "" {
			if !space {
				buf = append(buf, ' ')
				space = true
			}
			continue
		}
		buf = append(buf, f...)
		space = false
	}
	for len(buf) > 0 && buf[len(buf)-1] == ' ' {
		buf = buf[:len(buf)-1]
	}
	return string(buf), true
}

// FoldHeader folds a column header: like Fold, but first drops a leading
// section number such as "2.15" or "7.10.1" and any parenthesised remark,
// as in "2.11.1 Säilytysaika (vuotta)", and splits CamelCase into words
// ("AsiakirjaID" → "asiakirja id", "OIDKoodi" → "oid koodi"), as
// database-minded vendors name their export columns.
func FoldHeader(s string) string {
	s = splitCamel(dropParens(s))
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

// HeaderKey is FoldHeader without the spaces: one key for every way of
// separating the words of a header, so "AsiakirjaID", "asiakirja_id",
// "Asiakirja-ID", "ASIAKIRJA ID" and "asiakirjaid" are the same column
// name, and so are the run-together "asiakirjantunniste" and
// "Asiakirjan tunniste". Matching on it is exact: it never makes a
// header mean a name it merely contains.
func HeaderKey(s string) string { return strings.ReplaceAll(FoldHeader(s), " ", "") }

// splitCamel puts a space where a lower-case letter meets an upper-case
// one ("asiakirjaId") and before the last capital of a capital run that
// starts a capitalised word ("OIDKoodi" → "OID Koodi"). All-capital words
// ("HETU", "TOS") and digits are left alone.
func splitCamel(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 4)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			prev := rs[i-1]
			if unicode.IsLower(prev) ||
				(unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
				b.WriteByte(' ')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
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
