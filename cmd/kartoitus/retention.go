package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/analyzer/retention"
	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/inventory"
)

const retentionUsage = `retention --inventory FILE [--tos FILE ...] [--ams FILE ...] [--draft FILE] [flags]

Compares the organisation's TOS (electronic records) and AMS (paper
records) with the retention periods of the 703/2023 annex (and
Adoptiolaki § 92), and with the archival (permanent-retention) decisions
listed under archival: in the --overlay file. Plans are CSV or XLSX with
TOS columns (Asiakirja, Säilytysaika, Säilytysajan laskentaperuste,
Tallennusmuoto …), Helsinki's JHS 191 TOS workbook, or JHS 191 TOS XML as
records systems such as helerm export it; the inventory's own TOS, AMS,
Säilytysaika and laskentaperuste columns count as plan entries too.

Entries are matched to documents by national type (as mapped), local
name, Helsinki specifier (tarkenne) or the inventory's TOS/AMS reference.

A period is a length and a start event. A plan period counted from an
event that comes (or may come) before the law's is shorter than the law,
an error (RET005), unless it is permanent or at least the horizon: a
period of --horizon years (default 120, or retention_horizon: in the
overlay) from any event of the client's life is taken to outlast the
law's. The horizon is the tool's convention, not a national fact.

Rules: RET001 no TOS entry, RET002 no AMS entry, RET003 no digitisation
decision, RET004 no period, RET005 shorter than the law (by length or by
start event), RET006 wrong start event, RET007 permanent without a
recorded archival decision (verify), RET008 fixed-term where an archival
decision orders permanent, RET009 no annex row (service task unknown),
RET010 longer than the law, RET011 cannot compare, RET012 plan entry
matching no document, RET013 an old task's 254/2015 permanent line lost
in the crosswalk; TOS001–TOS006 plan rows rejected or cells not used.

--controller public|private says which law binds the organisation for
RET001/RET002: the archives and information management acts (public
authority) or 703/2023 §§ 23–24 with Kela's onboarding guidance (private
provider); without it both are cited.

--draft FILE writes the TOS draft (.xlsx, .csv, .json, or .xml as JHS 191
TOS XML): one row per national document type and service task, with the
law's period, start event and basis, what the plan says now and its
status, and empty publicity, secrecy, personal-data and storage columns
to complete.`

// pathList is a repeatable file flag.
type pathList []string

func (p *pathList) String() string { return strings.Join(*p, ",") }
func (p *pathList) Set(v string) error {
	*p = append(*p, v)
	return nil
}

