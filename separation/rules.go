package separation

import (
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
)

// Check is one rule of the gate: the finding.Rule it reports and the
// optional columns it needs. A check whose columns are absent does not run
// and is reported as not checked, never as clean.
type Check struct {
	finding.Rule
	// Needs lists optional columns that must all be present.
	Needs []export.Field
	// NeedsAny lists columns of which at least one must be present.
	NeedsAny []export.Field
	// Mode limits a check to deployment-test runs (+1) or to production
	// runs (-1); 0 runs always.
	Mode int
	// idx is the check's position in Checks (per-run state is a slice).
	idx int
}

// Basis strings used by several rules.
const (
	basisSeparation = "703/2023 § 18"
	basisController = "703/2023 § 13"
	basisOnBehalf   = "703/2023 §§ 13–14; 569/2009 § 11 (601/2022)"
	basisUseRight   = "703/2023 § 14; Kanta: sosiaalihuollon rekisterinkäyttöoikeus; Sosmeta 1.2.246.537.6.1505.1"
	basisSection37  = "703/2023 § 37"
	basisHetu       = "661/2009 § 11; VNA 128/2010 § 2 (690/2022)"
	basisOrgID      = "JHS 159; THL SOTE-organisaatiorekisteri 1.2.246.537.6.202"
)

// Input rows and columns (EXP).
var (
	RuleFieldCount = &Check{Rule: finding.Rule{ID: "EXP001", Severity: finding.Error,
		Title: finding.T("Rivillä väärä määrä kenttiä", "Row has the wrong number of fields"), Basis: "RFC 4180"}}
	RuleQuoting = &Check{Rule: finding.Rule{ID: "EXP002", Severity: finding.Error,
		Title: finding.T("Rivin lainausmerkit virheelliset", "Row has broken quoting"), Basis: "RFC 4180"}}
	RuleBadDate = &Check{Rule: finding.Rule{ID: "EXP003", Severity: finding.Error,
		Title: finding.T("Päivämäärä ei ole tulkittavissa", "Date cannot be read"), Basis: "ISO 8601"}}
	RuleMissingValue = &Check{Rule: finding.Rule{ID: "EXP004", Severity: finding.Error,
		Title: finding.T("Pakollinen tieto puuttuu rivistä", "Row lacks a required value"), Basis: "703/2023 § 38"}}
	RuleUnknownColumn = &Check{Rule: finding.Rule{ID: "EXP005", Severity: finding.Info,
		Title: finding.T("Tunnistamaton sarake jätetty huomiotta", "Unrecognised column ignored")}}
	RuleUnknownValue = &Check{Rule: finding.Rule{ID: "EXP006", Severity: finding.Warning,
		Title: finding.T("Tunnistamaton arvo sarakkeessa", "Unrecognised value in a column"),
		Basis: "1.2.246.537.5.40172; 703/2023 § 37"}}
	RuleUnnamedColumn = &Check{Rule: finding.Rule{ID: "EXP007", Severity: finding.Warning,
		Title: finding.T("Nimettömässä sarakkeessa on tietoja", "Unnamed column holds data")}}
	// Versions order a document's version chain (CDA R2 header 2.2.11
	// versionNumber, an integer; its use in the social-welfare archive is
	// inferred, as the Kanta social-welfare CDA spec was not available).
	RuleBadVersion = &Check{Rule: finding.Rule{ID: "EXP008", Severity: finding.Error,
		Title: finding.T("Versionumero ei ole kokonaisluku 1:stä alkaen", "Version is not a whole number from 1"),
		Basis: "HL7 CDA R2 versionNumber (Kanta CDA R2 -otsake 2.2.11)", Inferred: true}}
	// The plausible range is the tool's own (export.MinYear to a year after
	// the run): no source sets one.
	RuleImplausibleDate = &Check{Rule: finding.Rule{ID: "EXP009", Severity: finding.Error,
		Title: finding.T("Laatimispäivä ei ole uskottava", "Created date is not plausible"),
		Basis: "ISO 8601; uskottava väli 1900 – vuosi ajopäivästä (kartoitus)", Inferred: true}}
	// No source bounds a field; 4,096 bytes is the tool's own, far above
	// any id, code or date.
	RuleLongField = &Check{Rule: finding.Rule{ID: "EXP010", Severity: finding.Error,
		Title: finding.T("Kentän arvo on liian pitkä", "Field value too long"),
		Basis: "kartoitus: enintään 4 096 tavua kentässä", Inferred: true}}
)

