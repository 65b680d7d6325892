package retention

import (
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

// DefaultHorizon is the horizon when neither --horizon nor the overlay's
// retention_horizon sets one: a period of this many years, counted from
// any event of the client's life, is taken to outlast every period of
// the annex counted from a later event (or from one that may come later).
// It is the tool's convention, not a national fact: 703/2023 gives no such
// bound, and a client who lives more than 118 years after a document was
// made would outlive it against a "2 vuotta asiakkaan kuolemasta" row.
const DefaultHorizon = 120

// Period is a retention period: a length and the event it runs from.
// Plans are compared with the law on both; a length alone says nothing
// when the two count from different events.
type Period struct {
	// Years is the length; sosmeta.Permanent (-1) is permanent.
	Years int
	// Start is the event the period runs from, "" when the plan gives
	// none.
	Start sosmeta.StartEvent
}

// order is how a plan's start event relates to the law's, for one client.
type order int

const (
	// orderSame: the same event, or one the annex treats as the same
	// (a message's date is its document date).
	orderSame order = iota
	// orderLater: the plan's event never comes before the law's.
	orderLater
	// orderEarlier: the plan's event never comes after the law's and may
	// come before it.
	orderEarlier
	// orderUnknown: either may come first.
	orderUnknown
)

// notBefore lists the events known to come no earlier than an event, for
// one client and one case: the order the retention comparison relies on.
// Each edge a → b reads "b never comes before a". Edges are the
// document's life (a case's documents are made while it is open, the case
// closes before the last case of the task, every case before the end of
// the client relationship, the relationship ends at the latest with the
// client's death) and what follows from the annex's own wording (a
// decision ends its validity, a document gets a newer version, only after
// it is made; neither outlives the client [inferred]).
//
// What is deliberately not ordered [inferred, conservative]:
//   - the child's birth: a document on a child's matter can be made, and
//     a case closed, before the child is born (an advance child-welfare
//     notification, a paternity acknowledgement during pregnancy, adoption
//     counselling), and in family law the client whose death is counted may
//     be a parent who died before the birth;
//   - the log event: a log file can be dated before the events it records;
//   - "other" records-management events (the end of the financial year…)
//     and the end of the need for use.
var notBefore = map[sosmeta.StartEvent][]sosmeta.StartEvent{
	sosmeta.StartDocumentDate:        {sosmeta.StartCaseClosed, sosmeta.StartDecisionValidityEnd, sosmeta.StartNewerVersion},
	sosmeta.StartCaseClosed:          {sosmeta.StartLastCaseClosed, tos.StartServiceEnded},
	sosmeta.StartLastCaseClosed:      {tos.StartServiceEnded},
	tos.StartServiceEnded:            {sosmeta.StartClientDeath},
	sosmeta.StartDecisionValidityEnd: {sosmeta.StartClientDeath},
	sosmeta.StartNewerVersion:        {sosmeta.StartClientDeath},
}

// sameEvent maps events the annex treats as one: "viestin tai vastaavan
// päiväyksestä" is the document's own date.
func sameEvent(e sosmeta.StartEvent) sosmeta.StartEvent {
	if e == sosmeta.StartMessageDate {
		return sosmeta.StartDocumentDate
	}
	return e
}

// follows reports whether b is known never to come before a.
func follows(a, b sosmeta.StartEvent) bool {
	seen := map[sosmeta.StartEvent]bool{}
	var walk func(x sosmeta.StartEvent) bool
	walk = func(x sosmeta.StartEvent) bool {
		if x == b {
			return true
		}
		if seen[x] {
			return false
		}
		seen[x] = true
		for _, y := range notBefore[x] {
			if walk(y) {
				return true
			}
		}
		return false
	}
	return walk(a)
}

// orderOf relates the plan's start event to the law's.
func orderOf(plan, law sosmeta.StartEvent) order {
	plan, law = sameEvent(plan), sameEvent(law)
	switch {
	case plan == law:
		return orderSame
	case follows(law, plan):
		return orderLater
	case follows(plan, law):
		return orderEarlier
	}
	return orderUnknown
}

// verdict is the outcome of comparing a plan period with the law's.
type verdict int

const (
	// verdictEqual: keeps exactly as long as the law (same event and
	// length), or at least as long from a later event with the same
	// length: nothing to report about the length.
	verdictEqual verdict = iota
	// verdictLonger: keeps longer than the law.
	verdictLonger
	// verdictShorter: the plan may destroy before the law allows.
	verdictShorter
	// verdictNoStart: the plan gives no start event (or one the tool does
	// not understand) and its length is at least the law's but below the
	// horizon: it keeps long enough only if counted from the law's event
	// or a later one.
	verdictNoStart
)

// comparison is a verdict with what the messages need to say why.
type comparison struct {
	verdict verdict
	order   order
	// byHorizon: the plan counts from an earlier or unordered event and
	// is long enough only by the horizon.
	byHorizon bool
}

// compare compares a fixed-term plan period with a fixed-term law period
// (neither permanent; the law's Years above 0 and its start an event).
// known is false when the plan's start is empty or not understood. A
// plan counted from an earlier event than the law's, or from one that
// may come earlier, is shorter than the law unless it is at least the
// horizon, and only for a law period shorter than the horizon: against
// "120 vuotta lapsen syntymästä" the horizon proves nothing.
func compare(plan, law Period, known bool, horizon int) comparison {
	byHorizon := plan.Years >= horizon && law.Years < horizon
	if !known {
		switch {
		case plan.Years < law.Years:
			return comparison{verdict: verdictShorter, order: orderUnknown}
		case byHorizon:
			return comparison{verdict: verdictLonger, order: orderUnknown, byHorizon: true}
		}
		return comparison{verdict: verdictNoStart, order: orderUnknown}
	}
	o := orderOf(plan.Start, law.Start)
	switch o {
	case orderSame, orderLater:
		switch {
		case plan.Years < law.Years:
			return comparison{verdict: verdictShorter, order: o}
		case plan.Years > law.Years:
			return comparison{verdict: verdictLonger, order: o}
		}
		return comparison{verdict: verdictEqual, order: o}
	}
	if byHorizon {
		return comparison{verdict: verdictLonger, order: o, byHorizon: true}
	}
	return comparison{verdict: verdictShorter, order: o}
}
