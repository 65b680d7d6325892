package stategraph

import (
	"fmt"
	"strings"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/registers"
)

// msg is a picture string in both languages.
type msg struct{ fi, en string }

func (m msg) in(l finding.Lang) string {
	if l == finding.EN {
		return m.en
	}
	return m.fi
}

func (m msg) f(l finding.Lang, args ...any) string { return fmt.Sprintf(m.in(l), args...) }

// count picks one (the singular, for n = 1) or m and formats it with n
// first: Finnish and English both use the singular only after 1.
func (m msg) count(l finding.Lang, one msg, n int, args ...any) string {
	if n == 1 {
		return one.f(l, append([]any{n}, args...)...)
	}
	return m.f(l, append([]any{n}, args...)...)
}

var (
	msgTitle = map[View]msg{
		Target:     {"%s – kansallinen tavoitetila", "%s – national target state"},
		Current:    {"%s – nykytila", "%s – current state"},
		Comparison: {"%s – nykytila verrattuna tavoitteeseen", "%s – current state against the target"},
	}
	msgTargetSub = msg{
		"%d tehtäväkohtaista Sosmeta-asiakirjatyyppiä oletusvaiheissaan; lisäksi %d kaikille palvelutehtäville yhteistä tyyppiä (ei kuvassa)",
		"%d task-specific Sosmeta document types in their default phases; plus %d types common to every service task (not drawn)"}
	msgCurrentSub = msg{
		"%d asiakirjaa organisaation ilmoittamissa vaiheissa; %d kuvattu kansalliseen tyyppiin",
		"%d documents in the phases the organisation gave; %d mapped to a national type"}
	msgCurrentSub1 = msg{
		"%d asiakirja organisaation ilmoittamassa vaiheessa; %d kuvattu kansalliseen tyyppiin",
		"%d document in the phase the organisation gave; %d mapped to a national type"}
	msgComparisonSub = msg{
		"Kattavuus %s: %d/%d kansallisesta asiakirjatyypistä löytyy · puuttuu %d · eri vaiheessa %d · vain nykytilassa %d",
		"Coverage %s: %d/%d national document types present · missing %d · in another phase %d · only in the current state %d"}
	msgInferred = msg{
		"Asiakirjatyyppien tehtävä- ja vaihejako on päätelmä (ei THL:n julkaisema); Sosmeta 1.2.246.537.6.1506",
		"The task and phase assignment of document types is inferred (not published by THL); Sosmeta 1.2.246.537.6.1506"}
	msgLegend      = msg{"Selite", "Legend"}
	msgNoDocuments = msg{"ei asiakirjoja", "no documents"}
	msgTipMore     = msg{"+ %d muuta paikallista asiakirjaa (koko luettelo: report.xlsx)", "+ %d more local documents (the full list: report.xlsx)"}
	msgTipMore1    = msg{"+ %d muu paikallinen asiakirja (koko luettelo: report.xlsx)", "+ %d more local document (the full list: report.xlsx)"}
	msgMoreDocs    = msg{"+ %d muuta asiakirjaa tässä vaiheessa\n(koko luettelo: report.xlsx)", "+ %d more documents in this phase\n(the full list: report.xlsx)"}
	msgMoreDocs1   = msg{"+ %d muu asiakirja tässä vaiheessa\n(koko luettelo: report.xlsx)", "+ %d more document in this phase\n(the full list: report.xlsx)"}

	msgMatched   = msg{"Vastaa tavoitetta", "Matches the target"}
	msgMisphased = msg{"Eri vaiheessa kuin tavoite", "In another phase than the target"}
	msgElsewhere = msg{"Kirjattu toisen palvelutehtävän alle", "Kept under another service task"}
	msgMissing   = msg{"Puuttuu (vain tavoitteessa)", "Missing (target only)"}
	msgExtra     = msg{"Vain nykytilassa", "Only in the current state"}
	msgTargetDoc = msg{"Kansallinen asiakirjatyyppi", "National document type"}
	msgPhaseFlow = msg{"Prosessin vaiheiden järjestys", "Order of process phases"}

	msgNational    = msg{"kansallisesti: %d.\u00a0%s", "national: %d.\u00a0%s"}
	msgLocal       = msg{"paikallisesti: %s", "local: %s"}
	msgMore        = msg{"(+%d muuta)", "(+%d more)"}
	msgCommon      = msg{"yhteinen kaikille tehtäville", "common to every task"}
	msgUnmapped    = msg{"ei kansallista tyyppiä", "no national type"}
	msgOtherTask   = msg{"→ %s, toisen tehtävän tyyppi (%s)", "→ %s, another task's type (%s)"}
	msgObsolete    = msg{"→ %s, vanhentunut tyyppi", "→ %s, obsolete type"}
	msgUnknownKey  = msg{"→ %s, tuntematon koodi", "→ %s, unknown code"}
	msgMappedTo    = msg{"→ %s", "→ %s"}
	msgPhaseDeflt  = msg{"vaihe: kansallinen oletus", "phase: national default"}
	msgSystemUnkn  = msg{"järjestelmä ?", "system ?"}
	msgPaper       = msg{"paperi", "paper"}
	msgRegisterLeg = msg{"Rekisteri", "Register"}

	msgSheet        = msg{"välilehti %s", "sheet %s"}
	msgRow          = msg{"rivi %d", "row %d"}
	msgTipLocal     = msg{"Paikallinen asiakirja: %s", "Local document: %s"}
	msgTipSystem    = msg{"järjestelmä: %s", "system: %s"}
	msgTipRegister  = msg{"rekisteri: %s", "register: %s"}
	msgTipPhase     = msg{"kansallinen vaihe: %d. %s", "national phase: %d. %s"}
	msgTipPhaseDflt = msg{"vaihetta ei annettu: kansallinen oletus", "no phase given: national default used"}

	msgOverviewTitle = msg{"Palvelutehtävät, järjestelmät ja rekisterit", "Service tasks, systems and registers"}
	msgOverviewSub   = msg{
		"Viivan paksuus ja luku = asiakirjojen määrä · punainen = asiakirjoja potilas- tai sekarekisteriin tai useampaan rekisteriin",
		"Line width and number = documents · red = documents go to a patient or mixed register or to more than one register"}
	msgTasks      = msg{"Palvelutehtävät", "Service tasks"}
	msgSystems    = msg{"Järjestelmät", "Systems"}
	msgRegisters  = msg{"Rekisterit", "Registers"}
	msgMix        = msg{"REKISTERIT SEKOITTUVAT", "REGISTERS MIX"}
	msgHealthOnly = msg{"POTILASREKISTERISSÄ", "IN A PATIENT REGISTER"}
	msgCheck      = msg{"Tarkistettava: rekisterit sekoittuvat tai potilasrekisteri", "Check: registers mix or a patient register"}
	msgDocs       = msg{"%d asiakirjaa", "%d documents"}
	msgDoc        = msg{"%d asiakirja", "%d document"}
	msgNormal     = msg{"Yhteen rekisteriin", "One register"}
)

// registerShort names a register kind in a node's subline.
var registerShort = map[registers.Kind]msg{
	registers.Social:  {"asiakasrekisteri", "client register"},
	registers.Health:  {"POTILASREKISTERI", "PATIENT REGISTER"},
	registers.Legacy:  {"ilmoitusrekisteri", "notification register"},
	registers.Mixed:   {"SEKAREKISTERI", "MIXED REGISTER"},
	registers.Unknown: {"rekisteri ?", "register ?"},
}

func registerText(k registers.Kind, l finding.Lang) string {
	if m, ok := registerShort[k]; ok {
		return m.in(l)
	}
	return registerShort[registers.Unknown].in(l)
}

// decimal writes a fitness figure with the language's decimal separator.
func decimal(x float64, l finding.Lang) string {
	s := fmt.Sprintf("%.2f", x)
	if l != finding.EN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
