// Package exportgen writes synthetic client-system register exports of any
// size for tests and benchmarks: a realistic mix of own production,
// purchased-service, voucher and self-paying clients of a few wellbeing
// services counties and private producers, with Asiakkuusasiakirja windows,
// health rows in the patient register, versions and voided documents, plus
// a known list of seeded violations (the manifest) so tests can assert
// that the gate finds every one and nothing on the clean rows.
//
// Output is deterministic for a seed. Client ids are valid 900-series test
// henkilötunnus codes unless RealFormat asks for 002–899 numbers; every
// Y-tunnus and OID has a valid check digit.
package exportgen

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// Options of a generated export.
type Options struct {
	Rows    int
	Clients int
	Seed    uint64
	// DeploymentTest seeds IDN003 (non-test client ids) instead of
	// expecting IDN004 (test ids in production).
	DeploymentTest bool
	// RealFormat draws individual numbers from 002–899 instead of the
	// 900-series test range (for privacy tests and benchmarks only).
	RealFormat bool
	// Canonical writes the canonical snake_case headers and values instead
	// of Finnish vendor-style ones.
	Canonical bool
	// Violations is the number of seeded violations; 0 means one per 2,000
	// rows and at least one of each kind. Negative means none.
	Violations int
}

// Violation is one expected finding.
type Violation struct {
	Rule       string `json:"rule"`
	DocumentID string `json:"document_id"`
	Line       int    `json:"line"`
	Kind       string `json:"kind"`
}

// Manifest lists what was generated and every finding the gate must make.
type Manifest struct {
	Seed           uint64      `json:"seed"`
	Rows           int         `json:"rows"`
	Clients        int         `json:"clients"`
	DeploymentTest bool        `json:"deployment_test"`
	Canonical      bool        `json:"canonical"`
	Expected       []Violation `json:"expected"`
}

var canonicalHeader = []string{"document_id", "version", "client_id", "register", "controller_id", "controller_kind",
	"organiser_id", "producer_id", "service_unit", "basis", "service_task", "document_type", "case_id", "author_org",
	"created", "status", "void_reason", "special_content", "unit_start", "unit_end"}

// vendorHeader is how a Finnish client-system export might name them.
var vendorHeader = []string{"Asiakirjan tunniste", "Versio", "Henkilötunnus", "Rekisteri", "Rekisterinpitäjä",
	"Rekisterinpitäjän laji", "Palvelunjärjestäjä", "Palveluntuottaja", "Palveluyksikkö", "Käsittelyperuste",
	"Palvelutehtävä", "Asiakirjatyyppi", "Asiatunnus", "Laatijan organisaatio", "Laadittu", "Tila",
	"Mitätöinnin syy", "Erityissisältö", "Asiakkuuden alkamispvm", "Asiakkuuden päättymispvm"}

const nCols = 20

// Column positions.
const (
	cDoc = iota
	cVer
	cClient
	cReg
	cCtrl
	cKind
	cOrg
	cProd
	cUnit
	cBasis
	cTask
	cType
	cCase
	cAuthor
	cCreated
	cStatus
	cVoid
	cSpecial
	cStart
	cEnd
)

type org struct {
	y     ident.YTunnus
	oid   string // .10.0
	ctrl  string // .19.0
	units []string
	short string
}

type basis int

const (
	own basis = iota
	purchased
	voucher
	selfPaying
)

// gen holds generator state.
type gen struct {
	o          Options
	w          *bufio.Writer
	rng        *rand.Rand
	line       int
	seq        int
	organisers []org
	producers  []org
	tasks      []taskCodes
	man        *Manifest
	row        [nCols]string
	buf        []byte
	days       []string // ISO date per day index
	daysFI     []string // d.m.yyyy per day index
	permA      uint64
	permB      uint64
	permN      uint64
}

type taskCodes struct {
	id, value string // value as written in the export
	codes     []string
	joint     []string
}

// Day indexes count from 2018-01-01.
// dayCount runs to 2025-10-31, so no document is dated in the future.
const dayCount = 2860

