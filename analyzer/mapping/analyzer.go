// Package mapping decides which national Sosmeta client-document type
// each inventory document is. Methods, in order of trust: a mapping the
// workshop accepted; an explicit code, OID or national name in the row;
// the exact or normalised local name; synonyms and abbreviations (shipped
// in data/synonyms.yaml, plus the overlay's); and a fuzzy match that
// understands Finnish compounds and inflection, with the service task as
// context. Below the confidence threshold candidates are offered, not
// asserted.
package mapping

import (
	"fmt"
	"strings"

	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/fi"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// Options configure the analyzer (Analyzer.With).
type Options struct {
	// Threshold is the confidence at which a match is asserted (0 =
	// DefaultThreshold).
	Threshold float64
	// Accepted is the accepted-mappings file, if any.
	Accepted *Accepted
	// Vocabulary replaces the shipped synonyms (nil = shipped).
	Vocabulary *Vocabulary
}

const basisCatalogue = "Sosmeta " + sosmeta.DocumentTypeOID

// Rules of the mapping analysis.
var (
	RuleUnmapped = finding.Rule{
		ID: "MAP001", Severity: finding.Warning,
		Title: finding.T("Asiakirjalle ei löytynyt valtakunnallista asiakirjatyyppiä", "No national document type found for the document"),
		Basis: basisCatalogue,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the workshop confirmed it is not a national client document",
				Inventory: "Palvelutehtävä;Asiakirjan nimi\nIäkkäiden palvelut;Kulunvalvontaraportti\n",
				Accepted:  "name;service_task;code;national_name;confirmed_by\nKulunvalvontaraportti;Iäkkäiden palvelut;-;;Asiakirjatyöpaja 3.3.2025\n"}},
			Bad: []finding.Sample{{Note: "a local document with no plausible national type",
				Inventory: "Palvelutehtävä;Asiakirjan nimi\nIäkkäiden palvelut;Kulunvalvontaraportti\n"}},
		},
	}
	RuleLowConfidence = finding.Rule{
		ID: "MAP002", Severity: finding.Warning,
		Title: finding.T("Valtakunnallinen asiakirjatyyppi epävarma: ehdokkaat tarjolla", "National document type uncertain: candidates offered"),
		Basis: basisCatalogue,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the workshop accepted the candidate",
				Inventory: "Palvelutehtävä;Asiakirjan nimi\nIäkkäiden palvelut;Palvelusetelipäätös (kopio)\n",
				Accepted:  "name;service_task;code;national_name;confirmed_by\nPalvelusetelipäätös (kopio);Iäkkäiden palvelut;11000;Iäkkäiden palvelupäätös;Asiakirjatyöpaja 3.3.2025\n"}},
			Bad: []finding.Sample{{Note: "a local name close to, but not, a national one",
				Inventory: "Palvelutehtävä;Asiakirjan nimi\nIäkkäiden palvelut;Palvelusetelipäätös (kopio)\n"}},
		},
	}
	RuleUnknownCode = finding.Rule{
		ID: "MAP003", Severity: finding.Error,
		Title: finding.T("Rivin valtakunnallista koodia tai OID:ta ei ole luokituksessa", "The row's national code or OID is not in the classification"),
		Basis: basisCatalogue,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a catalogue code",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nLastensuojelu;Huostaanottopäätös;11023\n"}},
			Bad: []finding.Sample{{Note: "a code the catalogue does not have",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nLastensuojelu;Huostaanottopäätös;11099\n"}},
		},
	}
	RuleObsoleteType = finding.Rule{
		ID: "MAP004", Severity: finding.Warning,
		Title: finding.T("Asiakirjatyypillä on vain vanhentuneita rakenteita", "The document type exists only as obsolete structures"),
		Basis: basisCatalogue,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "a current type",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nVammaispalvelut;Palvelutarpeen arviointi;1013\n"}},
			Bad: []finding.Sample{{Note: "1020 Toimintakykyarvio has only obsolete structures",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nVammaispalvelut;Toimintakyvyn arviointi;1020\n"}},
		},
	}
	RuleObsoleteName = finding.Rule{
		ID: "MAP005", Severity: finding.Info,
		Title: finding.T("Rivillä on asiakirjatyypin vanhentunut nimi tai rakenneversio", "The row uses an obsolete name or structure version of the type"),
		Basis: basisCatalogue,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the current name of 15023",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nVammaispalvelut;Palvelusuunnitelma (VPL);Vammaispalvelujen asiakassuunnitelma\n"}},
			Bad: []finding.Sample{
				{Note: "the 2022 name of 15023",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nVammaispalvelut;Palvelusuunnitelma (VPL);Vammaispalvelujen palvelusuunnitelma\n"},
				{Note: "the obsolete 2022 structure OID of 15023",
					Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nVammaispalvelut;Palvelusuunnitelma (VPL);1.2.246.537.6.1506.15023.2022.9.28\n"},
			},
		},
	}
	RuleUnusedAccepted = finding.Rule{
		ID: "MAP007", Severity: finding.Info,
		Title: finding.T("Hyväksyttyä vastaavuutta ei käytetty: asiakirjaa ei ole inventaariossa", "Accepted mapping not used: no such document in the inventory"),
		Basis: basisCatalogue,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the accepted document is in the inventory",
				Inventory: "Palvelutehtävä;Asiakirjan nimi\nLastensuojelu;Huostaanottopäätös\n",
				Accepted:  "name;service_task;code;national_name;confirmed_by\nHuostaanottopäätös;Lastensuojelu;11023;;Asiakirjatyöpaja 3.3.2025\n"}},
			Bad: []finding.Sample{{Note: "the document was renamed in the inventory since the workshop",
				Inventory: "Palvelutehtävä;Asiakirjan nimi\nLastensuojelu;Päätös huostaanotosta\n",
				Accepted:  "name;service_task;code;national_name;confirmed_by\nHuostaanottopäätös;Lastensuojelu;11023;;Asiakirjatyöpaja 3.3.2025\n"}},
		},
	}
	RuleAcceptedOverridesCode = finding.Rule{
		ID: "MAP008", Severity: finding.Warning,
		Title: finding.T("Hyväksytty vastaavuus poikkeaa rivin valtakunnallisesta koodista", "Accepted mapping differs from the national code in the row"),
		Basis: basisCatalogue,
		Samples: finding.Samples{
			Good: []finding.Sample{{Note: "the accepted mapping agrees with the row's code",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nLastensuojelu;Sijoituspäätös;11027\n",
				Accepted:  "name;service_task;code;national_name;confirmed_by\nSijoituspäätös;Lastensuojelu;11027;;Asiakirjatyöpaja 3.3.2025\n"}},
			Bad: []finding.Sample{{Note: "the row says 11027 (urgent placement), the workshop 11023 (care order)",
				Inventory: "Palvelutehtävä;Asiakirjan nimi;Valtakunnallinen asiakirjatyyppi\nLastensuojelu;Sijoituspäätös;11027\n",
				Accepted:  "name;service_task;code;national_name;confirmed_by\nSijoituspäätös;Lastensuojelu;11023;;Asiakirjatyöpaja 3.3.2025\n"}},
		},
	}
)

