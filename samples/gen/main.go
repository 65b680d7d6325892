// Command gen writes the sample organisation: a fictional private social
// and health care provider, Hoivapolku Oy, with an inventory workbook, a
// register export from its client systems and a partial TOS/AMS. Every
// flaw the sample is meant to reveal is planted here on purpose and listed
// in samples/README.md and samples/expected.json, which this command writes
// too, so the files and their description cannot drift apart.
//
// Output is deterministic: run `go run ./samples/gen` and review the diff.
//
//	go run ./samples/gen            # rewrite samples/
//	go run ./samples/gen -out DIR   # write elsewhere
//	go run ./samples/gen -check     # fail if samples/ differs from what gen writes
//
// Every person is fictional. Client ids are 900-series test henkilötunnus
// codes (individual number 900–999, valid check character), which Kela
// reserves for testing and which never belong to a real person. Both
// Y-tunnus values are fictional with valid check digits.
package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	out := flag.String("out", "samples", "directory to write the sample files to")
	check := flag.Bool("check", false, "compare with the files in -out instead of writing them; exit 1 on a difference")
	flag.Parse()
	files, err := build()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	failed := false
	for _, n := range names {
		path := filepath.Join(*out, n)
		if *check {
			old, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(old, files[n]) {
				fmt.Fprintf(os.Stderr, "gen: %s is out of date (run go run ./samples/gen)\n", path)
				failed = true
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(2)
		}
		if err := os.WriteFile(path, files[n], 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(2)
		}
		fmt.Printf("wrote %s (%d bytes)\n", path, len(files[n]))
	}
	if failed {
		os.Exit(1)
	}
}

// build returns every sample file by name.
func build() (map[string][]byte, error) {
	s := newSample()
	inv, err := s.inventory()
	if err != nil {
		return nil, err
	}
	exp := s.export()
	plan, err := s.tos()
	if err != nil {
		return nil, err
	}
	expected, err := json.MarshalIndent(s.expected(), "", "  ")
	if err != nil {
		return nil, err
	}
	readme, err := s.readme()
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		"inventory.xlsx":      inv,
		"register-export.csv": exp,
		"tos.xlsx":            plan,
		"expected.json":       append(expected, '\n'),
		"README.md":           readme,
	}, nil
}

// ---------------------------------------------------------------------
// Identifiers

// ytunnus returns the Y-tunnus "NNNNNNN-C" of seven digits: weights
// 7 9 10 5 8 4 2, sum mod 11; remainder 0 gives 0, 1 is never issued,
// otherwise 11 − r.
func ytunnus(first7 string) string {
	w := []int{7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range first7 {
		sum += int(c-'0') * w[i]
	}
	r := sum % 11
	switch r {
	case 0:
		return first7 + "-0"
	case 1:
		panic("Y-tunnus " + first7 + " has remainder 1: never issued, pick another")
	}
	return first7 + "-" + strconv.Itoa(11-r)
}

// org is an organisation with its OIDs (JHS 159: 1.2.246.10.<Y-tunnus
// without the dash>.<node>.<n>; node 10 = organisation or service unit,
// 19 = controller, 11 = document).
type org struct {
	Name    string
	YTunnus string
	digits  string
}

func newOrg(name, first7 string) org {
	y := ytunnus(first7)
	return org{Name: name, YTunnus: y, digits: strings.Replace(y, "-", "", 1)}
}

func (o org) oid(node, n int) string {
	return fmt.Sprintf("1.2.246.10.%s.%d.%d", o.digits, node, n)
}

// OID is the organisation itself (.10.0); Ctrl its controller id (.19.0).
func (o org) OID() string       { return o.oid(10, 0) }
func (o org) Ctrl() string      { return o.oid(19, 0) }
func (o org) Unit(n int) string { return o.oid(10, n) }

const hetuChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// hetu builds a henkilötunnus: DDMMYY, century sign, individual number,
// check character (DDMMYYNNN mod 31).
func hetu(d, m, y, num int) string {
	sign := "-"
	if y >= 2000 {
		sign = "A"
	}
	n := (d*10000+m*100+y%100)*1000 + num
	return fmt.Sprintf("%02d%02d%02d%s%03d%c", d, m, y%100, sign, num, hetuChecks[n%31])
}

// wrongCheck replaces a hetu's check character with another valid-looking one.
func wrongCheck(h string) string {
	c := h[10]
	i := strings.IndexByte(hetuChecks, c)
	return h[:10] + string(hetuChecks[(i+7)%len(hetuChecks)])
}

// ---------------------------------------------------------------------
// The organisation

// Units of Hoivapolku Oy (node 10, n = unit number).
const (
	unitKotipolku   = 1 // Palvelutalo Kotipolku: older people, 24-hour housing
	unitSatama      = 2 // Perhekoti Satama: child welfare, professional family home
	unitTahka       = 3 // Asumisyksikkö Tähkä: disability housing
	unitVerso       = 4 // Työvalmennus Verso: rehabilitative work activity
	unitVastaanotto = 5 // Hoitajan vastaanotto: the small health unit
)

var unitNames = map[int]string{
	unitKotipolku:   "Palvelutalo Kotipolku",
	unitSatama:      "Perhekoti Satama",
	unitTahka:       "Asumisyksikkö Tähkä",
	unitVerso:       "Työvalmennus Verso",
	unitVastaanotto: "Hoitajan vastaanotto",
}

// exportDay is the day the register export was taken; nothing is dated
// after it.
var exportDay = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)

type sample struct {
	rng      *rand.Rand
	provider org // Hoivapolku Oy
	county   org // Järvimaan hyvinvointialue

	// Inventory rows in sheet order, with where they landed.
	invMain, invChild []invRow
	// Export rows and planted violations.
	rows       []exportRow
	violations []violation
	controls   []control
	docSeq     map[string]int
	clients    []client
	// TOS rows with their planted gaps.
	tosRows []tosRow
	amsRows []amsRow
}

func newSample() *sample {
	return &sample{
		rng:      rand.New(rand.NewPCG(20261102, 42)),
		provider: newOrg("Hoivapolku Oy", "3187542"),
		county:   newOrg("Järvimaan hyvinvointialue", "3266145"),
		docSeq:   map[string]int{},
	}
}

// ---------------------------------------------------------------------
// Inventory

// invRow is one document of the inventory workbook. Expect says what the
// row is meant to reveal (empty for an ordinary row).
type invRow struct {
	Task, Name, National, Phase string
	Paper, Electronic           bool
	System, Register, TOSRef    string
	AMSRef, Retention, Notes    string
	// Basis is the Käsittelyperuste column: whose register the document
	// is (with the profile). Empty where the inventory's authors left it.
	Basis  string
	Expect string
	// Sheet and Row are set when written.
	Sheet string
	Row   int
}

// olderTask: the task names Kotipolku's rows use (current, old, Swedish).
func olderTask(t string) bool {
	switch t {
	case "Iäkkäiden palvelut", "Ikäihmisten palvelut", "Vanhuspalvelut", "Äldreomsorg":
		return true
	}
	return false
}

