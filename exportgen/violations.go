package exportgen

import (
	"strconv"

	"github.com/kartoitus/kartoitus/ident"
)

// kind is one seeded violation: the rows it writes and the findings it
// must produce (rule IDs on the document ids it returns).
type kind struct {
	name  string
	rows  int
	write func(g *gen, client, i int)
}

// expect records an expected finding at the line about to be written.
func (g *gen) expect(rule, docID, name string) {
	g.man.Expected = append(g.man.Expected, Violation{Rule: rule, DocumentID: docID, Line: g.line + 1, Kind: name})
}

// clean fills g.row with a clean own-production row of a fresh client
// (its own hetu, never used by clean rows) and returns the document id.
func (g *gen) cleanRow(client int) string {
	o := &g.organisers[client%len(g.organisers)]
	for i := range g.row {
		g.row[i] = ""
	}
	id := g.docID(o)
	g.row[cDoc], g.row[cVer], g.row[cClient], g.row[cReg] = id, "1", g.hetu(client), g.register(false)
	g.row[cCtrl], g.row[cKind], g.row[cOrg], g.row[cProd] = o.ctrl, g.kind(true), o.oid, o.oid
	g.row[cBasis], g.row[cTask], g.row[cType], g.row[cCase] = g.basisValue(own), g.tasks[2].value, "11000", o.short+"/2024/V"+strconv.Itoa(client)
	g.row[cAuthor], g.row[cCreated], g.row[cStatus] = o.oid, g.stamp(2200), g.status(false)
	return id
}

// onBehalf turns g.row into a purchased-service row of producer p's unit
// and returns the unit.
func (g *gen) onBehalf(client int, producerWrites bool) (*org, string) {
	p := &g.producers[client%len(g.producers)]
	unit := p.units[0]
	g.row[cProd], g.row[cUnit], g.row[cBasis] = p.oid, unit, g.basisValue(purchased)
	if producerWrites {
		g.row[cDoc] = g.docID(p)
		g.row[cAuthor] = p.oid
	}
	return p, unit
}

// relationship writes the organiser's Asiakkuusasiakirja for client's
// producer unit, 1.1.2022–31.12.2022.
func (g *gen) relationship(client int) {
	g.cleanRow(client)
	g.onBehalf(client, false)
	g.row[cType] = g.val("group:1", "1505.1")
	g.row[cCreated] = g.stamp(1461) // 2022-01-01
	g.row[cStart] = g.date(1461)
	g.row[cEnd] = g.date(1825) // 2022-12-31
	g.emit()
}

func single(rule, name string, mutate func(g *gen, client, i int)) kind {
	return kind{name: name, rows: 1, write: func(g *gen, client, i int) {
		id := g.cleanRow(client)
		mutate(g, client, i)
		g.expect(rule, g.row[cDoc], name)
		_ = id
		g.emit()
	}}
}

