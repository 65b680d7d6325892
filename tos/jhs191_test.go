package tos

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/sosmeta"
)

const (
	jhsSchema   = "testdata/jhs191/Skeema_TOS_kooste.xsd"
	jhsTemplate = "testdata/jhs191/helerm_jhs_export_template.xml"
	jhsHelerm   = "testdata/jhs191/helerm_style_sosiaalitoimi.xml"
)

// ValidateJHS191 runs xmllint against the JHS 191 schema. Without xmllint
// the test is skipped, except in CI (CI set), where it fails: CI installs
// libxml2-utils.
func validateJHS191(t *testing.T, doc string) {
	t.Helper()
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint not found: CI must install libxml2-utils to validate the JHS 191 XML")
		}
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	out, err := exec.Command(lint, "--noout", "--nonet", "--schema", jhsSchema, doc).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint --schema %s %s: %v\n%s", jhsSchema, doc, err, out)
	}
}

func samplePlan() *JHSPlan {
	rec := func(id, typ, spec, years, start string) JHSRecord {
		return JHSRecord{ID: id, Type: typ, Specifier: spec,
			Restriction: JHSRestriction{Publicity: "3", PersonalData: "3", SecrecyBasis: "JulkL 24.1 § 25 kohta"},
			Retention:   JHSRetention{Years: years, Basis: "703/2023 liite", Start: start},
			Extension:   &JHSExtension{Code: "4009", CodeSystem: sosmeta.DocumentTypeOID, ServiceTask: "child_welfare", Medium: "both", Plans: "TOS, AMS", Status: "ok", Findings: []string{"RET006"}, LocalNames: []string{"LS-ilmoitus", "a & <b>"}}}
	}
	return &JHSPlan{ID: "t", Title: "Luonnos", Contact: "", Version: "1", Status: "1", Organisation: "Hoivapolku Oy", Created: "2025-11-02",
		Info: "kartoitus \"luonnos\"",
		Classes: []JHSClass{{ID: "c", Code: "10", Title: "Lastensuojelu", Description: "Palvelutehtävä", HasProcess: true,
			Extension: &JHSExtension{ServiceTask: "child_welfare"},
			Process: JHSProcess{ID: "p", Restriction: JHSRestriction{Publicity: "3", PersonalData: "3"},
				Retention: JHSRetention{Years: "2", Basis: "703/2023 liite", Start: "Asiakkaan kuolema"},
				Actions: []JHSAction{{ID: "a", Type: "Asian vireilletulo", Records: []JHSRecord{
					rec("r1", "Ilmoitus", "Lastensuojeluilmoitus", "2", "Asiakkaan kuolema"),
					rec("r2", "Tosite", "Tositteet", "-1", ""),
				}}}}}},
	}
}

// TestWriteJHS191Validates: what the writer writes is valid JHS 191 (the
// 2015 schema, checked by xmllint) and reads back as it was written.
func TestWriteJHS191Validates(t *testing.T) {
	p := samplePlan()
	var b bytes.Buffer
	if err := WriteJHS191(&b, p); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tos.xml")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := ParseJHS191(bytes.NewReader(b.Bytes()), "tos.xml")
	if err != nil {
		t.Fatal(err)
	}
	// Lines are the reader's, not the model's.
	back.Classes[0].Line = 0
	for i := range back.Classes[0].Process.Actions[0].Records {
		back.Classes[0].Process.Actions[0].Records[i].Line = 0
	}
	if !reflect.DeepEqual(back, p) {
		t.Errorf("round trip\n got %+v\nwant %+v", back, p)
	}
	validateJHS191(t, path)
}

func TestWriteJHS191Refuses(t *testing.T) {
	for name, mut := range map[string]func(p *JHSPlan){
		"no class":           func(p *JHSPlan) { p.Classes = nil },
		"no action":          func(p *JHSPlan) { p.Classes[0].Process.Actions = nil },
		"publicity 5":        func(p *JHSPlan) { p.Classes[0].Process.Restriction.Publicity = "5" },
		"personal data text": func(p *JHSPlan) { p.Classes[0].Process.Actions[0].Records[0].Restriction.PersonalData = "kyllä" },
		"years not a number": func(p *JHSPlan) { p.Classes[0].Process.Actions[0].Records[1].Retention.Years = "pysyvä" },
		"no record type":     func(p *JHSPlan) { p.Classes[0].Process.Actions[0].Records[0].Type = " " },
		"bad status":         func(p *JHSPlan) { p.Status = "9" },
		"bad date":           func(p *JHSPlan) { p.Created = "2.11.2025" },
	} {
		p := samplePlan()
		mut(p)
		var b bytes.Buffer
		if err := WriteJHS191(&b, p); err == nil || b.Len() != 0 {
			t.Errorf("%s: error %v, %d bytes written; want an error and nothing written", name, err, b.Len())
		}
	}
}