func (s *sample) inventoryRows() {
	const (
		older = "Iäkkäiden palvelut"
		dis   = "Vammaispalvelut"
		work  = "Työikäisten palvelut"
		sos   = "Sosiaalihuollon asiakasrekisteri"
		hilk  = "Hilkka"
	)
	s.invMain = []invRow{
		// Older people: Palvelutalo Kotipolku.
		{Task: older, Name: "Tulohaastattelu ja kotiutumislomake", Phase: "Vireilletulo", Electronic: true, System: hilk, Register: sos, TOSRef: "05 04 02", Retention: "10",
			Notes: "Täytetään muuttopäivänä"},
		{Task: "Ikäihmisten palvelut", Name: "RAI-arviointi", National: "Iäkkäiden palvelutarpeen arvio", Phase: "Arviointi", Electronic: true, System: hilk, Register: sos, TOSRef: "05 04 02", Retention: "10"},
		{Task: older, Name: "Palvelusuunnitelma", Phase: "Suunnittelu", Paper: true, Electronic: true, System: hilk, Register: sos, TOSRef: "05 04 02", Retention: "10",
			Notes: "Hyvinvointialueen laatima, kopio asukkaan kansioon", Expect: "old vocabulary: maps to 15003 Iäkkäiden palvelujen asiakassuunnitelma"},
		{Task: older, Name: "Hoito- ja palvelusuunnitelma (HOPA)", National: "Iäkkäiden palvelujen toteuttamissuunnitelma", Phase: "Suunnittelu", Electronic: true, System: hilk, Register: "Yhteinen (sote)", TOSRef: "05 04 02", Retention: "6",
			Notes: "Sisältää myös lääkehoidon suunnitelman", Expect: "register 'Yhteinen (sote)' is a mixed register; retention 6 y is shorter than the law's 10 y"},
		{Task: older, Name: "Päivittäiskirjaukset", Phase: "Toteutus", Electronic: true, System: hilk, Register: "Potilasrekisteri", TOSRef: "05 04 02", Retention: "10",
			Notes: "Hoitajat kirjaavat vuoron aikana", Expect: "a social-welfare client narrative (19007) recorded in the patient register"},
		{Task: older, Name: "Hoitoneuvottelun muistio", National: "Merkintä neuvottelusta", Phase: "Toteutus", Electronic: true, System: hilk, Register: sos, TOSRef: "05 04 02", Retention: "10"},
		{Task: older, Name: "Hoitoneuvottelun muistio", National: "Merkintä neuvottelusta", Phase: "Toteutus", Electronic: true, System: hilk, Register: sos, TOSRef: "05 04 02", Retention: "10",
			Expect: "duplicate of the row above"},
		{Task: "Vanhuspalvelut", Name: "Yhteydenotto omaiselta", Phase: "Toteutus", Electronic: true, System: hilk, Register: sos, TOSRef: "05 04 02", Retention: "pysyvä",
			Expect: "permanent retention where the law says 10 y from the closing of the case and then destroy"},
		{Task: older, Name: "Rajoitustoimenpiteiden kirjaus", National: "Merkintä rajoitustoimenpiteestä", Phase: "Toteutus", Electronic: true, System: hilk, Register: sos, TOSRef: "05 04 02", Retention: "10"},
		{Task: older, Name: "Palvelusopimus (itsemaksavat asiakkaat)", National: "Sopimus yksityisesti järjestettävästä sosiaalipalvelusta", Phase: "Suunnittelu", Paper: true, Electronic: true, Register: sos, TOSRef: "05 04 04", Retention: "10",
			Notes: "Allekirjoitettu paperi skannataan Hilkkaan"},
		{Task: older, Name: "Maksusitoumus", National: "Sosiaalihuollon maksusitoumus", Phase: "Päätös", Paper: true, Register: sos, Retention: "10",
			Notes: "Saapuu paperilla hyvinvointialueelta (ostopalveluasiakkaat)"},
		{Task: older, Name: "Palvelusetelipäätös (kopio)", Phase: "Päätös", Paper: true, Register: sos, Retention: "10",
			Notes: "Hyvinvointialueen päätös, kopio", Expect: "no exact national counterpart: candidates only (11000 Iäkkäiden palvelupäätös)"},
		{Task: older, Name: "Valtakirja", National: "Sosiaalihuollon valtakirja", Phase: "Suunnittelu", Paper: true, Register: sos, TOSRef: "05 04 04", Retention: "10"},
		{Task: older, Name: "Huoli-ilmoitus", Phase: "Vireilletulo", Electronic: true, System: hilk, Register: sos, Retention: "10",
			Notes: "Ilmoitus sosiaalihuollon tarpeesta (SHL 35 §) hyvinvointialueelle"},
		{Task: older, Name: "Sosiaalihuolon lausunto", Phase: "Arviointi", Electronic: true, System: hilk, Register: sos, Retention: "10",
			Expect: "typo ('huolon'): should still map to 7009 Sosiaalihuollon lausunto"},
		{Task: older, Name: "Asumisen päättymisen yhteenveto", Phase: "Päättyminen", Electronic: true, System: hilk, Register: sos, TOSRef: "05 04 02", Retention: "10"},
		{Task: older, Name: "Asumispalveluhakemus", Phase: "Palvelun päättäminen", Paper: true, Register: sos, Retention: "10",
			Expect: "mis-phased: an application (3005 Iäkkäiden palvelujen hakemus) recorded at closure"},
		{Task: older, Name: "Asiakkaan avainkuittaus", Phase: "Toteutus", Paper: true, Retention: "2",
			Notes: "Sisäinen lomake", Expect: "internal document: no national counterpart"},
		{Task: older, Name: "Työvuorolista", Electronic: true, System: "Vuoroin", Retention: "2",
			Notes: "Ei asiakasasiakirja", Expect: "internal document: no national counterpart"},
		{Task: older, Name: "Lääkehoitosuunnitelma", Phase: "Suunnittelu", Electronic: true, System: "Kaiku", Register: "Potilasrekisteri",
			Notes: "Terveydenhuollon asiakirja", Expect: "a patient record in a social-welfare inventory: no national (Sosmeta) type"},
		{Task: "Äldreomsorg", Name: "Genomförandeplan för äldreservice", Phase: "Planering", Electronic: true, System: hilk, Register: "Klientregister", TOSRef: "05 04 02", Retention: "10",
			Notes: "Svenskspråkiga klienter", Expect: "Swedish name: exact Swedish national name of 15004"},

		// Disability services: Asumisyksikkö Tähkä. No Vammaispalvelujen
		// toteuttamissuunnitelma (15024) here: the planted coverage gap.
		{Task: dis, Name: "PTA", Phase: "Arviointi", Electronic: true, System: hilk, Register: sos, TOSRef: "05 03 02", Retention: "10",
			Notes: "Palvelutarpeen arvio, hyvinvointialue lähettää", Expect: "abbreviation PTA (palvelutarpeen arvio): 1013 in disability services"},
		{Task: dis, Name: "Palvelusuunnitelma (VPL)", Phase: "Suunnittelu", Paper: true, Electronic: true, System: hilk, Register: sos, TOSRef: "05 03 02", Retention: "10",
			Expect: "old vocabulary: maps to 15023 Vammaispalvelujen asiakassuunnitelma"},
		{Task: "Kehitysvammahuolto", Name: "Erityishuolto-ohjelma (EHO)", Phase: "Suunnittelu", Paper: true, Register: sos, TOSRef: "05 03 03", Retention: "50",
			Notes: "Vanhat ohjelmat paperisina", Expect: "legacy task name (Kehitysvammahuolto) and an old document that has no exact national type"},
		{Task: dis, Name: "Päätös rajoittavan välineen käytöstä", National: "Päätös rajoittavien välineiden tai asusteiden toistuvasta käytöstä päivittäisissä toiminnoissa", Phase: "Päätös", Electronic: true, System: hilk, Register: sos, TOSRef: "05 03 03", Retention: "10"},
		{Task: dis, Name: "Selvitys rajoitustoimenpiteistä", National: "Selvitys rajoitustoimenpiteistä", Phase: "Toteutus", Electronic: true, System: hilk, Register: sos, TOSRef: "05 03 03", Retention: "10"},
		{Task: dis, Name: "Ilmoitus AVI:lle sitomisesta", Phase: "Toteutus", Electronic: true, System: hilk, Register: sos, Retention: "10"},
		{Task: dis, Name: "Asukkaan päivittäiskirjaus", Phase: "Toteutus", Electronic: true, System: hilk, Register: sos, TOSRef: "05 03 02", Retention: "10"},
		{Task: dis, Name: "Tulotapaaminen", Phase: "Vireilletulo", Electronic: true, System: hilk, Register: sos, Retention: "10"},
		{Task: dis, Name: "Asukaskokouksen muistio", Paper: true, Retention: "5",
			Notes: "Yhteinen muistio, ei henkilökohtainen", Expect: "internal document: no national counterpart"},
		{Task: dis, Name: "Jälkiselvittelyn yhteenveto", National: "Yhteenveto rajoitustoimenpiteen jälkiselvittelystä", Phase: "Toteutus", Electronic: true, System: hilk, Register: sos, TOSRef: "05 03 03", Retention: "10"},
		{Task: dis, Name: "Vammaispalveluhakemus", National: "3013", Phase: "Vireilletulo", Paper: true, Register: sos, Retention: "10",
			Notes: "Kopio hyvinvointialueelta"},

		// Working-age services: Työvalmennus Verso.
		{Task: work, Name: "Kuntouttavan työtoiminnan arvio", National: "Kuntouttavan työtoiminnan arvio", Phase: "Arviointi", Electronic: true, System: "Routa", Register: sos, TOSRef: "05 06 06", Retention: "10"},
		{Task: work, Name: "Aktivointisuunnitelma", National: "15001", Phase: "Suunnittelu", Paper: true, Electronic: true, System: "Routa", Register: sos, TOSRef: "05 06 06", Retention: "10",
			Notes: "TE-palvelujen ja hyvinvointialueen laatima"},
		{Task: "Aikuissosiaalityö", Name: "KTT-sopimus", Phase: "Suunnittelu", Paper: true, Register: sos, TOSRef: "05 06 06", Retention: "5",
			Expect: "legacy task name (Aikuissosiaalityö); abbreviation KTT; retention 5 y is shorter than the law's 10 y"},
		{Task: work, Name: "Ilmoitus kuntouttavasta työtoiminnasta", Phase: "Vireilletulo", Electronic: true, System: "Routa", Register: sos, Retention: "10"},
		{Task: work, Name: "Valmennussuunnitelma", Phase: "Suunnittelu", Electronic: true, System: "Routa", Register: sos, TOSRef: "05 06 06", Retention: "10"},
		{Task: work, Name: "Läsnäololista", Phase: "Toteutus", Paper: true, Retention: "3",
			Notes: "Toimintarahan maksatusta varten", Expect: "internal document: no national counterpart"},
		{Task: work, Name: "Valmentajan tapaamismuistio", Phase: "Toteutus", Electronic: true, System: "Routa", Register: sos, TOSRef: "05 06 06", Retention: "10"},
		{Task: work, Name: "Merkintä asiakastietojen luovuttamisesta", Phase: "Toteutus", Electronic: true, System: "Routa", Register: sos, Retention: "12"},
		{Task: work, Name: "Jakson loppuyhteenveto", Phase: "Päättyminen", Electronic: true, System: "Routa", Register: sos, TOSRef: "05 06 06", Retention: "10"},

		// The small health unit and a half-filled row.
		{Name: "Hoitajan vastaanoton potilaskertomus", Electronic: true, System: "Kaiku", Register: "Potilasrekisteri",
			Notes: "Terveydenhuolto", Expect: "a patient record without a service task"},
		{Task: "Terveydenhuolto", Name: "Lääkärin konsultaatiopyyntö", Electronic: true, System: "Kaiku", Register: "Potilasrekisteri",
			Expect: "'Terveydenhuolto' is not a social-welfare service task"},
		{Task: older, Phase: "Toteutus", Paper: true, Register: sos, Retention: "10",
			Notes: "kesken", Expect: "rejected row: neither a document name nor a national type"},
	}

	s.invChild = []invRow{
		{Name: "Sijoitettavan lapsen esitiedot", National: "Sijoitettavan lapsen esitiedot", Phase: "Arviointi", Paper: true, Register: sos, TOSRef: "05 02 03", Retention: "pysyvä",
			Notes: "Saapuu hyvinvointialueelta"},
		{Name: "Hoito- ja kasvatussuunnitelma", National: "Hoito- ja kasvatussuunnitelma", Phase: "Suunnittelu", Electronic: true, System: "Vaahtera", Register: sos, TOSRef: "05 02 03", Retention: "pysyvä"},
		{Name: "Asiakassuunnitelma (sosiaalityöntekijän kopio)", National: "Lastensuojelun asiakassuunnitelma", Phase: "Suunnittelu", Paper: true, Register: sos, TOSRef: "05 02 03", Retention: "pysyvä"},
		{Name: "ls-ilmoitus", Phase: "Vireilletulo", Electronic: true, System: "Vaahtera", Register: sos, TOSRef: "05 02 03", Retention: "30",
			Notes: "Perhekodin tekemät ilmoitukset", Expect: "abbreviation: 4009 Lastensuojeluilmoitus"},
		{Name: "Arjen kirjaukset", Phase: "Toteutus", Electronic: true, System: "Vaahtera", Register: sos, TOSRef: "05 02 03", Retention: "pysyvä"},
		{Name: "Päätös yhteydenpidon rajoittamisesta", National: "Päätös yhteydenpidon rajoittamisesta", Phase: "Päätös", Electronic: true, System: "Vaahtera", Register: sos, TOSRef: "05 02 03", Retention: "pysyvä"},
		{Name: "Päätös aineiden ja esineiden haltuunotosta", Phase: "Päätös", Electronic: true, System: "Vaahtera", Register: sos, TOSRef: "05 02 03", Retention: "pysyvä"},
		{Name: "Vanhemuuden tukemisen suunnitelma", Phase: "Suunnittelu", Electronic: true, System: "Vaahtera", Register: sos, TOSRef: "05 02 03", Retention: "pysyvä",
			Expect: "typo ('Vanhemuuden'): should still map to 15022 Vanhemmuuden tukemisen suunnitelma"},
		{Name: "Yhteenveto perhehoidossa olevan lapsen tuesta", Phase: "Toteutus", Electronic: true, System: "Vaahtera", Register: sos, TOSRef: "05 02 03", Retention: "10",
			Expect: "retention 10 y where the law gives 2 y from the client's death; with the profile a county's document (ostopalvelu): RET014, the county plans it"},
		{Name: "Lapsen kuulemisasiakirja", Phase: "Arviointi", Paper: true, Register: sos, TOSRef: "05 02 03", Retention: "pysyvä"},
		{Name: "Karkaamisilmoitus poliisille", Phase: "Toteutus", Electronic: true, System: "Vaahtera", Register: sos, Retention: "30"},
		{Name: "Jälkihuoltosuunnitelma", Phase: "Suunnittelu", Paper: true, Register: sos, TOSRef: "05 02 05", Retention: "pysyvä"},
		{Name: "Tapaamiskirjaus (vanhemmat)", Phase: "Toteutus", Electronic: true, System: "Vaahtera", Register: sos, Retention: "pysyvä"},
		{Name: "Plan för vård och fostran", Phase: "Planering", Electronic: true, System: "Vaahtera", Register: "Klientregister", Retention: "pysyvä",
			Notes: "Svenskspråkiga barn", Expect: "Swedish name: exact Swedish national name of 15002"},
	}
	// Käsittelyperuste. The family home's children are placed by the county
	// (purchased service): the county's register. Kotipolku serves
	// self-paying, purchased-service and voucher clients, so its documents
	// are in both registers, except the county's own papers and the
	// self-paying clients' contract. Tähkä's and Verso's rows are left
	// empty, as the inventory's authors left them: judged as Hoivapolku's
	// own until someone fills in "ostopalvelu" (samples/README.md).
	for i := range s.invChild {
		s.invChild[i].Basis = "ostopalvelu"
	}
	for i := range s.invMain {
		r := &s.invMain[i]
		if r.Task == "" || r.Register == "Potilasrekisteri" || r.Register == "" || !olderTask(r.Task) {
			continue
		}
		switch r.Name {
		case "Palvelusuunnitelma":
			r.Basis = "ostopalvelu, palveluseteli"
		case "Maksusitoumus":
			r.Basis = "ostopalvelu"
		case "Palvelusetelipäätös (kopio)":
			r.Basis = "palveluseteli"
		case "Palvelusopimus (itsemaksavat asiakkaat)":
			r.Basis = "itsemaksava"
		default:
			r.Basis = "itsemaksava, ostopalvelu, palveluseteli"
		}
	}
	// Paper series are referenced from the AMS, electronic documents from
	// the TOS; a document kept both ways has both references.
	for _, rows := range [][]invRow{s.invMain, s.invChild} {
		for i := range rows {
			r := &rows[i]
			if r.Paper && r.TOSRef != "" {
				r.AMSRef = r.TOSRef
				if !r.Electronic {
					r.TOSRef = ""
				}
			}
		}
	}
}

