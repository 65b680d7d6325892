// Package ident validates the identifiers found in a client-system register
// export — henkilötunnus (Finnish personal identity code), Y-tunnus
// (business ID) and SOTE organisation OIDs — and keeps personal identity
// codes out of reports: masking, keyed pseudonymisation and redaction of
// free text.
//
// The algorithms follow ../shared/domain/law-retention-registers-identifiers.md
// §4 (VNA 128/2010 § 2 as amended by 690/2022 for the henkilötunnus; the
// weights 7, 9, 10, 5, 8, 4, 2 for the Y-tunnus; JHS 159 and THL's SOTE
// organisation register for OIDs). Nothing here allocates on the valid
// path, because the register gate calls it once per row.
package ident

import "errors"

// hetuChecks indexes the remainder mod 31 of DDMMYYNNN to the check
// character (VNA 128/2010 § 2).
const hetuChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// Reasons a henkilötunnus is invalid. Messages never contain the code.
var (
	ErrHetuLength = errors.New("henkilötunnus must be 11 characters")
	ErrHetuFormat = errors.New("henkilötunnus is not DDMMYY, a century sign, three digits and a check character")
	ErrHetuSign   = errors.New("henkilötunnus has an unknown century sign")
	ErrHetuDate   = errors.New("henkilötunnus birth date is not a calendar date")
	ErrHetuNumber = errors.New("henkilötunnus individual number 000 or 001 is never issued")
	ErrHetuCheck  = errors.New("henkilötunnus check character is wrong")
)

// Hetu is a parsed henkilötunnus. It holds no copy of the code itself.
type Hetu struct {
	Year, Month, Day int
	// Individual is the three-digit individual number (odd men, even women).
	Individual int
	// Sign is the century sign as written.
	Sign byte
}

// Test reports whether the code is in the 900-series that Kela hands out
// for Kanta test environments; real codes use 002–899. (Hospitals also use
// 900–999 for temporary codes, so in production data it means "not a
// population-register code".)
func (h Hetu) Test() bool { return h.Individual >= 900 }

// Birth returns the birth date as yyyymmdd.
func (h Hetu) Birth() int { return h.Year*10000 + h.Month*100 + h.Day }

// century maps a century sign to the century (1800, 1900, 2000). Since
// 1.1.2023 (VNA 690/2022) Y, X, W, V, U also mark the 1900s and B–F the
// 2000s.
func century(sign byte) int {
	switch sign {
	case '+':
		return 1800
	case '-', 'Y', 'X', 'W', 'V', 'U':
		return 1900
	case 'A', 'B', 'C', 'D', 'E', 'F':
		return 2000
	}
	return 0
}

// ParseHetu validates s as a henkilötunnus: shape, century sign, calendar
// date, individual number and the mod-31 check character. Lower-case check
// characters are invalid: DVV issues upper case only.
func ParseHetu(s string) (Hetu, error) {
	var h Hetu
	if len(s) != 11 {
		return h, ErrHetuLength
	}
	n := 0 // DDMMYYNNN as a number
	for i := 0; i < 10; i++ {
		if i == 6 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return h, ErrHetuFormat
		}
		n = n*10 + int(c-'0')
	}
	h.Sign = s[6]
	c := century(h.Sign)
	if c == 0 {
		return h, ErrHetuSign
	}
	h.Day = int(s[0]-'0')*10 + int(s[1]-'0')
	h.Month = int(s[2]-'0')*10 + int(s[3]-'0')
	h.Year = c + int(s[4]-'0')*10 + int(s[5]-'0')
	h.Individual = int(s[7]-'0')*100 + int(s[8]-'0')*10 + int(s[9]-'0')
	if !ValidDate(h.Year, h.Month, h.Day) {
		return h, ErrHetuDate
	}
	if h.Individual < 2 {
		return h, ErrHetuNumber
	}
	if s[10] != hetuChecks[n%31] {
		if !isCheckChar(s[10]) {
			return h, ErrHetuFormat
		}
		return h, ErrHetuCheck
	}
	return h, nil
}

func isCheckChar(c byte) bool {
	for i := 0; i < len(hetuChecks); i++ {
		if hetuChecks[i] == c {
			return true
		}
	}
	return false
}

// HetuCheck returns the check character for a birth date (DDMMYY as a
// number, e.g. 10181 for 01.01.81) and individual number.
func HetuCheck(ddmmyy, individual int) byte {
	return hetuChecks[(ddmmyy*1000+individual)%31]
}

// LooksLikeHetu reports whether s is shaped enough like a henkilötunnus
// (10–12 characters starting with six digits) that it should be validated
// as one rather than taken for a pseudonym or a local client number. A
// code with a dropped or doubled character is then reported as invalid
// instead of passing silently.
func LooksLikeHetu(s string) bool {
	if len(s) < 10 || len(s) > 12 {
		return false
	}
	for i := 0; i < 6; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidDate reports whether y-m-d is a date of the proleptic Gregorian
// calendar (years 1–9999).
func ValidDate(y, m, d int) bool {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= DaysIn(y, m)
}

// DaysIn returns the number of days in month m of year y.
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
