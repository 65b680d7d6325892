package stategraph

import "math"

// Conformance are the figures of one service task, in pm4py's terms. The
// model is the national target: the current types specific to the task
// (sosmeta TypesForTask), each a target step. The log is the
// organisation's documents of the task.
type Conformance struct {
	Task string `json:"task"`
	// TargetSteps is the number of task-specific national types, Covered
	// how many are present, InPhase how many have a document in their
	// national phase, Outside the task's documents with no national type of
	// the task: all four are analyzer/coverage's figures for the task,
	// copied, never recomputed.
	TargetSteps int `json:"target_steps"`
	Covered     int `json:"covered"`
	InPhase     int `json:"in_phase"`
	Outside     int `json:"outside"`
	// Matched target steps have a local document of the task in their
	// national phase; Misphased have documents of the task, none in the
	// national phase; Elsewhere are shared types kept only under another
	// task. Matched + Misphased + Elsewhere = Covered.
	Matched   int `json:"matched"`
	Misphased int `json:"misphased"`
	Elsewhere int `json:"elsewhere"`
	// Missing target steps have no local document: model moves.
	Missing int `json:"missing"`
	// Extra counts the drawn local documents with no national type of the
	// task (unmapped, another task's type, obsolete): log moves (= Outside).
	Extra int `json:"extra"`
	// CommonTypes counts the national types common to every task that the
	// organisation uses here. They conform but are not target steps, so
	// they are outside the fitness figure; CommonMisphased of them are
	// kept only in another phase.
	CommonTypes     int `json:"common_types"`
	CommonMisphased int `json:"common_misphased"`
	// Documents is the number of local documents drawn for the task.
	Documents int `json:"documents"`
	// Fitness is Covered / TargetSteps, the share of target steps present
	// (pm4py's fitness), rounded to three decimals; 1 when the task has no
	// target steps.
	Fitness float64 `json:"fitness"`
	// PhaseFitness is InPhase / TargetSteps: present and in the right phase.
	PhaseFitness  float64  `json:"phase_fitness"`
	MissingKeys   []string `json:"missing_keys"`
	MisphasedKeys []string `json:"misphased_keys"`
	// ExtraDocuments are the local names of the extra documents, in
	// inventory order.
	ExtraDocuments []string `json:"extra_documents"`
}

// Present is the number of target steps with a local document.
func (c *Conformance) Present() int { return c.Covered }

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
	c.Fitness = round3(float64(c.Covered) / float64(c.TargetSteps))
	c.PhaseFitness = round3(float64(c.InPhase) / float64(c.TargetSteps))
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