var invHeader = []string{"Palvelutehtävä", "Asiakirjan nimi organisaatiossa", "Vastaava valtakunnallinen asiakirja", "Prosessin vaihe",
	"Paperinen", "Sähköinen", "Tietojärjestelmä", "Rekisteri", "TOS-viite", "AMS-viite", "Säilytysaika (v)", "Lisätietoja", "Käsittelyperuste"}

// fixedProps make the workbooks byte-for-byte reproducible.
func fixedProps(f *excelize.File, title string) error {
	return f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: "Hoivapolku Oy (kuvitteellinen esimerkki)", LastModifiedBy: "kartoitus samples/gen",
		Created: "2026-10-09T08:00:00Z", Modified: "2026-10-09T08:00:00Z", Language: "fi-FI",
	})
}

func (s *sample) inventory() ([]byte, error) {
	s.inventoryRows()
	f := excelize.NewFile()
	defer f.Close()
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	sub, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "555555"}})
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})

	// Instructions first, as organisations keep them.
	if err := f.SetSheetName("Sheet1", "Ohjeet"); err != nil {
		return nil, err
	}
	instructions := []string{
		"Asiakasasiakirjojen nykytilan kartoitus – täyttöohje",
		"",
		"Kartoitus pohjautuu Kansa-koulu-hankkeen nykytilan kartoituksen työkaluun (versio 1.1).",
		"Merkitse jokainen asiakasasiakirja omalle rivilleen: yksi rivi kutakin palvelutehtävää kohden.",
		"Palvelutehtävä: valitse listasta (Listat-välilehti). Lastensuojelun asiakirjat ovat omalla välilehdellään.",
		"Asiakirjan nimi organisaatiossa: nimi, jolla asiakirja tunnetaan yksikössä.",
		"Vastaava valtakunnallinen asiakirja: Sosmeta-nimi tai -koodi, jos tiedossa. Voi jättää tyhjäksi.",
		"Prosessin vaihe: vireilletulo, arviointi, suunnittelu, päätös, toteutus tai päättyminen.",
		"Paperinen / Sähköinen: merkitse x sarakkeeseen, jossa muodossa asiakirja säilytetään (voi olla molemmat).",
		"Tietojärjestelmä ja rekisteri: mihin järjestelmään ja rekisteriin asiakirja tallennetaan.",
		"TOS-viite / AMS-viite: tehtäväluokka, jonka alla asiakirja on TOS:ssa (sähköinen) tai AMS:ssa (paperi). Säilytysaika vuosina tai 'pysyvä'.",
		"",
		"Kysymykset: laatupäällikkö, Hoivapolku Oy.",
	}
	for i, t := range instructions {
		if err := f.SetCellValue("Ohjeet", "A"+strconv.Itoa(i+1), t); err != nil {
			return nil, err
		}
	}
	_ = f.SetCellStyle("Ohjeet", "A1", "A1", title)
	_ = f.SetColWidth("Ohjeet", "A", "A", 110)

	write := func(sheet string, titleRows []string, header []string, rows []invRow, withTask bool) error {
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		r := 1
		for i, t := range titleRows {
			if err := f.SetCellValue(sheet, "A"+strconv.Itoa(r), t); err != nil {
				return err
			}
			st := sub
			if i == 0 {
				st = title
			}
			_ = f.SetCellStyle(sheet, "A"+strconv.Itoa(r), "A"+strconv.Itoa(r), st)
			r++
		}
		r++ // a blank row under the title block
		last, _ := excelize.ColumnNumberToName(len(header))
		if err := f.MergeCell(sheet, "A1", last+"1"); err != nil {
			return err
		}
		hr := r
		for i, h := range header {
			col, _ := excelize.ColumnNumberToName(i + 1)
			_ = f.SetCellValue(sheet, col+strconv.Itoa(hr), h)
		}
		_ = f.SetCellStyle(sheet, "A"+strconv.Itoa(hr), last+strconv.Itoa(hr), head)
		_ = f.SetRowHeight(sheet, hr, 32)
		r++
		first := r
		for i := range rows {
			row := &rows[i]
			row.Sheet, row.Row = sheet, r
			vals := []any{row.Name, row.National, row.Phase, mark(row.Paper), mark(row.Electronic), row.System, row.Register, row.TOSRef, row.AMSRef, retentionCell(row.Retention), row.Notes, row.Basis}
			if withTask {
				vals = append([]any{row.Task}, vals...)
			}
			if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(r), &vals); err != nil {
				return err
			}
			r++
		}
		_ = f.SetCellStyle(sheet, "A"+strconv.Itoa(first), last+strconv.Itoa(r-1), wrap)
		widths := []float64{22, 36, 36, 18, 9, 9, 14, 26, 11, 11, 12, 36, 26}
		if !withTask {
			widths = widths[1:]
		}
		for i, w := range widths {
			col, _ := excelize.ColumnNumberToName(i + 1)
			_ = f.SetColWidth(sheet, col, col, w)
		}
		// Drop-down lists as the template had them.
		phaseCol := "D"
		if !withTask {
			phaseCol = "C"
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s%d:%s%d", phaseCol, first, phaseCol, first+200))
		dv.SetSqrefDropList("Listat!$A$2:$A$7")
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
		return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: hr, TopLeftCell: "A" + strconv.Itoa(hr+1), ActivePane: "bottomLeft"})
	}
	if err := write("Asiakirjaluettelo", []string{
		"Hoivapolku Oy – asiakasasiakirjojen nykytilan kartoitus",
		"Y-tunnus " + s.provider.YTunnus + " · Kanta-liittymisen valmistelu · täytetty 9.10.2026 (laatupäällikkö)",
		"Palvelutalo Kotipolku, Asumisyksikkö Tähkä, Työvalmennus Verso ja hoitajan vastaanotto",
	}, invHeader, s.invMain, true); err != nil {
		return nil, err
	}
	if err := write("Lastensuojelu", []string{
		"Perhekoti Satama – lastensuojelun asiakirjat",
		"Ammatillinen perhekoti, lapset sijoittanut Järvimaan hyvinvointialue",
	}, invHeader[1:], s.invChild, false); err != nil {
		return nil, err
	}

	// Value lists behind the drop-downs.
	if _, err := f.NewSheet("Listat"); err != nil {
		return nil, err
	}
	lists := [][]string{
		{"Prosessin vaihe", "Vireilletulo", "Arviointi", "Suunnittelu", "Päätös", "Toteutus", "Päättyminen"},
		{"Palvelutehtävä", "Lapsiperheiden palvelut", "Työikäisten palvelut", "Iäkkäiden palvelut", "Päihdehuolto", "Vammaispalvelut", "Lastensuojelu", "Perheoikeudelliset palvelut"},
		{"Rekisteri", "Sosiaalihuollon asiakasrekisteri", "Potilasrekisteri"},
	}
	for c, list := range lists {
		col, _ := excelize.ColumnNumberToName(c + 1)
		for i, v := range list {
			_ = f.SetCellValue("Listat", col+strconv.Itoa(i+1), v)
		}
		_ = f.SetColWidth("Listat", col, col, 34)
	}
	f.SetActiveSheet(1)
	if err := fixedProps(f, "Asiakasasiakirjojen nykytilan kartoitus"); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func mark(b bool) any {
	if b {
		return "x"
	}
	return nil
}

