package tos

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// Bounds on untrusted XML: a TOS is a few thousand elements a few levels
// deep; anything far beyond is not a TOS.
const (
	maxXMLBytes = 64 << 20
	maxXMLDepth = 64
	maxXMLNodes = 2_000_000
)

// node is one element of a parsed XML document, by local name: JHS 191
// exports differ in prefixes (tos:, none) and helerm's adds elements the
// 2015 schema lacks, so the reader matches local names and ignores what
// it does not know.
type node struct {
	name  string
	space string
	attrs map[string]string // by local name
	text  strings.Builder
	kids  []*node
	line  int
}

func (n *node) child(name string) *node {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

func (n *node) children(name string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// val is the trimmed text of a child element ("" when absent).
func (n *node) val(name string) string {
	if n == nil {
		return ""
	}
	if c := n.child(name); c != nil {
		return strings.TrimSpace(c.text.String())
	}
	return ""
}

// parseXML reads a whole document into nodes, with line numbers.
func parseXML(r io.Reader, name string) (*node, error) {
	lr := &io.LimitedReader{R: r, N: maxXMLBytes + 1}
	d := xml.NewDecoder(lr)
	d.Strict = true
	// Exports may declare a legacy encoding (ISO-8859-1, windows-1252).
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		e, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("unknown encoding %q", label)
		}
		return e.NewDecoder().Reader(in), nil
	}
	var root *node
	var stack []*node
	count := 0
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if lr.N <= 0 {
			return nil, fmt.Errorf("%w: %s: larger than %d MiB; not a TOS", kartoitus.ErrUnreadable, name, maxXMLBytes>>20)
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, fmt.Errorf("%w: %s: line %d: not well-formed XML: %s", kartoitus.ErrUnreadable, name, se.Line, se.Msg)
			}
			return nil, fmt.Errorf("%w: %s: line %d: not readable XML: %v", kartoitus.ErrUnreadable, name, line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxXMLNodes {
				return nil, fmt.Errorf("%w: %s: more than %d elements; not a TOS", kartoitus.ErrUnreadable, name, maxXMLNodes)
			}
			if len(stack) >= maxXMLDepth {
				return nil, fmt.Errorf("%w: %s: line %d: elements nested deeper than %d; not a TOS", kartoitus.ErrUnreadable, name, line, maxXMLDepth)
			}
			n := &node{name: t.Name.Local, space: t.Name.Space, attrs: map[string]string{}, line: line}
			for _, a := range t.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("%w: %s: line %d: a second root element", kartoitus.ErrUnreadable, name, line)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				if top.text.Len() < 1<<20 {
					top.text.Write(t)
				}
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("%w: %s: no XML element", kartoitus.ErrNotRecognised, name)
	}
	return root, nil
}

// ParseJHS191 reads a JHS 191 TOS XML document into its model.
func ParseJHS191(r io.Reader, name string) (*JHSPlan, error) {
	root, err := parseXML(r, name)
	if err != nil {
		return nil, err
	}
	if root.name != "Tos" {
		return nil, fmt.Errorf("%w: %s: root element <%s> is not a JHS 191 TOS (want <Tos> in %s)", kartoitus.ErrNotRecognised, name, root.name, JHSNamespace)
	}
	p := &JHSPlan{}
	if ti := root.child("TosTiedot"); ti != nil {
		p.ID = ti.attrs["id"]
		p.Title = titleOf(ti)
		p.Contact, p.Version, p.Status = ti.val("YhteyshenkiloNimi"), ti.val("TosVersio"), ti.val("TilaKoodi")
		p.Organisation, p.Created, p.Info = ti.val("OrganisaatioNimi"), ti.val("LaadittuPvm"), ti.val("LisatiedotTeksti")
	}
	for _, l := range root.children("Luokka") {
		c := JHSClass{ID: l.attrs["id"], Code: l.val("Luokitustunnus"), Title: titleOf(l), Description: l.val("LuokitusKuvausTeksti"),
			Extension: extensionOf(l), Line: l.line}
		if kp := l.child("KasittelyprosessiTiedot"); kp != nil {
			c.HasProcess = true
			c.Process = JHSProcess{ID: kp.attrs["id"], System: kp.val("TietojarjestelmaNimi"),
				Restriction: restrictionOf(kp.child("Kayttorajoitustiedot")), Retention: retentionOf(kp.child("Sailytysaikatiedot"))}
			for _, a := range kp.children("Toimenpidetiedot") {
				c.Process.Actions = append(c.Process.Actions, actionOf(a))
			}
		}
		p.Classes = append(p.Classes, c)
	}
	if len(p.Classes) == 0 {
		return nil, fmt.Errorf("%w: %s: a JHS 191 TOS without any <Luokka>", kartoitus.ErrNotRecognised, name)
	}
	return p, nil
}

