package deploytest

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// update rewrites golden files and samples/deploytest: go test ./deploytest -update
var update = flag.Bool("update", false, "rewrite golden files and samples/deploytest")

// The sample organisation (samples/gen): Järvimaan hyvinvointialue is the
// organiser, Hoivapolku Oy's Perhekoti Satama the producer.
const (
	countyName = "Järvimaan hyvinvointialue"
	countyOID  = "1.2.246.10.32661452.10.0"
	countyCtrl = "1.2.246.10.32661452.19.0"
	hoivaName  = "Hoivapolku Oy"
	hoivaOID   = "1.2.246.10.31875424.10.0"
	satamaOID  = "1.2.246.10.31875424.10.2"
	satamaName = "Perhekoti Satama"
	// testPerson is a 900-series test henkilötunnus (individual number 924).
	testPerson = "150314A924H"
	// otherChild is another 900-series test client of the family home.
	otherChild = "220615A9363"
	caseID     = "JHVA/2026/09001"
	relDoc     = "1.2.246.10.32661452.11.700001"
	decDoc     = "1.2.246.10.32661452.11.700002"
	p1         = "1.2.246.10.31875424.11.700001" // T2, T3; voided by the organiser (J5)
	p2         = "1.2.246.10.31875424.11.700002" // T4; voided by the producer (T5)
	p3         = "1.2.246.10.31875424.11.700003" // a plain entry
)

var exportCols = []string{"document_id", "version", "client_id", "register", "controller_id", "controller_kind", "organiser_id",
	"producer_id", "service_unit", "basis", "service_task", "document_type", "case_id", "author_org", "created", "status",
	"void_reason", "special_content", "unit_start", "unit_end", "modified", "modifier_org", "attachments"}

// xrow is one export row by canonical column name.
type xrow map[string]string