// retentionCell writes whole years as numbers, the way they are typed.
func retentionCell(s string) any {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if s == "" {
		return nil
	}
	return s
}

// ---------------------------------------------------------------------
// Register export

var exportHeader = []string{"document_id", "version", "client_id", "register", "controller_id", "controller_kind", "organiser_id",
	"producer_id", "service_unit", "basis", "service_task", "document_type", "case_id", "author_org", "created", "status",
	"void_reason", "special_content", "unit_start", "unit_end"}

type exportRow struct {
	DocumentID, Version, ClientID, Register, ControllerID, ControllerKind, OrganiserID, ProducerID, ServiceUnit,
	Basis, ServiceTask, DocumentType, CaseID, AuthorOrg, Created, Status, VoidReason, SpecialContent, UnitStart, UnitEnd string
}

func (r exportRow) fields() []string {
	return []string{r.DocumentID, r.Version, r.ClientID, r.Register, r.ControllerID, r.ControllerKind, r.OrganiserID,
		r.ProducerID, r.ServiceUnit, r.Basis, r.ServiceTask, r.DocumentType, r.CaseID, r.AuthorOrg, r.Created, r.Status,
		r.VoidReason, r.SpecialContent, r.UnitStart, r.UnitEnd}
}

// violation is one planted register-export flaw.
type violation struct {
	Kind       string   `json:"kind"`
	DocumentID string   `json:"document_id"`
	Line       int      `json:"line"`
	Rules      []string `json:"rules"`
	Why        string   `json:"why"`
	idx        int      // index in sample.rows
}

// control is a row that looks suspicious but is lawful: it must not be
// flagged.
type control struct {
	Kind       string `json:"kind"`
	DocumentID string `json:"document_id"`
	Line       int    `json:"line"`
	Why        string `json:"why"`
	idx        int    // index in sample.rows
}

const (
	regSocial = "Sosiaalihuollon asiakasrekisteri"
	regHealth = "Potilasrekisteri"
	regLegacy = "Sosiaalihuollon ilmoitusrekisteri"

	basisPurchased  = "Ostopalvelu"
	basisVoucher    = "Palveluseteli"
	basisSelfPaying = "Itsemaksava"

	kindPublic  = "julkinen"
	kindPrivate = "yksityinen"

	statusActive = "aktiivinen"
	statusVoided = "mitätöity"

	typeRelationship = "1505.1" // Asiakkuusasiakirja (asiakirjaryhmä 1)
)

// Service-task values as the client systems write them: codes where the
// code set confirms one (10, 20), names otherwise.
var taskValue = map[string]string{
	"older_people":  "Iäkkäiden palvelut",
	"disability":    "20",
	"child_welfare": "10",
	"working_age":   "Työikäisten palvelut",
}

type client struct {
	hetu   string
	task   string
	basis  string
	unit   int
	caseID string
	start  time.Time
	end    time.Time // zero: ongoing
}

func (s *sample) docID(o org) string {
	s.docSeq[o.digits]++
	base := 100000
	if o.digits == s.county.digits {
		base = 500000
	}
	return o.oid(11, base+s.docSeq[o.digits])
}

func day(t time.Time) string   { return fmt.Sprintf("%d.%d.%d", t.Day(), int(t.Month()), t.Year()) }
func stamp(t time.Time) string { return t.Format("2006-01-02T15:04:05") }

// at returns a time on day t during working hours.
func (s *sample) at(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 7+s.rng.IntN(12), s.rng.IntN(60), 0, 0, time.UTC)
}

// between returns a random day in [a, b].
func (s *sample) between(a, b time.Time) time.Time {
	days := int(b.Sub(a).Hours() / 24)
	if days <= 0 {
		return a
	}
	return a.AddDate(0, 0, s.rng.IntN(days+1))
}

// makeClients draws the clients: unique 900-series test ids with birth
// years fitting the service.
func (s *sample) makeClients() {
	used := map[string]bool{}
	newHetu := func(y0, y1 int) string {
		for {
			y := y0 + s.rng.IntN(y1-y0+1)
			m := 1 + s.rng.IntN(12)
			d := 1 + s.rng.IntN(28)
			h := hetu(d, m, y, 900+s.rng.IntN(100))
			if !used[h] {
				used[h] = true
				return h
			}
		}
	}
	add := func(n int, task, basis string, unit, y0, y1 int) {
		for i := 0; i < n; i++ {
			start := s.between(time.Date(2023, 1, 9, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC))
			c := client{hetu: newHetu(y0, y1), task: task, basis: basis, unit: unit, start: start}
			if s.rng.IntN(100) < 25 {
				c.end = s.between(start.AddDate(0, 4, 0), start.AddDate(2, 0, 0))
				if c.end.After(exportDay.AddDate(0, 0, -20)) {
					c.end = time.Time{}
				}
			}
			if basis == basisSelfPaying {
				c.caseID = fmt.Sprintf("HP/%d/%04d", start.Year(), 100+len(s.clients))
			} else {
				c.caseID = fmt.Sprintf("JHVA/%d/%05d", start.Year(), 2000+len(s.clients)*7)
			}
			s.clients = append(s.clients, c)
		}
	}
	add(12, "older_people", basisSelfPaying, unitKotipolku, 1928, 1946)
	add(16, "older_people", basisPurchased, unitKotipolku, 1925, 1944)
	add(12, "older_people", basisVoucher, unitKotipolku, 1927, 1947)
	add(7, "child_welfare", basisPurchased, unitSatama, 2009, 2016)
	add(12, "disability", basisPurchased, unitTahka, 1968, 2004)
	add(18, "working_age", basisPurchased, unitVerso, 1970, 2003)
}

// producerTypes are the documents each unit writes in a client's service.
var producerTypes = map[string][]string{
	"older_people":  {"19007", "19007", "19007", "19005", "19004", "15004", "19008", "1000"},
	"disability":    {"19007", "19007", "19007", "19005", "19008", "16001", "19004"},
	"child_welfare": {"19007", "19007", "19007", "19005", "15002", "16005", "5002"},
	"working_age":   {"19005", "19005", "19007", "15021", "13004", "4002", "1003"},
}

// organiserDecision is the county's decision behind each service.
var organiserDecision = map[string]string{
	"older_people": "11000", "disability": "11053", "child_welfare": "11023", "working_age": "11052",
}

// add appends an export row and returns its index.
func (s *sample) add(r exportRow) int {
	s.rows = append(s.rows, r)
	return len(s.rows) - 1
}

// clientRows writes one client's documents: for a purchased or voucher
// client the county's Asiakkuusasiakirja for the unit and its decision,
// then the unit's own documents inside the relationship window, in the
// county's register; for a self-paying client everything in Hoivapolku's
// own register.
func (s *sample) clientRows(c client) []exportRow {
	p, k := s.provider, s.county
	unit := p.Unit(c.unit)
	last := exportDay.AddDate(0, 0, -1)
	if !c.end.IsZero() {
		last = c.end
	}
	var out []exportRow
	base := exportRow{Version: "1", ClientID: c.hetu, Register: regSocial, ProducerID: p.OID(), ServiceUnit: unit,
		Basis: c.basis, ServiceTask: taskValue[c.task], CaseID: c.caseID, Status: statusActive}
	if c.basis == basisSelfPaying {
		base.ControllerID, base.ControllerKind, base.AuthorOrg = p.OID(), kindPrivate, p.OID()
		contract := base
		contract.DocumentID, contract.DocumentType, contract.Created = s.docID(p), "13007", stamp(s.at(c.start.AddDate(0, 0, -7)))
		out = append(out, contract)
	} else {
		base.ControllerID, base.ControllerKind, base.OrganiserID = k.Ctrl(), kindPublic, k.OID()
		rel := base
		rel.DocumentID, rel.DocumentType, rel.AuthorOrg = s.docID(k), typeRelationship, k.OID()
		rel.Created, rel.UnitStart = stamp(s.at(c.start.AddDate(0, 0, -3))), day(c.start)
		if !c.end.IsZero() {
			// The county records the end as a new version of the document.
			out = append(out, rel)
			rel.Version, rel.UnitEnd, rel.Created = "2", day(c.end), stamp(s.at(c.end))
		}
		out = append(out, rel)
		dec := base
		dec.DocumentID, dec.DocumentType, dec.AuthorOrg = s.docID(k), organiserDecision[c.task], k.OID()
		dec.Created = stamp(s.at(c.start.AddDate(0, 0, -10)))
		out = append(out, dec)
		base.AuthorOrg = p.OID()
	}
	start := base
	start.DocumentID, start.DocumentType, start.Created = s.docID(p), "19002", stamp(s.at(c.start))
	out = append(out, start)
	n := 3 + s.rng.IntN(4)
	types := producerTypes[c.task]
	for i := 0; i < n; i++ {
		d := base
		d.DocumentID, d.DocumentType = s.docID(p), types[s.rng.IntN(len(types))]
		d.Created = stamp(s.at(s.between(c.start.AddDate(0, 0, 1), last)))
		if c.task == "child_welfare" && s.rng.IntN(4) == 0 {
			d.SpecialContent = "kyllä"
		}
		switch x := s.rng.IntN(100); {
		case x < 3:
			d.Status, d.VoidReason = statusVoided, "kirjattu väärälle asiakkaalle"
		case x < 10:
			// A corrected second version of the same document.
			v2 := d
			v2.Version, v2.Created = "2", stamp(s.at(s.between(mustParse(d.Created), last)))
			out = append(out, d)
			d = v2
		}
		out = append(out, d)
	}
	if !c.end.IsZero() {
		end := base
		end.DocumentID, end.DocumentType, end.Created = s.docID(p), "19012", stamp(s.at(c.end))
		out = append(out, end)
	}
	return out
}

