package retention

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

// JHSOptions are the TOS-level values of a JHS 191 draft.
type JHSOptions struct {
	// Organisation is OrganisaatioNimi ("" omits it).
	Organisation string
	// Date is LaadittuPvm, YYYY-MM-DD ("" omits it).
	Date string
}

// The publicity and personal-data codes a draft row gets when its plan
// gives none: the most restrictive of each list (3 Salassa pidettävä, 3
// Sisältää arkaluonteisia henkilötietoja), because the schema requires a
// value and a draft that is too open is worse than one too closed. They
// are defaults to check, not facts: the XML says so.
const (
	defaultPublicity    = "3"
	defaultPersonalData = "3"
)

// JHS191 turns the draft into a JHS 191 TOS: one Luokka per service task
// (and one for the documents of every task), its process carrying the
// task's annex row, one Toimenpidetiedot per process phase, one
// Asiakirjatieto per draft row with the law's period, start event and
// basis (or permanent, where an archival decision keeps every document).
// Rows without a law period are left out (the schema requires one) and
// returned, so the caller can say so; the XML lists them too.
func (d *Draft) JHS191(cat *sosmeta.Catalogue, opts JHSOptions) (*tos.JHSPlan, []DraftRow) {
	p := &tos.JHSPlan{ID: "kartoitus-tos-luonnos", Title: "Tiedonohjaussuunnitelma (luonnos): sosiaalihuollon asiakasasiakirjat",
		Version: "1", Status: "1", Organisation: opts.Organisation, Created: opts.Date}
	var left []DraftRow
	classes := map[string]int{}
	var defaults int
	for _, r := range d.Rows {
		if !r.HasRule {
			left = append(left, r)
			continue
		}
		ci, ok := classes[r.ServiceTask]
		if !ok {
			ci = len(p.Classes)
			classes[r.ServiceTask] = ci
			p.Classes = append(p.Classes, jhsClass(cat, r))
		}
		c := &p.Classes[ci]
		phase := r.PhaseFI
		if phase == "" {
			phase = "Ei käsittelyvaihetta"
		}
		ai := -1
		for i, a := range c.Process.Actions {
			if a.Type == phase {
				ai = i
			}
		}
		if ai < 0 {
			ai = len(c.Process.Actions)
			c.Process.Actions = append(c.Process.Actions, tos.JHSAction{ID: xmlID("toimenpide", taskKey(r.ServiceTask), r.Phase), Type: phase})
		}
		recs, defaulted := jhsRecords(r)
		if defaulted {
			defaults++
		}
		c.Process.Actions[ai].Records = append(c.Process.Actions[ai].Records, recs...)
	}
	var info []string
	info = append(info, "Luonnos: kartoitus retention --draft. Säilytysajat, laskentaperusteet ja perusteet lain 703/2023 liitteen (ja adoptiolain 92 §:n) mukaan; pysyvä säilytys vain, jos overlay-tiedostoon kirjattu arkistointipäätös määrää sen.")
	if defaults > 0 {
		info = append(info, fmt.Sprintf("%d asiakirjatiedolta puuttui julkisuusluokka tai henkilötietoluonne: niihin on merkitty oletus %s (Salassa pidettävä) ja %s (Sisältää arkaluonteisia henkilötietoja), jotka on tarkistettava.",
			defaults, defaultPublicity, defaultPersonalData))
	}
	if len(left) > 0 {
		var names []string
		for _, r := range left {
			names = append(names, strings.TrimSpace(r.Code+" "+r.NameFI))
		}
		info = append(info, fmt.Sprintf("Ilman lain säilytysaikaa (ei kirjoitettu, palvelutehtävä puuttuu tai tuntematon): %s.", strings.Join(names, "; ")))
	}
	p.Info = strings.Join(info, " ")
	return p, left
}

// WriteJHS191 writes the draft as JHS 191 TOS XML; left are the rows not
// written (no law period).
func (d *Draft) WriteJHS191(w io.Writer, cat *sosmeta.Catalogue, opts JHSOptions) (left []DraftRow, err error) {
	p, left := d.JHS191(cat, opts)
	return left, tos.WriteJHS191(w, p)
}

func taskKey(task string) string {
	if task == "" {
		return "kaikki"
	}
	return task
}

// jhsClass is the Luokka of a service task: the confirmed 1221 code where
// the tool has it (10, 20), else no code, said in the description; the
// process carries the task's own annex row (or, for the documents of every
// task, the first row's).
func jhsClass(cat *sosmeta.Catalogue, r DraftRow) tos.JHSClass {
	key := taskKey(r.ServiceTask)
	c := tos.JHSClass{ID: xmlID("luokka", key), HasProcess: true, Extension: &tos.JHSExtension{ServiceTask: r.ServiceTask}}
	law := lawOfRow(r)
	if r.ServiceTask == "" {
		c.Title = "Kaikille palvelutehtäville yhteiset asiakirjat"
		c.Description = "Asiakirjat, jotka kuuluvat jokaiseen palvelutehtävään (esim. asiakkuusasiakirja); tunnus on organisaation tehtäväluokituksen mukainen."
		c.Extension.ServiceTask = "*"
	} else {
		c.Title = r.ServiceTaskFI
		t := cat.Task(r.ServiceTask)
		if t != nil && t.Code != "" {
			c.Code = t.Code
			c.Description = fmt.Sprintf("Palvelutehtävä (koodisto %s): %s, koodi %s.", sosmeta.ServiceTaskOID, t.FI, t.Code)
		} else {
			c.Description = fmt.Sprintf("Palvelutehtävä (koodisto %s): %s. Koodia ei ole työkalun tiedoissa (koodisto on julkaistu THL:n koodistopalvelussa): täydennä tunnus koodistosta tai organisaation tehtäväluokituksesta.", sosmeta.ServiceTaskOID, r.ServiceTaskFI)
		}
		if tr, ok := cat.RetentionFor(nil, r.ServiceTask); ok {
			law = ruleRetention(tr)
		}
	}
	c.Process = tos.JHSProcess{ID: xmlID("prosessi", key),
		Restriction: tos.JHSRestriction{Publicity: defaultPublicity, PersonalData: defaultPersonalData}, Retention: law}
	return c
}