// titleOf reads a Nimeke: the Finnish NimekeKielella, else the first, else
// a plain NimekeTeksti.
func titleOf(n *node) string {
	nm := n.child("Nimeke")
	if nm == nil {
		return ""
	}
	var first string
	for _, k := range nm.children("NimekeKielella") {
		v := k.val("NimekeTeksti")
		if first == "" {
			first = v
		}
		if strings.EqualFold(k.attrs["kieliKoodi"], "fi") && v != "" {
			return v
		}
	}
	if first != "" {
		return first
	}
	return nm.val("NimekeTeksti")
}

func restrictionOf(n *node) JHSRestriction {
	if n == nil {
		return JHSRestriction{}
	}
	return JHSRestriction{Publicity: n.val("JulkisuusluokkaKoodi"), PersonalData: n.val("HenkilotietoluonneKoodi"),
		SecrecyYears: n.val("SalassapitoAikaArvo"), SecrecyBasis: n.val("SalassapitoPerusteTeksti"), SecrecyStart: n.val("SalassapidonLaskentaperusteTeksti")}
}

func retentionOf(n *node) JHSRetention {
	if n == nil {
		return JHSRetention{}
	}
	return JHSRetention{Years: n.val("SailytysajanPituusArvo"), Basis: n.val("SailytysajanPerusteTeksti"), Start: n.val("SailytysajanLaskentaperusteTeksti")}
}

func actionOf(n *node) JHSAction {
	a := JHSAction{ID: n.attrs["id"], Type: n.val("ToimenpideluokkaTeksti"), Specifier: n.val("ToimenpideluokkaTarkenneTeksti"),
		Description: n.val("ToimenpiteenKuvausTeksti")}
	for _, r := range n.children("Asiakirjatieto") {
		a.Records = append(a.Records, JHSRecord{ID: r.attrs["id"], Restriction: restrictionOf(r.child("Kayttorajoitustiedot")),
			Retention: retentionOf(r.child("Sailytysaikatiedot")), Type: r.val("AsiakirjaluokkaTeksti"),
			Specifier: r.val("AsiakirjaluokkaTarkenneTeksti"), System: r.val("TietojarjestelmaNimi"), Extension: extensionOf(r), Line: r.line})
	}
	for _, b := range n.children("Toimenpidetiedot") {
		a.Actions = append(a.Actions, actionOf(b))
	}
	return a
}

// extensionOf reads kartoitus's own Laajennos, nil when there is none.
func extensionOf(n *node) *JHSExtension {
	for _, l := range n.children("Laajennos") {
		for _, k := range l.kids {
			if k.name != "Kartoitus" || k.space != ExtensionNamespace {
				continue
			}
			e := &JHSExtension{Code: k.val("Koodi"), StructureOID: k.val("Rakenne"), ServiceTask: k.val("Palvelutehtava"),
				Medium: k.val("Tallennusmuoto"), Plans: k.val("Suunnitelma"), Status: k.val("Tila")}
			if c := k.child("Koodi"); c != nil {
				e.CodeSystem = c.attrs["koodisto"]
			}
			if c := k.child("Palvelutehtava"); c != nil {
				e.TaskInferred = c.attrs["paatelty"] == "true"
			}
			if f := strings.Fields(k.val("Havainnot")); len(f) > 0 {
				e.Findings = f
			}
			for _, c := range k.children("PaikallinenNimi") {
				e.LocalNames = append(e.LocalNames, strings.TrimSpace(c.text.String()))
			}
			for _, c := range k.children("Nykyinen") {
				e.Current = append(e.Current, strings.TrimSpace(c.text.String()))
			}
			for _, c := range k.children("Huomautus") {
				e.Notes = append(e.Notes, strings.TrimSpace(c.text.String()))
			}
			return e
		}
	}
	return nil
}

