package separation

import (
	"fmt"
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
			g.res.Stats.Documents = g.ids.scan(func(cf conflict) {
				if g.countOnly(c) {
					return
				}
				docID := g.ids.id(cf.off)
				if docID == "" {
					docID = fmt.Sprintf("(line %d)", cf.line)
				}
				g.emit(c, cf.line, docID, []string{docID, regName(cf.regs)}, func() finding.Text {
					thisFI, thisEN := regNames(cf.thisReg)
					allFI, allEN := regNames(cf.regs)
					return finding.T(fmt.Sprintf("Asiakirjatunniste on jo rivillä %d toisessa rekisterissä; tällä rivillä rekisteri on %s (rekisterit yhteensä: %s). Kantaan voi tallentaa vain yhden alkuperäisen.",
						cf.first, thisFI, allFI),
						fmt.Sprintf("The document id already appears on line %d in another register; this row is in %s (together: %s). Kanta keeps only one original.",
							cf.first, thisEN, allEN))
				}, "", "")
			})
		},
		good: []sample{{note: "two versions, one register", rows: rows(row{}, row{"version": "2"})},
			{note: "joint needs assessment in both", rows: rows(row{"document_type": "1000"}, row{"document_type": "1000", "register": "health"})}},
		bad: []sample{{note: "social and patient", rows: rows(row{}, row{"register": "health", "version": "2"})},
			{note: "social and legacy", rows: rows(row{"register": "ilmoitusrekisteri"}, row{})}},
	})
)

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
