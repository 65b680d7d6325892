package sosmeta

import (
	"strings"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// MatchesName reports whether a document name falls under the rule by one
// of its Names patterns: every word of a pattern must begin some word of
// the folded name ("kopio lausun" matches "Kopiot annetuista
// lausunnoista"). Prefixes rather than substrings, so "loki" finds
// "lokitiedot" but not a word that merely contains the letters.
func (r *RetentionRule) MatchesName(name string) bool {
	words := strings.Fields(textnorm.Fold(name))
	if len(words) == 0 {
		return false
	}
	for _, p := range r.Names {
		pw := strings.Fields(textnorm.Fold(p))
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

// RetentionByCode returns the rule that names the type's catalogue key in
// Codes, the most specific kind of match.
func (c *Catalogue) RetentionByCode(d *DocumentType) (RetentionRule, bool) {
	if d == nil {
		return RetentionRule{}, false
	}
	for _, r := range c.Retention {
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
		if n == "" {
			continue
		}
		for i := range c.Retention {
			if c.Retention[i].MatchesName(n) {
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