// Generate writes an export to w and returns its manifest.
func Generate(w io.Writer, o Options) (*Manifest, error) {
	if o.Rows < 1 {
		return nil, errors.New("exportgen: rows must be at least 1")
	}
	if o.Clients < 1 {
		o.Clients = max(1, o.Rows/10)
	}
	if o.Clients > o.Rows {
		o.Clients = o.Rows
	}
	if o.DeploymentTest && o.RealFormat {
		return nil, errors.New("exportgen: a deployment-test export uses 900-series ids only; drop RealFormat")
	}
	g := &gen{o: o, w: bufio.NewWriterSize(w, 1<<20), rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9E3779B97F4A7C15)),
		man: &Manifest{Seed: o.Seed, Rows: o.Rows, Clients: o.Clients, DeploymentTest: o.DeploymentTest, Canonical: o.Canonical, Expected: []Violation{}}}
	kinds := g.kinds()
	nv := o.Violations
	if nv == 0 {
		nv = max(len(kinds), o.Rows/2000)
	}
	if nv < 0 {
		nv = 0
	}
	// Each violation needs at most 3 rows; keep at least half the rows clean.
	if nv*3 > o.Rows/2 {
		nv = o.Rows / 6
	}
	idSpace := o.Clients + nv + 1
	perDay := 100
	if o.RealFormat {
		perDay = 898
	}
	if idSpace > perDay*36000 {
		return nil, fmt.Errorf("exportgen: %d clients do not fit in the id range", o.Clients)
	}
	g.permN = uint64(idSpace)
	g.permA = coprime(g.permN, 7919+o.Seed%1000)
	g.permB = o.Seed % g.permN
	if err := g.setup(); err != nil {
		return nil, err
	}
	g.writeHeader()

	// Spread clean rows over clients and the violations between them.
	violRows := 0
	plan := make([]func(), 0, nv)
	for i := 0; i < nv; i++ {
		k := kinds[i%len(kinds)]
		violRows += k.rows
		ci := o.Clients + i
		plan = append(plan, func() { k.write(g, ci, i) })
	}
	clean := o.Rows - violRows
	if clean < o.Clients {
		return nil, fmt.Errorf("exportgen: %d rows are too few for %d clients and %d violations", o.Rows, o.Clients, nv)
	}
	every := 0
	if nv > 0 {
		every = max(1, o.Clients/nv)
	}
	vi := 0
	for c := 0; c < o.Clients; c++ {
		n := clean / o.Clients
		if c < clean%o.Clients {
			n++
		}
		g.client(c, n)
		if every > 0 && (c+1)%every == 0 && vi < nv {
			plan[vi]()
			vi++
		}
	}
	for ; vi < nv; vi++ {
		plan[vi]()
	}
	if !o.DeploymentTest && !o.RealFormat {
		g.man.Expected = append(g.man.Expected, Violation{Rule: "IDN004", Kind: "test ids in a production export"})
	}
	if err := g.w.Flush(); err != nil {
		return nil, err
	}
	return g.man, nil
}

