package retention

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/tos"
)

// legacyLoss warns when a document listed under an old service task
// (254/2015 and earlier names) falls, through the crosswalk, under a
// current task whose 703/2023 row has no permanent retention, while the
// 254/2015 annex kept some of the old task's documents permanently
// (domain notes §1.3) and no recorded archival decision keeps them now.
// The 254/2015 lines probably restate the archival decision of 2014, which
// 703/2023 § 101 mom 3 keeps in force [inferred, §1.4]: dropping them
// with the old task name could destroy documents that must be archived.
func (c *docCheck) legacyLoss() {
	if c.planOnly {
		return
	}
	lt, ok := c.a.cat.LegacyTask(c.d.ServiceTaskRaw)
	if !ok || lt.Permanent254 == nil {
		return
	}
	p := lt.Permanent254
	// Does the line reach this document? By its national type's kind or
	// code; a document without a national type, by a kind in its name
	// [inferred]; when neither tells, it may, and the message says so.
	applies, maybe := true, false
	if len(p.Kinds)+len(p.Codes) > 0 {
		applies = false
		switch {
		case c.dt != nil:
			applies = slices.Contains(p.Kinds, c.dt.Kind) || slices.Contains(p.Codes, c.dt.Key())
		default:
			name := textnorm.Fold(c.d.Name)
			maybe = !slices.ContainsFunc(p.Kinds, func(k string) bool {
				fk := textnorm.Fold(k)
				return fk != "" && strings.Contains(name, fk)
			})
			applies = true
		}
	}
	if !applies {
		return
	}
	for _, a := range c.r.Archival {
		if coversDays(a.BirthDays, p.BirthDays) {
			return // a recorded decision keeps (at least) what the line kept
		}
	}
	lawFI, lawEN := "ei liitteen riviä", "no annex row"
	if c.r.Rule != nil {
		lawFI, lawEN = lawText(c.r.Rule)
	}
	ifFI, ifEN := "", ""
	if maybe {
		ifFI = " Asiakirjan lajia ei tiedetä: rivi koskee sitä, jos se on " + strings.ToLower(strings.Join(p.Kinds, ", ")) + "."
		ifEN = " The document's kind is not known: the line covers it if it is one of " + strings.Join(p.Kinds, ", ") + "."
	}
	loc := c.d.Source
	loc.Column = inventory.FieldServiceTask.Label("fi")
	f := finding.New(RuleLegacyLost, finding.T(
		fmt.Sprintf("%s: palvelutehtävä %s on vanha nimi. Kumotun lain 254/2015 liite määräsi sen asiakirjoista pysyvästi säilytettäviksi: %s. Nyt asiakirja arvioidaan palvelutehtävän %s mukaan (%s), eikä lain 703/2023 liitteessä ole tätä riviä; Kansallisarkiston arkistointipäätökset ovat kuitenkin yhä voimassa (703/2023 § 101 mom 3), ja rivi toistanee päätöksen AL/20064/07.01.01.03.01/2014 (päätelty).%s Tarkista päätös ja kirjaa se overlay-tiedoston archival-kohtaan (esim. legacy_tasks: [%s]), jotta pysyvästi säilytettäviä asiakirjoja ei hävitetä.",
			c.descFI(), tos.Quote(c.d.ServiceTaskRaw), p.What, c.taskOrNone("fi"), lawFI, ifFI, lt.Name),
		fmt.Sprintf("%s: service task %s is an old name. The repealed 254/2015 annex kept of its documents permanently: %s. The document is now judged under %s (%s), and the 703/2023 annex has no such line; the National Archives' archival decisions remain in force, though (703/2023 § 101 mom 3), and the line probably restates decision AL/20064/07.01.01.03.01/2014 (inferred).%s Check the decision and record it under archival in the overlay file (e.g. legacy_tasks: [%s]), so that documents to be kept permanently are not destroyed.",
			c.descEN(), tos.Quote(c.d.ServiceTaskRaw), p.WhatEN, c.taskOrNone("en"), lawEN, ifEN, lt.Name)),
		loc, c.docKey(), c.taskKey(), "legacy", textnorm.Fold(lt.Name))
	c.add(f)
}

// coversDays: an archival decision for the clients born on have keeps at
// least the clients born on want (empty = every client).
func coversDays(have, want []int) bool {
	if len(have) == 0 {
		return true
	}
	if len(want) == 0 {
		return false
	}
	for _, d := range want {
		if !slices.Contains(have, d) {
			return false
		}
	}
	return true
}

// archivalRecorded: the catalogue records some archival decision for the
// document's service task (or for every task, or for its old task name),
// so "no decision covers it" is the organisation's statement, not the
// tool's ignorance.
func (c *docCheck) archivalRecorded() bool {
	for _, a := range c.a.cat.Archival {
		taskOK := len(a.Tasks) == 0 || slices.Contains(a.Tasks, c.r.Task)
		legacyOK := len(a.LegacyTasks) == 0 || slices.ContainsFunc(a.LegacyTasks, func(n string) bool {
			return textnorm.Fold(n) == textnorm.Fold(c.d.ServiceTaskRaw)
		})
		if taskOK && legacyOK {
			return true
		}
	}
	return false
}

// taskOrNone names the document's service task for messages.
func (c *docCheck) taskOrNone(lang string) string {
	if c.r.Task == "" {
		if lang == "fi" {
			return "(palvelutehtävä ei tiedossa)"
		}
		return "(service task not known)"
	}
	return c.taskName(lang)
}
