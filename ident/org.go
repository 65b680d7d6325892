package ident

import (
	"errors"
	"strconv"
)

// Reasons an organisation identifier is invalid.
var (
	ErrYTunnusFormat = errors.New("business id (Y-tunnus) is not seven digits, a dash and a check digit")
	ErrYTunnusCheck  = errors.New("business id (Y-tunnus) check digit is wrong")
	ErrYTunnusNever  = errors.New("business id (Y-tunnus) with remainder 1 is never issued")
	ErrOIDFormat     = errors.New("organisation OID is not 1.2.246.10.<Y-tunnus>.<10|19>.<n>")
	ErrOIDYTunnus    = errors.New("organisation OID carries a Y-tunnus with a wrong check digit")
	ErrOrgFormat     = errors.New("not a Y-tunnus or an organisation OID")
)

// yWeights are the Y-tunnus check-digit weights.
var yWeights = [7]int{7, 9, 10, 5, 8, 4, 2}

// YTunnusCheck returns the check digit for the first seven digits, and
// false when the remainder is 1 (such numbers are never issued).
func YTunnusCheck(first7 [7]int) (int, bool) {
	sum := 0
	for i, d := range first7 {
		sum += d * yWeights[i]
	}
	switch r := sum % 11; r {
	case 0:
		return 0, true
	case 1:
		return 0, false
	default:
		return 11 - r, true
	}
}

// YTunnus is a business ID as the eight-digit number of its digits with the
// check digit last, e.g. 2048198 for 0204819-8. Two identifiers name the
// same organisation when their YTunnus values are equal, whether they were
// written as Y-tunnus or OID.
type YTunnus uint32

// String writes the usual form, 0204819-8.
func (y YTunnus) String() string {
	s := strconv.FormatUint(uint64(y), 10)
	for len(s) < 8 {
		s = "0" + s
	}
	return s[:7] + "-" + s[7:]
}

// ParseYTunnus validates "NNNNNNN-C". Old six-digit IDs padded with a
// leading zero are just seven-digit IDs here; an "FI" VAT prefix is not a
// Y-tunnus and is rejected.
func ParseYTunnus(s string) (YTunnus, error) {
	if len(s) != 9 || s[7] != '-' {
		return 0, ErrYTunnusFormat
	}
	var d [7]int
	n := 0
	for i := 0; i < 7; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, ErrYTunnusFormat
		}
		d[i] = int(c - '0')
		n = n*10 + d[i]
	}
	c := s[8]
	if c < '0' || c > '9' {
		return 0, ErrYTunnusFormat
	}
	want, ok := YTunnusCheck(d)
	if !ok {
		return 0, ErrYTunnusNever
	}
	if int(c-'0') != want {
		return 0, ErrYTunnusCheck
	}
	return YTunnus(n*10 + want), nil
}

// OIDRoot is the arc under which organisations are identified by Y-tunnus
// (JHS 159): 1.2.246.10.<Y-tunnus without dash, leading zero dropped>.
const OIDRoot = "1.2.246.10."

// Org is a validated organisation identifier.
type Org struct {
	YTunnus YTunnus
	// Node is the OID node class: 10 = producer, unit or toimipaikka,
	// 19 = register controller; 0 when written as a plain Y-tunnus.
	Node int
	// Unit is the number after the node class (0 = the organisation or
	// toimintayksikkö itself, 1… = service units).
	Unit int
}

// ParseOrgOID validates 1.2.246.10.<y>.<10|19>.<n>: seven or eight digits
// of Y-tunnus with a valid check digit, node class 10 or 19, and a unit
// number (THL SOTE organisation register, 1.2.246.537.6.202).
func ParseOrgOID(s string) (Org, error) {
	var o Org
	if len(s) <= len(OIDRoot) || s[:len(OIDRoot)] != OIDRoot {
		return o, ErrOIDFormat
	}
	rest := s[len(OIDRoot):]
	y, rest, ok := digits(rest)
	if !ok || len(y) < 7 || len(y) > 8 || len(rest) == 0 || rest[0] != '.' {
		return o, ErrOIDFormat
	}
	node, rest, ok := digits(rest[1:])
	if !ok || (node != "10" && node != "19") || len(rest) == 0 || rest[0] != '.' {
		return o, ErrOIDFormat
	}
	unit, rest, ok := digits(rest[1:])
	if !ok || rest != "" || len(unit) > 9 || (len(unit) > 1 && unit[0] == '0') {
		return o, ErrOIDFormat
	}
	var d [7]int
	pad := 8 - len(y)
	n := 0
	for i := 0; i < 7; i++ {
		if i >= pad {
			d[i] = int(y[i-pad] - '0')
		}
		n = n*10 + d[i]
	}
	want, okc := YTunnusCheck(d)
	if !okc || int(y[len(y)-1]-'0') != want {
		return o, ErrOIDYTunnus
	}
	o.YTunnus = YTunnus(n*10 + want)
	o.Node = atoiSmall(node)
	o.Unit = atoiSmall(unit)
	return o, nil
}

// ParseOrg accepts either form: a Y-tunnus or an organisation OID
// (optionally prefixed "urn:oid:").
func ParseOrg(s string) (Org, error) {
	if len(s) > 8 && s[:8] == "urn:oid:" {
		s = s[8:]
	}
	if len(s) > 2 && s[0] == '1' && s[1] == '.' {
		return ParseOrgOID(s)
	}
	if len(s) == 9 && s[7] == '-' {
		y, err := ParseYTunnus(s)
		return Org{YTunnus: y}, err
	}
	return Org{}, ErrOrgFormat
}

// OrgOID returns the OID of an organisation's node and unit, e.g.
// OrgOID(y, 10, 0) = 1.2.246.10.2048198.10.0.
func OrgOID(y YTunnus, node, unit int) string {
	return OIDRoot + strconv.FormatUint(uint64(y), 10) + "." + strconv.Itoa(node) + "." + strconv.Itoa(unit)
}

// digits splits s into its leading run of ASCII digits and the rest.
func digits(s string) (string, string, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:], i > 0
}

func atoiSmall(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
