// Package deploytest plans, verifies and reports the register-use-right
// deployment test (rekisterinkäyttöoikeus-toiminnallisuuden
// käyttöönottokoe) between an organiser (palvelunjärjestäjä) and a
// producer (palveluntuottaja), as Kela's instruction and test case of
// 27.6.2025 (K25, ../shared/sources/kela-2025-rekisterinkayttooikeus-kayttoonottokoe.txt)
// describes it:
//
//   - Plan reads a pairs file (YAML, or the XLSX that WritePairsTemplate
//     writes) and says which tests are required (the first use of a
//     system combination with an organiser's register), which are
//     recommended (every other one; the first producer in the
//     rinnakkaisliittymismalli by name), which are done or missing, and
//     which prerequisites are missing; and gives the vendor's view of the
//     system combinations verified.
//   - Verify reads the organiser system's register export of the test
//     person (and optionally the producer system's, taken after the end
//     date) through the export package and judges each step of Taulukko 1
//     (J1–J5) and 2 (T1–T6) and the ground rule T0 as pass, fail or
//     confirm (the exports cannot show it).
//   - Draft fills the report draft (HTML, XLSX) with the deadline two
//     working days after the test date (calendar package).
//   - WriteChecklist writes the test-day checklist workbook.
//
// K25 says what the parties do, not how an export shows it: every check
// of an export is our reading and is marked Inferred (StepDef.Inferred,
// finding.Rule.Inferred), with the reason in a comment where it is made.
// Results are plain types with a stable JSON form (Schema) so that a
// report can render them.
package deploytest
