package mapping

import (
	_ "embed"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/kartoitus/kartoitus/internal/strictyaml"

	"github.com/kartoitus/kartoitus/sosmeta"
)

//go:embed data/synonyms.yaml
var shippedVocabulary []byte

// Vocabulary is the practitioner vocabulary the matcher uses besides the
// catalogue's own names: abbreviations, old word forms, whole-name
// phrases, words that signal a service task or a document kind, and noise.
// The shipped one is data/synonyms.yaml.
type Vocabulary struct {
	Abbreviations map[string]string   `yaml:"abbreviations"`
	WordPrefixes  map[string]string   `yaml:"word_prefixes"`
	Phrases       []Phrase            `yaml:"phrases"`
	TaskWords     map[string][]string `yaml:"task_words"`
	Kinds         map[string][]string `yaml:"kinds"`
	Noise         []string            `yaml:"noise"`
	Generic       []string            `yaml:"generic"`
	// Local lists names of documents that are not Sosmeta client
	// documents at all (patient records, staff and unit documents), so
	// the fuzzy matcher never asserts a national type for them.
	Local []string `yaml:"local"`
}

// Phrase maps whole local names to a type: ByTask when the document's
// service task has an entry, Code otherwise ("" = no common type).
type Phrase struct {
	Names  []string          `yaml:"names"`
	Code   string            `yaml:"code"`
	ByTask map[string]string `yaml:"by_task"`
}

// ShippedVocabulary parses the embedded data/synonyms.yaml.
func ShippedVocabulary() (*Vocabulary, error) {
	return ParseVocabulary("data/synonyms.yaml", shippedVocabulary)
}

// ParseVocabulary reads a vocabulary file; unknown keys are errors so a
// misspelt section is not silently ignored.
func ParseVocabulary(src string, b []byte) (*Vocabulary, error) {
	var v Vocabulary
	if err := strictyaml.Decode(src, b, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// Check verifies that every code and task the vocabulary names exists in
// the catalogue, so a typo in the data file fails loudly, not by never
// matching.
func (v *Vocabulary) Check(cat *sosmeta.Catalogue) error {
	var errs []string
	code := func(where, c string) {
		if c != "" && cat.ByKey(c) == nil {
			errs = append(errs, fmt.Sprintf("%s: unknown catalogue key %q", where, c))
		}
	}
	task := func(where, t string) {
		if cat.Task(t) == nil {
			errs = append(errs, fmt.Sprintf("%s: unknown service task %q", where, t))
		}
	}
	for i, p := range v.Phrases {
		where := fmt.Sprintf("phrases[%d] %q", i, strings.Join(p.Names, ", "))
		if len(p.Names) == 0 {
			errs = append(errs, where+": no names")
		}
		if p.Code == "" && len(p.ByTask) == 0 {
			errs = append(errs, where+": neither code nor by_task")
		}
		code(where+" code", p.Code)
		for _, t := range slices.Sorted(maps.Keys(p.ByTask)) {
			task(where+" by_task", t)
			code(where+" by_task."+t, p.ByTask[t])
		}
	}
	for _, t := range slices.Sorted(maps.Keys(v.TaskWords)) {
		task("task_words", t)
	}
	for _, abbr := range slices.Sorted(maps.Keys(v.Abbreviations)) {
		if len(words(abbr)) == 0 || len(words(v.Abbreviations[abbr])) == 0 {
			errs = append(errs, fmt.Sprintf("abbreviations: entry %q: %q has no words", abbr, v.Abbreviations[abbr]))
		}
	}
	for _, kind := range slices.Sorted(maps.Keys(v.Kinds)) {
		for _, w := range v.Kinds[kind] {
			if len(words(w)) == 0 {
				errs = append(errs, fmt.Sprintf("kinds.%s: entry %q has no words", kind, w))
			}
		}
	}
	for _, task := range slices.Sorted(maps.Keys(v.TaskWords)) {
		for _, w := range v.TaskWords[task] {
			if len(words(w)) == 0 {
				errs = append(errs, fmt.Sprintf("task_words.%s: entry %q has no words", task, w))
			}
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return errors.New("vocabulary: " + strings.Join(errs, "; "))
	}
	return nil
}
