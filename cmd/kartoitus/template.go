package main

import (
	"fmt"
	"io"
	"os"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/profile"
)

func runTemplate(e env) error {
	var cf catalogueFlags
	var out, langFlag string
	var force bool
	fs := newFlags(e, "template", "template [-o FILE] [--lang fi|en] [--force] [--catalog FILE] [--overlay FILE]\n\n"+
		"Writes a blank inventory workbook: instructions, the inventory sheet with drop-down lists\n"+
		"(service tasks, phases, media, registers, national document types) and a frozen header.\n"+
		"Fill it in and read it with 'kartoitus inventory read FILE'.")
	cf.register(fs)
	fs.StringVar(&out, "o", "", "write the workbook to `file` (default inventaario.xlsx, or inventory.xlsx with --lang en; - for standard output)")
	fs.StringVar(&langFlag, "lang", "fi", "language of the sheets, headers and lists: fi or en")
	fs.BoolVar(&force, "force", false, "overwrite an existing file")
	var pairs, checklist bool
	fs.BoolVar(&pairs, "pairs", false, "write a blank deployment-test pairs workbook instead (for 'kartoitus deploytest plan --pairs')")
	fs.BoolVar(&checklist, "deploytest", false, "write the deployment-test day checklist workbook instead")
	plan := fs.Bool("plan", false, "write the onboarding status and staff workbook for 'kartoitus plan' instead")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("template: unexpected argument %q (write the file name with -o)", fs.Arg(0))
	}
	if *plan {
		return runTemplatePlan(e, out, langFlag, force)
	}
	lang, err := finding.ParseLang(langFlag)
	if err != nil {
		return usageErr("--lang: %v", err)
	}
	if pairs || checklist {
		return templateDeploytest(e, pairs, checklist, out, lang, force)
	}
	if out == "" {
		out = "inventaario.xlsx"
		if lang == finding.EN {
			out = "inventory.xlsx"
		}
	}
	if out != "-" && !force {
		if _, err := os.Stat(out); err == nil {
			return usageErr("template: %s exists; use --force to overwrite it", out)
		}
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	if err := e.writeTo(out, func(w io.Writer) error { return inventory.WriteTemplate(w, cat, string(lang), profile.AddSheet) }); err != nil {
		return fmt.Errorf("template: %v", err)
	}
	if out == "-" {
		return nil
	}
	types := 0
	for _, d := range cat.CurrentTypes() {
		if !d.IsGroup() {
			types++
		}
	}
	if lang == finding.EN {
		e.printf("Wrote %s: sheet %s with drop-down lists of %d service tasks, %d phases and %d national document types.\n",
			out, inventory.TemplateSheet("en"), len(cat.Tasks), len(cat.Phases), types)
	} else {
		e.printf("Kirjoitettiin %s: taulukko %s, valintalistoina %d palvelutehtävää, %d prosessin vaihetta ja %d valtakunnallista asiakirjatyyppiä.\n",
			out, inventory.TemplateSheet("fi"), len(cat.Tasks), len(cat.Phases), types)
	}
	return nil
}
