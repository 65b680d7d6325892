package sosmeta

import (
	"strings"
	"sync"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// MatchesName reports whether a document name falls under the rule by one
// of its Names patterns: every word of a pattern must begin some word of
// the folded name ("kopio lausun" matches "Kopiot annetuista
// lausunnoista"). Prefixes rather than substrings, so "loki" finds
// "lokitiedot" but not a word that merely contains the letters.
func (r *RetentionRule) MatchesName(name string) bool {
	return r.matchesWords(strings.Fields(textnorm.Fold(name)))
}

// matchesWords is MatchesName on an already folded, split name.
func (r *RetentionRule) matchesWords(words []string) bool {
	if len(words) == 0 {
		return false
	}
	for _, p := range r.Names {
		pw := patternWords(p)
		if len(pw) == 0 {
			continue
		}
		all := true
		for _, w := range pw {
			found := false
			for _, nw := range words {
				if strings.HasPrefix(nw, w) {
					found = true
					break
				}
			}
			if !found {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// foldPattern skips textnorm.Fold for patterns already written folded
// (lower-case ASCII letters, digits, spaces), as the curated ones are:
// matching runs once per rule per document.
// patternWords is a name pattern's folded words, computed once per
// pattern: every document's name is matched against every rule's
// patterns, and splitting them again each time was a tenth of a 5,000-row
// retention analysis. Patterns come from the catalogue and overlays, so
// the cache stays small.
func patternWords(p string) []string {
	if w, ok := patternCache.Load(p); ok {
		return w.([]string)
	}
	w := strings.Fields(foldPattern(p))
	patternCache.Store(p, w)
	return w
}

var patternCache sync.Map

func foldPattern(p string) string {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ') {
			return textnorm.Fold(p)
		}
	}
	return p
}

// RetentionByCode returns the rule that names the type's catalogue key in
// Codes, the most specific kind of match.
func (c *Catalogue) RetentionByCode(d *DocumentType) (RetentionRule, bool) {
	if d == nil {
		return RetentionRule{}, false
	}
	for _, r := range c.Retention {
		if r.Also {
			continue
		}
		for _, key := range r.Codes {
			if key == d.Key() {
				return r, true
			}
		}
	}
	return RetentionRule{}, false
}

// RetentionByName returns the first rule whose Names match one of names
// (a local name, a national name).
func (c *Catalogue) RetentionByName(names ...string) (RetentionRule, bool) {
	for _, n := range names {
		words := strings.Fields(textnorm.Fold(n))
		if len(words) == 0 {
			continue
		}
		for i := range c.Retention {
			if !c.Retention[i].Also && c.Retention[i].matchesWords(words) {
				return c.Retention[i], true
			}
		}
	}
	return RetentionRule{}, false
}

// RetentionRule returns the rule with this ID.
func (c *Catalogue) RetentionRule(id string) (RetentionRule, bool) {
	for _, r := range c.Retention {
		if r.ID == id {
			return r, true
		}
	}
	return RetentionRule{}, false
}
