package separation

import (
	"strings"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// memoLimit bounds each lookup cache. Register, basis, type and task
// values repeat endlessly in an export; caching their resolution is what
// keeps the per-row cost below the CSV parse. Past the limit (a column of
// near-unique values) lookups are computed and not stored, so memory stays
// bounded.
const memoLimit = 1 << 16

// memo caches a value's resolution by its raw text. Keys are cloned: a
// record's strings alias the whole line. The last value is checked before
// the map: consecutive rows usually share organisation, basis and task, and
// a string compare is several times cheaper than a map lookup.
type memo[V any] struct {
	m       map[string]memoEntry[V]
	last    memoEntry[V]
	hasLast bool
}

type memoEntry[V any] struct {
	key string // the cloned key, reused as last.key without a new copy
	v   V
}

// get is split so that its usual case, the last value again, is inlined
// into the row loop (about ten lookups a row).
func (c *memo[V]) get(s string, compute func(string) V) V {
	if c.hasLast && s == c.last.key {
		return c.last.v
	}
	return c.lookup(s, compute)
}

func (c *memo[V]) lookup(s string, compute func(string) V) V {
	e, ok := c.m[s]
	if !ok {
		// compute gets the clone: what it returns may keep the text
		// (a document-type code, a task's parts), which must not alias
		// the reader's buffer.
		key := strings.Clone(s)
		e = memoEntry[V]{key: key, v: compute(key)}
		if c.m == nil {
			c.m = map[string]memoEntry[V]{}
		}
		if len(c.m) < memoLimit {
			c.m[e.key] = e
		}
	}
	c.last, c.hasLast = e, true
	return e.v
}

// docInfo is what the gate needs to know about a document-type value.
type docInfo struct {
	typ *sosmeta.DocumentType
	// health: a health-care (patient) document, not a Sosmeta type.
	health bool
	// narrative: an asiakaskertomus entry (Sosmeta kind
	// Asiakaskertomusmerkintä), which § 46 keeps in the social register.
	narrative bool
	// joint: a needs assessment or client plan that §§ 46–47 allow in both
	// registers. [I] recognised by kind and name.
	joint bool
	// relationship: the Asiakkuusasiakirja (document group 1) that carries
	// the producer unit's client-relationship window.
	relationship bool
	code         string
	sig          cond // its part of a row's signature
}

func resolveDocType(cat *sosmeta.Catalogue, m *export.Mapping) func(string) *docInfo {
	return func(raw string) *docInfo {
		di := docTypeOf(cat, m, raw)
		di.sig = di.docSig()
		return di
	}
}

func docTypeOf(cat *sosmeta.Catalogue, m *export.Mapping, raw string) *docInfo {
	v := m.Value(export.DocumentType, raw)
	if m.HealthDocument(raw) || m.HealthDocument(v) {
		return &docInfo{health: true, code: v}
	}
	d := lookupType(cat, v)
	if d == nil {
		// Not a Sosmeta type: a health-care document by its register
		// words or the one health vocabulary (registers), else unknown.
		if registers.Classify(v) == registers.Health || registers.LooksLikeHealthDocument(v) {
			return &docInfo{health: true, code: v}
		}
		return &docInfo{code: v}
	}
	return &docInfo{typ: d, code: d.Key(), relationship: d.Relationship(), narrative: d.Narrative(), joint: d.Joint()}
}

// lookupType accepts a 1506 code ("11023"), a document group as "group:1"
// or "1505.1", "1506.11023", any structure or code-system OID
// ("1.2.246.537.6.1505.1.2023.6.1", "1.2.246.537.6.1506.11023") and
// finally an exact or folded FI/SV name. A bare group code ("1") resolves
// to the group only when no client-document type has that code, which is
// the case for every current group.
func lookupType(cat *sosmeta.Catalogue, v string) *sosmeta.DocumentType {
	switch {
	case v == "":
		return nil
	case strings.HasPrefix(v, "group:"):
		return cat.ByKey(v)
	case strings.HasPrefix(v, "1505."):
		return cat.ByKey("group:" + v[5:])
	case strings.HasPrefix(v, "1506."):
		return cat.ByKey(v[5:])
	}
	return cat.Resolve(v)
}

// taskInfo is a resolved service-task value (possibly several tasks
// separated by '|' or ',').
type taskInfo struct {
	ids     []string
	unknown []string // parts that resolve to nothing
	legacy  []string // parts resolved through a legacy (pre-2024) name
	sig     cond     // its part of a row's signature
}

func resolveTask(cat *sosmeta.Catalogue, m *export.Mapping) func(string) *taskInfo {
	current := map[string]bool{}
	for _, t := range cat.Tasks {
		for _, n := range append([]string{t.ID, t.Code, t.FI, t.SV, t.EN}, t.Synonyms...) {
			if n != "" {
				current[textnorm.Fold(n)] = true
			}
		}
	}
	for a := range cat.TaskAliases {
		current[a] = true
	}
	return func(raw string) *taskInfo {
		ti := &taskInfo{}
		v := m.Value(export.ServiceTask, raw)
		for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '|' || r == ',' }) {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			ids := cat.ResolveTask(part)
			if len(ids) == 0 {
				ti.unknown = append(ti.unknown, part)
				continue
			}
			if !current[textnorm.Fold(part)] {
				ti.legacy = append(ti.legacy, part)
			}
			ti.ids = append(ti.ids, ids[0])
		}
		ti.sig = ti.taskSig(raw)
		return ti
	}
}

// orgInfo is a validated organisation id; y is 0 when empty or invalid.
type orgInfo struct {
	y   ident.YTunnus
	err error
	// top: an OID of node 10, unit 0 — the toimintayksikkö itself
	// ("Toimintayksikön OID päättyy aina .10.0", Kela's Kanta guidance).
	top bool
}

func resolveOrg(raw string) orgInfo {
	o, err := ident.ParseOrg(raw)
	if err != nil {
		return orgInfo{err: err}
	}
	return orgInfo{y: o.YTunnus, top: o.Node == 10 && o.Unit == 0}
}

// unitIsID reports whether a service-unit value is meant as an OID and so
// must validate; unit names are accepted as they are.
func unitIsID(s string) bool {
	return strings.HasPrefix(s, "1.") || strings.HasPrefix(s, "urn:oid:")
}

// kela is Kansaneläkelaitos's Y-tunnus 0246246-0.
const kela ident.YTunnus = 2462460