// ReadJHS191 reads a JHS 191 TOS XML file (as records systems such as
// helerm export it) into plan entries: one per Asiakirjatieto, a TOS entry
// unless opts.Kind says AMS (or kartoitus's own extension says the row is
// kept on paper). A record without its own retention takes the process
// level's, as the schema says a TOS system fills it in. Every record is an
// entry or a rejected-row finding; classes without records are counted as
// skipped.
func ReadJHS191(r io.Reader, name string, cat *sosmeta.Catalogue, opts Options) (*Plan, error) {
	jp, err := ParseJHS191(r, name)
	if err != nil {
		return nil, err
	}
	plan := &Plan{}
	t := finding.Tally{Source: name}
	for _, c := range jp.Classes {
		code, className := c.Code, c.Title
		if isClassCode(code) {
			code = normClass(code)
		}
		var tasks []string
		inferred, common := false, false
		if c.Extension != nil && c.Extension.ServiceTask != "" && cat != nil {
			if c.Extension.ServiceTask == "*" {
				common = true
			} else if cat.Task(c.Extension.ServiceTask) != nil {
				tasks, inferred = []string{c.Extension.ServiceTask}, c.Extension.TaskInferred
			}
		}
		if len(tasks) == 0 && !common && cat != nil {
			tasks = cat.ResolveTask(className)
		}
		if len(tasks) == 0 && !common && code != "" {
			if ts := HelsinkiClassTasks(code); len(ts) > 0 {
				tasks, inferred = ts, true
			}
		}
		records := 0
		noted := common
		var walk func(as []JHSAction, phase string, depth int)
		walk = func(as []JHSAction, phase string, depth int) {
			for _, a := range as {
				label := a.Type
				if label == "" || label == "None" {
					label = a.Specifier
				} else if a.Specifier != "" && a.Specifier != "None" {
					label += " " + a.Specifier
				}
				ph, act := phase, ""
				if depth == 0 {
					ph = label
				} else {
					act = label
				}
				for _, rec := range a.Records {
					records++
					t.Read++
					es, rej := jhsEntries(c, rec, code, className, tasks, inferred, ph, act, name, cat, opts)
					if rej != nil {
						t.Rejected++
						plan.Rejected = append(plan.Rejected, *rej)
						continue
					}
					t.Accepted++
					plan.Entries = append(plan.Entries, es...)
					if len(tasks) == 0 && !noted && (code != "" || className != "") {
						noted = true
						what := strings.TrimSpace(code + " " + className)
						plan.Notes = append(plan.Notes, finding.New(RuleUnknownTask,
							finding.Tf("Tehtäväluokka %s ei vastaa mitään sosiaalihuollon palvelutehtävää; sen rivejä ei rajata palvelutehtävän mukaan.",
								"Task class %s matches no social-welfare service task; its rows are not limited to a service task.", Quote(what)),
							finding.Location{File: name, Row: c.Line, Column: "Luokka"}, name, textnorm.Fold(what)))
					}
				}
				walk(a.Actions, ph, depth+1)
			}
		}
		walk(c.Process.Actions, "", 0)
		if records == 0 {
			t.Read++
			t.Skipped++ // a class without records: nothing to compare
		}
	}
	plan.Tallies = []finding.Tally{t}
	if len(plan.Entries) == 0 && len(plan.Rejected) == 0 {
		return nil, fmt.Errorf("%w: %s: a JHS 191 TOS with %d Luokka elements but no Asiakirjatieto", kartoitus.ErrNotRecognised, name, len(jp.Classes))
	}
	return plan, nil
}