func mustParse(ts string) time.Time {
	t, err := time.Parse("2006-01-02T15:04:05", ts)
	if err != nil {
		panic(err)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// healthRows are the nurse's reception's patient records for residents
// of Kotipolku: patient register, Hoivapolku as the private controller.
func (s *sample) healthRows(c client) []exportRow {
	p := s.provider
	var out []exportRow
	n := 1 + s.rng.IntN(3)
	for i := 0; i < n; i++ {
		out = append(out, exportRow{DocumentID: s.docID(p), Version: "1", ClientID: c.hetu, Register: regHealth,
			ControllerID: p.OID(), ControllerKind: kindPrivate, ProducerID: p.OID(), ServiceUnit: p.Unit(unitVastaanotto),
			Basis: basisSelfPaying, DocumentType: []string{"Hoitokertomus", "Hoitokertomus", "Lääkärin lausunto"}[s.rng.IntN(3)],
			AuthorOrg: p.OID(), Created: stamp(s.at(s.between(c.start, exportDay.AddDate(0, 0, -1)))), Status: statusActive})
	}
	return out
}

// plant appends the rows of every planted violation and lawful control.
func (s *sample) plant() {
	p, k := s.provider, s.county
	pick := func(task, basis string, n int) client {
		for _, c := range s.clients {
			if c.task == task && c.basis == basis {
				if n == 0 {
					return c
				}
				n--
			}
		}
		panic("no client " + task + " " + basis)
	}
	producerRow := func(c client, typ string, when time.Time) exportRow {
		r := exportRow{DocumentID: s.docID(p), Version: "1", ClientID: c.hetu, Register: regSocial, ProducerID: p.OID(),
			ServiceUnit: p.Unit(c.unit), Basis: c.basis, ServiceTask: taskValue[c.task], DocumentType: typ, CaseID: c.caseID,
			AuthorOrg: p.OID(), Created: stamp(s.at(when)), Status: statusActive}
		if c.basis == basisSelfPaying {
			r.ControllerID, r.ControllerKind = p.OID(), kindPrivate
		} else {
			r.ControllerID, r.ControllerKind, r.OrganiserID = k.Ctrl(), kindPublic, k.OID()
		}
		return r
	}
	within := func(c client) time.Time {
		last := exportDay.AddDate(0, 0, -1)
		if !c.end.IsZero() {
			last = c.end
		}
		return s.between(c.start.AddDate(0, 0, 1), last)
	}
	viol := func(kind, why string, rules []string, r exportRow) {
		s.violations = append(s.violations, violation{Kind: kind, DocumentID: r.DocumentID, Rules: rules, Why: why, idx: s.add(r)})
	}

	// 1. A patient record in the social-welfare register.
	self := pick("older_people", basisSelfPaying, 0)
	r := s.healthRows(self)[0]
	r.Register = regSocial
	viol("health document in the social-welfare register", "Hoitokertomus of the nurse's reception stored in the social-welfare client register (703/2023 § 18); in that register it also lacks a service task",
		[]string{"REG001", "REG030"}, r)

	// 2. A client narrative entry in the patient register.
	r = producerRow(self, "19007", within(self))
	r.Register = regHealth
	viol("social-welfare client narrative in the patient register", "19007 Merkintä asiakkaan arjesta written by Kotipolku's nurse into the patient register (703/2023 § 46)",
		[]string{"REG002"}, r)

	// 3. A purchased-service document in the producer's own register.
	bought := pick("older_people", basisPurchased, 1)
	r = producerRow(bought, "19007", within(bought))
	r.ControllerID, r.ControllerKind = p.OID(), kindPrivate
	viol("purchased-service document in the producer's own register", "Ostopalvelu client of Järvimaa, but the document is in Hoivapolku's register (703/2023 § 14)",
		[]string{"REG010", "REG012"}, r)

	// 4. A self-paying client's document in the organiser's register.
	self2 := pick("older_people", basisSelfPaying, 1)
	r = producerRow(self2, "15004", within(self2))
	r.ControllerID, r.ControllerKind, r.OrganiserID = k.Ctrl(), kindPublic, k.OID()
	viol("self-paying client's document in the organiser's register", "Itsemaksava client contracted with Hoivapolku, but the document is in Järvimaa's register (703/2023 § 13); the county has no Asiakkuusasiakirja for the client, so no register use right either",
		[]string{"REG011", "REG012", "REG021"}, r)

	// 5. A voucher service with a private controller.
	vouch := pick("older_people", basisVoucher, 2)
	r = producerRow(vouch, "19005", within(vouch))
	r.ControllerID, r.ControllerKind = p.OID(), kindPrivate
	viol("service-voucher document with a private controller", "Palveluseteli: the wellbeing services county is the controller (palvelusetelilaki 569/2009 § 11)",
		[]string{"REG010", "REG012"}, r)

	// 6. A producer document after the unit's client relationship ended:
	// the county's latest Asiakkuusasiakirja (version 2) closed it.
	dis := client{hetu: "", task: "disability", basis: basisPurchased, unit: unitTahka, caseID: "JHVA/2024/04417",
		start: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), end: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)}
	dis.hetu = hetu(14, 3, 1987, 977)
	for _, row := range s.clientRows(dis) {
		s.add(row)
	}
	r = producerRow(dis, "19007", time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC))
	viol("producer document outside the client-relationship window", "written 15.9.2025; the latest Asiakkuusasiakirja (version 2) ended Tähkä's relationship on 30.6.2025, so the register use right had ended",
		[]string{"REG020"}, r)

	// 7. A producer document not attached to the county's case.
	work := pick("working_age", basisPurchased, 3)
	r = producerRow(work, "19005", within(work))
	r.CaseID = ""
	viol("producer document without a case id", "Verso's meeting note has no asiatunnus: it cannot be attached to Järvimaa's case",
		[]string{"REG022"}, r)

	// 8. No service task.
	child := pick("child_welfare", basisPurchased, 1)
	r = producerRow(child, "19007", within(child))
	r.ServiceTask = ""
	viol("document without a service task", "every social-welfare document must show its service task (703/2023 § 37 mom 2)",
		[]string{"REG030"}, r)

	// 9. The repealed notification register.
	old := pick("older_people", basisPurchased, 4)
	r = producerRow(old, "4006", within(old))
	r.Register = regLegacy
	viol("legacy ilmoitusrekisteri", "Ilmoitus sosiaalihuollon tarpeesta stored in the ilmoitusrekisteri, repealed 1.11.2021 (785/2021)",
		[]string{"REG006"}, r)

	// 10. A document type code that is not in Sosmeta.
	dis2 := pick("disability", basisPurchased, 2)
	r = producerRow(dis2, "16099", within(dis2))
	viol("unknown document type code", "16099 is not a code of 1.2.246.537.6.1506", []string{"REG033"}, r)

	// 11. A client id whose check character is wrong (still 900-series).
	work2 := pick("working_age", basisPurchased, 5)
	r = producerRow(work2, "19005", within(work2))
	r.ClientID = wrongCheck(work2.hetu)
	viol("invalid henkilötunnus check character", "a 900-series test id mistyped: the check character does not match, so the row also finds no Asiakkuusasiakirja for its client",
		[]string{"IDN001", "REG021"}, r)

	// 12. Voided without a reason.
	vouch2 := pick("older_people", basisVoucher, 4)
	r = producerRow(vouch2, "19007", within(vouch2))
	r.Status = statusVoided
	viol("voided without a reason", "status mitätöity, void_reason empty", []string{"REG040"}, r)

	// 13. One document id in two registers: version 2 of a self-paying
	// client's plan was saved in the patient register.
	self3 := pick("older_people", basisSelfPaying, 2)
	r = producerRow(self3, "15004", within(self3))
	s.add(r)
	r2 := r
	r2.Version, r2.Register, r2.Created = "2", regHealth, stamp(s.at(mustParse(r.Created).AddDate(0, 2, 0)))
	viol("same document id in conflicting registers", "version 1 in the social-welfare register, version 2 of the same document in the patient register",
		[]string{"REG041", "REG003"}, r2)

	// Lawful rows that must stay clean.
	ctl := func(kind, why string, r exportRow) {
		s.controls = append(s.controls, control{Kind: kind, DocumentID: r.DocumentID, Why: why, idx: s.add(r)})
	}
	joint := producerRow(self3, "1000", within(self3))
	ctl("joint needs assessment, social-welfare register", "a palvelutarpeen arvio may be stored in both registers (703/2023 §§ 46–47)", joint)
	joint2 := joint
	joint2.DocumentID, joint2.Register, joint2.ServiceUnit = s.docID(p), regHealth, p.Unit(unitVastaanotto)
	ctl("joint needs assessment, patient register", "the same assessment in Hoivapolku's patient register", joint2)
	patient := s.healthRows(self3)[0]
	ctl("patient record in the patient register", "a nurse's Hoitokertomus without a social-welfare service task: § 37 mom 2 requires the task of documents in the social-welfare client register only (every patient-register row is such a row)", patient)
	voided := producerRow(vouch2, "19005", within(vouch2))
	voided.Status, voided.VoidReason = statusVoided, "väärä henkilö"
	ctl("voided with a reason", "mitätöity with a reason given", voided)
}

