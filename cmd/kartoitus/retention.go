package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/inventory"
)

const retentionUsage = `retention --inventory FILE [--tos FILE ...] [--ams FILE ...] [--draft FILE] [flags]

Compares the organisation's TOS (electronic records) and AMS (paper
records) with the retention periods of the 703/2023 annex, and with the
archival (permanent-retention) decisions listed under archival: in the
--overlay file. Plans are CSV or XLSX with TOS columns (Asiakirja,
Säilytysaika, Säilytysajan laskentaperuste, Tallennusmuoto …) or
Helsinki's JHS 191 TOS workbook; the inventory's own TOS, AMS, Säilytysaika
and laskentaperuste columns count as plan entries too.

Entries are matched to documents by national type (as mapped), local
name, Helsinki specifier (tarkenne) or the inventory's TOS/AMS reference.

Rules: RET001 no TOS entry, RET002 no AMS entry, RET003 no digitisation
decision, RET004 no period, RET005 shorter than the law, RET006 wrong
start event, RET007 permanent without an archival decision, RET008
fixed-term where an archival decision orders permanent, RET009 no annex
row (service task unknown), RET010 longer than the law, RET011 cannot
compare, RET012 plan entry matching no document; TOS001–TOS006 plan rows
rejected or cells not used.

--draft FILE writes the TOS draft (.xlsx, .csv or .json): one row per
national document type and service task, with the law's period, start
event and basis, what the plan says now and its status, and empty
publicity, secrecy, personal-data and storage columns to complete.`

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
	var draft, accepted, columns string
	var threshold float64
	fs := newFlags(e, "retention", retentionUsage)
	cf.register(fs)
	of.register(fs, "table")
	fs.Var(&inventories, "inventory", "inventory `file` (.xlsx or .csv); repeat for several, or give them as arguments")
	fs.Var(&tosFiles, "tos", "TOS/AMS `file` (.xlsx or .csv, generic columns or the Helsinki workbook); repeat for several")
	fs.Var(&amsFiles, "ams", "AMS `file`: like --tos, but every row is a paper (AMS) entry; repeat for several")
	fs.StringVar(&draft, "draft", "", "write the TOS draft to `file` (.xlsx, .csv or .json)")
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
	draftFormat := ""
	if draft != "" {
		switch strings.ToLower(filepath.Ext(draft)) {
		case ".xlsx":
			draftFormat = "xlsx"
		case ".csv":
			draftFormat = "csv"
		case ".json":
			draftFormat = "json"
		default:
			return usageErr("retention: --draft %s: want a .xlsx, .csv or .json file name", draft)
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
		write := func(w io.Writer) error {
			switch draftFormat {
			case "xlsx":
				return rr.Draft.WriteXLSX(w, p.lang)
			case "json":
				return writeJSON(w, rr.Draft)
			}
			return rr.Draft.WriteCSV(w, p.lang)
		}
		if err := e.writeTo(draft, write); err != nil {
			return internalErr(fmt.Errorf("retention: --draft: %w", err))
		}
		e.notef("kartoitus: wrote the TOS draft (%d rows) to %s\n", len(rr.Draft.Rows), draft)
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
