package stategraph

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// benchDocs builds n child-welfare documents: most mapped to national
// types (task-specific and common) in their own or a neighbouring phase,
// every seventh unmapped, systems and registers varied.
func benchDocs(cat *sosmeta.Catalogue, n int) ([]inventory.Document, []string) {
	var types []*sosmeta.DocumentType
	for _, d := range cat.CurrentTypes() {
		if d.BelongsTo("child_welfare") {
			types = append(types, d)
		}
	}
	regs := []registers.Kind{registers.Social, registers.Social, registers.Social, registers.Health, registers.Mixed}
	docs := make([]inventory.Document, n)
	keys := make([]string, n)
	for i := range docs {
		t := types[i%len(types)]
		phase := t.Phase
		if i%5 == 0 {
			phase = cat.Phases[(cat.PhaseOrder(t.Phase))%len(cat.Phases)].ID
		}
		docs[i] = inventory.Document{
			Name:         fmt.Sprintf("%s (versio %d)", t.NameFI, i),
			ServiceTasks: []string{"child_welfare"},
			Phase:        phase,
			System:       fmt.Sprintf("Järjestelmä %d", i%4),
			Register:     regs[i%len(regs)],
		}
		if i%7 != 0 {
			keys[i] = t.Key()
		}
	}
	return docs, keys
}

// BenchmarkComparison200 builds the three pictures of a 200-document task
// and writes the comparison as DOT.
func BenchmarkComparison200(b *testing.B) {
	cat := sosmeta.MustDefault()
	docs, keys := benchDocs(cat, 200)
	b.ReportAllocs()
	for b.Loop() {
		tg, err := BuildTask(cat, "child_welfare", docs, keys, covOf(cat, docs, keys))
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteDOT(io.Discard, tg.Comparison, Options{Lang: finding.FI}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOverview200 builds and writes the overview of 200 documents.
func BenchmarkOverview200(b *testing.B) {
	cat := sosmeta.MustDefault()
	docs, keys := benchDocs(cat, 200)
	b.ReportAllocs()
	for b.Loop() {
		ov, err := BuildOverview(cat, docs, keys, covOf(cat, docs, keys))
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteOverviewDOT(&buf, ov, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
