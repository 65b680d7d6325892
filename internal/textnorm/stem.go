package textnorm

import (
	"math/bits"
	"strings"
)

// The light Finnish (and Swedish) stemmer the mapping and the catalogue
// search share: one inflectional ending off, -s/-kse- and -nen/-se-
// normalised. Not a morphological analyser: consonant gradation
// (toiminta/toiminnan) is left to a common-prefix comparison.

// MinStem is the shortest word the stemmer takes -nen off, and the
// shortest stem compound splitting and prefix similarity (the mapping's)
// work with. Words of up to minStrip letters (ls, pta, om, apu) keep
// their endings, and endings are stripped down to minStrip letters
// (tuen, tuesta → tue).
const (
	MinStem  = 4
	minStrip = 3
)

// endings are Finnish case and number endings (folded: ä→a, ö→o), longest
// first, plus a few Swedish definite/plural endings. Stripping is
// deliberately shallow: consonant gradation (otto/oto, lto/llo) is left to
// the prefix similarity.
var endings = []string{
	"iden", "itten", "ihin", "iksi", "ista", "issa", "ilta", "illa", "ille", "ineen",
	"erna", "arna", "orna",
	"jen", "ien", "sta", "ssa", "lta", "lla", "lle", "ksi", "ja", "ia",
	"aan", "een", "iin", "oon", "uun", "yyn", // illative: huoltoon, palveluun
	"n", "t",
}

// Stem strips one inflectional ending and normalises the -s/-kse- and
// -nen/-se- alternations (päätös/päätöksen, hakemus/hakemuksen,
// ennakollinen/ennakollisen).
func Stem(w string) string {
	if len(w) <= minStrip || IsDigits(w) {
		return w
	}
	if strings.HasSuffix(w, "nen") && len(w)-3 >= MinStem {
		return w[:len(w)-3] + "s"
	}
	for _, e := range endings {
		if strings.HasSuffix(w, e) && len(w)-len(e) >= minStrip {
			if len(e) == 3 && e[0] == e[1] {
				e = e[1:] // illative: huolto+on, palvelu+un keep their vowel
			}
			w = w[:len(w)-len(e)]
			break
		}
	}
	switch {
	case strings.HasSuffix(w, "kse") && len(w) > 5:
		w = w[:len(w)-3] + "s" // päätökse → päätös
	case strings.HasSuffix(w, "ks") && len(w) > 5:
		w = w[:len(w)-2] + "s" // päätöks(iä) → päätös
	case strings.HasSuffix(w, "ise") && len(w) > 5:
		w = w[:len(w)-1] // ennakollise → ennakollis
	}
	return w
}

// IsDigits reports whether s is a non-empty run of ASCII digits.
func IsDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// CommonPrefix is the length in bytes of the common prefix of a and b.
func CommonPrefix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	// A word at a time: the register gate compares every document id
	// with the one before it (ids share a long OID prefix).
	for ; i+8 <= n; i += 8 {
		if x := le64(a[i:]) ^ le64(b[i:]); x != 0 {
			return i + bits.TrailingZeros64(x)>>3
		}
	}
	for ; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// le64 is the little-endian word at the start of s (len(s) >= 8).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// SameWord reports whether two folded words are plausibly one word
// inflected (kuntouttava/kuntouttavan, työtoiminta/työtoiminnan): equal
// stems, or stems of five letters or more sharing all but their last two.
func SameWord(a, b string) bool {
	sa, sb := Stem(a), Stem(b)
	if sa == sb {
		return true
	}
	short, long := min(len(sa), len(sb)), max(len(sa), len(sb))
	p := CommonPrefix(sa, sb)
	return short >= 5 && p >= max(short-2, 5) && long-p <= 3
}
