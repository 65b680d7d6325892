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

// Redact masks every henkilötunnus-shaped run in free text (six digits, a
// century sign, three digits and a check character), for messages that
// echo input such as header names or values. It is the last line of
// defence: producers mask client ids themselves.
func Redact(s string) string {
	i := indexHetu(s, 0)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for i >= 0 {
		b.WriteString(s[last : i+7])
		b.WriteString("****")
		last = i + 11
		i = indexHetu(s, last)
	}
	b.WriteString(s[last:])
	return b.String()
}

// ContainsHetu reports whether text holds a henkilötunnus-shaped run.
func ContainsHetu(s string) bool { return indexHetu(s, 0) >= 0 }

func indexHetu(s string, from int) int {
	for i := from; i+11 <= len(s); i++ {
		if i > 0 && isDigit(s[i-1]) {
			continue
		}
		if allDigitsN(s[i:], 6) && isSign(s[i+6]) && allDigitsN(s[i+7:], 3) && isAlnum(s[i+10]) &&
			(i+11 == len(s) || !isAlnum(s[i+11])) {
			return i
		}
	}
	return -1
}

func allDigitsN(s string, n int) bool {
	if len(s) < n {
		return false
	}
	for i := 0; i < n; i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool {
	return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
}
func isSign(c byte) bool { return century(c) != 0 }

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