// Register separation (REG00x).
var (
	RuleHealthInSocial = &Check{Rule: finding.Rule{ID: "REG001", Severity: finding.Error,
		Title: finding.T("Terveydenhuollon asiakirja sosiaalihuollon asiakasrekisterissä",
			"Health-care document in the social-welfare client register"),
		Basis: basisSeparation, Inferred: true}}
	RuleNarrativeInHealth = &Check{Rule: finding.Rule{ID: "REG002", Severity: finding.Error,
		Title: finding.T("Sosiaalihuollon asiakaskertomus potilasrekisterissä",
			"Social-welfare client narrative (asiakaskertomus) in the patient register"),
		Basis: "703/2023 § 46"}}
	RuleSocialInHealth = &Check{Rule: finding.Rule{ID: "REG003", Severity: finding.Warning,
		Title: finding.T("Sosiaalihuollon asiakirja potilasrekisterissä (muu kuin yhteinen arvio tai suunnitelma)",
			"Social-welfare document in the patient register (not a joint needs assessment or client plan)"),
		Basis: "703/2023 §§ 18, 46–47", Inferred: true}}
	RuleMixedRegister = &Check{Rule: finding.Rule{ID: "REG004", Severity: finding.Error,
		Title: finding.T("Rekisteriarvo nimeää yhteisen tai molemmat rekisterit",
			"Register value names a joint register or both registers"),
		Basis: basisSeparation}}
	RuleUnknownRegister = &Check{Rule: finding.Rule{ID: "REG005", Severity: finding.Error,
		Title: finding.T("Rekisteriarvoa ei tunnisteta", "Register value not recognised"),
		Basis: "703/2023 § 18; 1.2.246.537.6.1264"}}
	RuleLegacyRegister = &Check{Rule: finding.Rule{ID: "REG006", Severity: finding.Error,
		Title: finding.T("Vanha ilmoitusrekisteri-arvo (kumottu 1.11.2021)",
			"Legacy notification register (ilmoitusrekisteri) value, repealed 1.11.2021"),
		Basis: "785/2021 (254/2015 § 22); 703/2023 § 18"}}
)

// Controller and processing basis (REG01x).
var (
	RuleOnBehalfRegister = &Check{Rule: finding.Rule{ID: "REG010", Severity: finding.Error,
		Title: finding.T("Ostopalvelun tai palvelusetelin asiakirja muussa kuin palvelunjärjestäjän rekisterissä",
			"Purchased-service or voucher document outside the organiser's register"),
		Basis: basisOnBehalf},
		Needs: []export.Field{export.Basis, export.ControllerID, export.OrganiserID}}
	RuleSelfPayingRegister = &Check{Rule: finding.Rule{ID: "REG011", Severity: finding.Error,
		Title: finding.T("Itsemaksavan asiakkaan asiakirja muussa kuin palveluntuottajan rekisterissä",
			"Self-paying client's document outside the provider's own register"),
		Basis: basisController + " mom 2"},
		Needs: []export.Field{export.Basis, export.ControllerID, export.ProducerID}}
	RuleControllerKind = &Check{Rule: finding.Rule{ID: "REG012", Severity: finding.Error,
		Title: finding.T("Rekisterinpitäjän laji ristiriidassa käsittelyperusteen kanssa",
			"Controller kind contradicts the processing basis"),
		Basis: basisOnBehalf + "; 1.2.246.537.5.40172"},
		Needs: []export.Field{export.Basis, export.ControllerKind}}
	RuleKelaController = &Check{Rule: finding.Rule{ID: "REG013", Severity: finding.Error,
		Title: finding.T("Kela merkitty asiakasasiakirjan rekisterinpitäjäksi",
			"Kela recorded as the controller of a client document"),
		Basis: "703/2023 §§ 13, 16, 23", Inferred: true},
		Needs: []export.Field{export.ControllerID}}
)

