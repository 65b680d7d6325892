package finding

import (
	"fmt"
	"os"
	"time"

	"github.com/kartoitus/kartoitus/internal/fi"
	"github.com/kartoitus/kartoitus/internal/strictyaml"
)

// IgnoreEntry suppresses findings of one rule, optionally only the one with
// a given fingerprint. A reason is required; an expiry makes the entry lapse.
type IgnoreEntry struct {
	Rule        string `yaml:"rule" json:"rule"`
	Fingerprint string `yaml:"fingerprint,omitempty" json:"fingerprint,omitempty"`
	Reason      string `yaml:"reason" json:"reason"`
	Expires     string `yaml:"expires,omitempty" json:"expires,omitempty"` // YYYY-MM-DD
	expires     time.Time
	used        int
}

// IgnoreList is a loaded ignore file.
type IgnoreList struct {
	Path    string
	Entries []*IgnoreEntry
}

type ignoreFile struct {
	Ignore []*IgnoreEntry `yaml:"ignore"`
}

// LoadIgnore reads a YAML (or JSON) ignore file:
//
//	ignore:
//	  - rule: REG003
//	    fingerprint: 1f2e3d4c5b6a7980   # optional: omit to ignore the whole rule
//	    reason: "purchased-service contract renewed, see ticket 123"
//	    expires: 2027-01-31             # optional
//
// Every entry must have a rule and a reason; errors name the file and entry.
func LoadIgnore(path string) (*IgnoreList, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseIgnore(path, b)
}

// ParseIgnore parses ignore-file content; path is used in messages only.
func ParseIgnore(path string, b []byte) (*IgnoreList, error) {
	var f ignoreFile
	if err := strictyaml.Decode(path, b, &f); err != nil {
		return nil, err
	}
	l := &IgnoreList{Path: path}
	for i, e := range f.Ignore {
		if e == nil {
			return nil, fmt.Errorf("%s: ignore entry %d is empty", path, i+1)
		}
		if e.Rule == "" {
			return nil, fmt.Errorf("%s: ignore entry %d: field \"rule\" is required", path, i+1)
		}
		if e.Reason == "" {
			return nil, fmt.Errorf("%s: ignore entry %d (%s): field \"reason\" is required", path, i+1, e.Rule)
		}
		if e.Expires != "" {
			t, err := time.Parse("2006-01-02", e.Expires)
			if err != nil {
				return nil, fmt.Errorf("%s: ignore entry %d (%s): field \"expires\" %q is not YYYY-MM-DD", path, i+1, e.Rule, e.Expires)
			}
			e.expires = t
		}
		l.Entries = append(l.Entries, e)
	}
	return l, nil
}

// Apply splits fs into kept and suppressed findings. Entries expired before
// now do not suppress. Call Unused afterwards to list entries that matched
// nothing.
func (l *IgnoreList) Apply(fs []Finding, now time.Time) (kept, suppressed []Finding) {
	if l == nil {
		return fs, nil
	}
	for _, f := range fs {
		if e := l.match(f, now); e != nil {
			e.used++
			suppressed = append(suppressed, f)
			continue
		}
		kept = append(kept, f)
	}
	return kept, suppressed
}

func (l *IgnoreList) match(f Finding, now time.Time) *IgnoreEntry {
	for _, e := range l.Entries {
		if e.Rule != f.RuleID {
			continue
		}
		if e.Fingerprint != "" && e.Fingerprint != f.Fingerprint {
			continue
		}
		if !e.expires.IsZero() && now.After(e.expires.Add(24*time.Hour)) {
			continue
		}
		return e
	}
	return nil
}

// Unused returns findings (rule IGN001, info) for entries that matched
// nothing, and (IGN002, warning) for expired entries, so stale ignores
// are cleaned up rather than piling up.
func (l *IgnoreList) Unused(now time.Time) []Finding {
	if l == nil {
		return nil
	}
	var out []Finding
	for i, e := range l.Entries {
		loc := Location{File: l.Path, Row: i + 1, Key: e.Rule + " " + e.Fingerprint}
		switch {
		case !e.expires.IsZero() && now.After(e.expires.Add(24*time.Hour)):
			out = append(out, New(RuleIgnoreExpired,
				T(fmt.Sprintf("Ohitussääntö %s %s vanhentui %s.", e.Rule, e.Fingerprint, fi.Date(e.expires)),
					fmt.Sprintf("Ignore entry %s %s expired on %s.", e.Rule, e.Fingerprint, e.Expires)),
				loc, e.Rule, e.Fingerprint))
		case e.used == 0:
			out = append(out, New(RuleIgnoreUnused,
				Tf("Ohitussääntö %s %s ei vastannut yhtään havaintoa.", "Ignore entry %s %s matched no finding.", e.Rule, e.Fingerprint),
				loc, e.Rule, e.Fingerprint))
		}
	}
	return out
}

// Rules about the ignore file itself.
var (
	RuleIgnoreUnused = Rule{ID: "IGN001", Severity: Info,
		Title: T("Käyttämätön ohitussääntö", "Unused ignore entry"),
		Samples: Samples{
			Good: []Sample{{Note: "the entry suppresses the finding it was written for",
				Inventory: ignoreSampleInventory, Ignore: ignoreSample}},
			Bad: []Sample{{Note: "the decision moved to older people's services: nothing left to ignore",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nIäkkäiden palvelut;Palvelupäätös;11000\n",
				Ignore:    ignoreSample}},
		}}
	RuleIgnoreExpired = Rule{ID: "IGN002", Severity: Warning,
		Title: T("Vanhentunut ohitussääntö", "Expired ignore entry"),
		Samples: Samples{
			Good: []Sample{{Note: "an entry without an expiry date",
				Inventory: ignoreSampleInventory, Ignore: ignoreSample}},
			Bad: []Sample{{Note: "an entry that expired at the end of 2024",
				Inventory: ignoreSampleInventory, Ignore: ignoreSample + "    expires: 2024-12-31\n"}},
		}}
)

// The ignore rules' samples: an organisation that records older clients'
// decisions under disability services ignores COV005 for them.
const (
	ignoreSampleInventory = "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nVammaispalvelut;Palvelupäätös;11000\n"
	ignoreSample          = "ignore:\n  - rule: COV005\n    reason: \"iäkkäiden vammaispalveluasiakkaiden palvelupäätökset kirjataan vammaispalveluihin (johtoryhmä 12.2.2025)\"\n"
)

// Suppresses reports whether an active entry suppresses f, and counts the
// use, for producers that filter findings while streaming (the register
// gate counts millions of findings but keeps only some).
func (l *IgnoreList) Suppresses(f Finding, now time.Time) bool {
	if l == nil {
		return false
	}
	if e := l.match(f, now); e != nil {
		e.used++
		return true
	}
	return false
}

// RuleEntries says whether the list has an active entry for rule without a
// fingerprint (the whole rule is ignored) and whether it has entries for
// rule with fingerprints, so streaming producers compute fingerprints only
// when they matter.
func (l *IgnoreList) RuleEntries(rule string, now time.Time) (wholeRule, withFingerprint bool) {
	if l == nil {
		return false, false
	}
	for _, e := range l.Entries {
		if e.Rule != rule || (!e.expires.IsZero() && now.After(e.expires.Add(24*time.Hour))) {
			continue
		}
		if e.Fingerprint == "" {
			wholeRule = true
		} else {
			withFingerprint = true
		}
	}
	return wholeRule, withFingerprint
}
