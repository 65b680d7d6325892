package export

import (
	"errors"
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/registers"
)

// BasisKind is the processing basis; its one home is package registers
// (the inventory reads it too).
type BasisKind = registers.Basis

// The bases (registers.Basis*).
const (
	BasisNone        = registers.BasisNone
	BasisOwn         = registers.BasisOwn
	BasisPurchased   = registers.BasisPurchased
	BasisVoucher     = registers.BasisVoucher
	BasisSelfPaying  = registers.BasisSelfPaying
	BasisUnknown     = registers.BasisUnknown
	BasisKela        = registers.BasisKela
	BasisSubcontract = registers.BasisSubcontract
)

// ParseBasis is registers.ParseBasis.
func ParseBasis(s string) BasisKind { return registers.ParseBasis(s) }

// StatusKind is a document's status.
type StatusKind uint8

const (
	StatusNone    StatusKind = iota // empty: taken as active
	StatusActive                    // aktiivinen / voimassa
	StatusVoided                    // mitätöity
	StatusUnknown                   // unrecognised value
)

var statusNames = [...]string{"", "active", "voided", "unknown"}

func (s StatusKind) String() string { return statusNames[s] }

// ParseStatus reads active/voided in English, Finnish and Swedish.
func ParseStatus(s string) StatusKind {
	switch s {
	case "":
		return StatusNone
	case "active":
		return StatusActive
	case "voided":
		return StatusVoided
	}
	switch textnorm.Fold(s) {
	case "active", "aktiivinen", "voimassa", "voimassaoleva", "valmis", "final", "completed", "ok", "current",
		"giltig", "aktiv":
		return StatusActive
	case "voided", "void", "mitatoity", "mitatoitu", "mitatoity asiakirja", "nullified", "cancelled", "canceled",
		"entered in error", "makulerad", "annullerad":
		return StatusVoided
	}
	return StatusUnknown
}

// ControllerKindOf is the kind of register controller, code set
// 1.2.246.537.5.40172 (1 Julkinen, 2 Yksityinen).
type ControllerKindOf uint8

const (
	KindNone ControllerKindOf = iota
	KindPublic
	KindPrivate
	KindUnknown
)

var kindNames = [...]string{"", "public", "private", "unknown"}

func (k ControllerKindOf) String() string { return kindNames[k] }

// ParseControllerKind reads public/private, julkinen/yksityinen and the
// codes 1/2 of 1.2.246.537.5.40172.
func ParseControllerKind(s string) ControllerKindOf {
	switch s {
	case "":
		return KindNone
	case "public", "1":
		return KindPublic
	case "private", "2":
		return KindPrivate
	}
	switch textnorm.Fold(s) {
	case "public", "julkinen", "offentlig", "1 julkinen", "kunta", "hyvinvointialue":
		return KindPublic
	case "private", "yksityinen", "privat", "2 yksityinen":
		return KindPrivate
	}
	return KindUnknown
}

// OrganiserKindOf is the kind of organiser (palvelunjärjestäjä) a
// document's service has (Kela 2025: an organiser is a provider that
// organises the service as an authority, or a private provider that
// gives it on a contract with the client; Kela 2020 2E: in services Kela
// procures, Kela is not controller).
type OrganiserKindOf uint8

const (
	OrgKindNone    OrganiserKindOf = iota // not given
	OrgKindPublic                         // an authority: a wellbeing services county, a municipality
	OrgKindPrivate                        // a private organiser, controller by its contract with the client
	OrgKindKela                           // a service Kela procured
	OrgKindUnknown                        // a value we do not recognise
)

var orgKindNames = [...]string{"", "public", "private", "kela", "unknown"}

func (k OrganiserKindOf) String() string { return orgKindNames[k] }

// ParseOrganiserKind reads public/private/kela in English, Finnish and
// Swedish.
func ParseOrganiserKind(s string) OrganiserKindOf {
	switch s {
	case "":
		return OrgKindNone
	case "public":
		return OrgKindPublic
	case "private":
		return OrgKindPrivate
	case "kela":
		return OrgKindKela
	}
	switch textnorm.Fold(s) {
	case "public", "public authority", "authority", "julkinen", "viranomainen", "julkinen jarjestaja", "hyvinvointialue",
		"kunta", "offentlig", "myndighet", "valfardsomrade", "kommun":
		return OrgKindPublic
	case "private", "private organiser", "private organizer", "yksityinen", "yksityinen jarjestaja",
		"yksityinen palvelunjarjestaja", "privat", "privat anordnare":
		return OrgKindPrivate
	case "kela", "fpa", "kelan hankinta", "kela hankinta":
		return OrgKindKela
	}
	return OrgKindUnknown
}

