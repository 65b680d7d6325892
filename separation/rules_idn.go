package separation

import (
	"fmt"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
)

// Identifiers (IDN). A henkilötunnus-shaped client id is validated in
// full; anything else is taken for a pseudonym or local client number,
// except in deployment-test mode where only 900-series codes pass.
var (
	RuleInvalidHetu = register(&Check{Rule: finding.Rule{ID: "IDN001", Severity: finding.Error,
		Title: finding.T("Virheellinen henkilötunnus", "Invalid henkilötunnus"), Basis: basisHetu},
		when: when(invalidClient),
		judge: func(g *gate, c *Check, f *facts) {
			if f.clientErr == nil {
				return
			}
			g.flag(c, f, []string{f.docID}, func() finding.Text {
				fi, en := hetuReason(f.clientErr)
				id := g.showClient(f.v[export.ClientID])
				return finding.Text{FI: "Asiakkaan henkilötunnus " + id + " on virheellinen: " + fi + ".",
					EN: "Client henkilötunnus " + id + " is invalid: " + en + "."}
			})
		},
		good: []sample{{note: "2023 sign", rows: rows(row{"client_id": testClient2})}},
		bad: []sample{{note: "check character", rows: rows(row{"client_id": "010181-900D"})}, {note: "date", rows: rows(row{"client_id": "310281-900C"})},
			{note: "sign missing", rows: rows(row{"client_id": "0101819000C"})}},
	})

	// RuleInvalidOrg is made once per distinct value (aggregated).
	RuleInvalidOrg = register(&Check{Rule: finding.Rule{ID: "IDN002", Severity: finding.Error,
		Title: finding.T("Virheellinen Y-tunnus tai organisaation OID", "Invalid Y-tunnus or organisation OID"),
		Basis: basisOrgID, Inferred: true},
		NeedsAny: []export.Field{export.ControllerID, export.OrganiserID, export.ProducerID, export.AuthorOrg, export.ServiceUnit},
		when:     when(invalidOrg),
		judge: func(g *gate, c *Check, f *facts) {
			if f.orgBad == 0 {
				return
			}
			for i, fld := range orgCols {
				if f.orgBad&(1<<i) == 0 {
					continue
				}
				raw := f.v[fld]
				err := g.orgs[fld].get(raw, resolveOrg).err
				col := g.header.Column(fld)
				g.aggregate(c, fld, raw, f.line, f.docID, func(a *agg) finding.Text {
					fi, en := orgReason(err)
					return finding.Text{
						FI: fmt.Sprintf("Sarakkeen %q arvo %q ei ole kelvollinen Y-tunnus tai organisaation OID: %s (%s).", col, a.value, fi, finding.Rows(a.count).In(finding.FI)),
						EN: fmt.Sprintf("Column %q value %q is not a valid Y-tunnus or organisation OID: %s (%s).", col, a.value, en, finding.Rows(a.count).In(finding.EN))}
				})
			}
		},
		good: []sample{{note: "Y-tunnus form", rows: rows(row{"organiser_id": "3221308-6"})}, {note: "unit name", rows: rows(row{"service_unit": "Kotihoito Pohjoinen"})}},
		bad: []sample{{note: "check digit", rows: rows(row{"organiser_id": "3221308-7"})}, {note: "bad OID", rows: rows(row{"author_org": "1.2.246.10.32213087.10.0"})},
			{note: "name instead of id", rows: rows(row{"controller_id": "Järvimaan hyvinvointialue"})}, {note: "bad unit OID", rows: rows(row{"service_unit": "1.2.246.10.1.10.1"})}},
	})

	// RuleUnitIsToimintayksikko: "toimintayksikkö ei voi samalla toimia
	// palveluyksikkönä" (Kela 2020, 2C); a toimintayksikkö's OID ends
	// .10.0, its service units' .10.1, .10.2 …
	RuleUnitIsToimintayksikko = register(&Check{Rule: finding.Rule{ID: "IDN005", Severity: finding.Error,
		Title: finding.T("Palveluyksikkönä on toimintayksikkö", "The service unit is the toimintayksikkö itself"),
		Basis: "Kela 2020 (2C: toimintayksikkö ei voi samalla toimia palveluyksikkönä); " + basisOrgID},
		Needs: []export.Field{export.ServiceUnit},
		when:  when(unitIsTop),
		judge: func(g *gate, c *Check, f *facts) {
			if !f.unitTop {
				return
			}
			g.aggregate(c, export.ServiceUnit, f.v[export.ServiceUnit], f.line, f.docID, func(a *agg) finding.Text {
				return finding.Tf("Palveluyksikön tunnus %q on toimintayksikön OID (päättyy .10.0; %s); toimintayksikkö ei voi samalla toimia palveluyksikkönä, vaan asiakkuus merkitään sen palveluyksikölle (.10.1, .10.2 …).",
					"Service unit %q is a toimintayksikkö's OID (ends .10.0; %s); a toimintayksikkö cannot be a service unit too: the relationship names one of its service units (.10.1, .10.2 …).", a.value, finding.Rows(a.count))
			})
		},
		good: []sample{{note: "service unit OID", rows: rows(rel(nil), pdoc(nil))}, {note: "unit by name", rows: rows(row{"service_unit": "Kotihoito Pohjoinen"})}},
		bad:  []sample{{note: "relationship names the toimintayksikkö", rows: rows(rel(row{"service_unit": prodOID}), pdoc(row{"service_unit": prodOID}))}},
	})

	RuleNotTestID = register(&Check{Rule: finding.Rule{ID: "IDN003", Severity: finding.Error,
		Title: finding.T("Käyttöönottotestin asiakastunnus ei ole 900-sarjan testitunnus",
			"Deployment-test client id is not a 900-series test code"),
		Basis: "Kela 2025, rekisterinkäyttöoikeuden käyttöönottokoe: vain Kelan 900-sarjan testihenkilötunnukset"}, Mode: +1,
		when: when(withClient(clientReal, clientPseudonym)),
		judge: func(g *gate, c *Check, f *facts) {
			if f.clientErr != nil || f.client == clientTest {
				return
			}
			g.flag(c, f, []string{f.docID}, func() finding.Text {
				return finding.Tf("Asiakastunnus %s ei ole 900-sarjan testihenkilötunnus: käyttöönottokoe tehdään tuotannossa, ja siinä saa käyttää vain Kelan antamia 900-sarjan testihenkilötunnuksia (Kela 2025).",
					"Client id %s is not a 900-series test henkilötunnus: the deployment test runs in production, with Kela's 900-series test codes only (Kela 2025).", g.showClient(f.v[export.ClientID]))
			})
		},
		good: []sample{{note: "test code", rows: rows(row{"client_id": testClient})}},
		bad:  []sample{{note: "real-format code", rows: rows(row{"client_id": "131052-308T"})}, {note: "pseudonym", rows: rows(row{"client_id": "ASIAKAS-17"})}},
	})

	// RuleTestIDs is one finding for the whole export, from the test ids
	// counted while resolving.
	RuleTestIDs = register(&Check{Rule: finding.Rule{ID: "IDN004", Severity: finding.Warning,
		Title: finding.T("Tuotantoaineistossa 900-sarjan testi- tai väliaikaisia tunnuksia",
			"900-series test or temporary codes in a production export"),
		Basis: "Kanta: testiketti", Inferred: true}, Mode: -1,
		finish: func(g *gate, c *Check) {
			if g.testIDs == 0 {
				return
			}
			n, first := g.testIDs, g.firstTest
			g.emit(c, first, "", []string{"test-ids"}, func() finding.Text {
				return finding.Tf("%s käyttää 900-sarjan testi- tai väliaikaista henkilötunnusta (ensimmäinen rivillä %d); ne eivät ole väestötietojärjestelmän tunnuksia. Käytä --deployment-test, jos aineisto on testiaineisto.",
					"%s with a 900-series test or temporary henkilötunnus (first on line %d); these are not population-register codes. Use --deployment-test if the export is test data.", finding.Rows(n), first)
			}, "", "")
		},
		good: []sample{{note: "production codes", prod: true, rows: rows(row{"client_id": "131052-308T"})}},
		bad:  []sample{{note: "test code in production", prod: true, rows: rows(row{"client_id": testClient})}},
	})
)

