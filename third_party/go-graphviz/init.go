package graphviz

// kartoitus patch: see internal/wasm/load.go.

import (
	"context"

	"github.com/goccy/go-graphviz/cgraph"
	"github.com/goccy/go-graphviz/internal/wasm"
	"github.com/tetratelabs/wazero"
)

func init() {
	wasm.OnLoad(func(context.Context) error {
		Directed = cgraph.Directed
		StrictDirected = cgraph.StrictDirected
		UnDirected = cgraph.UnDirected
		StrictUnDirected = cgraph.StrictUnDirected
		return nil
	})
}

// Init compiles and instantiates the Graphviz WebAssembly module, with
// cache for the compiled code (nil: compile in memory only). Only the
// first call has an effect; every other entry point calls it with no
// cache if it has not been called, and panics if that fails.
func Init(ctx context.Context, cache wazero.CompilationCache) error {
	return wasm.Load(ctx, cache)
}
