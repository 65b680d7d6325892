package mapping

import (
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// DefaultThreshold is the confidence at or above which a fuzzy or synonym
// match is asserted; below it the candidates are offered for a workshop to
// choose. Chosen on the labelled set (testdata/labelled.csv): see
// TestLabelledPrecisionRecall for the figures at this value.
const DefaultThreshold = 0.75

// Confidences of the deterministic methods. Fuzzy confidences are capped
// below them so that a fuzzy match never looks like a certain one.
const (
	confExact      = 1.0
	confNormalised = 0.97
	confOverlay    = 0.97
	confSynonym    = 0.95
	confFuzzyMax   = 0.94
)

// maxCandidates is how many candidates a match keeps for the workshop.
const maxCandidates = 5

// minCandidate is the lowest score worth showing as a candidate.
const minCandidate = 0.35

// Matcher maps local document names to national types. Build it once per
// catalogue with NewMatcher; Match is safe for concurrent use.
type Matcher struct {
	cat       *sosmeta.Catalogue
	threshold float64
	accepted  *Accepted

	abbrev    map[string][]abbrevRule // first folded word → rules, longest first
	prefixes  []prefixRule
	noise     map[string]bool     // folded words and their stems
	generic   map[string]bool     // stems
	taskWords map[string][]string // stem → task IDs
	kindWords []kindWord          // longest first
	vocab     map[string]bool     // stems used to split compounds

	idf     map[string]float64
	byFirst map[byte][]int // variant part stem IDs by first byte, for soft matching
	stems   []string       // variant part stems by ID
	// triIndex lists, for each trigram, the variants that have it, so
	// the Dice coefficient against every variant costs one pass over the
	// query's trigrams.
	triIndex map[uint32][]int32
	variants []*variant
	info     map[string]*typeInfo

	// keyIndex: sorted stem bag of a national name → type keys.
	keyIndex map[string][]string
	phrases  map[string]*Phrase // stem bag → phrase
	local    map[string]bool    // stem bags of known non-national documents
	overlay  map[string]string  // stem bag of an overlay synonym → key
}

type abbrevRule struct{ from, to []string }

type prefixRule struct{ from, to string }

type kindWord struct{ raw, stem, kind string }

type typeInfo struct {
	d      *sosmeta.DocumentType
	common bool
}

func (t *typeInfo) belongsAny(tasks []string) bool {
	for _, task := range tasks {
		if t.d.BelongsTo(task) {
			return true
		}
	}
	return false
}

// variant is one name of a type prepared for scoring: a national FI or SV
// name (any version) or a shipped phrase.
type variant struct {
	key    string
	info   *typeInfo
	parts  []part
	tri    []uint32
	head   string
	task   string // phrase variants apply only in this task context
	phrase bool
	// byTask is the phrase's task table: its default variant stands aside
	// when the context task has an entry of its own.
	byTask map[string]string
}

type part struct {
	s     string
	id    int // index in Matcher.stems (variant parts only)
	w     float64
	tasks []string // the part signals these service tasks
	// compound: the part came from splitting a compound word.
	compound bool
}

// analysed is a name prepared for matching.
type analysed struct {
	parts    []part
	bag      string // sorted unique stems
	tri      []uint32
	head     string
	tasks    []string    // tasks signalled by task words
	expanded bool        // an abbreviation or old word form was replaced
	sims     [][]float64 // per part: similarity to each Matcher.stems
	// mainParts counts the parts outside parenthesised remarks; the last
	// of them is the head word of a Finnish name.
	mainParts int
}

// splitRemarks separates parenthesised text from the rest of a name.
func splitRemarks(s string) (main, remark string) {
	var mb, rb strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
			rb.WriteByte(' ')
		case (r == ')' || r == ']') && depth > 0:
			depth--
			rb.WriteByte(' ')
		case depth > 0:
			rb.WriteRune(r)
		default:
			mb.WriteRune(r)
		}
	}
	return mb.String(), rb.String()
}