// Register use right of producers (REG02x).
var (
	useRightNeeds     = []export.Field{export.OrganiserID, export.ProducerID, export.ControllerID, export.Created, export.UnitStart, export.UnitEnd}
	RuleOutsideWindow = &Check{Rule: finding.Rule{ID: "REG020", Severity: finding.Error,
		Title: finding.T("Palveluntuottajan asiakirja palveluyksikön asiakkuuden ulkopuolella",
			"Producer document dated outside the service unit's client relationship"),
		Basis: basisUseRight, Inferred: true},
		Needs: useRightNeeds, NeedsAny: []export.Field{export.AuthorOrg, export.Basis}}
	RuleNoRelationship = &Check{Rule: finding.Rule{ID: "REG021", Severity: finding.Error,
		Title: finding.T("Palveluntuottajan asiakirja ilman palveluyksikön asiakkuutta",
			"Producer document without a client relationship for its service unit"),
		Basis: basisUseRight, Inferred: true},
		Needs: useRightNeeds, NeedsAny: []export.Field{export.AuthorOrg, export.Basis}}
	RuleNoCaseID = &Check{Rule: finding.Rule{ID: "REG022", Severity: finding.Error,
		Title: finding.T("Palveluntuottajan asiakirjaa ei ole liitetty palvelunjärjestäjän asiaan",
			"Producer document not attached to an organiser case id"),
		Basis: "703/2023 §§ 14, 37; Sosmeta 1.2.246.537.6.1505.2 (asiatunnus)", Inferred: true},
		Needs:    []export.Field{export.OrganiserID, export.ProducerID, export.ControllerID, export.CaseID},
		NeedsAny: []export.Field{export.AuthorOrg, export.Basis}}
	RuleUndatedProducerDoc = &Check{Rule: finding.Rule{ID: "REG023", Severity: finding.Warning,
		Title: finding.T("Palveluntuottajan asiakirjalta puuttuu päiväys: rekisterinkäyttöoikeutta ei voi tarkistaa",
			"Producer document has no date: register use right cannot be checked"),
		Basis: basisUseRight, Inferred: true},
		Needs: useRightNeeds, NeedsAny: []export.Field{export.AuthorOrg, export.Basis}}
)

// Required metadata and code sets (REG03x).
var (
	RuleNoServiceTask = &Check{Rule: finding.Rule{ID: "REG030", Severity: finding.Error,
		Title: finding.T("Asiakirjalta puuttuu palvelutehtävä", "Document has no service task"),
		Basis: basisSection37 + " mom 2"},
		Needs: []export.Field{export.ServiceTask}}
	RuleNoParties = &Check{Rule: finding.Rule{ID: "REG031", Severity: finding.Error,
		Title: finding.T("Toisen lukuun tuotetulta asiakirjalta puuttuu käsittelyperuste, palvelunjärjestäjä tai palveluntuottaja",
			"Document produced on another's behalf lacks its basis, organiser or producer"),
		Basis: basisSection37 + " mom 3"},
		Needs: []export.Field{export.Basis, export.OrganiserID, export.ProducerID}}
	RuleUnknownTask = &Check{Rule: finding.Rule{ID: "REG032", Severity: finding.Error,
		Title: finding.T("Tuntematon palvelutehtävä", "Unknown service task"),
		Basis: "Sosmeta 1.2.246.537.6.1221"},
		Needs: []export.Field{export.ServiceTask}}
	RuleUnknownDocType = &Check{Rule: finding.Rule{ID: "REG033", Severity: finding.Error,
		Title: finding.T("Tuntematon asiakirjatyyppi", "Unknown document type"),
		Basis: "Sosmeta 1.2.246.537.6.1506; 1.2.246.537.6.1505"}}
	RuleObsoleteDocType = &Check{Rule: finding.Rule{ID: "REG034", Severity: finding.Warning,
		Title: finding.T("Asiakirjatyyppi on vain vanhentuneena versiona", "Document type exists only as an obsolete version"),
		Basis: "Sosmeta 1.2.246.537.6.1506"}}
	RuleLegacyTask = &Check{Rule: finding.Rule{ID: "REG035", Severity: finding.Info,
		Title: finding.T("Vanha palvelutehtävän nimi (1989/2011/254/2015)", "Legacy service task name (1989/2011/254/2015)"),
		Basis: "Sosmeta 1.2.246.537.6.1221; 1.2.246.537.6.1259; 1.2.246.537.6.1283", Inferred: true},
		Needs: []export.Field{export.ServiceTask}}
)