func (s *sample) export() []byte {
	s.makeClients()
	var blocks [][]exportRow
	for i, c := range s.clients {
		b := s.clientRows(c)
		if c.task == "older_people" && i%2 == 0 {
			b = append(b, s.healthRows(c)...)
		}
		blocks = append(blocks, b)
	}
	// Clean rows first, then the planted rows, then shuffle everything
	// by creation time as an export would list them.
	for _, b := range blocks {
		for _, r := range b {
			s.add(r)
		}
	}
	s.plant()
	order := make([]int, len(s.rows))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return s.rows[order[a]].Created < s.rows[order[b]].Created })

	var buf bytes.Buffer
	buf.WriteString("\ufeff") // UTF-8 with BOM, as Finnish vendor exports for Excel
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	_ = w.Write(exportHeader)
	lineOf := make([]int, len(s.rows))
	for n, i := range order {
		lineOf[i] = n + 2 // line 1 is the header
		_ = w.Write(s.rows[i].fields())
	}
	w.Flush()
	for i := range s.violations {
		s.violations[i].Line = lineOf[s.violations[i].idx]
	}
	for i := range s.controls {
		s.controls[i].Line = lineOf[s.controls[i].idx]
	}
	return buf.Bytes()
}

// ---------------------------------------------------------------------
// TOS and AMS (Helsinki JHS 191 workbook layout)

var tosHeader = []string{"Tehtäväluokka", "2.13 Tehtävä", "5.6 Käsittelyvaihe", "5.6 Toimenpide", "2.15 Asiakirjan tyyppi",
	"Asiakirjatyypin tarkenne (=asiakirjallinen tieto)", "Asiakirjan  liitteet (sarake jätetään tyhjäksi, jos liitteitä ei ole)",
	"Rekisteröinti/ Tietojärjestelmä", "2.6.1 Julkisuusluokka", "2.6.2 Salassapitoaika", "2.6.4 Salassapitoperuste",
	"Salassapitoajan laskentaperuste", "2.6.7 Henkilötietoluonne", "Henkilötunnus", "2.11.1 Säilytysaika", "2.11.2 Säilytysajan peruste",
	"Säilytysajan laskentaperuste", "Lisätietoja", "4.9 Suojeluluokka (Käytetään vain paperiasiakirjojen kohdalla)",
	"Paperiasiakirjojen säilytysjärjestys", "Paperiasiakirjojen säilytysaika työpisteessä",
	"Paperiasiakirjojen säilytysaika arkistossa = paperiasiakirjojen kokonaissäilytysaika", "Paperiasiakirjojen säilytyspaikka",
	"Paperiasiakirjojen säilytyksen vastuuhenkilö (työntekijän nimike)"}

// tosRow is one row of the TOS sheet: a class, process, phase, action or
// record row (column A holds the row type, as in Helsinki's workbook).
type tosRow struct {
	Type, Task, Phase, Action, DocType, Name, System string
	Retention, Basis, Start, Notes                   string
	Expect                                           string
	Row                                              int
}

const (
	secret   = "Salassa pidettävä"
	secrecy  = "JulkL 24.1 § 25 kohta"
	personal = "Sisältää arkaluonteisia henkilötietoja"
	law703   = "L 703/2023 liite"
)

func (s *sample) tosContent() {
	rec := func(doc, name, system, ret, basis, start, expect string) tosRow {
		return tosRow{Type: "Asiakirjan metatiedot", DocType: doc, Name: name, System: system, Retention: ret, Basis: basis, Start: start, Expect: expect}
	}
	phase := func(p string) tosRow { return tosRow{Type: "Käsittelyvaiheen metatiedot", Phase: p} }
	action := func(a string) tosRow { return tosRow{Type: "Toimenpiteen metatiedot", Action: a} }
	proc := func(ret, basis, start string) tosRow {
		return tosRow{Type: "Asian metatiedot", Retention: ret, Basis: basis, Start: start}
	}
	s.tosRows = []tosRow{
		{Type: "05", Task: "Sosiaalitoimi"},
		{Type: "05 04", Task: "Vanhusten palvelut"},
		{Type: "05 04 02", Task: "Asumispalvelut"},
		proc("10", law703, "Asian sulkeminen"),
		{Type: "Asiakirjallisen tiedon käsittely (ei täytetä)", Task: "Otsikkotaso (ei täytetä)"},
		phase("Asiakkuuden perustaminen"),
		action("Asukkaan muutto"),
		rec("merkintä", "Tulohaastattelu ja kotiutumislomake", "Hilkka", "10", law703, "Asian sulkeminen", ""),
		phase("Palvelun suunnittelu"),
		action("Suunnitelman laatiminen"),
		rec("suunnitelma", "Iäkkäiden palvelujen asiakassuunnitelma", "Hilkka", "10", law703, "Asian sulkeminen", ""),
		rec("suunnitelma", "Hoito- ja palvelusuunnitelma (HOPA)", "Hilkka", "6", "Organisaation oma päätös", "Asiakirjan päivämäärä",
			"6 y from the document date: shorter than the law's 10 y, and the wrong start event"),
		phase("Palvelun toteutus"),
		action("Kirjaaminen"),
		rec("kertomus", "Päivittäiskirjaukset", "Hilkka", "10", law703, "Asian sulkeminen", ""),
		rec("kertomus", "Rajoitustoimenpiteiden kirjaus", "Hilkka", "5", "Sosiaalihuollon asiakasasiakirjalaki 254/2015", "Asiakirjan päivämäärä",
			"5 y from the document date, citing the repealed 254/2015: shorter than the law's 10 y"),
		rec("muistio", "Hoitoneuvottelun muistio", "Hilkka", "10", law703, "Henkilön kuolema",
			"right length, wrong start event: the client's death instead of the closing of the case"),
		{Type: "05 03", Task: "Vammaisten palvelut"},
		{Type: "05 03 02", Task: "Vammaispalvelu"},
		proc("10", law703, "Viimeisen asian sulkeminen, kun vammaispalvelujen tarve on päättynyt"),
		phase("Palvelun suunnittelu"),
		rec("suunnitelma", "Vammaispalvelujen asiakassuunnitelma", "Hilkka", "10", law703, "Viimeisen asian sulkeminen", ""),
		phase("Palvelun toteutus"),
		rec("kertomus", "Asukkaan päivittäiskirjaus", "Hilkka", "10", law703, "Viimeisen asian sulkeminen", ""),
		rec("päätös", "Päätös rajoittavan välineen käytöstä", "Hilkka", "10", law703, "Asian lopullinen ratkaisu",
			"start event 'Asian lopullinen ratkaisu' where the law counts from the closing of the last disability-services case"),
		{Type: "05 02", Task: "Lastensuojelu ja perheiden palvelut"},
		{Type: "05 02 03", Task: "Perhehoito"},
		proc("-1 (säilytetään pysyvästi)", "Arkistolaitoksen päätös AL/20064/07.01.01.03.01/2014", ""),
		phase("Palvelun suunnittelu"),
		rec("suunnitelma", "Hoito- ja kasvatussuunnitelma", "Vaahtera", "-1 (säilytetään pysyvästi)", "Arkistolaitoksen päätös AL/20064/07.01.01.03.01/2014", "", ""),
		phase("Palvelun toteutus"),
		rec("kertomus", "Arjen kirjaukset", "Vaahtera", "-1 (säilytetään pysyvästi)", "Arkistolaitoksen päätös AL/20064/07.01.01.03.01/2014", "", ""),
		rec("ilmoitus", "Lastensuojeluilmoitus", "Vaahtera", "30", "Sosiaalihuollon asiakasasiakirjalaki 254/2015 liite", "Asiakirjan päivämäärä",
			"30 y from the document date (the repealed 254/2015 rule): the law now gives 2 y from the client's death; with the profile the family home's ls-ilmoitus is the county's (RET014: the producer keeps no plan of its own for it)"),
		rec("päätös", "Päätös yhteydenpidon rajoittamisesta", "Vaahtera", "-1 (säilytetään pysyvästi)", "Arkistolaitoksen päätös AL/20064/07.01.01.03.01/2014", "", ""),
		{Type: "05 06", Task: "Toimeentulo, maahanmuutto ja sosiaalinen kuntoutus"},
		{Type: "05 06 06", Task: "Sosiaalinen työhön kuntoutus ja työllistämispalvelut"},
		proc("10", law703, "Asian sulkeminen"),
		phase("Palvelun suunnittelu"),
		rec("suunnitelma", "Aktivointisuunnitelma", "Routa", "10", law703, "Asian sulkeminen", ""),
		rec("sopimus", "Kuntouttavan työtoiminnan sopimus", "Routa", "6", "Organisaation oma päätös", "Asian sulkeminen",
			"6 y: shorter than the law's 10 y"),
	}
}

// amsRow is one row of the paper AMS sheet.
type amsRow struct {
	Class, Series, Retention, Basis, Start, Place, Notes string
	Expect                                               string
	Row                                                  int
}

func (s *sample) amsContent() {
	s.amsRows = []amsRow{
		{Class: "05 04 02", Series: "Palvelusuunnitelma", Retention: "10", Basis: law703, Start: "Asian sulkeminen", Place: "Kotipolun arkisto"},
		{Class: "05 04 04", Series: "Palvelusopimus (itsemaksavat asiakkaat)", Retention: "10", Basis: law703, Start: "Asian sulkeminen", Place: "Kotipolun arkisto",
			Notes: "Skannataan Hilkkaan, paperi hävitetään tarkastuksen jälkeen"},
		{Class: "05 04 02", Series: "Maksusitoumus", Retention: "6", Basis: "Kirjanpitolaki", Start: "Tilikauden päättyminen",
			Expect: "6 y from the end of the financial year: neither the law's period nor its start event; with the profile the county's (RET014)"},
		{Class: "05 03 03", Series: "Erityishuolto-ohjelma (EHO)", Retention: "50", Basis: "Kehitysvammaisten erityishuollosta annettu laki", Start: "Asiakirjan päivämäärä", Place: "Tähkän arkisto"},
		{Class: "05 02 03", Series: "Sijoitettavan lapsen esitiedot", Retention: "", Basis: "", Start: "", Place: "Sataman lukittu kaappi",
			Expect: "series listed without a retention period; with the profile the county's, so no gap of Hoivapolku's"},
		{Class: "05 06 06", Series: "KTT-sopimus", Retention: "5", Basis: "Organisaation oma päätös", Start: "Asiakirjan päivämäärä", Place: "Verso",
			Expect: "5 y from the document date: shorter than the law's 10 y from the closing of the case"},
	}
}