func coprime(n, a uint64) uint64 {
	for gcd(a%n, n) != 1 {
		a++
	}
	return a % n
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func (g *gen) setup() error {
	cat, err := sosmeta.Default()
	if err != nil {
		return err
	}
	mk := func(prefix, n int, units int, short string) []org {
		var out []org
		for p := prefix; len(out) < n; p++ {
			var d [7]int
			x := p
			for i := 6; i >= 0; i-- {
				d[i] = x % 10
				x /= 10
			}
			c, ok := ident.YTunnusCheck(d)
			if !ok {
				continue
			}
			y := ident.YTunnus(p*10 + c)
			o := org{y: y, oid: ident.OrgOID(y, 10, 0), ctrl: ident.OrgOID(y, 19, 0), short: fmt.Sprintf("%s%d", short, len(out)+1)}
			for u := 1; u <= units; u++ {
				o.units = append(o.units, ident.OrgOID(y, 10, u))
			}
			out = append(out, o)
		}
		return out
	}
	g.organisers = mk(3300100, 3, 0, "HVA")
	g.producers = mk(2900200, 12, 3, "TT")
	for _, t := range cat.Tasks {
		tc := taskCodes{id: t.ID, value: t.FI}
		if g.o.Canonical {
			tc.value = t.ID
		} else if t.Code != "" {
			tc.value = t.Code
		}
		for _, d := range cat.CurrentTypes() {
			if d.IsGroup() || !d.BelongsTo(t.ID) {
				continue
			}
			tc.codes = append(tc.codes, d.Code)
			n := strings.ToLower(d.NameFI)
			if (d.Kind == "Arvio" && strings.Contains(n, "palvelutarpeen arvio")) || (d.Kind == "Suunnitelma" && strings.Contains(n, "asiakassuunnitelma")) {
				tc.joint = append(tc.joint, d.Code)
			}
		}
		if len(tc.joint) == 0 {
			tc.joint = []string{"1019"}
		}
		g.tasks = append(g.tasks, tc)
	}
	// Day tables from 2018-01-01.
	y, m, d := 2018, 1, 1
	for i := 0; i < dayCount; i++ {
		g.days = append(g.days, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
		g.daysFI = append(g.daysFI, fmt.Sprintf("%d.%d.%04d", d, m, y))
		d++
		if d > ident.DaysIn(y, m) {
			d, m = 1, m+1
			if m > 12 {
				m, y = 1, y+1
			}
		}
	}
	return nil
}

func (g *gen) writeHeader() {
	h := vendorHeader
	if g.o.Canonical {
		h = canonicalHeader
	}
	g.w.WriteString(strings.Join(h, ";"))
	g.w.WriteString("\n")
	g.line = 1
}

// hetu returns the unique client id of client index i.
func (g *gen) hetu(i int) string {
	p := (g.permA*uint64(i) + g.permB) % g.permN
	perDay := uint64(100)
	lo := 900
	if g.o.RealFormat {
		perDay, lo = 898, 2
	}
	day := int(p / perDay)
	num := lo + int(p%perDay)
	// Birth dates from 1.1.1925 on, one day per block of ids.
	y, m, d := 1925, 1, 1
	y += day / 366
	doy := day % 366
	for doy >= ident.DaysIn(y, m) {
		doy -= ident.DaysIn(y, m)
		m++
		if m > 12 {
			m, y = 1, y+1
		}
	}
	d += doy
	sign := byte('-')
	if y >= 2000 {
		sign = 'A'
		if num%7 == 0 {
			sign = 'B' + byte(num%5) // B–F since 2023
		}
	} else if num%11 == 0 {
		sign = "YXWVU"[num%5]
	}
	ddmmyy := d*10000 + m*100 + y%100
	var b [11]byte
	b[0], b[1] = byte('0'+d/10), byte('0'+d%10)
	b[2], b[3] = byte('0'+m/10), byte('0'+m%10)
	b[4], b[5] = byte('0'+y%100/10), byte('0'+y%10)
	b[6] = sign
	b[7], b[8], b[9] = byte('0'+num/100), byte('0'+num/10%10), byte('0'+num%10)
	b[10] = ident.HetuCheck(ddmmyy, num)
	return string(b[:])
}

func (g *gen) date(day int) string {
	if g.o.Canonical {
		return g.days[day]
	}
	return g.daysFI[day]
}

func (g *gen) stamp(day int) string {
	h := g.rng.IntN(10) + 8
	mi := g.rng.IntN(60)
	return g.days[day] + "T" + two(h) + ":" + two(mi) + ":00"
}

func two(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

func (g *gen) val(canonical, vendor string) string {
	if g.o.Canonical {
		return canonical
	}
	return vendor
}

func (g *gen) register(health bool) string {
	if health {
		return g.val("health", "Potilasrekisteri")
	}
	return g.val("social", "Sosiaalihuollon asiakasrekisteri")
}

func (g *gen) basisValue(b basis) string {
	switch b {
	case purchased:
		return g.val("purchased", "Ostopalvelu")
	case voucher:
		return g.val("voucher", "Palveluseteli")
	case selfPaying:
		return g.val("self_paying", "Itsemaksava")
	}
	return g.val("own", "Oma tuotanto")
}

func (g *gen) kind(public bool) string {
	if public {
		return g.val("public", "1")
	}
	return g.val("private", "2")
}

func (g *gen) status(voided bool) string {
	if voided {
		return g.val("voided", "mitätöity")
	}
	return g.val("active", "aktiivinen")
}

func (g *gen) docID(o *org) string {
	g.seq++
	return o.oid[:len(o.oid)-5] + ".11." + strconv.Itoa(g.seq)
}

// emit writes g.row as one line.
func (g *gen) emit() {
	b := g.buf[:0]
	for i, v := range g.row {
		if i > 0 {
			b = append(b, ';')
		}
		if needsQuote(v) {
			b = append(b, '"')
			b = append(b, strings.ReplaceAll(v, `"`, `""`)...)
			b = append(b, '"')
			continue
		}
		b = append(b, v...)
	}
	b = append(b, '\n')
	g.w.Write(b)
	g.buf = b
	g.line++
}

func needsQuote(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c == ';' || c == '"' || c == '\n' || c == '\r' {
			return true
		}
	}
	return false
}

// clientDoc is one row of a client's block before shuffling.
type clientDoc struct {
	row [nCols]string
}

// client writes the n clean rows of client c.
func (g *gen) client(c, n int) {
	r := g.rng
	hetu := g.hetu(c)
	o := &g.organisers[c%len(g.organisers)]
	t := &g.tasks[r.IntN(len(g.tasks))]
	var b basis
	switch x := r.IntN(100); {
	case x < 45:
		b = own
	case x < 70:
		b = purchased
	case x < 80:
		b = voucher
	default:
		b = selfPaying
	}
	p := &g.producers[r.IntN(len(g.producers))]
	unit := p.units[r.IntN(len(p.units))]
	start := r.IntN(dayCount - 900)
	end := -1
	if r.IntN(100) < 40 {
		end = start + 90 + r.IntN(800)
	}
	last := dayCount - 1
	if end >= 0 {
		last = end
	}
	caseID := o.short + "/" + g.days[start][:4] + "/" + strconv.Itoa(c+1)
	docs := make([]clientDoc, 0, n)
	base := func() clientDoc {
		var d clientDoc
		d.row[cVer] = "1"
		d.row[cClient] = hetu
		d.row[cReg] = g.register(false)
		d.row[cTask] = t.value
		d.row[cStatus] = g.status(false)
		d.row[cCase] = caseID
		return d
	}
	left := n
	if (b == purchased || b == voucher) && left > 0 {
		// The organiser's Asiakkuusasiakirja for the producer unit.
		d := base()
		d.row[cDoc] = g.docID(o)
		d.row[cCtrl], d.row[cKind], d.row[cOrg], d.row[cProd], d.row[cUnit] = o.ctrl, g.kind(true), o.oid, p.oid, unit
		d.row[cBasis], d.row[cType], d.row[cAuthor] = g.basisValue(b), g.val("group:1", "1505.1"), o.oid
		d.row[cCreated] = g.stamp(start)
		d.row[cStart] = g.date(start)
		if end >= 0 {
			d.row[cEnd] = g.date(end)
		}
		docs = append(docs, d)
		left--
		if left > 1 && r.IntN(100) < 15 {
			// A later version that extends the relationship (still clean).
			d2 := d
			d2.row[cVer] = "2"
			d2.row[cDoc] = g.docID(o)
			d2.row[cCreated] = g.stamp(min(start+30, dayCount-1))
			d2.row[cEnd] = ""
			docs = append(docs, d2)
			left--
		}
	}
	for ; left > 0; left-- {
		d := base()
		d.row[cType] = t.codes[r.IntN(len(t.codes))]
		switch b {
		case own:
			d.row[cDoc] = g.docID(o)
			d.row[cCtrl], d.row[cKind], d.row[cOrg], d.row[cProd], d.row[cAuthor] = o.ctrl, g.kind(true), o.oid, o.oid, o.oid
			d.row[cBasis] = g.basisValue(own)
			d.row[cCreated] = g.stamp(r.IntN(dayCount))
			if x := r.IntN(100); x < 5 {
				// A patient-register row of the same organisation.
				d.row[cReg] = g.register(true)
				d.row[cType] = healthTypes[r.IntN(len(healthTypes))]
			} else if x < 8 && left > 1 {
				// A joint needs assessment or plan stored in both registers.
				d.row[cType] = t.joint[r.IntN(len(t.joint))]
				h := d
				h.row[cReg] = g.register(true)
				docs = append(docs, h)
				left--
			}
		case purchased, voucher:
			d.row[cCtrl], d.row[cKind], d.row[cOrg], d.row[cProd], d.row[cUnit] = o.ctrl, g.kind(true), o.oid, p.oid, unit
			d.row[cBasis] = g.basisValue(b)
			day := start + r.IntN(last-start+1)
			d.row[cCreated] = g.stamp(day)
			if r.IntN(100) < 70 {
				d.row[cDoc] = g.docID(p)
				d.row[cAuthor] = p.oid
			} else {
				d.row[cDoc] = g.docID(o)
				d.row[cAuthor] = o.oid
			}
		case selfPaying:
			d.row[cDoc] = g.docID(p)
			d.row[cCtrl], d.row[cKind], d.row[cProd], d.row[cUnit], d.row[cAuthor] = p.ctrl, g.kind(false), p.oid, unit, p.oid
			d.row[cBasis] = g.basisValue(selfPaying)
			d.row[cCreated] = g.stamp(r.IntN(dayCount))
			d.row[cCase] = ""
		}
		switch x := r.IntN(1000); {
		case x < 15:
			d.row[cStatus] = g.status(true)
			d.row[cVoid] = voidReasons[r.IntN(len(voidReasons))]
		case x < 40:
			d.row[cSpecial] = g.val("true", "kyllä")
		case x < 80 && left > 1:
			// A second version of the same document.
			v2 := d
			v2.row[cVer] = "2"
			docs = append(docs, v2)
			left--
		}
		docs = append(docs, d)
	}
	r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	for i := range docs {
		g.row = docs[i].row
		g.emit()
	}
}

var healthTypes = []string{"Potilaskertomus", "Hoitokertomus", "Lääkärin lausunto", "Sairauskertomus"}
var voidReasons = []string{"väärä henkilö", "virheellinen kirjaus", "kirjattu väärälle asiakkaalle"}