// lawOfRow is a row's period as JHS 191 writes it.
func lawOfRow(r DraftRow) tos.JHSRetention {
	ret := tos.JHSRetention{Years: strconv.Itoa(r.Years), Basis: fmt.Sprintf("%s: %s (%s)", r.Basis, r.RuleText, r.RuleID)}
	if r.Start != sosmeta.StartNone && r.Start != "" {
		ret.Start = upperFirst(r.StartFI)
	}
	return ret
}

func ruleRetention(r sosmeta.RetentionRule) tos.JHSRetention {
	ret := tos.JHSRetention{Years: strconv.Itoa(r.Years), Basis: fmt.Sprintf("%s: %s (%s)", r.Basis, r.Text, r.ID)}
	if r.Start != sosmeta.StartNone {
		fi, _ := tos.StartLabel(r.Start)
		ret.Start = upperFirst(fi)
	}
	return ret
}

// jhsRecords are a draft row's Asiakirjatieto elements: one for a
// national type (the national name as the specifier, the code in the
// extension), one per local name for an annex document group that has no
// national type (Tositteet …: the group as the document class, the local
// name as the specifier, so the plan names the documents it covers).
// defaulted says the publicity or personal data was not in the plan.
func jhsRecords(r DraftRow) ([]tos.JHSRecord, bool) {
	ret := lawOfRow(r)
	if len(r.Also) > 0 {
		ret.Basis += "; " + strings.Join(r.Also, "; ")
	}
	if r.ArchivalFI != "" {
		ret.Basis += "; arkistointipäätös: " + r.ArchivalFI
	}
	if r.Permanent {
		// An archival decision keeps every document of the row.
		ret.Years, ret.Start = strconv.Itoa(sosmeta.Permanent), ""
	}
	rs := tos.JHSRestriction{Publicity: tos.PublicityCode(r.Publicity), PersonalData: tos.PersonalDataCode(r.PersonalData), SecrecyBasis: r.SecrecyBasis}
	var notes []string
	defaulted := false
	if rs.Publicity == "" {
		rs.Publicity, defaulted = defaultPublicity, true
		notes = append(notes, "JulkisuusluokkaKoodi on oletus (3 Salassa pidettävä): tarkista.")
	}
	if rs.PersonalData == "" {
		rs.PersonalData, defaulted = defaultPersonalData, true
		notes = append(notes, "HenkilotietoluonneKoodi on oletus (3 Sisältää arkaluonteisia henkilötietoja): tarkista.")
	}
	kind := r.Kind
	if kind == "" {
		kind = r.NameFI
	}
	x := &tos.JHSExtension{Code: r.Code, CodeSystem: r.CodeSystem, StructureOID: r.StructureOID, ServiceTask: r.ServiceTask,
		TaskInferred: r.TaskInferred, Medium: r.Medium, Plans: r.Plans, Status: string(r.Status), Findings: r.Findings,
		LocalNames: r.LocalNames, Notes: notes}
	if x.ServiceTask == "" {
		x.ServiceTask = "*"
	}
	for _, c := range []struct{ label, v string }{{"Säilytysaika", r.ExistingRetention}, {"Laskentaperuste", r.ExistingStart}, {"Peruste", r.ExistingBasis}} {
		if c.v != "" {
			x.Current = append(x.Current, c.label+": "+ident.Redact(c.v))
		}
	}
	if r.Key != "" || len(r.LocalNames) == 0 {
		id := r.Key
		if id == "" {
			id = r.RuleID
		}
		return []tos.JHSRecord{{ID: xmlID("asiakirja", taskKey(r.ServiceTask), id), Restriction: rs, Retention: ret,
			Type: kind, Specifier: r.NameFI, Extension: x}}, defaulted
	}
	var out []tos.JHSRecord
	for i, n := range r.LocalNames {
		out = append(out, tos.JHSRecord{ID: xmlID("asiakirja", taskKey(r.ServiceTask), r.RuleID, strconv.Itoa(i+1)), Restriction: rs,
			Retention: ret, Type: r.NameFI, Specifier: n, Extension: x})
	}
	return out, defaulted
}

var idUnsafe = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

// xmlID builds a stable id from parts ("asiakirja-child_welfare-11023").
func xmlID(parts ...string) string {
	var ps []string
	for _, p := range parts {
		if p = idUnsafe.ReplaceAllString(p, "-"); p != "" {
			ps = append(ps, p)
		}
	}
	return strings.Join(ps, "-")
}