func (r xrow) with(kv ...string) xrow {
	out := xrow{}
	for k, v := range r {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

type scenario struct {
	org, prod []xrow
	cols      []string
}

// passing is the deployment test of 2.4.2026 (a Thursday) as the county's
// system (Kielo) and the family home's (Vaahtera) exports show it: every
// export step passes.
func passing() scenario {
	base := xrow{"client_id": testPerson, "register": "Sosiaalihuollon asiakasrekisteri", "controller_id": countyCtrl,
		"controller_kind": "julkinen", "organiser_id": countyOID, "producer_id": hoivaOID, "service_unit": satamaOID,
		"basis": "Ostopalvelu", "service_task": "10", "case_id": caseID, "status": "aktiivinen", "attachments": "0"}
	county := base.with("author_org", countyOID, "modifier_org", countyOID)
	prod := base.with("author_org", hoivaOID, "modifier_org", hoivaOID)
	org := []xrow{
		// Preconditions (K25 Esiehdot): the Asiakkuusasiakirja and the
		// service decision in the case, the day before.
		county.with("document_id", relDoc, "version", "1", "document_type", "1505.1", "service_unit", "",
			"created", "2026-04-01T13:00:00", "modified", "2026-04-01T13:00:00"),
		county.with("document_id", decDoc, "version", "1", "document_type", "11030",
			"created", "2026-04-01T13:10:00", "modified", "2026-04-01T13:10:00"),
		// J2: the unit and its start date.
		county.with("document_id", relDoc, "version", "2", "document_type", "1505.1", "unit_start", "2.4.2026",
			"created", "2026-04-01T13:00:00", "modified", "2026-04-02T09:00:00"),
		// T2, T3: an entry with an attachment, then a corrected version.
		prod.with("document_id", p1, "version", "1", "document_type", "19007", "attachments", "1",
			"created", "2026-04-02T10:05:00", "modified", "2026-04-02T10:05:00"),
		prod.with("document_id", p1, "version", "2", "document_type", "19007", "attachments", "1",
			"created", "2026-04-02T10:05:00", "modified", "2026-04-02T10:20:00"),
		// T4, T5: a statement with special content, voided as written for
		// the wrong person.
		prod.with("document_id", p2, "version", "1", "document_type", "7009", "special_content", "kyllä",
			"created", "2026-04-02T10:40:00", "modified", "2026-04-02T10:40:00"),
		prod.with("document_id", p2, "version", "2", "document_type", "7009", "special_content", "kyllä",
			"status", "mitätöity", "void_reason", "väärä henkilö", "created", "2026-04-02T10:40:00", "modified", "2026-04-02T10:50:00"),
		prod.with("document_id", p3, "version", "1", "document_type", "19005",
			"created", "2026-04-02T11:15:00", "modified", "2026-04-02T11:15:00"),
		// J4: the end date.
		county.with("document_id", relDoc, "version", "3", "document_type", "1505.1", "unit_start", "2.4.2026", "unit_end", "2.4.2026",
			"created", "2026-04-01T13:00:00", "modified", "2026-04-02T14:00:00"),
		// J5: the organiser voids the producer's entry after the end.
		prod.with("document_id", p1, "version", "3", "document_type", "19007", "attachments", "1", "status", "mitätöity",
			"void_reason", "testiasiakirja", "modifier_org", countyOID, "created", "2026-04-02T10:05:00", "modified", "2026-04-02T14:30:00"),
	}
	// T6: the family home's system after the end: another child's
	// documents, none of the test person's.
	other := prod.with("client_id", otherChild, "case_id", "JHVA/2026/08807", "unit_start", "", "unit_end", "")
	producer := []xrow{
		other.with("document_id", "1.2.246.10.31875424.11.699001", "version", "1", "document_type", "19007",
			"created", "2026-03-30T09:30:00", "modified", "2026-03-30T09:30:00"),
		other.with("document_id", "1.2.246.10.31875424.11.699002", "version", "1", "document_type", "15002",
			"created", "2026-03-31T12:10:00", "modified", "2026-03-31T12:10:00"),
	}
	return scenario{org: org, prod: producer, cols: exportCols}
}

// find returns the index of the row with doc and version.
func (s *scenario) find(doc, ver string) int {
	for i, r := range s.org {
		if r["document_id"] == doc && r["version"] == ver {
			return i
		}
	}
	panic("no row " + doc + " v" + ver)
}

func (s *scenario) set(doc, ver string, kv ...string) {
	i := s.find(doc, ver)
	s.org[i] = s.org[i].with(kv...)
}

func (s *scenario) drop(doc, ver string) {
	i := s.find(doc, ver)
	s.org = append(s.org[:i:i], s.org[i+1:]...)
}

func (s *scenario) dropCol(col string) {
	var cols []string
	for _, c := range s.cols {
		if c != col {
			cols = append(cols, c)
		}
	}
	s.cols = cols
}

func csvOf(rows []xrow, cols []string) string {
	var b strings.Builder
	b.WriteString(strings.Join(cols, ";") + "\n")
	for _, r := range rows {
		vals := make([]string, len(cols))
		for i, c := range cols {
			vals[i] = r[c]
		}
		b.WriteString(strings.Join(vals, ";") + "\n")
	}
	return b.String()
}

var testCatalogue = sosmeta.MustDefault()

func openCSV(t testing.TB, name, content string) Input {
	t.Helper()
	rd, err := export.NewCSVReader(strings.NewReader(content), export.Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return Input{File: name, Reader: rd}
}

// run verifies a scenario; withProducer adds the producer's export.
func (s scenario) run(t testing.TB, withProducer bool, cfg VerifyConfig) (*VerifyResult, error) {
	t.Helper()
	if cfg.Catalogue == nil {
		cfg.Catalogue = testCatalogue
	}
	org := openCSV(t, "organiser.csv", csvOf(s.org, s.cols))
	var prod *Input
	if withProducer {
		p := openCSV(t, "producer.csv", csvOf(s.prod, s.cols))
		prod = &p
	}
	return Verify(cfg, org, prod)
}

// samplePairs is the sample organisation's pairs file: the family home's
// new system (Vaahtera) is a new combination with the county's system
// (Kielo), tested on 2.4.2026; the housing units' combination (Hilkka) was
// verified with Kotipolku in 2022, so Tähkä's test is only recommended;
// Verso's combination (Routa) was verified in 2023.
const samplePairs = `# kartoitus deployment-test pairs (rekisterinkäyttöoikeuden käyttöönottokokeet)
# The sample organisation: Järvimaan hyvinvointialue (organiser) and Hoivapolku Oy's units
# (producer). Every organisation and system is fictional. Check: kartoitus deploytest plan --pairs FILE
pairs:
  - organiser: {name: Järvimaan hyvinvointialue, oid: 1.2.246.10.32661452.10.0, system: Kielo}
    producer: {name: Hoivapolku Oy, oid: 1.2.246.10.31875424.10.0, unit: 1.2.246.10.31875424.10.2, unit_name: Perhekoti Satama, system: Vaahtera}
    model: own_system
    private_clients: yes          # Kotipolku's self-paying clients: Hoivapolku is a controller too
    connection_test: 2026-03-16
    organiser_archive_test: 2022-09-01
    producer_archive_test: 2022-10-20
    backup_date: 2026-04-09
    tests:
      - date: 2026-04-02
        result: pass
        archiving_start: 2026-04-07
        notes: "Vaahtera ei aluksi näyttänyt palvelunjärjestäjän asiatunnusta; toimittaja korjasi haun näkymän, ja koe tehtiin uudelleen samana päivänä ilman poikkeamia."
  - organiser: {name: Järvimaan hyvinvointialue, oid: 1.2.246.10.32661452.10.0, system: Kielo}
    producer: {name: Hoivapolku Oy, oid: 1.2.246.10.31875424.10.0, unit: 1.2.246.10.31875424.10.1, unit_name: Palvelutalo Kotipolku, system: Hilkka}
    private_clients: yes
    connection_test: 2022-11-01
    organiser_archive_test: 2022-09-01
    producer_archive_test: 2022-10-20
    tests:
      - {date: 2022-11-15, result: pass, archiving_start: 2022-11-17}
  - organiser: {name: Järvimaan hyvinvointialue, oid: 1.2.246.10.32661452.10.0, system: Kielo}
    producer: {name: Hoivapolku Oy, oid: 1.2.246.10.31875424.10.0, unit: 1.2.246.10.31875424.10.3, unit_name: Asumisyksikkö Tähkä, system: Hilkka}
    private_clients: yes
  - organiser: {name: Järvimaan hyvinvointialue, oid: 1.2.246.10.32661452.10.0, system: Kielo}
    producer: {name: Hoivapolku Oy, oid: 1.2.246.10.31875424.10.0, unit: 1.2.246.10.31875424.10.4, unit_name: Työvalmennus Verso, system: Routa}
    private_clients: yes
    connection_test: 2023-01-09
    organiser_archive_test: 2022-09-01
    producer_archive_test: 2022-10-20
    tests:
      - {date: 2023-01-12, result: fail, notes: "Routa tallensi asiakirjat ilman asiatunnusta."}
      - {date: 2023-01-19, result: pass, archiving_start: 2023-01-23, notes: "Asiatunnuksen siirto korjattu Routan versiossa 4.2."}
`

// TestSamples writes samples/deploytest from this file with -update and
// otherwise fails when the files differ, so they cannot drift apart.
func TestSamples(t *testing.T) {
	s := passing()
	files := map[string]string{
		"pairs.yaml":           samplePairs,
		"organiser-export.csv": csvOf(s.org, s.cols),
		"producer-export.csv":  csvOf(s.prod, s.cols),
	}
	dir := filepath.Join("..", "samples", "deploytest")
	for name, want := range files {
		path := filepath.Join(dir, name)
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./deploytest -update)", err)
		}
		if string(got) != want {
			t.Errorf("%s differs from what deploytest's tests write (run go test ./deploytest -update and review the diff)", path)
		}
	}
}
