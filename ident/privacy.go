package ident

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"strings"
)

// Mask hides the individual number and check character of a client id:
// 010181-900C → 010181-****. A value that is not shaped like a
// henkilötunnus (a pseudonym, a local client number) keeps its first two
// characters at most, so nothing identifying leaks from a malformed code
// either. The birth date stays visible, as people need it to find the
// client in their own system.
func Mask(id string) string {
	if id == "" {
		return ""
	}
	if len(id) >= 7 && allDigitsN(id, 6) {
		if isSign(id[6]) {
			return id[:7] + "****"
		}
		return id[:6] + "****"
	}
	if len(id) <= 4 {
		return "****"
	}
	return id[:2] + "****"
}

// Redact masks every henkilötunnus-shaped run in free text, for messages
// and files that echo input (names, file and sheet names, header names,
// config values). It is the last line of defence: producers mask client
// ids themselves. See IndexHetu for what counts as a run; the birth date
// and century sign stay, the rest becomes '*', so the length is kept.
func Redact(s string) string {
	i, n := indexHetu(s, 0)
	if i < 0 {
		return s
	}
	b := []byte(s)
	for i >= 0 {
		maskRun(b, i, n)
		i, n = indexHetu(b, i+n)
	}
	return string(b)
}

// RedactBytes masks every henkilötunnus-shaped run of b in place (the
// length does not change) and returns how many it masked.
func RedactBytes(b []byte) int {
	count := 0
	for i, n := indexHetu(b, 0); i >= 0; i, n = indexHetu(b, i+n) {
		maskRun(b, i, n)
		count++
	}
	return count
}

// ContainsHetu reports whether text holds a henkilötunnus-shaped run.
func ContainsHetu(s string) bool {
	i, _ := indexHetu(s, 0)
	return i >= 0
}

// ContainsHetuBytes is ContainsHetu on bytes, without a string copy.
func ContainsHetuBytes(b []byte) bool {
	i, _ := indexHetu(b, 0)
	return i >= 0
}

// IndexHetu returns the start and length (11) of the first
// henkilötunnus-shaped run in s, or -1, 0. A run is six digits, a century
// sign (+, -, A–F or U–Y, either case: VNA 690/2022), three digits and a
// check character (any letter or digit: a wrong or lower-case check
// character still identifies the person). A run without its check
// character is not matched: that would star form numbers such as
// "100234-001", and a streaming redactor could not tell a run cut by a
// write from a complete one. It must not be part of a longer number (no digit before
// it) nor run on into a word (no letter or digit after it), so
// "puuttuva-210280-3558.csv", "D130672a3470" (a document id built from the
// code) and "(130672a3470)" match while "1010181-900C" and "010181-900Cx"
// do not. A letter before is allowed because ids get glued to prefixes;
// the price is that about one SHA-256 hex digest or UUID in 200 has its
// tail starred. The calendar date and the check character are not validated,
// deliberately: a mistyped code is still someone's code.
func IndexHetu(s string) (start, n int) { return indexHetu(s, 0) }

// NextHetu is IndexHetu from byte from on (the byte before from still
// counts as the left neighbour), for callers that replace runs themselves.
func NextHetu(s string, from int) (start, n int) { return indexHetu(s, from) }

// Byte classes for the scanner, one table look-up per byte.
const (
	clDigit = 1 << iota
	clAlpha
	clSign
)

var class = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = clDigit
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c], t[c+'a'-'A'] = clAlpha, clAlpha
	}
	for _, c := range "+-ABCDEFUVWXYabcdefuvwxy" {
		t[c] |= clSign
	}
	return t
}()

// indexHetu scans s from from for a run (see IndexHetu). It looks at each
// byte once: digit runs of exactly six are the only places it tries.
func indexHetu[T ~string | ~[]byte](s T, from int) (start, n int) {
	for i := from; i < len(s); {
		if class[s[i]]&clDigit == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && class[s[j]]&clDigit != 0 {
			j++
		}
		if j-i == 6 && (i == 0 || class[s[i-1]]&clDigit == 0) &&
			j+4 <= len(s) && class[s[j]]&clSign != 0 &&
			class[s[j+1]]&class[s[j+2]]&class[s[j+3]]&clDigit != 0 {
			// The check character, then no letter or digit.
			if k := j + 4; k < len(s) && class[s[k]]&(clDigit|clAlpha) != 0 &&
				(k+1 == len(s) || class[s[k+1]]&(clDigit|clAlpha) == 0) {
				return i, 11
			}
		}
		i = j
	}
	return -1, 0
}

// maskRun replaces everything after the birth date and century sign of
// the run at b[i:i+n] with '*'.
func maskRun(b []byte, i, n int) {
	for k := i + 7; k < i+n; k++ {
		b[k] = '*'
	}
}

func allDigitsN(s string, n int) bool {
	if len(s) < n {
		return false
	}
	for i := 0; i < n; i++ {
		if class[s[i]]&clDigit == 0 {
			return false
		}
	}
	return true
}

// isSign accepts a century sign in either case, so Mask hides the
// individual number of "130672a3470" too.
func isSign(c byte) bool { return class[c]&clSign != 0 }

// Pseudonymizer replaces client ids with a keyed hash (HMAC-SHA256), so a
// result can be shared and ids still compared across runs made with the
// same key, while nobody without the key can recover or confirm an id.
// A plain unkeyed hash would not do: the henkilötunnus space is small
// enough to enumerate.
type Pseudonymizer struct {
	key []byte
}

// NewPseudonymizer returns a pseudonymizer for key (any length; 32 random
// bytes recommended). An empty key is refused by the caller.
func NewPseudonymizer(key []byte) *Pseudonymizer {
	return &Pseudonymizer{key: append([]byte(nil), key...)}
}

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// Pseudonym returns "psn:" and 16 base-32 characters (80 bits) of
// HMAC-SHA256(key, id), id trimmed and upper-cased so that spelling
// variants of the same code agree.
func (p *Pseudonymizer) Pseudonym(id string) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(strings.ToUpper(strings.TrimSpace(id))))
	sum := m.Sum(nil)
	return "psn:" + strings.ToLower(b32.EncodeToString(sum[:10]))
}