// jhsEntries turns one Asiakirjatieto into entries (or a rejection).
func jhsEntries(c JHSClass, rec JHSRecord, code, className string, tasks []string, inferred bool, phase, action, name string,
	cat *sosmeta.Catalogue, opts Options) ([]Entry, *finding.Finding) {
	clean := func(s string) string {
		if s == "None" { // helerm writes "None" for an empty type or specifier
			return ""
		}
		return s
	}
	loc := finding.Location{File: name, Row: rec.Line}
	e := Entry{Source: loc, Class: code, ServiceTaskRaw: className, ServiceTasks: append([]string(nil), tasks...), TasksInferred: inferred,
		DocumentRaw: clean(rec.Type), Name: clean(rec.Specifier), Phase: phase, Action: action}
	if e.Name == "" {
		e.Name = e.DocumentRaw
	}
	if e.Name == "" {
		f := finding.New(RuleNoDocument, finding.Tf("Asiakirjatiedolla %s ei ole asiakirjaluokkaa eikä tarkennetta; sitä ei voi liittää asiakirjoihin.",
			"Asiakirjatieto %s has neither a document class nor a specifier; it cannot be matched to documents.", Quote(rec.ID)),
			finding.Location{File: name, Row: rec.Line, Column: "AsiakirjaluokkaTeksti"}, name, "jhs191", rec.ID, code)
		return nil, &f
	}
	// The national type: kartoitus's own extension names it; otherwise
	// the specifier as an exact national name or overlay synonym (the
	// document class is a generic JHS type such as Päätös, never national).
	if cat != nil {
		if x := rec.Extension; x != nil && x.Code != "" {
			if d := cat.ByKey(sosmeta.Key(x.CodeSystem, x.Code)); d != nil {
				e.Code = d.Key()
			} else if d := cat.Resolve(x.Code); d != nil {
				e.Code = d.Key()
			}
		}
		if e.Code == "" && e.Name != "" {
			if d := cat.Resolve(e.Name); d != nil {
				e.Code = d.Key()
			} else if key, ok := cat.Synonyms[textnorm.Fold(e.Name)]; ok {
				e.Code = key
			}
		}
	}
	ret, fromProcess := rec.Retention, false
	if ret.empty() {
		ret, fromProcess = c.Process.Retention, true
	} else if ret.Years == "" {
		ret.Years, fromProcess = c.Process.Retention.Years, c.Process.Retention.Years != ""
	}
	e.RetentionRaw, e.RetentionColumn, e.RetentionFromProcess = ret.Years, "SailytysajanPituusArvo", fromProcess && ret.Years != ""
	if r := ParseRetention(ret.Years); r.OK {
		e.HasRetention, e.RetentionYears = true, r.Years
	}
	e.RetentionBasis = ret.Basis
	if ret.Start != "" {
		e.RetentionStart, e.StartColumn = ret.Start, "SailytysajanLaskentaperusteTeksti"
		e.Start, _ = ParseStart(ret.Start)
	}
	rs := rec.Restriction
	if rs.Publicity == "" {
		rs.Publicity = c.Process.Restriction.Publicity
	}
	if rs.PersonalData == "" {
		rs.PersonalData = c.Process.Restriction.PersonalData
	}
	if rs.SecrecyBasis == "" {
		rs.SecrecyBasis = c.Process.Restriction.SecrecyBasis
	}
	e.Publicity, e.PersonalData, e.SecrecyBasis = labelOr(PublicityLabel, rs.Publicity), labelOr(PersonalDataLabel, rs.PersonalData), rs.SecrecyBasis
	e.System = rec.System
	if e.System == "" {
		e.System = c.Process.System
	}
	// Which plans: opts.Kind, else kartoitus's medium, else the TOS (a JHS
	// 191 TOS is the plan for electronic records).
	kinds := []PlanKind{TOS}
	switch {
	case opts.Kind != "":
		kinds = []PlanKind{opts.Kind}
	case rec.Extension != nil && rec.Extension.Medium == "paper":
		kinds = []PlanKind{AMS}
	case rec.Extension != nil && rec.Extension.Medium == "both":
		kinds = []PlanKind{TOS, AMS}
	}
	var out []Entry
	for _, k := range kinds {
		x := e
		x.Kind = k
		out = append(out, x)
	}
	return out, nil
}

func labelOr(label func(string) string, code string) string {
	if l := label(code); l != "" {
		return l
	}
	return code
}
