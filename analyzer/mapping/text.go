package mapping

import (
	"sort"
	"strings"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// This file holds the language side of fuzzy matching: a light Finnish
// (and Swedish) stemmer, soft token similarity and character trigrams
// (compound splitting against the catalogue's vocabulary is
// Matcher.split). None of it
// tries to be a full morphological analyser: it only has to make
// "huostaanottopäätökset" and "Päätös lapsen huostaanotosta" share
// "huostaanot…" and "päätös".

// minStem is the shortest stem compound splitting and prefix similarity
// work with: the stemmer's (one home).
const minStem = textnorm.MinStem

// stem is textnorm.Stem (shared with the catalogue search).
func stem(w string) string { return textnorm.Stem(w) }

// tokenSim scores two stems in 0..1: equal, an inflection apart (one a
// short extension of the other, or sharing a long prefix, which covers
// consonant gradation), or a typo apart.
func tokenSim(a, b string) float64 {
	if a == b {
		return 1
	}
	la, lb := len(a), len(b)
	short, long := min(la, lb), max(la, lb)
	p := textnorm.CommonPrefix(a, b)
	switch {
	case p >= minStem && p >= short-1 && long-p <= 4:
		return 0.9
	case p >= 6 && float64(p) >= 0.75*float64(long):
		return 0.8
	case p >= 5 && float64(p) >= 0.7*float64(long):
		return 0.7
	}
	if short >= 5 && long-short <= 2 {
		if d := editDistance(a, b, 2); d == 1 {
			return 0.85
		} else if d == 2 && short >= 9 {
			return 0.75
		}
	}
	return 0
}

// editDistance is the optimal-string-alignment distance between a and b,
// giving up (returning limit+1) once it exceeds limit.
func editDistance(a, b string, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// trigrams returns the sorted, de-duplicated character trigrams of s with
// spaces removed, so "palvelu suunnitelma" and "palvelusuunnitelma" agree.
func trigrams(s string) []uint32 {
	s = strings.ReplaceAll(s, " ", "")
	if len(s) < 3 {
		if s == "" {
			return nil
		}
		s = "##" + s
	}
	out := make([]uint32, 0, len(s))
	for i := 0; i+3 <= len(s); i++ {
		out = append(out, uint32(s[i])<<16|uint32(s[i+1])<<8|uint32(s[i+2]))
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	n := 0
	for i, v := range out {
		if i == 0 || v != out[n-1] {
			out[n] = v
			n++
		}
	}
	return out[:n]
}

// words folds s and splits it into words. Folding maps non-ASCII letters
// to ASCII where they carry diacritics; anything else non-ASCII stays and
// is compared bytewise.
func words(s string) []string {
	return strings.Fields(textnorm.Fold(s))
}