var amsHeader = []string{"Tehtäväluokka", "Asiakirjasarja", "Säilytysmuoto", "Säilytysaika", "Säilytysajan peruste",
	"Säilytysajan laskentaperuste", "Säilytyspaikka", "Lisätietoja"}

func (s *sample) tos() ([]byte, error) {
	s.tosContent()
	s.amsContent()
	f := excelize.NewFile()
	defer f.Close()
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	class, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}})

	if err := f.SetSheetName("Sheet1", "Kansilehti"); err != nil {
		return nil, err
	}
	cover := [][2]string{
		{"D4", "Tiedonohjaussuunnitelma (TOS)"},
		{"D5", "Hoivapolku Oy – sosiaalihuollon asiakasasiakirjat"},
		{"D6", "Versio 0.3 (luonnos), 2.6.2025 – laadittu Helsingin TOS-pohjan (JHS 191) mukaan"},
		{"D7", "Paperiasiakirjat: välilehti Arkistonmuodostussuunnitelma (osittain täytetty)"},
		{"B9", "05 Sosiaalitoimi"},
	}
	for _, c := range cover {
		_ = f.SetCellValue("Kansilehti", c[0], c[1])
	}
	_ = f.SetCellStyle("Kansilehti", "D4", "D4", bold)

	const tosSheet = "05 Sosiaalitoimi"
	if _, err := f.NewSheet(tosSheet); err != nil {
		return nil, err
	}
	if err := f.SetSheetRow(tosSheet, "A1", &tosHeader); err != nil {
		return nil, err
	}
	lastCol, _ := excelize.ColumnNumberToName(len(tosHeader))
	_ = f.SetCellStyle(tosSheet, "A1", lastCol+"1", head)
	_ = f.SetRowHeight(tosSheet, 1, 60)
	for i := range s.tosRows {
		t := &s.tosRows[i]
		n := i + 2
		t.Row = n
		cells := make([]any, len(tosHeader))
		cells[0] = t.Type
		cells[1] = t.Task
		cells[2] = t.Phase
		cells[3] = t.Action
		cells[4] = t.DocType
		cells[5] = t.Name
		cells[7] = t.System
		if t.Type == "Asian metatiedot" || t.Type == "Asiakirjan metatiedot" {
			cells[8], cells[9], cells[10], cells[11] = secret, "", secrecy, ""
			cells[12], cells[13] = personal, "Sisältää henkilötunnuksen"
			cells[14], cells[15], cells[16], cells[17] = retentionCell(t.Retention), t.Basis, t.Start, t.Notes
		}
		if t.Type == "Asiakirjan metatiedot" {
			cells[18], cells[19], cells[20], cells[21] = "Ei suojeluluokkaa, sähköinen asiakirja", "Säilytetään sähköisesti", "Säilytetään sähköisesti", "Säilytetään sähköisesti"
		}
		if err := f.SetSheetRow(tosSheet, "A"+strconv.Itoa(n), &cells); err != nil {
			return nil, err
		}
		if isClassRow(t.Type) {
			_ = f.SetCellStyle(tosSheet, "A"+strconv.Itoa(n), "B"+strconv.Itoa(n), class)
		}
	}
	widths := map[string]float64{"A": 24, "B": 22, "C": 20, "D": 20, "E": 14, "F": 36, "H": 16, "O": 12, "P": 30, "Q": 24, "R": 30}
	for c, w := range widths {
		_ = f.SetColWidth(tosSheet, c, c, w)
	}
	_ = f.SetPanes(tosSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})

	const amsSheet = "Arkistonmuodostussuunnitelma"
	if _, err := f.NewSheet(amsSheet); err != nil {
		return nil, err
	}
	_ = f.SetCellValue(amsSheet, "A1", "Arkistonmuodostussuunnitelma – paperiasiakirjat (osittain täytetty, kesken)")
	_ = f.SetCellStyle(amsSheet, "A1", "A1", bold)
	if err := f.SetSheetRow(amsSheet, "A3", &amsHeader); err != nil {
		return nil, err
	}
	_ = f.SetCellStyle(amsSheet, "A3", "H3", head)
	for i := range s.amsRows {
		a := &s.amsRows[i]
		n := i + 4
		a.Row = n
		cells := []any{a.Class, a.Series, "paperi", retentionCell(a.Retention), a.Basis, a.Start, a.Place, a.Notes}
		if err := f.SetSheetRow(amsSheet, "A"+strconv.Itoa(n), &cells); err != nil {
			return nil, err
		}
	}
	for c, w := range map[string]float64{"A": 12, "B": 40, "C": 12, "D": 12, "E": 34, "F": 26, "G": 24, "H": 40} {
		_ = f.SetColWidth(amsSheet, c, c, w)
	}
	f.SetActiveSheet(1)
	if err := fixedProps(f, "Tiedonohjaussuunnitelma"); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func isClassRow(t string) bool {
	if t == "" {
		return false
	}
	for _, c := range t {
		if c != ' ' && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------
// Expectations

type expectedFile struct {
	About     string         `json:"about"`
	Inventory []expectedInv  `json:"inventory"`
	Export    expectedExport `json:"register_export"`
	TOS       []expectedPlan `json:"tos"`
}

type expectedInv struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Name   string `json:"name"`
	Expect string `json:"expect"`
}

type expectedExport struct {
	Rows       int         `json:"rows"`
	Clients    int         `json:"clients"`
	Violations []violation `json:"violations"`
	Clean      []control   `json:"must_not_be_flagged"`
	Also       []string    `json:"also"`
}

type expectedPlan struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Name   string `json:"name"`
	Expect string `json:"expect"`
}

func (s *sample) expected() expectedFile {
	e := expectedFile{About: "What the Hoivapolku Oy sample is built to reveal; written by samples/gen. Rule IDs are those of the register gate (separation package) when this was written."}
	for _, rows := range [][]invRow{s.invMain, s.invChild} {
		for _, r := range rows {
			if r.Expect != "" {
				e.Inventory = append(e.Inventory, expectedInv{Sheet: r.Sheet, Row: r.Row, Name: r.Name, Expect: r.Expect})
			}
		}
	}
	e.Inventory = append(e.Inventory, expectedInv{Sheet: "Asiakirjaluettelo", Name: "(coverage)",
		Expect: "disability services have no 15024 Vammaispalvelujen toteuttamissuunnitelma although Tähkä is a housing unit"})
	e.Export = expectedExport{Rows: len(s.rows), Clients: len(s.clients) + 1, Violations: s.violations, Clean: s.controls,
		Also: []string{"IDN004: every client id is a 900-series test code, which a production export should not contain (warning)"}}
	for _, t := range s.tosRows {
		if t.Expect != "" {
			e.TOS = append(e.TOS, expectedPlan{Sheet: "05 Sosiaalitoimi", Row: t.Row, Name: t.Name, Expect: t.Expect})
		}
	}
	for _, a := range s.amsRows {
		if a.Expect != "" {
			e.TOS = append(e.TOS, expectedPlan{Sheet: "Arkistonmuodostussuunnitelma", Row: a.Row, Name: a.Series, Expect: a.Expect})
		}
	}
	return e
}

// ---------------------------------------------------------------------
// README