// Timestamp is a local date and time as yyyymmddhhmmss, comparable as an
// integer; 0 means absent. Exports write local Finnish time; a trailing
// zone designator is accepted and not converted, because the rules compare
// dates as the organisation recorded them.
type Timestamp int64

// Date returns the date part as yyyymmdd.
func (t Timestamp) Date() Date { return Date(t / 1000000) }

// Date is yyyymmdd; 0 means absent.
type Date int32

// String writes YYYY-MM-DD.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	y, m, dd := int(d)/10000, int(d)/100%100, int(d)%100
	b := make([]byte, 0, 10)
	b = appendPad(b, y, 4)
	b = append(b, '-')
	b = appendPad(b, m, 2)
	b = append(b, '-')
	b = appendPad(b, dd, 2)
	return string(b)
}

func appendPad(b []byte, n, w int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < w; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// ErrDate is returned for an unparseable date; it never contains the value.
var ErrDate = errors.New("not a date (want YYYY-MM-DD, YYYY-MM-DDThh:mm:ss or d.m.yyyy)")

// ParseTimestamp reads YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh[:mm]]
// (or a space instead of T) and Finnish d.m.yyyy [hh:mm[:ss]]. It is
// written by hand because time.Parse with several layouts costs more than
// the rest of a row's checks together.
func ParseTimestamp(s string) (Timestamp, error) {
	if s == "" {
		return 0, nil
	}
	if ts, ok := fastISO(s); ok {
		return ts, nil
	}
	var y, m, d int
	var rest string
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		var ok1, ok2, ok3 bool
		y, ok1 = num(s[0:4])
		m, ok2 = num(s[5:7])
		d, ok3 = num(s[8:10])
		if !ok1 || !ok2 || !ok3 {
			return 0, ErrDate
		}
		rest = s[10:]
	} else {
		// d.m.yyyy
		i := strings.IndexByte(s, '.')
		if i < 1 || i > 2 {
			return 0, ErrDate
		}
		j := strings.IndexByte(s[i+1:], '.')
		if j < 1 || j > 2 {
			return 0, ErrDate
		}
		j += i + 1
		if len(s) < j+5 {
			return 0, ErrDate
		}
		var ok1, ok2, ok3 bool
		d, ok1 = num(s[:i])
		m, ok2 = num(s[i+1 : j])
		y, ok3 = num(s[j+1 : j+5])
		if !ok1 || !ok2 || !ok3 {
			return 0, ErrDate
		}
		rest = s[j+5:]
	}
	if !ident.ValidDate(y, m, d) || y < 1800 {
		return 0, ErrDate
	}
	hh, mm, ss, ok := parseClock(rest)
	if !ok {
		return 0, ErrDate
	}
	return Timestamp(int64(y*10000+m*100+d)*1000000 + int64(hh*10000+mm*100+ss)), nil
}

// fastISO parses exactly YYYY-MM-DD or YYYY-MM-DDThh:mm:ss, the forms
// nearly every export uses, with one pass over fixed positions.
func fastISO(s string) (Timestamp, bool) {
	if len(s) != 10 && len(s) != 19 {
		return 0, false
	}
	_ = s[9]
	// Each digit as a byte: a non-digit wraps to above 9.
	y0, y1, y2, y3 := s[0]-'0', s[1]-'0', s[2]-'0', s[3]-'0'
	m0, m1, d0, d1 := s[5]-'0', s[6]-'0', s[8]-'0', s[9]-'0'
	if s[4] != '-' || s[7] != '-' || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9 {
		return 0, false
	}
	y := int(y0)*1000 + int(y1)*100 + int(y2)*10 + int(y3)
	m, dd := int(m0)*10+int(m1), int(d0)*10+int(d1)
	if y < 1800 || !ident.ValidDate(y, m, dd) {
		return 0, false
	}
	clock := 0
	if len(s) == 19 {
		_ = s[18]
		h0, h1, i0, i1, s0, s1 := s[11]-'0', s[12]-'0', s[14]-'0', s[15]-'0', s[17]-'0', s[18]-'0'
		if s[10] != 'T' && s[10] != ' ' || s[13] != ':' || s[16] != ':' ||
			h0 > 9 || h1 > 9 || i0 > 9 || i1 > 9 || s0 > 9 || s1 > 9 {
			return 0, false
		}
		hh, mm, ss := int(h0)*10+int(h1), int(i0)*10+int(i1), int(s0)*10+int(s1)
		if hh > 23 || mm > 59 || ss > 59 {
			return 0, false
		}
		clock = hh*10000 + mm*100 + ss
	}
	return Timestamp(int64(y*10000+m*100+dd)*1000000 + int64(clock)), true
}

