package stategraph

import "math"

// Conformance are the figures of one service task, in pm4py's terms. The
// model is the national target: the current types specific to the task
// (sosmeta TypesForTask), each a target step. The log is the
// organisation's documents of the task.
type Conformance struct {
	Task string `json:"task"`
	// TargetSteps is the number of task-specific national types.
	TargetSteps int `json:"target_steps"`
	// Matched target steps have a local document in their national phase.
	Matched int `json:"matched"`
	// Misphased target steps have local documents, none in the national phase.
	Misphased int `json:"misphased"`
	// Missing target steps have no local document: model moves.
	Missing int `json:"missing"`
	// Extra counts local documents with no national type of the task
	// (unmapped, another task's type, obsolete): log moves.
	Extra int `json:"extra"`
	// CommonTypes counts the national types common to every task that the
	// organisation uses here. They conform but are not target steps, so
	// they are outside the fitness figure; CommonMisphased of them are
	// kept only in another phase.
	CommonTypes     int `json:"common_types"`
	CommonMisphased int `json:"common_misphased"`
	// Documents is the number of local documents drawn for the task.
	Documents int `json:"documents"`
	// Fitness is (Matched + Misphased) / TargetSteps, the share of target
	// steps present, rounded to three decimals; 1 when the task has no
	// target steps.
	Fitness float64 `json:"fitness"`
	// PhaseFitness is Matched / TargetSteps: present and in the right phase.
	PhaseFitness  float64  `json:"phase_fitness"`
	MissingKeys   []string `json:"missing_keys"`
	MisphasedKeys []string `json:"misphased_keys"`
	// ExtraDocuments are the local names of the extra documents, in
	// inventory order.
	ExtraDocuments []string `json:"extra_documents"`
}

// Present is the number of target steps with a local document.
func (c *Conformance) Present() int { return c.Matched + c.Misphased }

func (c *Conformance) finish() {
	if c.MissingKeys == nil {
		c.MissingKeys = []string{}
	}
	if c.MisphasedKeys == nil {
		c.MisphasedKeys = []string{}
	}
	if c.ExtraDocuments == nil {
		c.ExtraDocuments = []string{}
	}
	if c.TargetSteps == 0 {
		c.Fitness, c.PhaseFitness = 1, 1
		return
	}
	c.Fitness = round3(float64(c.Present()) / float64(c.TargetSteps))
	c.PhaseFitness = round3(float64(c.Matched) / float64(c.TargetSteps))
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