func (s *sample) readme() ([]byte, error) {
	t, err := template.New("readme").Funcs(template.FuncMap{
		"join": strings.Join,
		"inc":  func(i int) int { return i + 1 },
	}).Parse(readmeTemplate)
	if err != nil {
		return nil, err
	}
	data := struct {
		Provider, County org
		Units            map[int]string
		UnitOIDs         []string
		Exp              expectedFile
		Main, Child      []invRow
		MainCount        int
		ChildCount       int
		Clients          int
	}{Provider: s.provider, County: s.county, Units: unitNames, Exp: s.expected(), Main: s.invMain, Child: s.invChild,
		MainCount: len(s.invMain), ChildCount: len(s.invChild), Clients: len(s.clients) + 1}
	for n := 1; n <= 5; n++ {
		data.UnitOIDs = append(data.UnitOIDs, fmt.Sprintf("%s | `%s`", unitNames[n], s.provider.Unit(n)))
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

const readmeTemplate = `# Sample organisation: {{.Provider.Name}}

A fictional but realistic private social and health care provider, used by ` + "`make run`" + ` and
by the end-to-end test. Everything here is written by ` + "`go run ./samples/gen`" + ` (deterministic; run it
and review the diff after changing the generator). Every person and organisation is fictional.

` + "```sh" + `
go run ./cmd/kartoitus assess --inventory samples/inventory.xlsx \
    --export samples/register-export.csv --tos samples/tos.xlsx \
    --overlay samples/overlay.yaml --profile samples/profile.yaml \
    --organisation "Hoivapolku Oy" --out out
` + "```" + `

This is what ` + "`make run`" + ` does.

## Who they are

**{{.Provider.Name}}** (Y-tunnus {{.Provider.YTunnus}}, OID ` + "`{{.Provider.OID}}`" + `) runs:

| Unit | OID | Service | Clients |
|---|---|---|---|
| {{index .UnitOIDs 0}} | 24-hour service housing for older people (iäkkäiden palvelut) | self-paying clients (own register), purchased-service and service-voucher clients of the county |
| {{index .UnitOIDs 1}} | professional family home (lastensuojelu) | children placed by the county (purchased service) |
| {{index .UnitOIDs 2}} | housing for people with disabilities (vammaispalvelut) | purchased service |
| {{index .UnitOIDs 3}} | rehabilitative work activity (työikäisten palvelut) | purchased service |
| {{index .UnitOIDs 4}} | a nurse's reception (health care) | residents of Kotipolku: patient records |

The organiser of the public services is **{{.County.Name}}** (Y-tunnus {{.County.YTunnus}},
organisation ` + "`{{.County.OID}}`" + `, controller ` + "`{{.County.Ctrl}}`" + `). Hoivapolku works in its
register through the Kanta register use right (rekisterinkäyttöoikeus): the county records on the
client's Asiakkuusasiakirja which unit serves the client and from when to when.

Client systems (fictional products): **Hilkka** (housing units), **Vaahtera** (family home),
**Routa** (work activity), **Kaiku** (patient records), **Vuoroin** (rosters).

## The files

| File | What it holds |
|---|---|
| ` + "`inventory.xlsx`" + ` | The current-state inventory in the Kansa-koulu style: an ` + "`Ohjeet`" + ` sheet, the data sheet ` + "`Asiakirjaluettelo`" + ` ({{.MainCount}} rows, title block above the header on row 5, Finnish headers as an organisation types them), a ` + "`Lastensuojelu`" + ` sheet ({{.ChildCount}} rows, service task from the sheet name, no task column) and the ` + "`Listat`" + ` value lists. Paper and electronic marks in separate columns, local names that differ from the national ones, TOS references (electronic) and AMS references (paper) and retention years for most rows. |
| ` + "`register-export.csv`" + ` | A client-system register export: ` + "`;`" + `-separated UTF-8 with a BOM and CRLF line ends, the canonical column names (` + "`document_id;version;client_id;…;unit_start;unit_end`" + `), Finnish vendor values (` + "`Ostopalvelu`" + `, ` + "`julkinen`" + `, ` + "`mitätöity`" + `, ` + "`1505.1`" + ` for Asiakkuusasiakirja). {{.Exp.Export.Rows}} rows, {{.Clients}} clients. Client ids are 900-series **test** henkilötunnus codes only. |
| ` + "`tos.xlsx`" + ` | A partial TOS in Helsinki's JHS 191 workbook layout (sheet ` + "`05 Sosiaalitoimi`" + `: class rows, Asian/Käsittelyvaiheen/Toimenpiteen/Asiakirjan metatiedot rows) covering some electronic documents, plus a half-filled paper AMS (sheet ` + "`Arkistonmuodostussuunnitelma`" + `) and a cover sheet. |
| ` + "`overlay.yaml`" + ` | Hand-written, not generated: the catalogue overlay the organisation keeps. It records the archival (permanent-retention) decision its TOS cites, AL/20064/07.01.01.03.01/2014, as the 254/2015 annex restated it: child-welfare decisions, plans and client narratives are kept permanently, and older people's documents of clients born on the 8th, 18th or 28th. Without it the permanent rows are reported as RET007. |
| ` + "`expected.json`" + ` | The list below, machine-readable, for the end-to-end test. |
| ` + "`plan/status.yaml`" + ` | Hand-written: the onboarding status (Kela's steps 1–4) for ` + "`kartoitus plan`" + `, go-live 1.3.2027. |
| ` + "`plan/staff.csv`" + ` | Hand-written: the staff list for the certificate-card plan (15 rows). |
| ` + "`plan/evidence.json`" + ` | Hand-written from a run of ` + "`make run`" + `: the readiness evidence (2C, 2D, 2E) until the assessment fills it itself. |
| ` + "`profile.yaml`" + ` | Hand-written: the organisation profile (` + "`--profile`" + `): Hoivapolku's toimintayksikkö and service units, its roles (producer for the county, organiser of its self-paying clients' services), and Järvimaa as a public organiser. See below for what it changes. |

## What the sample should reveal

### Inventory: mapping, coverage, registers, retention

| Sheet | Row | Document | Expected |
|---|---|---|---|
{{- range .Exp.Inventory}}
| {{.Sheet}} | {{if .Row}}{{.Row}}{{end}} | {{.Name}} | {{.Expect}} |
{{- end}}

Most other rows map cleanly (exact national names, codes such as ` + "`3013`" + ` and ` + "`15001`" + ` in the national
column, or close local names).

### Register export: violations (each on its own row)

| # | Violation | document_id | Line | Gate rules | Why |
|---|---|---|---|---|---|
{{- range $i, $v := .Exp.Export.Violations}}
| {{inc $i}} | {{$v.Kind}} | ` + "`{{$v.DocumentID}}`" + ` | {{$v.Line}} | {{join $v.Rules ", "}} | {{$v.Why}} |
{{- end}}

Also: {{range .Exp.Export.Also}}{{.}}{{end}}.

Lawful rows that look suspicious and **must not** be flagged:

| Row | document_id | Line | Why |
|---|---|---|---|
{{- range .Exp.Export.Clean}}
| {{.Kind}} | ` + "`{{.DocumentID}}`" + ` | {{.Line}} | {{.Why}} |
{{- end}}

All other rows are clean: purchased-service and voucher documents by the units inside the
relationship window of the county's latest Asiakkuusasiakirja and in the county's register,
self-paying clients' documents in Hoivapolku's register, patient records in the patient register,
corrected second versions and voided documents with a reason.

### TOS and AMS

| Sheet | Row | Entry | Expected |
|---|---|---|---|
{{- range .Exp.TOS}}
| {{.Sheet}} | {{.Row}} | {{.Name}} | {{.Expect}} |
{{- end}}

Beyond these, many electronic inventory documents (PTA, ls-ilmoitus, Valmennussuunnitelma, …) have
no TOS entry at all and several paper ones no AMS entry: the retention analysis reports them, and
the TOS draft lists every national type the organisation produces with the 703/2023 period.

### What the profile changes

` + "`make run`" + ` passes ` + "`--profile samples/profile.yaml`" + `. The inventory's *Käsittelyperuste* column says whose
register each document is: the family home's children are placed by the county (ostopalvelu, the county's
register); Kotipolku serves self-paying, purchased-service and voucher clients (both registers), except the
county's own papers (Palvelusuunnitelma, Maksusitoumus, Palvelusetelipäätös) and the self-paying clients'
contract. Tähkä's and Verso's rows leave the column empty, as the inventory's authors did: they are judged
as Hoivapolku's own until someone writes *ostopalvelu* there. Without the profile every document is
Hoivapolku's own and the county is not known to be an authority. With it (measured on this sample):

| | without | with |
|---|---|---|
| COV001 national types missing | 81 | 51: the decisions and documents only the county writes (huostaanotto, service decisions, income support …) are the county's, not Hoivapolku's gaps |
| expected types: child welfare / older people / disability / working-age | 46 / 10 / 24 / 24 | 35 / 5 / 16 / 18 |
| RET001 / RET002 (no TOS / AMS entry) | 25 / 10 | 20 / 6: the county's documents are planned by the county (703/2023 § 23) |
| RET014 (a plan keeps the county's document) | 0 | 17: the family home's TOS and inventory periods for documents it hands over to the county's register (§ 14) |
| REG012 / REG014 in the export | 2 / 1 | 3 / 0: Järvimaa is an authority, so the purchased-service document under a private controller is REG012 again |

## Deployment test (` + "`deploytest/`" + `)

The register-use-right deployment test (käyttöönottokoe) between {{.County.Name}} (organiser, client
system **Kielo**, fictional like the others) and {{.Provider.Name}}'s {{index .Units 2}} (producer,
unit ` + "`{{.Provider.Unit 2}}`" + `, system **Vaahtera**). Written by ` + "`go test ./deploytest -update`" + `, not by
this generator; ` + "`go test ./deploytest`" + ` fails when they drift.

| File | What it holds |
|---|---|
| ` + "`deploytest/pairs.yaml`" + ` | The county's four combinations with Hoivapolku's units: Satama moved to Vaahtera, a new combination tested on 2.4.2026 (required, done); Kotipolku (Hilkka, 2022) and Verso (Routa, 2023, failed once and re-run) done; Tähkä shares Kotipolku's combination, so its test is only recommended (DPT002). |
| ` + "`deploytest/organiser-export.csv`" + ` | Kielo's register export of a 900-series test person (born 15.3.2014) on the test day, with ` + "`modified`" + `, ` + "`modifier_org`" + ` and ` + "`attachments`" + `: every step passes, J3 is to be confirmed in the archivist UI. |
| ` + "`deploytest/producer-export.csv`" + ` | Vaahtera's export after the end: another child's documents, none of the test person's (T6 passes). |

` + "```sh" + `
kartoitus deploytest plan --pairs samples/deploytest/pairs.yaml
kartoitus deploytest verify --organiser samples/deploytest/organiser-export.csv \
    --producer samples/deploytest/producer-export.csv
kartoitus deploytest report --pairs samples/deploytest/pairs.yaml --pair 1 -o raportti.html
` + "```" + `

## Onboarding plan

` + "```sh" + `
go run ./cmd/kartoitus plan --status samples/plan/status.yaml --staff samples/plan/staff.csv \
    --evidence samples/plan/evidence.json --today 2026-12-17 --readers 6 -o plan.html
` + "```" + `

Hoivapolku plans to go live on 1.3.2027; on 17.12.2026 the plan should show:

| Task | Expected |
|---|---|
| 2D | late: the organisation's own estimate (80 working days from 5.10.2026) overruns its latest finish 21.1.2027, so 2E, 3D, the backup date, the archivist's check and go-live are late too; forecast go-live 8.3.2027 |
| 2G.sopimus | at risk: the DVV card contract (about 3–4 weeks, K20 dia 20) must start by 23.12.2026, within 5 working days, over Christmas |
| 2G.kortit | latest 26.1.–8.2.2027, after the contract and before the deployment test |
| 3E.raportti | the report to Kela within two working days of the test (K20 dia 30) |
| cards | 5 ammattikortti, 7 henkilöstökortti (one of them assumed: Outi Mattila's registration is not stated, PLN003), 1 toimijakortti, 2 varakortti; 240–530 € with 6 readers at the deck's 2020 prices |
| readiness | 2C ready (four units with OIDs), 2D gaps (TOS/AMS gaps, retention errors), 2E gaps (register errors), 3C–3E not known (no deployment-test plan yet) |
`