func runRetention(e env) error {
	var cf catalogueFlags
	var of outputFlags
	var inventories, tosFiles, amsFiles pathList
	var draft, accepted, columns, controller string
	var threshold float64
	var horizon int
	fs := newFlags(e, "retention", retentionUsage)
	cf.register(fs)
	of.register(fs, "table")
	fs.Var(&inventories, "inventory", "inventory `file` (.xlsx or .csv); repeat for several, or give them as arguments")
	fs.Var(&tosFiles, "tos", "TOS/AMS `file` (.xlsx or .csv, generic columns or the Helsinki workbook, or JHS 191 .xml); repeat for several")
	fs.Var(&amsFiles, "ams", "AMS `file`: like --tos, but every row is a paper (AMS) entry; repeat for several")
	fs.StringVar(&draft, "draft", "", "write the TOS draft to `file` (.xlsx, .csv, .json, or .xml for JHS 191 TOS XML)")
	var prof string
	fs.StringVar(&prof, "profile", "", "organisation profile `file` (YAML): documents of an organiser's register are not the organisation's to plan; its kind sets --controller")
	fs.StringVar(&controller, "controller", "", "the organisation's `kind`, public or private: which law RET001/RET002 cite (default: both)")
	fs.IntVar(&horizon, "horizon", 0, "`years` from any event of the client's life taken to outlast every annex period (default: overlay retention_horizon, else 120)")
	fs.StringVar(&accepted, "accepted", "", "accepted-mappings `file` (CSV) from a mapping workshop")
	fs.Float64Var(&threshold, "threshold", mapping.DefaultThreshold, "mapping confidence at or above which a national type is asserted (0 < X ≤ 1)")
	fs.StringVar(&columns, "columns", "", "inventory column-mapping `file` (YAML/CSV: header → field) for headers no synonym catches")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	inventories = append(inventories, fs.Args()...)
	if len(inventories) == 0 {
		return usageErr("retention: give an inventory with --inventory FILE")
	}
	if !(threshold > 0 && threshold <= 1) {
		return usageErr("retention: --threshold must be above 0 and at most 1, not %v", threshold)
	}
	ctl, err := retention.ParseController(controller)
	if err != nil {
		return usageErr("retention: --controller: %v", err)
	}
	if horizon < 0 || horizon > 1000 {
		return usageErr("retention: --horizon must be a number of years from 1 to 1000, not %d", horizon)
	}
	draftFormat := ""
	if draft != "" {
		switch strings.ToLower(filepath.Ext(draft)) {
		case ".xlsx":
			draftFormat = "xlsx"
		case ".csv":
			draftFormat = "csv"
		case ".json":
			draftFormat = "json"
		case ".xml":
			draftFormat = "xml"
		default:
			return usageErr("retention: --draft %s: want a .xlsx, .csv, .json or .xml file name", draft)
		}
	}
	p, err := of.parse(e)
	if err != nil {
		return err
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	cfg := p.config(cat)
	cfg.Inventories, cfg.Columns = inventories, columns
	cfg.TOS, cfg.AMS = tosFiles, amsFiles
	cfg.Accepted, cfg.Threshold = accepted, threshold
	cfg.Retention = retention.Options{Controller: ctl, Horizon: horizon}
	cfg.Profile = prof
	// The mapping runs only to type the documents: its findings belong to
	// 'kartoitus map'. The readers' and the retention findings are reported.
	cfg.Report = assess.Inventory | assess.Plans | assess.Retention
	res, err := assess.Run(e.ctx, cfg, assess.Retention)
	if err != nil {
		return err
	}
	if res.Plan == nil && !inventoryHasPlan(res.Inventory) {
		e.notef("kartoitus: no --tos or --ams given and the inventory has no TOS, AMS or retention columns: every document is reported without an entry; --draft FILE writes the rows to start from\n")
	}
	rr := res.Retention
	if draft != "" {
		rows := len(rr.Draft.Rows)
		var left []retention.DraftRow
		if draftFormat == "xml" {
			// JHS 191 needs a law period on every record: rows without
			// one are left out (and listed in the XML), and a draft with
			// none is not a TOS at all.
			if _, left = rr.Draft.JHS191(cat, retention.JHSOptions{}); len(left) == rows {
				return fmt.Errorf("%w: retention: --draft %s: no draft row has a law period (service task or national type unknown), so there is no JHS 191 TOS to write; write .csv or .xlsx to see the rows",
					kartoitus.ErrNotRecognised, draft)
			}
			rows -= len(left)
		}
		write := func(w io.Writer) error {
			switch draftFormat {
			case "xlsx":
				return rr.Draft.WriteXLSX(w, p.lang)
			case "json":
				return writeJSON(w, rr.Draft)
			case "xml":
				_, err := rr.Draft.WriteJHS191(w, cat, retention.JHSOptions{Date: res.Config.Now.Format("2006-01-02")})
				return err
			}
			return rr.Draft.WriteCSVIn(w, p.lang, p.csv)
		}
		if err := e.writeTo(draft, write); err != nil {
			return internalErr(fmt.Errorf("retention: --draft: %w", err))
		}
		e.notef(tr(p.lang, "kartoitus: TOS-luonnos (%s) kirjoitettiin tiedostoon %s\n", "kartoitus: wrote the TOS draft (%s) to %s\n"),
			count(p.lang, rows, "rivi", "riviä", "row", "rows"), draft)
		if len(left) > 0 {
			e.notef(tr(p.lang, "kartoitus: luonnoksessa on %s ilman lain säilytysaikaa; ne eivät ole JHS 191 -XML:ssä (ne luetellaan sen LisatiedotTeksti-kentässä); näet ne valinnalla --draft TIEDOSTO.csv\n",
				"kartoitus: %s of the draft have no law period and are not in the JHS 191 XML (they are listed in its LisatiedotTeksti); see them with --draft FILE.csv\n"),
				count(p.lang, len(left), "rivi", "riviä", "row", "rows"))
		}
	}
	return of.emit(e, p, "retention", res)
}

// inventoryHasPlan: some document carries a TOS/AMS reference or a period.
func inventoryHasPlan(inv *inventory.Inventory) bool {
	for _, d := range inv.Documents {
		if d.TOSRef != "" || d.AMSRef != "" || d.RetentionRaw != "" {
			return true
		}
	}
	return false
}