// parseClock reads "", "Thh:mm[:ss[.fff]][Z|±hh:mm|±hhmm|±hh]" or
// " hh:mm[:ss]". ±hh is ISO 8601's hour-only offset, the one PostgreSQL
// and DuckDB write for a timestamp with time zone ("2024-03-01
// 00:30:00+02").
func parseClock(s string) (hh, mm, ss int, ok bool) {
	if s == "" {
		return 0, 0, 0, true
	}
	if s[0] != 'T' && s[0] != ' ' {
		return 0, 0, 0, false
	}
	s = s[1:]
	if len(s) < 5 || s[2] != ':' {
		return 0, 0, 0, false
	}
	var ok1, ok2 bool
	hh, ok1 = num(s[0:2])
	mm, ok2 = num(s[3:5])
	if !ok1 || !ok2 || hh > 23 || mm > 59 {
		return 0, 0, 0, false
	}
	s = s[5:]
	if len(s) >= 3 && s[0] == ':' {
		var ok3 bool
		ss, ok3 = num(s[1:3])
		if !ok3 || ss > 60 {
			return 0, 0, 0, false
		}
		if ss == 60 {
			ss = 59 // leap second
		}
		s = s[3:]
		if len(s) > 0 && (s[0] == '.' || s[0] == ',') {
			i := 1
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				i++
			}
			if i == 1 {
				return 0, 0, 0, false
			}
			s = s[i:]
		}
	}
	switch {
	case s == "", s == "Z":
		return hh, mm, ss, true
	case len(s) == 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':':
		_, ok1 := num(s[1:3])
		_, ok2 := num(s[4:6])
		return hh, mm, ss, ok1 && ok2
	case len(s) == 5 && (s[0] == '+' || s[0] == '-'):
		_, ok1 := num(s[1:5])
		return hh, mm, ss, ok1
	case len(s) == 3 && (s[0] == '+' || s[0] == '-'):
		_, ok1 := num(s[1:3])
		return hh, mm, ss, ok1
	}
	return 0, 0, 0, false
}

func num(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// ExcelSerial converts an Excel 1900-system serial day number (as XLSX
// stores dates) to a Timestamp. Serial 60 is Excel's phantom 29.2.1900.
func ExcelSerial(s string) (Timestamp, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > 2958465 {
		return 0, false
	}
	days := int(f)
	secs := int((f-float64(days))*86400 + 0.5)
	if secs >= 86400 {
		secs = 86399
	}
	if days >= 60 {
		days-- // skip the 29.2.1900 that never was
	}
	// days since 1899-12-31 → civil date.
	y, m, d := civil(days + daysBefore1900)
	return Timestamp(int64(y*10000+m*100+d)*1000000 + int64(secs/3600*10000+secs/60%60*100+secs%60)), true
}

// daysBefore1900 is the day number of 1899-12-31 counted from 0000-03-01.
var daysBefore1900 = dayNumber(1899, 12, 31)

// dayNumber counts days from 0000-03-01 (Howard Hinnant's algorithm).
func dayNumber(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe
}

func civil(z int) (y, m, d int) {
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return
}

// ErrCount is returned for a count column (attachments) that is not a
// whole number; it never contains the value.
var ErrCount = errors.New("not a whole number of zero or more")

// ParseCount reads a count such as the attachments column: digits, with
// an optional ".0" that spreadsheets add to numbers; "" is 0.
func ParseCount(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, ".0"), ",0")
	if len(s) > 6 {
		return 0, ErrCount
	}
	n, ok := num(s)
	if !ok {
		return 0, ErrCount
	}
	return n, nil
}
