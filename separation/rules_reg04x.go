package separation

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/registers"
)

// Voiding and identity of documents (REG04x).
var (
	RuleVoidNoReason = register(&Check{Rule: finding.Rule{ID: "REG040", Severity: finding.Warning,
		Title: finding.T("Mitätöity asiakirja ilman mitätöinnin syytä", "Voided document without a reason"),
		Basis: "Kanta: mitätöinti (MitatointiProvenance); 703/2023 § 38", Inferred: true},
		Needs: []export.Field{export.Status, export.VoidReason},
		when:  when(withStatus(export.StatusVoided)),
		judge: func(g *gate, c *Check, f *facts) {
			if f.status != export.StatusVoided || f.v[export.VoidReason] != "" {
				return
			}
			g.flag(c, f, []string{f.docID}, func() finding.Text {
				return finding.T("Asiakirja on mitätöity, mutta mitätöinnin syy puuttuu.", "The document is voided but the voiding reason is missing.")
			})
		},
		good: []sample{{note: "voided with reason", rows: rows(row{"status": "voided", "void_reason": "väärä henkilö"})}},
		bad:  []sample{{note: "voided without reason", rows: rows(row{"status": "mitätöity"})}},
	})

	// RuleConflictingRegisters is judged after the last row over every
	// row's id, register and line (docs.go; recorded while resolving).
	// It needs only required columns, so it always runs and also counts
	// the export's documents.
	RuleConflictingRegisters = register(&Check{Rule: finding.Rule{ID: "REG041", Severity: finding.Error,
		Title: finding.T("Sama asiakirjatunniste eri rekistereissä", "Same document id in conflicting registers"),
		Basis: "703/2023 §§ 18, 69", Inferred: true},
		finish: func(g *gate, c *Check) {
			// The scan meets conflicts in hash order; the findings kept are
			// the earliest in the file, in file order, so that every run of
			// the same export lists the same ones (the rest are counted).
			st := &g.state[c.idx]
			kept := earliest[conflict]{max: g.max - st.kept}
			if g.max < 0 {
				kept.max = -1
			}
			g.res.Stats.Documents = g.ids.scan(func(cf conflict) {
				switch {
				case !st.on:
				case st.ignoreWhole:
					g.emitConflict(c, cf) // counted as suppressed
				case st.ignoreFP && g.ignoredFP(c, cf.line, g.conflictID(cf), conflictKeys(g, cf)):
				default:
					if kept.add(cf) {
						st.count++
						st.omitted++
					}
				}
			}, g.cfg.Workers)
			slices.SortFunc(kept.c, func(a, b conflict) int { return cmp.Compare(a.line, b.line) })
			for _, cf := range kept.c {
				g.emitConflict(c, cf)
			}
		},
		good: []sample{{note: "two versions, one register", rows: rows(row{}, row{"version": "2"})},
			{note: "joint needs assessment in both", rows: rows(row{"document_type": "1000"}, row{"document_type": "1000", "register": "health"})}},
		bad: []sample{{note: "social and patient", rows: rows(row{}, row{"register": "health", "version": "2"})},
			{note: "social and legacy", rows: rows(row{"register": "ilmoitusrekisteri"}, row{})}},
	})
)

// emitConflict makes REG041's finding for a conflict.
func (g *gate) emitConflict(c *Check, cf conflict) {
	docID := g.conflictID(cf)
	g.emit(c, cf.line, docID, []string{docID, regName(cf.regs)}, func() finding.Text {
		thisFI, thisEN := regNames(cf.thisReg)
		allFI, allEN := regNames(cf.regs)
		return finding.T(fmt.Sprintf("Asiakirjatunniste on jo rivillä %d toisessa rekisterissä; tällä rivillä rekisteri on %s (rekisterit yhteensä: %s). Kantaan voi tallentaa vain yhden alkuperäisen.",
			cf.first, thisFI, allFI),
			fmt.Sprintf("The document id already appears on line %d in another register; this row is in %s (together: %s). Kanta keeps only one original.",
				cf.first, thisEN, allEN))
	}, "", "")
}

// conflictID is the conflict's document id, or its line when the id was
// not kept.
func (g *gate) conflictID(cf conflict) string {
	if id := g.ids.id(cf.off); id != "" {
		return id
	}
	return fmt.Sprintf("(line %d)", cf.line)
}

func conflictKeys(g *gate, cf conflict) []string {
	return []string{g.conflictID(cf), regName(cf.regs)}
}

// earliest keeps the max records of the smallest lines (max < 0: all);
// a max-heap on the line, so the latest is the one pushed out.
type earliest[T interface{ at() int }] struct {
	c   []T
	max int
}

// add offers x and reports whether a record was left out (x or one
// pushed out for it).
func (e *earliest[T]) add(x T) bool {
	if e.max < 0 || len(e.c) < e.max {
		e.c = append(e.c, x)
		if e.max >= 0 {
			heapUp(e.c, len(e.c)-1)
		}
		return false
	}
	if e.max == 0 || x.at() >= e.c[0].at() {
		return true
	}
	e.c[0] = x
	heapDown(e.c, 0)
	return true
}

func heapUp[T interface{ at() int }](h []T, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p].at() >= h[i].at() {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func heapDown[T interface{ at() int }](h []T, i int) {
	for {
		l, big := 2*i+1, i
		if l < len(h) && h[l].at() > h[big].at() {
			big = l
		}
		if r := l + 1; r < len(h) && h[r].at() > h[big].at() {
			big = r
		}
		if big == i {
			return
		}
		h[i], h[big] = h[big], h[i]
		i = big
	}
}

// regBit maps a register kind to a bit of a docRec (0 = not tracked).
func regBit(k registers.Kind) uint8 {
	switch k {
	case registers.Social:
		return 1
	case registers.Health:
		return 2
	case registers.Legacy:
		return 4
	case registers.Mixed:
		return 8
	}
	return 0
}

// regNames names the registers of mask in Finnish and English prose,
// joined with "ja" / "and".
func regNames(mask uint8) (fi, en string) {
	var fis, ens []string
	for _, k := range []registers.Kind{registers.Social, registers.Health, registers.Legacy, registers.Mixed} {
		if mask&regBit(k) != 0 {
			f, e := k.Name()
			fis, ens = append(fis, f), append(ens, e)
		}
	}
	return joinAnd(fis, " ja "), joinAnd(ens, " and ")
}

// joinAnd joins words as prose: "a, b ja c".
func joinAnd(parts []string, and string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + and + parts[len(parts)-1]
}

// regName is the machine form of mask ("social+health") for fingerprints.
func regName(mask uint8) string {
	var parts []string
	for _, k := range []registers.Kind{registers.Social, registers.Health, registers.Legacy, registers.Mixed} {
		if mask&regBit(k) != 0 {
			parts = append(parts, string(k))
		}
	}
	return strings.Join(parts, "+")
}