// Weights of query words that the catalogue does not know, of task words
// and of generic words.
const (
	unknownWeight     = 1.0
	unknownHeadWeight = 3.0
	taskWeight        = 1.2
	genericFactor     = 0.3
	fBeta             = 1.5
	remarkFactor      = 0.5
)

// NewMatcher prepares the catalogue's names and the vocabulary (nil: the
// shipped one) for matching.
func NewMatcher(cat *sosmeta.Catalogue, voc *Vocabulary, threshold float64, acc *Accepted) (*Matcher, error) {
	if voc == nil {
		var err error
		if voc, err = ShippedVocabulary(); err != nil {
			return nil, err
		}
	}
	if err := voc.Check(cat); err != nil {
		return nil, err
	}
	if threshold <= 0 {
		threshold = DefaultThreshold
	}
	m := &Matcher{
		cat: cat, threshold: threshold, accepted: acc,
		abbrev: map[string][]abbrevRule{}, noise: map[string]bool{}, generic: map[string]bool{},
		taskWords: map[string][]string{}, vocab: map[string]bool{}, idf: map[string]float64{},
		byFirst: map[byte][]int{}, info: map[string]*typeInfo{}, keyIndex: map[string][]string{},
		phrases: map[string]*Phrase{}, local: map[string]bool{}, overlay: map[string]string{},
	}
	addVocab := func(s string) {
		for _, w := range words(s) {
			if st := stem(w); len(st) >= minStem {
				m.vocab[st] = true
			}
			if len(w) >= minStem {
				m.vocab[w] = true
			}
		}
	}
	for _, w := range voc.Noise {
		for _, f := range words(w) {
			m.noise[f], m.noise[stem(f)] = true, true
		}
		addVocab(w)
	}
	for _, f := range functionWords {
		m.noise[f] = true
	}
	for _, w := range voc.Generic {
		for _, f := range words(w) {
			m.generic[stem(f)] = true
		}
	}
	for _, abbr := range slices.Sorted(maps.Keys(voc.Abbreviations)) {
		from, to := words(abbr), words(voc.Abbreviations[abbr])
		if len(from) == 0 || len(to) == 0 {
			continue // Check reports these
		}
		m.abbrev[from[0]] = append(m.abbrev[from[0]], abbrevRule{from: from, to: to})
		addVocab(voc.Abbreviations[abbr])
	}
	for k := range m.abbrev {
		rs := m.abbrev[k]
		sort.SliceStable(rs, func(i, j int) bool { return len(rs[i].from) > len(rs[j].from) })
	}
	for _, from := range slices.Sorted(maps.Keys(voc.WordPrefixes)) {
		m.prefixes = append(m.prefixes, prefixRule{from: textnorm.Fold(from), to: textnorm.Fold(voc.WordPrefixes[from])})
	}
	for _, task := range slices.Sorted(maps.Keys(voc.TaskWords)) {
		for _, w := range voc.TaskWords[task] {
			f := words(w)
			if len(f) == 0 {
				continue
			}
			st := stem(strings.Join(f, ""))
			m.taskWords[st] = appendOnce(m.taskWords[st], task)
			if len(f) > 1 { // "henkilökohtainen apu": also each word's stem
				for _, x := range f {
					if s := stem(x); len(s) >= 5 {
						m.taskWords[s] = appendOnce(m.taskWords[s], task)
					}
				}
			}
			addVocab(w)
		}
	}
	for _, kind := range slices.Sorted(maps.Keys(voc.Kinds)) {
		for _, w := range voc.Kinds[kind] {
			f := strings.Join(words(w), "")
			if f == "" {
				continue
			}
			m.kindWords = append(m.kindWords, kindWord{raw: f, stem: stem(f), kind: kind})
			addVocab(w)
		}
	}
	sort.SliceStable(m.kindWords, func(i, j int) bool { return len(m.kindWords[i].raw) > len(m.kindWords[j].raw) })
	for _, p := range voc.Phrases {
		for _, n := range p.Names {
			addVocab(n)
		}
	}
	for _, d := range cat.Types() {
		for _, v := range d.Versions {
			addVocab(v.NameFI)
			addVocab(v.NameSV)
		}
	}

	// National names: every FI and SV name of every version.
	df := map[string]int{}
	nTypes := 0
	for _, d := range cat.Types() {
		ti := &typeInfo{d: d, common: d.Common}
		m.info[d.Key()] = ti
		seen := map[string]bool{}
		typeStems := map[string]bool{}
		for _, v := range d.Versions {
			for _, n := range []string{v.NameFI, v.NameSV} {
				f := textnorm.Fold(n)
				if n == "" || seen[f] {
					continue
				}
				seen[f] = true
				a := m.analyse(n, false)
				if len(a.parts) == 0 {
					continue
				}
				m.keyIndex[a.bag] = appendOnce(m.keyIndex[a.bag], d.Key())
				if !d.Current {
					continue // obsolete-only types resolve exactly, never fuzzily
				}
				m.variants = append(m.variants, &variant{key: d.Key(), parts: a.parts, tri: a.tri, head: a.head})
				for _, p := range a.parts {
					typeStems[p.s] = true
				}
			}
		}
		if d.Current {
			nTypes++
			for s := range typeStems {
				df[s]++
			}
		}
	}
	for s, n := range df {
		m.idf[s] = math.Log(1 + float64(nTypes)/float64(n))
	}
	// Phrases: exact stem bags, and variants for fuzzy matching.
	for i := range voc.Phrases {
		p := &voc.Phrases[i]
		for _, n := range p.Names {
			a := m.analyse(n, true)
			if len(a.parts) == 0 {
				continue
			}
			m.phrases[a.bag] = p
			if p.Code != "" {
				m.variants = append(m.variants, &variant{key: p.Code, parts: a.parts, tri: a.tri, head: a.head, phrase: true, byTask: p.ByTask})
			}
			for _, task := range slices.Sorted(maps.Keys(p.ByTask)) {
				m.variants = append(m.variants, &variant{key: p.ByTask[task], parts: a.parts, tri: a.tri, head: a.head, task: task, phrase: true})
			}
		}
	}
	for _, n := range voc.Local {
		if a := m.analyse(n, true); len(a.parts) > 0 {
			m.local[a.bag] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(cat.Synonyms)) {
		if a := m.analyse(name, true); len(a.parts) > 0 {
			m.overlay[a.bag] = cat.Synonyms[name]
		}
	}
	// Weights of variant parts, and the soft-match index.
	m.triIndex = map[uint32][]int32{}
	for vi, v := range m.variants {
		v.info = m.info[v.key]
		for _, t := range v.tri {
			m.triIndex[t] = append(m.triIndex[t], int32(vi))
		}
	}
	stemID := map[string]int{}
	for _, v := range m.variants {
		for i := range v.parts {
			p := &v.parts[i]
			p.w = m.weightOf(*p)
			id, ok := stemID[p.s]
			if !ok {
				id = len(m.stems)
				stemID[p.s] = id
				m.stems = append(m.stems, p.s)
				m.byFirst[p.s[0]] = append(m.byFirst[p.s[0]], id)
			}
			p.id = id
		}
	}
	return m, nil
}

// functionWords are Finnish and Swedish words that carry no meaning for
// matching, and case endings left over from "LS:n", "HaO:lle".
var functionWords = []string{
	"ja", "tai", "seka", "sek", "eli", "ym", "yms", "jne", "koskeva", "koskevat", "liittyva", "liittyvat",
	"om", "och", "av", "for", "i", "till", "med", "vid", "pa", "som", "eller", "en", "ett", "den", "det",
	"n", "lle", "lla", "lta", "ssa", "sta", "ta", "ksi", "iin", "aan", "een", "han", "hin", "na", "t", "a",
}

// weightOf is a part's weight: its rarity in national names, cut for
// generic words standing alone ("Iäkkäiden palvelujen …") but not inside
// a compound (palvelu|suunnitelma, palvelu|päätös), where they narrow
// the meaning.
func (m *Matcher) weightOf(p part) float64 {
	w, ok := m.idf[p.s]
	if !ok {
		w = unknownWeight
	}
	if m.generic[p.s] && !p.compound {
		w *= genericFactor
	}
	return w
}

// split splits a stem into compound parts known to the vocabulary,
// recursively on both sides so that catalogue names and local names end
// up split the same way.
func (m *Matcher) split(w string) []string {
	return m.splitDepth(w, 0)
}

func (m *Matcher) splitDepth(w string, depth int) []string {
	if depth > 4 || len(w) < 7 {
		return []string{w}
	}
	for i := 3; i <= len(w)-minStem; i++ {
		head := w[i:]
		if !m.vocab[head] {
			continue
		}
		mod := w[:i]
		return append(m.splitDepth(mod, depth+1), m.splitDepth(head, depth+1)...)
	}
	return []string{w}
}

func (m *Matcher) kindOf(w, s string) string {
	for _, k := range m.kindWords {
		if w == k.raw || s == k.stem || strings.HasSuffix(w, k.raw) || (len(k.stem) >= minStem && strings.HasSuffix(s, k.stem)) {
			return k.kind
		}
	}
	return ""
}

// expand applies abbreviations and old word forms.
func (m *Matcher) expand(ws []string) ([]string, bool) {
	var out []string
	changed := false
	for i := 0; i < len(ws); {
		matched := false
		for _, r := range m.abbrev[ws[i]] {
			if i+len(r.from) > len(ws) {
				continue
			}
			ok := true
			for j, f := range r.from {
				if ws[i+j] != f {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, r.to...)
				i += len(r.from)
				matched, changed = true, true
				break
			}
		}
		if !matched {
			w := ws[i]
			for _, p := range m.prefixes {
				if strings.HasPrefix(w, p.from) {
					w = p.to + w[len(p.from):]
					changed = true
					break
				}
			}
			out = append(out, w)
			i++
		}
	}
	return out, changed
}

// numbering matches list numbering and years ("3.2", "2016", "v2").
var numbering = regexp.MustCompile(`^(v?[0-9]+)$`)

// analyse prepares a name. expand applies the vocabulary's abbreviations
// and word forms (local names and phrases; national names need none).
func (m *Matcher) analyse(name string, expand bool) *analysed {
	a := &analysed{}
	// Parenthesised remarks ("(kotihoito)", "(LSL 62 §)") are matched but
	// never taken as the head of the name.
	main, remark := splitRemarks(name)
	var ws []string
	for _, w := range words(main) {
		if !numbering.MatchString(w) {
			ws = append(ws, w)
		}
	}
	nMain := len(ws)
	for _, w := range words(remark) {
		if !numbering.MatchString(w) {
			ws = append(ws, w)
		}
	}
	if expand {
		var mainChanged, remChanged bool
		mainWs, remWs := ws[:nMain], ws[nMain:]
		mainWs, mainChanged = m.expand(mainWs)
		remWs, remChanged = m.expand(remWs)
		nMain = len(mainWs)
		ws = append(mainWs, remWs...)
		a.expanded = mainChanged || remChanged
	}
	type wordInfo struct {
		parts []part
		kind  string
	}
	var infos []wordInfo
	var kept []string
	for wi, w := range ws {
		if wi == nMain {
			a.mainParts = len(a.parts)
		}
		if m.noise[w] {
			continue
		}
		s := stem(w)
		if m.noise[s] {
			continue
		}
		var ps []part
		if tasks := m.taskWords[s]; tasks != nil {
			ps = []part{{s: s, tasks: tasks}}
		} else {
			split := m.split(s)
			for _, p := range split {
				if m.noise[p] {
					continue
				}
				ps = append(ps, part{s: p, tasks: m.taskWords[p], compound: len(split) > 1})
			}
		}
		if len(ps) == 0 {
			continue
		}
		kept = append(kept, w)
		infos = append(infos, wordInfo{parts: ps, kind: m.kindOf(w, s)})
		for _, p := range ps {
			a.parts = append(a.parts, p)
			for _, t := range p.tasks {
				a.tasks = appendOnce(a.tasks, t)
			}
		}
	}
	if nMain == len(ws) {
		a.mainParts = len(a.parts)
	}
	if len(infos) > 0 {
		// The head kind: "Päätös lapsen …", "Beslut om …" lead with it;
		// Finnish compounds and phrases end with it.
		if first := infos[0]; first.kind != "" && len(first.parts) == 1 && len(infos) > 1 {
			a.head = first.kind
		} else {
			for i := len(infos) - 1; i >= 0; i-- {
				if infos[i].kind != "" {
					a.head = infos[i].kind
					break
				}
			}
		}
	}
	stems := make([]string, 0, len(a.parts))
	seen := map[string]bool{}
	for _, p := range a.parts {
		if !seen[p.s] {
			seen[p.s] = true
			stems = append(stems, p.s)
		}
	}
	sort.Strings(stems)
	a.bag = strings.Join(stems, " ")
	a.tri = trigrams(strings.Join(kept, " "))
	return a
}

// prepareQuery weighs a local name's parts and finds their soft matches
// among the catalogue's stems.
func (m *Matcher) prepareQuery(a *analysed) {
	a.sims = make([][]float64, len(a.parts))
	for i := range a.parts {
		p := &a.parts[i]
		sims := make([]float64, len(m.stems))
		best, bestStem := 0.0, ""
		for _, id := range m.byFirst[p.s[0]] {
			s := m.stems[id]
			if v := tokenSim(p.s, s); v > 0 {
				sims[id] = v
				if v > best || (v == best && s < bestStem) {
					best, bestStem = v, s
				}
			}
		}
		a.sims[i] = sims
		switch {
		case len(p.tasks) > 0:
			p.w = taskWeight
		case best >= 0.7:
			p.w = m.weightOf(part{s: bestStem, compound: p.compound}) * best
		case i == a.mainParts-1 && len(p.s) >= minStem:
			// An unknown head word ("…diaari", "…lista") says the
			// document is something the catalogue does not have.
			p.w = unknownHeadWeight
		default:
			p.w = m.weightOf(*p)
		}
		if m.generic[p.s] {
			p.w = m.weightOf(*p)
		}
		if i >= a.mainParts {
			p.w *= remarkFactor // a parenthesised remark is not the name
		}
	}
}

// score rates one variant against a prepared query in a task context.
func (m *Matcher) score(q *analysed, v *variant, diceQV float64, ctx []string) float64 {
	ti := v.info
	var qw, qs float64
	for i, p := range q.parts {
		best := 0.0
		for _, vp := range v.parts {
			best = max(best, q.sims[i][vp.id])
		}
		if len(p.tasks) > 0 && best < 0.9 {
			switch {
			case ti.common:
				best = max(best, 0.5)
			case ti.belongsAny(p.tasks):
				best = 0.9
			}
		}
		qw += p.w
		qs += p.w * best
	}
	var cw, cs float64
	for _, vp := range v.parts {
		if len(vp.tasks) > 0 && len(ctx) == 0 {
			// Without a task context the task words of national names
			// ("Iäkkäiden palvelujen …") cannot be judged either way.
			continue
		}
		best := 0.0
		for i := range q.parts {
			best = max(best, q.sims[i][vp.id])
		}
		if best < 0.9 && len(vp.tasks) > 0 && intersects(vp.tasks, ctx) {
			best = 0.9
		}
		cw += vp.w
		cs += vp.w * best
	}
	if qw == 0 || cw == 0 {
		return 0
	}
	qc, cc := qs/qw, cs/cw
	// F-beta with the local name's coverage weighted up: national names
	// are long and local ones short, so unmatched national words count
	// less than unexplained local ones.
	tok := 0.0
	if b2 := fBeta * fBeta; qc+cc > 0 {
		tok = (1 + b2) * qc * cc / (b2*cc + qc)
	}
	s := max(tok, diceQV-0.08)
	switch {
	case q.head != "" && v.head != "" && q.head != v.head:
		s *= 0.65
	case q.head != "" && v.head == "":
		s *= 0.9
	}
	if len(ctx) > 0 && !ti.common && !ti.belongsAny(ctx) {
		s *= 0.8
	}
	return s
}

func intersects(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// fuzzy scores every type for the queries and returns candidates, best
// first.
func (m *Matcher) fuzzy(ctx []string, qs ...*analysed) []Candidate {
	best := map[string]float64{}
	via := map[string]Method{}
	for _, q := range qs {
		if q == nil || len(q.parts) == 0 {
			continue
		}
		common := make([]int32, len(m.variants))
		for _, t := range q.tri {
			for _, vi := range m.triIndex[t] {
				common[vi]++
			}
		}
		for vi, v := range m.variants {
			if v.task != "" && !contains(ctx, v.task) {
				continue
			}
			if v.phrase && v.task == "" && hasTaskEntry(v.byTask, ctx) {
				continue
			}
			d := 0.0
			if n := len(q.tri) + len(v.tri); n > 0 {
				d = 2 * float64(common[vi]) / float64(n)
			}
			s := m.score(q, v, d, ctx)
			if s > best[v.key] {
				best[v.key] = s
				via[v.key] = MethodFuzzy
				if v.phrase || q.expanded {
					via[v.key] = MethodSynonym
				}
			}
		}
	}
	out := make([]Candidate, 0, len(best))
	for k, s := range best {
		if s >= minCandidate {
			out = append(out, Candidate{Key: k, Method: via[k], Confidence: s})
		}
	}
	sortCandidates(out)
	// Confidence: the score, less a penalty when the runner-up is close.
	if len(out) > 0 {
		top := out[0].Confidence
		second := 0.0
		if len(out) > 1 {
			second = out[1].Confidence
		}
		// A tie is a coin toss: confidence falls to tieFactor of the
		// score and recovers linearly until the runner-up is
		// ambiguityMargin behind. The others are runners-up by definition.
		for i := range out {
			c := out[i].Confidence
			if i == 0 {
				c *= tieFactor + (1-tieFactor)*min(1, (top-second)/ambiguityMargin)
			} else {
				c *= tieFactor
			}
			out[i].Confidence = round(min(max(c, 0), confFuzzyMax))
		}
		sortCandidates(out)
	}
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out
}

// ambiguityMargin and tieFactor shape the confidence of a top candidate
// whose runner-up is close.
const (
	ambiguityMargin = 0.1
	tieFactor       = 0.6
)

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

func sortCandidates(cs []Candidate) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Confidence != cs[j].Confidence {
			return cs[i].Confidence > cs[j].Confidence
		}
		return keyLess(cs[i].Key, cs[j].Key)
	})
}

