package main

import (
	"fmt"
	"io"
	"os"

	"github.com/kartoitus/kartoitus/deploytest"
	"github.com/kartoitus/kartoitus/finding"
)

// templateDeploytest writes the deployment-test workbooks of 'kartoitus
// template --pairs' and 'kartoitus template --deploytest'.
func templateDeploytest(e env, pairs, checklist bool, out string, lang finding.Lang, force bool) error {
	if pairs && checklist {
		return usageErr("template: --pairs and --deploytest write different workbooks; give one")
	}
	en := lang == finding.EN
	if out == "" {
		switch {
		case pairs && en:
			out = "deployment-tests.xlsx"
		case pairs:
			out = "kayttoonottokokeet.xlsx"
		case en:
			out = "deployment-test-checklist.xlsx"
		default:
			out = "kayttoonottokoe-tarkistuslista.xlsx"
		}
	}
	if out != "-" && !force {
		if _, err := os.Stat(out); err == nil {
			return usageErr("template: %s exists; use --force to overwrite it", out)
		}
	}
	write := func(w io.Writer) error { return deploytest.WriteChecklist(w, lang) }
	if pairs {
		write = func(w io.Writer) error { return deploytest.WritePairsTemplate(w, lang) }
	}
	if err := e.writeTo(out, write); err != nil {
		return fmt.Errorf("template: %v", err)
	}
	if out == "-" {
		return nil
	}
	switch {
	case pairs && en:
		fmt.Fprintf(e.stdout, "Wrote %s: sheet %s, one row per organiser–producer pair and test. Check it with 'kartoitus deploytest plan --pairs %s'.\n",
			out, deploytest.PairsSheet(lang), out)
	case pairs:
		fmt.Fprintf(e.stdout, "Kirjoitettiin %s: taulukko %s, yksi rivi kutakin paria ja koetta kohden. Tarkista se: kartoitus deploytest plan --pairs %s\n",
			out, deploytest.PairsSheet(lang), out)
	default:
		b, p, d := deploytest.ChecklistSheets(lang)
		fmt.Fprintf(e.stdout, tr(lang, "Kirjoitettiin %s: taulukot %s, %s ja %s (%d vaihetta).\n", "Wrote %s: sheets %s, %s and %s (%d steps).\n"),
			out, b, p, d, len(deploytest.Steps))
	}
	return nil
}