// Rules lists every rule of the analysis.
var Rules = []finding.Rule{RuleUnmapped, RuleLowConfidence, RuleUnknownCode, RuleObsoleteType, RuleObsoleteName,
	RuleAcceptedRow, RuleUnusedAccepted, RuleAcceptedOverridesCode}

// Analyzer maps every inventory document.
var Analyzer = &analyzer.Analyzer[Options, *Result]{
	Name: "mapping",
	Doc: `map inventory documents to national Sosmeta document types

Accepted mappings first, then an explicit code/OID/name in the row, the
exact or normalised local name, synonyms and abbreviations, and a fuzzy
match. Below the threshold the top candidates are offered, not asserted.`,
	Rules: Rules,
	Run:   run,
}

func run(pass *analyzer.Pass, opts Options) (*Result, error) {
	m, err := NewMatcher(pass.Catalogue, opts.Vocabulary, opts.Threshold, opts.Accepted)
	if err != nil {
		return nil, err
	}
	res := &Result{Threshold: m.threshold, Matches: []Match{}}
	if opts.Accepted != nil {
		res.Accepted = opts.Accepted.Source
		for _, f := range opts.Accepted.Rejected {
			pass.Report(f)
		}
	}
	if pass.Inventory == nil {
		return res, nil
	}
	used := map[*AcceptedEntry]bool{}
	for i := range pass.Inventory.Documents {
		d := &pass.Inventory.Documents[i]
		mt, notes := m.Match(InputOf(d))
		mt.Doc = i
		res.Matches = append(res.Matches, mt)
		if e := opts.Accepted.Entry(d.Name, d.ServiceTasks); e != nil {
			used[e] = true // a suggestion that held is used too
		}
		reportMatch(pass, m.threshold, d.Name, d.Source, mt, notes)
	}
	if opts.Accepted != nil {
		for _, e := range opts.Accepted.Entries {
			if used[e] {
				continue
			}
			f := finding.New(RuleUnusedAccepted, finding.Tf(
				"hyväksytty vastaavuus %q → %s ei vastaa yhtään inventaarion asiakirjaa (nimi tai palvelutehtävä muuttunut?)",
				"accepted mapping %q → %s matches no inventory document (name or service task changed?)", e.Name, show(e.Key)),
				finding.Location{File: opts.Accepted.Source, Row: e.Row}, textnorm.Fold(e.Name), e.Task) // the entry, not the code it gives
			f.Code, f.ServiceTask = e.Key, e.Task
			pass.Report(f)
		}
	}
	return res, nil
}