// keyLess orders catalogue keys: numeric codes numerically, groups last.
func keyLess(a, b string) bool {
	ga, gb := strings.HasPrefix(a, "group:"), strings.HasPrefix(b, "group:")
	if ga != gb {
		return gb
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func appendOnce(xs []string, s string) []string {
	if contains(xs, s) {
		return xs
	}
	return append(xs, s)
}

// Input is what Match looks at: the document's local name, the national
// type as written, and its service tasks (resolved IDs, default first).
type Input struct {
	Name        string
	NationalRaw string
	Tasks       []string
	// TaskRaw is the task as written; its task words are used when Tasks
	// is empty.
	TaskRaw string
}

// InputOf takes a Match input from an inventory document.
func InputOf(d *inventory.Document) Input {
	return Input{Name: d.Name, NationalRaw: d.NationalRaw, Tasks: d.ServiceTasks, TaskRaw: d.ServiceTaskRaw}
}

// Note is something Match noticed that deserves a finding besides the
// match itself.
type Note struct {
	Kind NoteKind
	// Key is the type concerned; Raw what the row said.
	Key string
	Raw string
}

// NoteKind classifies notes.
type NoteKind int

const (
	// NoteUnknownCode: NationalRaw looks like a code or OID that the
	// catalogue does not have.
	NoteUnknownCode NoteKind = iota + 1
	// NoteObsoleteType: the type matched exists only as obsolete versions.
	NoteObsoleteType
	// NoteObsoleteName: NationalRaw uses an obsolete name or structure OID
	// of a current type.
	NoteObsoleteName
	// NoteAcceptedOverridesCode: an accepted mapping differs from the code
	// written in the row.
	NoteAcceptedOverridesCode
)

// codeLike matches a code as written: "11023", "group:1", and "1006.0"
// as Excel writes a number cell.
var codeLike = regexp.MustCompile(`^(?i:group:)?[0-9]{1,6}(\.0+)?$`)

// Match maps one document. The result's Doc is left 0 for the caller.
func (m *Matcher) Match(in Input) (Match, []Note) { return m.match(in, true) }

// match maps one document, with or without the accepted mappings.
func (m *Matcher) match(in Input, useAccepted bool) (Match, []Note) {
	var notes []Note
	ctx := append([]string(nil), in.Tasks...)
	nameQ := m.analyse(in.Name, true)
	if len(ctx) == 0 {
		ctx = nameQ.tasks
		if len(ctx) == 0 && in.TaskRaw != "" {
			ctx = m.analyse(in.TaskRaw, true).tasks
		}
	}
	res := Match{Method: MethodNone, Task: first(ctx)}

	// What the row says the national type is.
	raw := strings.TrimSpace(in.NationalRaw)
	if i := strings.IndexByte(raw, '.'); i > 0 && codeLike.MatchString(raw) {
		raw = raw[:i] // "1006.0" → "1006"
	}
	var rawType *sosmeta.DocumentType
	var rawMethod Method
	if raw != "" {
		if codeLike.MatchString(raw) || strings.HasPrefix(raw, "1.2.246.") || strings.HasPrefix(strings.ToLower(raw), "urn:oid:") {
			if strings.HasPrefix(strings.ToLower(raw), "group:") {
				rawType = m.cat.ByKey("group:" + raw[len("group:"):])
			} else {
				rawType = m.cat.Resolve(raw)
			}
			if rawType == nil {
				notes = append(notes, Note{Kind: NoteUnknownCode, Raw: raw})
			} else {
				rawMethod = MethodCode
				if oid := strings.TrimPrefix(raw, "urn:oid:"); rawType.Current && strings.Count(oid, ".") > 7 && oid != rawType.StructureOID {
					if v := versionByOID(rawType, oid); v != nil && v.Status == sosmeta.Obsolete {
						notes = append(notes, Note{Kind: NoteObsoleteName, Key: rawType.Key(), Raw: raw})
					}
				}
			}
		} else if ds := m.cat.ByExactName(raw); len(ds) == 1 {
			rawType, rawMethod = ds[0], MethodExact
		} else if ds := m.cat.ByFoldedName(raw); len(ds) == 1 {
			rawType, rawMethod = ds[0], MethodNormalised
		}
		if rawType != nil && rawType.Current && (rawMethod == MethodExact || rawMethod == MethodNormalised) && !isCurrentName(rawType, raw) {
			notes = append(notes, Note{Kind: NoteObsoleteName, Key: rawType.Key(), Raw: raw})
		}
	}

	// 1. Accepted mapping. A suggestion the tool wrote itself keeps the
	// recognition it came from while that still says the same.
	if m.accepted != nil && useAccepted {
		if e, ok := m.accepted.Lookup(in.Name, in.Tasks); ok {
			if e.Suggested {
				if own, ownNotes := m.match(in, false); e.Agrees(own) {
					return own, ownNotes
				}
			}
			res.Key, res.Method, res.Confidence, res.Field = e.Key, MethodAccepted, 1, FieldAccepted
			if e.Key != "" {
				res.Candidates = []Candidate{{Key: e.Key, Method: MethodAccepted, Confidence: 1}}
			}
			if rawType != nil && rawType.Key() != e.Key {
				notes = append(notes, Note{Kind: NoteAcceptedOverridesCode, Key: rawType.Key(), Raw: raw})
			}
			return res, m.obsoleteNote(res.Key, notes)
		}
	}
	// 2. Explicit code, OID or national name in the row.
	if rawType != nil {
		conf := confExact
		if rawMethod == MethodNormalised {
			conf = confNormalised
		}
		res.set(rawType.Key(), rawMethod, conf, FieldNational)
		return res, m.obsoleteNote(res.Key, notes)
	}
	// 3. Exact and normalised local name.
	if ds := m.cat.ByExactName(in.Name); len(ds) == 1 {
		res.set(ds[0].Key(), MethodExact, confExact, FieldName)
		return res, m.obsoleteNote(res.Key, notes)
	}
	if ds := m.cat.ByFoldedName(in.Name); len(ds) == 1 {
		res.set(ds[0].Key(), MethodNormalised, confNormalised, FieldName)
		return res, m.obsoleteNote(res.Key, notes)
	}
	// 4. Synonyms: the overlay's, then the shipped phrases, then a national
	// name equal to the local one after stemming and abbreviations.
	if len(nameQ.parts) > 0 {
		if k, ok := m.overlay[nameQ.bag]; ok {
			res.set(k, MethodSynonym, confOverlay, FieldName)
			return res, m.obsoleteNote(res.Key, notes)
		}
		if p := m.phrases[nameQ.bag]; p != nil {
			if k := phraseKey(p, ctx); k != "" {
				res.set(k, MethodSynonym, confSynonym, FieldName)
				return res, m.obsoleteNote(res.Key, notes)
			}
		}
		if m.local[nameQ.bag] {
			// Known not to be a client document: say so, offer nothing.
			res.Key, res.Method, res.Confidence, res.Field = "", MethodLocal, confSynonym, FieldName
			return res, notes
		}
		if ks := m.keyIndex[nameQ.bag]; len(ks) == 1 {
			method, conf := MethodNormalised, confNormalised
			if nameQ.expanded {
				method, conf = MethodSynonym, confSynonym
			}
			res.set(ks[0], method, conf, FieldName)
			return res, m.obsoleteNote(res.Key, notes)
		}
	}
	// 5. Fuzzy, over the local name and whatever the national column said.
	m.prepareQuery(nameQ)
	var natQ *analysed
	if raw != "" && !codeLike.MatchString(raw) {
		natQ = m.analyse(raw, true)
		m.prepareQuery(natQ)
		if nameQ.head == "" {
			nameQ.head = natQ.head
		}
	}
	res.Candidates = m.fuzzy(ctx, nameQ, natQ)
	if len(res.Candidates) > 0 && res.Candidates[0].Confidence >= m.threshold {
		c := res.Candidates[0]
		res.Key, res.Method, res.Confidence, res.Field = c.Key, c.Method, c.Confidence, FieldName
		return res, m.obsoleteNote(res.Key, notes)
	}
	if len(res.Candidates) > 0 {
		res.Confidence = res.Candidates[0].Confidence
	}
	return res, notes
}

func (r *Match) set(key string, method Method, conf float64, field string) {
	r.Key, r.Method, r.Confidence, r.Field = key, method, conf, field
	r.Candidates = []Candidate{{Key: key, Method: method, Confidence: conf}}
}

func (m *Matcher) obsoleteNote(key string, notes []Note) []Note {
	if key == "" {
		return notes
	}
	if d := m.cat.ByKey(key); d != nil && !d.Current {
		notes = append(notes, Note{Kind: NoteObsoleteType, Key: key})
	}
	return notes
}

func hasTaskEntry(byTask map[string]string, ctx []string) bool {
	for _, t := range ctx {
		if _, ok := byTask[t]; ok {
			return true
		}
	}
	return false
}

func phraseKey(p *Phrase, ctx []string) string {
	for _, t := range ctx {
		if k, ok := p.ByTask[t]; ok {
			return k
		}
	}
	return p.Code
}

func versionByOID(d *sosmeta.DocumentType, oid string) *sosmeta.Version {
	for i := range d.Versions {
		if d.Versions[i].StructureOID == oid {
			return &d.Versions[i]
		}
	}
	return nil
}

// isCurrentName reports whether name is the FI or SV name of d's current
// version (after folding).
func isCurrentName(d *sosmeta.DocumentType, name string) bool {
	f := textnorm.Fold(name)
	return f == textnorm.Fold(d.NameFI) || (d.NameSV != "" && f == textnorm.Fold(d.NameSV))
}

func first(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}