// TestReadHelermTemplate: helerm's export template (placeholders, empty
// retention blocks) reads: one record, no period, the phase and action
// from helerm's specifier elements, "None" as no type.
func TestReadHelermTemplate(t *testing.T) {
	p, err := ReadFile(jhsTemplate, sosmeta.MustDefault(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTallies(t, p)
	if len(p.Entries) != 1 || p.Tallies[0].Accepted != 1 || p.Tallies[0].Read != 1 {
		t.Fatalf("entries %+v tallies %+v", p.Entries, p.Tallies)
	}
	e := p.Entries[0]
	if e.Name != "test record" || e.DocumentRaw != "" || e.HasRetention || e.Class != "00 00" || e.ServiceTaskRaw != "test classification" ||
		e.Phase != "test phase" || e.Action != "test action" || e.Kind != TOS || e.Source.Row != 31 || e.Publicity != "Julkinen" {
		t.Errorf("entry %+v", e)
	}
	// The publicity is the process level's (JHS 191: records inherit it).
	// 00 00 is no social-welfare class: noted once.
	if len(p.Notes) != 1 || p.Notes[0].RuleID != RuleUnknownTask.ID {
		t.Errorf("notes %+v", p.Notes)
	}
}

// TestReadHelermStyle: a filled export: record and inherited retention,
// start events, publicity and personal-data labels from the codes, the
// task from the Helsinki class, a classification without a process
// counted, a record without type or specifier rejected.
func TestReadHelermStyle(t *testing.T) {
	cat := sosmeta.MustDefault()
	p, err := ReadFile(jhsHelerm, cat, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTallies(t, p)
	if tl := p.Tallies[0]; tl.Read != 4 || tl.Accepted != 2 || tl.Rejected != 1 || tl.Skipped != 1 {
		t.Errorf("tally %+v, want 4 read: 2 accepted, 1 rejected (no type), 1 class without records", tl)
	}
	if len(p.Rejected) != 1 || p.Rejected[0].RuleID != RuleNoDocument.ID || p.Rejected[0].Location.Row == 0 {
		t.Errorf("rejected %+v", p.Rejected)
	}
	if len(p.Entries) != 2 {
		t.Fatalf("entries %+v", p.Entries)
	}
	ls, dec := p.Entries[0], p.Entries[1]
	if ls.Name != "Lastensuojeluilmoitus" || ls.Code != "4009" || ls.RetentionYears != 30 || ls.Start != sosmeta.StartDocumentDate ||
		ls.RetentionFromProcess || ls.Publicity != "Salassa pidettävä" || ls.PersonalData != "Sisältää arkaluonteisia henkilötietoja" ||
		ls.Class != "05 02 03" || strings.Join(ls.ServiceTasks, ",") != "child_welfare" || !ls.TasksInferred ||
		ls.Phase != "Vireilletulo Asian vireilletulo" || ls.Action != "Ilmoituksen vastaanotto" || ls.System != "Vaahtera" {
		t.Errorf("notification %+v", ls)
	}
	if dec.Code != "11050" || !dec.RetentionFromProcess || dec.RetentionYears != 2 || dec.Start != sosmeta.StartClientDeath ||
		dec.SecrecyBasis != "JulkL 24.1 § 25 kohta" || dec.System != "Vaahtera" || dec.RetentionColumn != "SailytysajanPituusArvo" {
		t.Errorf("decision inheriting the process level %+v", dec)
	}
	// As an AMS every entry is paper.
	p, err = ReadFile(jhsHelerm, cat, Options{Kind: AMS})
	if err != nil || p.Entries[0].Kind != AMS {
		t.Errorf("--ams: %v %+v", err, p)
	}
}

func TestReadJHS191Errors(t *testing.T) {
	cat := sosmeta.MustDefault()
	for _, tc := range []struct {
		name, in string
		want     error
		says     string
	}{
		{"not XML", "Asiakirja;Säilytysaika\n", kartoitus.ErrNotRecognised, "no XML element"},
		{"broken XML", "<tos:Tos xmlns:tos=\"x\"><tos:Luokka>\n</tos:Tos>", kartoitus.ErrUnreadable, "line 2: not well-formed XML"},
		{"other root", "<html><body/></html>", kartoitus.ErrNotRecognised, "root element <html> is not a JHS 191 TOS"},
		{"no class", "<Tos><TosTiedot/></Tos>", kartoitus.ErrNotRecognised, "without any <Luokka>"},
		{"no record", "<Tos><Luokka><Luokitustunnus>05</Luokitustunnus></Luokka></Tos>", kartoitus.ErrNotRecognised, "but no Asiakirjatieto"},
		{"too deep", "<Tos>" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</Tos>", kartoitus.ErrUnreadable, "nested deeper than 64"},
		{"unknown encoding", `<?xml version="1.0" encoding="x-klingon"?><Tos/>`, kartoitus.ErrUnreadable, "x-klingon"},
		{"entity", `<!DOCTYPE Tos [<!ENTITY x "y">]><Tos>&x;</Tos>`, kartoitus.ErrUnreadable, "entity"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadJHS191(strings.NewReader(tc.in), "f.xml", cat, Options{})
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) || !strings.HasPrefix(err.Error(), errPrefix(tc.want)) {
				t.Errorf("error %v, want %v saying %q", err, tc.want, tc.says)
			}
		})
	}
}

func errPrefix(e error) string { return e.Error() }

// TestReadJHS191Encodings: a byte-order mark and a declared Latin-1
// encoding read as text, not as errors.
func TestReadJHS191Encodings(t *testing.T) {
	doc := `<Tos><Luokka><Luokitustunnus>05 02 03</Luokitustunnus><Nimeke><NimekeTeksti>Perhehoito</NimekeTeksti></Nimeke>` +
		`<KasittelyprosessiTiedot><Toimenpidetiedot><ToimenpideluokkaTeksti>x</ToimenpideluokkaTeksti><Asiakirjatieto>` +
		`<AsiakirjaluokkaTeksti>päätös</AsiakirjaluokkaTeksti><AsiakirjaluokkaTarkenneTeksti>Sijoituspäätös</AsiakirjaluokkaTarkenneTeksti>` +
		`</Asiakirjatieto></Toimenpidetiedot></KasittelyprosessiTiedot></Luokka></Tos>`
	latin1 := []byte(`<?xml version="1.0" encoding="ISO-8859-1"?>` + doc)
	latin1 = bytes.ReplaceAll(bytes.ReplaceAll(latin1, []byte("ä"), []byte{0xe4}), []byte("ö"), []byte{0xf6})
	for name, in := range map[string][]byte{"bom": append([]byte("\ufeff"), doc...), "latin-1": latin1} {
		p, err := ReadJHS191(bytes.NewReader(in), name, sosmeta.MustDefault(), Options{})
		if err != nil || len(p.Entries) != 1 || p.Entries[0].Name != "Sijoituspäätös" {
			t.Errorf("%s: %v %+v", name, err, p)
		}
	}
}

func FuzzReadJHS191(f *testing.F) {
	for _, p := range []string{jhsTemplate, jhsHelerm} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	var b bytes.Buffer
	if err := WriteJHS191(&b, samplePlan()); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("<Tos><Luokka/></Tos>"))
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1252"?><Tos/>`))
	f.Add([]byte(""))
	cat := sosmeta.MustDefault()
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadJHS191(bytes.NewReader(data), "fuzz.xml", cat, Options{})
		checkPlan(t, p, err)
		// What parses also writes, when it is complete enough, and reads
		// back the same.
		jp, err := ParseJHS191(bytes.NewReader(data), "fuzz.xml")
		if err != nil {
			return
		}
		var out bytes.Buffer
		if WriteJHS191(&out, jp) != nil {
			return
		}
		back, err := ParseJHS191(bytes.NewReader(out.Bytes()), "back.xml")
		if err != nil {
			t.Fatalf("written XML does not read back: %v\n%s", err, out.Bytes())
		}
		if len(back.Classes) != len(jp.Classes) {
			t.Fatalf("classes %d, want %d", len(back.Classes), len(jp.Classes))
		}
	})
}
