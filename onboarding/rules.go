package onboarding

import "github.com/kartoitus/kartoitus/finding"

// Rules of the plan. Late and at-risk tasks are findings so that the CLI's
// --fail-on decides the exit code the way every other command does.
var (
	RuleStatusRejected = finding.Rule{ID: "PLN001", Severity: finding.Warning,
		Title: finding.T("Tilatiedoston rivi hylätty", "Status file row rejected"), Basis: "kartoitus plan"}
	RuleStaffRejected = finding.Rule{ID: "PLN002", Severity: finding.Warning,
		Title: finding.T("Henkilöstöluettelon rivi hylätty", "Staff list row rejected"), Basis: "kartoitus plan"}
	RuleRegistrationUnknown = finding.Rule{ID: "PLN003", Severity: finding.Warning,
		Title: finding.T("Ammattihenkilörekisteröinti ei tiedossa: oletettu henkilöstökortti", "Professional registration not stated: staff card assumed"),
		Basis: "K20 dia 18–19"}
	RuleDoneInFuture = finding.Rule{ID: "PLN004", Severity: finding.Warning,
		Title: finding.T("Tehtävä merkitty valmiiksi tulevalle päivälle", "Task marked done on a future date"), Basis: "kartoitus plan"}
	RuleLate = finding.Rule{ID: "PLN010", Severity: finding.Error,
		Title: finding.T("Tehtävä myöhässä: ei ehdi ennen viimeistä valmistumispäivää", "Task late: cannot finish by its latest finish"),
		Basis: "K20 (tehtävän lähde)"}
	RuleAtRisk = finding.Rule{ID: "PLN011", Severity: finding.Warning,
		Title: finding.T("Tehtävä riskissä: aloitettava pian tai ehtii vain lyhimmällä läpimenoajalla", "Task at risk: must start soon or only makes it at the short end of its lead time"),
		Basis: "K20 (tehtävän lähde)"}
	RuleGoLiveHoliday = finding.Rule{ID: "PLN020", Severity: finding.Info,
		Title: finding.T("Käyttöönottopäivä ei ole arkipäivä", "Go-live date is not a working day"), Basis: "calendar"}
	RuleDeadlineConflict = finding.Rule{ID: "PLN021", Severity: finding.Warning,
		Title: finding.T("Suunnitellut kestot eivät mahdu lähteen määräaikaan", "Planned durations do not fit the source's deadline"),
		Basis: "K20 dia 30"}
)

// Rules lists the plan's rules for reports.
func Rules() []finding.Rule {
	return []finding.Rule{RuleStatusRejected, RuleStaffRejected, RuleRegistrationUnknown, RuleDoneInFuture,
		RuleLate, RuleAtRisk, RuleGoLiveHoliday, RuleDeadlineConflict}
}
