package registers

import (
	"strings"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// healthStem is a folded word start that marks a health-care patient
// document [inferred: a name is only a hint, so the rules resting on this
// are marked Inferred]. compound also matches inside a word
// ("kotisairaanhoito", "lääkärinlausunto"); stems that occur inside social
// welfare words ("mielenterveyskuntoutujan asumispalvelu") match only at a
// word's start.
type healthStem struct {
	stem     string
	compound bool
}

// healthStems is the one health-care vocabulary of the tool: the inventory
// register checks and the register gate use it alike. Social-welfare
// document names (Sosmeta) use none of these.
var healthStems = []healthStem{
	{"potilas", true}, {"patient", true}, {"sairauskertomu", true}, {"sairaanhoi", true},
	{"laakity", true}, {"laakelist", true}, {"laakehoi", true}, {"laakemaarays", true},
	{"laakari", true}, {"lakarintyg", true}, {"diagnoo", true}, {"diagnos", false}, {"laboratorio", true},
	{"rontgen", true}, {"rokotu", true}, {"resepti", true}, {"hammashoi", true}, {"fysioterapia", true},
	{"terveystarkastu", true}, {"terveydenhoitaja", true}, {"terveydenhuol", true}, {"hoitotyon", true},
	{"hoitokertomu", true}, {"epikriisi", true}, {"tyoterveys", true},
	{"medical", false}, {"clinical", false}, {"nursing", false}, {"halsovard", true},
}

// healthPhrases match anywhere in the folded name.
var healthPhrases = []string{"lahete sairaalaan", "hoitotyon yhteenveto"}

// LooksLikeHealthDocument reports whether a local name or document-type
// value reads as a health-care patient document rather than a
// social-welfare client document.
func LooksLikeHealthDocument(name string) bool {
	f := textnorm.Fold(name)
	if f == "" {
		return false
	}
	for _, p := range healthPhrases {
		if strings.Contains(f, p) {
			return true
		}
	}
	for _, w := range strings.Fields(f) {
		for _, s := range healthStems {
			if strings.HasPrefix(w, s.stem) || (s.compound && strings.Contains(w, s.stem)) {
				return true
			}
		}
	}
	return false
}
