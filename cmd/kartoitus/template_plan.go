package main

import (
	"fmt"
	"io"
	"os"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/onboarding"
)

// runTemplatePlan writes the onboarding status and staff workbook
// (`kartoitus template --plan`), read back by `kartoitus plan --status
// FILE --staff FILE`.
func runTemplatePlan(e env, out, langFlag string, force bool) error {
	lang, err := finding.ParseLang(langFlag)
	if err != nil {
		return usageErr("--lang: %v", err)
	}
	if out == "" {
		out = "kayttoonotto.xlsx"
		if lang == finding.EN {
			out = "onboarding.xlsx"
		}
	}
	if out != "-" && !force {
		if _, err := os.Stat(out); err == nil {
			return usageErr("template: %s exists; use --force to overwrite it", out)
		}
	}
	if err := e.writeTo(out, func(w io.Writer) error { return onboarding.WriteTemplate(w, lang) }); err != nil {
		return fmt.Errorf("template: %v", err)
	}
	if out == "-" {
		return nil
	}
	tasks := len(onboarding.Catalogue())
	if lang == finding.EN {
		fmt.Fprintf(e.stdout, "Wrote %s: sheet %s with %d onboarding tasks, sheet %s for the card plan. Read it with 'kartoitus plan --go-live DATE --status %s --staff %s'.\n",
			out, onboarding.SheetStatus.EN, tasks, onboarding.SheetStaff.EN, out, out)
	} else {
		fmt.Fprintf(e.stdout, "Kirjoitettiin %s: taulukko %s (%d käyttöönoton tehtävää) ja taulukko %s korttisuunnitelmaa varten. Lue se: kartoitus plan --go-live PVM --status %s --staff %s\n",
			out, onboarding.SheetStatus.FI, tasks, onboarding.SheetStaff.FI, out, out)
	}
	return nil
}