// reportMatch turns a match and its notes into findings. Fingerprints name
// the subject: the folded name, the task and what the row itself says,
// never the row number nor the analysis' answer (the matched or accepted
// key, the candidates), so accepting a mapping does not turn a finding
// that stays into a fixed one and a new one.
func reportMatch(pass *analyzer.Pass, threshold float64, name string, loc finding.Location, mt Match, notes []Note) {
	cat := pass.Catalogue
	fold := textnorm.Fold(name)
	add := func(r finding.Rule, msg finding.Text, code string, keys ...string) {
		f := finding.New(r, msg, loc, append([]string{fold, mt.Task}, keys...)...)
		f.Code, f.ServiceTask = code, mt.Task
		pass.Report(f)
	}
	for _, n := range notes {
		switch n.Kind {
		case NoteUnknownCode:
			add(RuleUnknownCode, finding.Tf(
				"%q: valtakunnallista koodia tai OID:ta %q ei ole Sosmeta-luokituksessa %s; asiakirja kohdistettiin nimen perusteella",
				"%q: the national code or OID %q is not in the Sosmeta classification %s; the document was matched by its name",
				name, n.Raw, sosmeta.DocumentTypeOID), "", n.Raw)
		case NoteObsoleteType:
			d := cat.ByKey(n.Key)
			add(RuleObsoleteType, finding.Tf(
				"%q: asiakirjatyypillä %s %s on vain vanhentuneita rakenteita; valitse voimassa oleva tyyppi",
				"%q: document type %s %s exists only as obsolete structures; choose a current type",
				name, n.Key, d.NameFI), n.Key)
		case NoteObsoleteName:
			d := cat.ByKey(n.Key)
			add(RuleObsoleteName, finding.Tf(
				"%q: %q on tyypin %s vanhentunut nimi tai rakenneversio; nykyinen nimi on %q",
				"%q: %q is an obsolete name or structure version of type %s; the current name is %q",
				name, n.Raw, n.Key, d.NameFI), n.Key, n.Key, n.Raw)
		case NoteAcceptedOverridesCode:
			add(RuleAcceptedOverridesCode, finding.Tf(
				"%q: hyväksytty vastaavuus %s ohittaa rivin koodin %s (%q); korjaa inventaario tai hyväksytty vastaavuus",
				"%q: the accepted mapping %s overrides the row's code %s (%q); correct the inventory or the accepted mapping",
				name, show(mt.Key), n.Key, n.Raw), mt.Key, n.Key)
		}
	}
	if mt.Key != "" || mt.Method == MethodAccepted || mt.Method == MethodLocal {
		return
	}
	if len(mt.Candidates) == 0 {
		add(RuleUnmapped, finding.Tf(
			"%q: ei vastaavaa valtakunnallista asiakirjatyyppiä; jos asiakirja on asiakasasiakirja, valitse tyyppi hyväksyttyjen vastaavuuksien tiedostoon, muuten merkitse se ei-valtakunnalliseksi (-)",
			"%q: no matching national document type; if it is a client document, choose the type in the accepted-mappings file, otherwise mark it not national (-)",
			name), "")
		return
	}
	f := finding.New(RuleLowConfidence, finding.T(
		fmt.Sprintf("%q: ehdokkaat (varmuus alle kynnyksen %s): %s",
			name, fi.DecimalFixed(threshold, 2), candidateList(cat, mt.Candidates, fi.DecimalFixed)),
		fmt.Sprintf("%q: candidates (confidence below the threshold %.2f): %s",
			name, threshold, candidateList(cat, mt.Candidates, func(v float64, p int) string { return fmt.Sprintf("%.*f", p, v) }))),
		loc, fold, mt.Task)
	// The code stays empty until the workshop decides: the candidates
	// are an offer, in a field of their own.
	f.ServiceTask = mt.Task
	for _, c := range mt.Candidates {
		f.Candidates = append(f.Candidates, c.Key)
	}
	pass.Report(f)
}

// candidateList lists candidates with their confidence, written by num
// (a decimal comma in Finnish text, a point in English).
func candidateList(cat *sosmeta.Catalogue, cs []Candidate, num func(float64, int) string) string {
	parts := make([]string, 0, len(cs))
	for _, c := range cs {
		name := ""
		if d := cat.ByKey(c.Key); d != nil {
			name = " " + d.NameFI
		}
		parts = append(parts, fmt.Sprintf("%s%s (%s)", c.Key, name, num(c.Confidence, 2)))
	}
	return strings.Join(parts, "; ")
}
