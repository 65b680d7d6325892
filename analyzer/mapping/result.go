package mapping

// Method says how a local document was matched to a national type, in
// order of trust.
type Method string

const (
	MethodAccepted   Method = "accepted"   // confirmed by the user in an accepted-mappings file
	MethodCode       Method = "code"       // explicit code or OID in the row
	MethodExact      Method = "exact"      // exact FI/SV name, current or obsolete
	MethodNormalised Method = "normalised" // name equal after folding case, diacritics, punctuation
	MethodSynonym    Method = "synonym"    // shipped or overlay synonym / abbreviation
	MethodFuzzy      Method = "fuzzy"      // token and n-gram similarity
	MethodLocal      Method = "local"      // a known local or health-care document: no national type by design
	MethodNone       Method = "none"       // nothing above the threshold
)

// Candidate is a possible national type for a local document.
type Candidate struct {
	Key        string  `json:"key"` // catalogue key: "11023" or "group:1"
	Method     Method  `json:"method"`
	Confidence float64 `json:"confidence"` // 0..1
}

// Match is the mapping of one inventory document.
type Match struct {
	// Doc indexes Inventory.Documents.
	Doc int `json:"doc"`
	// Key is the accepted national type ("" when nothing reached the
	// threshold: then Candidates are offered, not asserted).
	Key        string      `json:"key,omitempty"`
	Method     Method      `json:"method"`
	Confidence float64     `json:"confidence"`
	Candidates []Candidate `json:"candidates,omitempty"`
	// Field says what the match rests on: the local name, the national
	// column of the row, or the accepted-mappings file.
	Field string `json:"field,omitempty"`
	// Task is the service task used as context: the document's default
	// task, or one inferred from task words in its name ("" = none).
	Task string `json:"task,omitempty"`
}

// Values of Match.Field.
const (
	FieldName     = "name"
	FieldNational = "national"
	FieldAccepted = "accepted"
)

// Mapped reports whether the match asserts a national type.
func (m Match) Mapped() bool { return m.Key != "" }

// Result is the mapping analyzer's result: one Match per document, in
// inventory order.
type Result struct {
	Matches   []Match `json:"matches"`
	Threshold float64 `json:"threshold"`
	// Accepted is the accepted-mappings file used ("" = none).
	Accepted string `json:"accepted,omitempty"`
}

// ByDoc returns the match of inventory document i, or nil.
func (r *Result) ByDoc(i int) *Match {
	if r == nil {
		return nil
	}
	if i < 0 || i >= len(r.Matches) || r.Matches[i].Doc != i {
		for j := range r.Matches {
			if r.Matches[j].Doc == i {
				return &r.Matches[j]
			}
		}
		return nil
	}
	return &r.Matches[i]
}