// kinds lists the violations in seeding order.
func (g *gen) kinds() []kind {
	ks := []kind{
		single("REG001", "health document in the social register", func(g *gen, c, i int) { g.row[cType] = "Potilaskertomus" }),
		single("REG002", "asiakaskertomus in the patient register", func(g *gen, c, i int) {
			g.row[cType], g.row[cReg] = "19005", g.register(true)
		}),
		single("REG003", "social decision in the patient register", func(g *gen, c, i int) { g.row[cReg] = g.register(true) }),
		single("REG004", "joint register value", func(g *gen, c, i int) { g.row[cReg] = "Yhteinen sote-rekisteri" }),
		single("REG005", "unknown register value", func(g *gen, c, i int) { g.row[cReg] = "Effica" }),
		single("REG006", "legacy ilmoitusrekisteri", func(g *gen, c, i int) { g.row[cReg] = "Sosiaalihuollon ilmoitusrekisteri" }),
		single("REG010", "purchased service in the producer's own register", func(g *gen, c, i int) {
			p, _ := g.onBehalf(c, true)
			g.row[cCtrl] = p.ctrl
		}),
		single("REG011", "self-paying client in the organiser's register", func(g *gen, c, i int) {
			g.onBehalf(c, true)
			g.row[cBasis], g.row[cOrg], g.row[cKind] = g.basisValue(selfPaying), "", g.kind(false)
		}),
		single("REG012", "voucher with a private controller", func(g *gen, c, i int) {
			g.onBehalf(c, false)
			g.row[cBasis], g.row[cKind] = g.basisValue(voucher), g.kind(false)
		}),
		single("REG013", "Kela as controller", func(g *gen, c, i int) { g.row[cCtrl] = ident.OrgOID(2462460, 19, 0) }),
		{name: "producer document outside the unit's window", rows: 2, write: func(g *gen, c, i int) {
			g.relationship(c)
			g.cleanRow(c)
			g.onBehalf(c, true)
			g.row[cCreated] = g.stamp(1900) // 2023-03-16
			g.expect("REG020", g.row[cDoc], "producer document outside the unit's window")
			g.emit()
		}},
		single("REG021", "producer document without a client relationship", func(g *gen, c, i int) { g.onBehalf(c, true) }),
		{name: "producer document without a case id", rows: 2, write: func(g *gen, c, i int) {
			g.cleanRow(c)
			g.onBehalf(c, true)
			g.row[cCreated], g.row[cCase] = g.stamp(1600), ""
			g.expect("REG022", g.row[cDoc], "producer document without a case id")
			g.emit()
			g.relationship(c) // after the document in file order
		}},
		{name: "undated producer document", rows: 2, write: func(g *gen, c, i int) {
			g.relationship(c)
			g.cleanRow(c)
			g.onBehalf(c, true)
			g.row[cCreated] = ""
			g.expect("REG023", g.row[cDoc], "undated producer document")
			g.emit()
		}},
		single("REG030", "no service task", func(g *gen, c, i int) { g.row[cTask] = "" }),
		single("REG031", "purchased service without organiser", func(g *gen, c, i int) {
			p, _ := g.onBehalf(c, true)
			g.row[cOrg], g.row[cCtrl] = "", p.ctrl
		}),
		single("REG032", "unknown service task code", func(g *gen, c, i int) { g.row[cTask] = "99" }),
		single("REG033", "unknown document type", func(g *gen, c, i int) { g.row[cType] = "99999" }),
		single("REG034", "obsolete-only document type", func(g *gen, c, i int) { g.row[cType] = "1020" }),
		single("REG035", "legacy service task name", func(g *gen, c, i int) { g.row[cTask] = "Toimeentulotuki" }),
		single("REG040", "voided without reason", func(g *gen, c, i int) { g.row[cStatus] = g.status(true) }),
		{name: "same document id in two registers", rows: 2, write: func(g *gen, c, i int) {
			id := g.cleanRow(c)
			g.row[cReg] = "Sosiaalihuollon ilmoitusrekisteri"
			g.expect("REG006", id, "same document id in two registers")
			g.emit()
			g.cleanRow(c)
			g.row[cDoc], g.row[cVer] = id, "2"
			g.expect("REG041", id, "same document id in two registers")
			g.emit()
		}},
		single("IDN001", "invalid henkilötunnus check character", func(g *gen, c, i int) {
			h := []byte(g.hetu(c))
			h[10] = badCheck(h[10])
			g.row[cClient] = string(h)
		}),
		single("IDN002", "invalid organiser Y-tunnus", func(g *gen, c, i int) {
			g.row[cOrg] = badYTunnus(3500000 + i)
		}),
		{name: "wrong number of fields", rows: 1, write: func(g *gen, c, i int) {
			id := g.cleanRow(c)
			g.expect("EXP001", id, "wrong number of fields")
			g.w.WriteString(id + ";1;" + g.row[cClient] + ";" + g.row[cReg] + "\n")
			g.line++
		}},
		single("EXP002", "bare quote", func(g *gen, c, i int) {}),
		single("EXP003", "impossible date", func(g *gen, c, i int) { g.row[cCreated] = "2024-02-30" }),
		single("EXP004", "missing document type", func(g *gen, c, i int) { g.row[cType] = "" }),
	}
	if g.o.DeploymentTest {
		ks = append(ks, single("IDN003", "real-format client id in a deployment test", func(g *gen, c, i int) {
			g.row[cClient] = "131052-308T" // DVV's published example code
		}))
	}
	// EXP002 needs a raw line: patch its writer.
	for i := range ks {
		if ks[i].name == "bare quote" {
			ks[i].write = func(g *gen, c, i int) {
				id := g.cleanRow(c)
				g.row[cReg] = "Sosiaali" + `"` + "huolto"
				g.expect("EXP002", id, "bare quote")
				b := g.buf[:0]
				for j, v := range g.row {
					if j > 0 {
						b = append(b, ';')
					}
					b = append(b, v...)
				}
				b = append(b, '\n')
				g.w.Write(b)
				g.buf = b
				g.line++
			}
		}
	}
	return ks
}

// badCheck returns a different valid-looking check character.
func badCheck(c byte) byte {
	const checks = "0123456789ABCDEFHJKLMNPRSTUVWXY"
	for i := 0; i < len(checks); i++ {
		if checks[i] == c {
			return checks[(i+1)%len(checks)]
		}
	}
	return '0'
}

// badYTunnus returns NNNNNNN-C with a wrong check digit.
func badYTunnus(n int) string {
	var d [7]int
	x := n
	for i := 6; i >= 0; i-- {
		d[i] = x % 10
		x /= 10
	}
	c, ok := ident.YTunnusCheck(d)
	if !ok {
		c = 0 // remainder 1: every check digit is wrong
	} else {
		c = (c + 1) % 10
	}
	s := strconv.Itoa(n)
	for len(s) < 7 {
		s = "0" + s
	}
	return s + "-" + strconv.Itoa(c)
}