// orgReason words an organisation-id error in both languages.
func orgReason(err error) (fi, en string) {
	switch err {
	case ident.ErrYTunnusCheck:
		return "Y-tunnuksen tarkistusnumero on väärä", "the Y-tunnus check digit is wrong"
	case ident.ErrYTunnusNever:
		return "Y-tunnusta, jonka jakojäännös on 1, ei anneta", "a Y-tunnus with remainder 1 is never issued"
	case ident.ErrYTunnusFormat:
		return "muoto ei ole NNNNNNN-T", "it is not NNNNNNN-C"
	case ident.ErrOIDYTunnus:
		return "OID:n Y-tunnuksen tarkistusnumero on väärä", "the Y-tunnus inside the OID has a wrong check digit"
	case ident.ErrOIDFormat:
		return "OID ei ole muotoa 1.2.246.10.<Y-tunnus>.<10|19>.<n>", "the OID is not 1.2.246.10.<Y-tunnus>.<10|19>.<n>"
	}
	return "ei Y-tunnus eikä organisaation OID", "neither a Y-tunnus nor an organisation OID"
}

// hetuReason words a henkilötunnus error in both languages.
func hetuReason(err error) (fi, en string) {
	switch err {
	case ident.ErrHetuLength:
		return "pituus ei ole 11 merkkiä", "it is not 11 characters long"
	case ident.ErrHetuSign:
		return "tuntematon välimerkki (vuosisata)", "unknown century sign"
	case ident.ErrHetuDate:
		return "syntymäaika ei ole kalenteripäivä", "the birth date is not a calendar date"
	case ident.ErrHetuNumber:
		return "yksilönumeroa 000 tai 001 ei anneta", "individual number 000 or 001 is never issued"
	case ident.ErrHetuCheck:
		return "tarkistusmerkki on väärä", "the check character is wrong"
	}
	return "muoto ei ole PPKKVV, välimerkki, kolme numeroa ja tarkistusmerkki", "it is not DDMMYY, a century sign, three digits and a check character"
}