// Voiding and identity of documents (REG04x).
var (
	RuleVoidNoReason = &Check{Rule: finding.Rule{ID: "REG040", Severity: finding.Warning,
		Title: finding.T("Mitätöity asiakirja ilman mitätöinnin syytä", "Voided document without a reason"),
		Basis: "Kanta: mitätöinti (MitatointiProvenance); 703/2023 § 38", Inferred: true},
		Needs: []export.Field{export.Status, export.VoidReason}}
	RuleConflictingRegisters = &Check{Rule: finding.Rule{ID: "REG041", Severity: finding.Error,
		Title: finding.T("Sama asiakirjatunniste eri rekistereissä", "Same document id in conflicting registers"),
		Basis: "703/2023 §§ 18, 69", Inferred: true}}
)

// Identifiers (IDN).
var (
	RuleInvalidHetu = &Check{Rule: finding.Rule{ID: "IDN001", Severity: finding.Error,
		Title: finding.T("Virheellinen henkilötunnus", "Invalid henkilötunnus"), Basis: basisHetu}}
	RuleInvalidOrg = &Check{Rule: finding.Rule{ID: "IDN002", Severity: finding.Error,
		Title: finding.T("Virheellinen Y-tunnus tai organisaation OID", "Invalid Y-tunnus or organisation OID"),
		Basis: basisOrgID, Inferred: true},
		NeedsAny: []export.Field{export.ControllerID, export.OrganiserID, export.ProducerID, export.AuthorOrg, export.ServiceUnit}}
	RuleNotTestID = &Check{Rule: finding.Rule{ID: "IDN003", Severity: finding.Error,
		Title: finding.T("Käyttöönottotestin asiakastunnus ei ole 900-sarjan testitunnus",
			"Deployment-test client id is not a 900-series test code"),
		Basis: "Kanta: testiketti (900-sarjan henkilötunnukset)"}, Mode: +1}
	RuleTestIDs = &Check{Rule: finding.Rule{ID: "IDN004", Severity: finding.Warning,
		Title: finding.T("Tuotantoaineistossa 900-sarjan testi- tai väliaikaisia tunnuksia",
			"900-series test or temporary codes in a production export"),
		Basis: "Kanta: testiketti", Inferred: true}, Mode: -1}
)

// Checks lists every check of the gate in report order.
var Checks = []*Check{
	RuleFieldCount, RuleQuoting, RuleBadDate, RuleMissingValue, RuleUnknownColumn, RuleUnknownValue, RuleUnnamedColumn,
	RuleBadVersion, RuleImplausibleDate, RuleLongField,
	RuleHealthInSocial, RuleNarrativeInHealth, RuleSocialInHealth, RuleMixedRegister, RuleUnknownRegister, RuleLegacyRegister,
	RuleOnBehalfRegister, RuleSelfPayingRegister, RuleControllerKind, RuleKelaController,
	RuleOutsideWindow, RuleNoRelationship, RuleNoCaseID, RuleUndatedProducerDoc,
	RuleNoServiceTask, RuleNoParties, RuleUnknownTask, RuleUnknownDocType, RuleObsoleteDocType, RuleLegacyTask,
	RuleVoidNoReason, RuleConflictingRegisters,
	RuleInvalidHetu, RuleInvalidOrg, RuleNotTestID, RuleTestIDs,
}

func init() {
	for i, c := range Checks {
		c.idx = i
	}
}

// Rules returns the finding.Rule of every check.
func Rules() []finding.Rule {
	out := make([]finding.Rule, len(Checks))
	for i, c := range Checks {
		out[i] = c.Rule
	}
	return out
}

// missing returns the columns c needs that h lacks (for NeedsAny: all of
// them when none is present).
func (c *Check) missing(h *export.Header) []export.Field {
	out := h.Missing(c.Needs...)
	if len(c.NeedsAny) > 0 && len(h.Missing(c.NeedsAny...)) == len(c.NeedsAny) {
		out = append(out, c.NeedsAny...)
	}
	return out
}
