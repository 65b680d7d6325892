package wasm

// kartoitus patch: the WebAssembly module is compiled and instantiated on
// the first Load instead of at package init, so a program that links
// go-graphviz pays nothing (no compile, no files) until it draws, and the
// caller chooses the compilation cache (upstream used $TMPDIR/go-graphviz,
// shared between users, and panicked when it could not be used).

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
)

var (
	loadMu       sync.Mutex
	loaded       bool
	loadErr      error
	instantiated atomic.Bool // mod.mod is set
	onLoad       []func(context.Context) error
)

// OnLoad registers fn to run, in registration order, when the module has
// been instantiated (package inits use it for values that need the module).
func OnLoad(fn func(context.Context) error) { onLoad = append(onLoad, fn) }

// Load compiles and instantiates the module once, with cache (nil: none).
// Once the module is instantiated, later calls return that call's result
// and ignore cache; a failure before that (a compile error, say from a
// damaged cache) leaves nothing behind, and a later call tries again.
func Load(ctx context.Context, cache wazero.CompilationCache) error {
	loadMu.Lock()
	defer loadMu.Unlock()
	if loaded {
		return loadErr
	}
	err := load(ctx, cache)
	if err != nil && !instantiated.Load() {
		return err
	}
	loaded, loadErr = true, err
	return loadErr
}

func load(ctx context.Context, cache wazero.CompilationCache) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("graphviz: %v", r)
		}
	}()
	if err := instantiate(ctx, cache); err != nil {
		return fmt.Errorf("graphviz: %w", err)
	}
	want := enumSnapshot()
	bindEnums(ctx)
	// Packages copied the enum values at init, before the module existed;
	// they only hold if the module agrees with the values compiled in.
	if got := enumSnapshot(); !slices.Equal(got, want) {
		return fmt.Errorf("graphviz: the module's enum values differ from the built-in ones (update internal/wasm/enums.go)")
	}
	for _, fn := range onLoad {
		if err := fn(ctx); err != nil {
			return fmt.Errorf("graphviz: %w", err)
		}
	}
	return nil
}

// Loaded reports whether Load has instantiated the module.
func Loaded() bool { return instantiated.Load() }

// enumSnapshot lists every enum value bindEnums sets, in its order.
func enumSnapshot() []int64 {
	return []int64{
		int64(GRAPH),
		int64(NODE),
		int64(OUT_EDGE),
		int64(IN_EDGE),
		int64(EDGE),
		int64(WARN),
		int64(ERR),
		int64(MAX),
		int64(PREV),
		int64(IMAGE_TYPE_NULL),
		int64(IMAGE_TYPE_BMP),
		int64(IMAGE_TYPE_GIF),
		int64(IMAGE_TYPE_PNG),
		int64(IMAGE_TYPE_JPEG),
		int64(IMAGE_TYPE_PDF),
		int64(IMAGE_TYPE_PS),
		int64(IMAGE_TYPE_EPS),
		int64(IMAGE_TYPE_SVG),
		int64(IMAGE_TYPE_XML),
		int64(IMAGE_TYPE_RIFF),
		int64(IMAGE_TYPE_WEBP),
		int64(IMAGE_TYPE_ICO),
		int64(IMAGE_TYPE_TIFF),
		int64(ROOTGRAPH_OBJTYPE),
		int64(CLUSTER_OBJTYPE),
		int64(NODE_OBJTYPE),
		int64(EDGE_OBJTYPE),
		int64(MAP_RECTANGLE),
		int64(MAP_CIRCLE),
		int64(MAP_POLYGON),
		int64(EMIT_GDRAW),
		int64(EMIT_CDRAW),
		int64(EMIT_TDRAW),
		int64(EMIT_HDRAW),
		int64(EMIT_GLABEL),
		int64(EMIT_CLABEL),
		int64(EMIT_TLABEL),
		int64(EMIT_HLABEL),
		int64(EMIT_NDRAW),
		int64(EMIT_EDRAW),
		int64(EMIT_NLABEL),
		int64(EMIT_ELABEL),
		int64(EMIT_SORTED),
		int64(EMIT_COLORS),
		int64(EMIT_CLUSTERS_LAST),
		int64(EMIT_PREORDER),
		int64(EMIT_EDGE_SORTED),
		int64(DEVICE_DOES_PAGES),
		int64(DEVICE_DOES_LAYERS),
		int64(DEVICE_EVENTS),
		int64(DEVICE_DOES_TRUECOLOR),
		int64(DEVICE_BINARY_FORMAT),
		int64(DEVICE_COMPRESSED_FORMAT),
		int64(DEVICE_NO_WRITER),
		int64(RENDER_Y_GOES_DOWN),
		int64(RENDER_DOES_TRANSFORM),
		int64(RENDER_DOES_LABELS),
		int64(RENDER_DOES_MAPS),
		int64(RENDER_DOES_MAP_RECTANGLE),
		int64(RENDER_DOES_MAP_CIRCLE),
		int64(RENDER_DOES_MAP_POLYGON),
		int64(RENDER_DOES_MAP_ELLIPSE),
		int64(RENDER_DOES_MAP_BSPLINE),
		int64(RENDER_DOES_TOOLTIPS),
		int64(RENDER_DOES_TARGETS),
		int64(RENDER_DOES_Z),
		int64(RENDER_NO_WHITE_BG),
		int64(LAYOUT_NOT_REQUIRED),
		int64(OUTPUT_NOT_REQUIRED),
		int64(PEN_NONE),
		int64(PEN_DASHED),
		int64(PEN_DOTTED),
		int64(PEN_SOLID),
		int64(FILL_NONE),
		int64(FILL_SOLID),
		int64(FILL_LINEAR),
		int64(FILL_RADIAL),
		int64(FONT_REGULAR),
		int64(FONT_BOLD),
		int64(FONT_ITALIC),
		int64(LABEL_PLAIN),
		int64(LABEL_HTML),
		int64(HSVA_DOUBLE),
		int64(RGBA_BYTE),
		int64(RGBA_WORD),
		int64(RGBA_DOUBLE),
		int64(COLOR_STRING),
		int64(COLOR_INDEX),
		int64(API_RENDER),
		int64(API_LAYOUT),
		int64(API_TEXTLAYOUT),
		int64(API_DEVICE),
		int64(API_LOADIMAGE),
	}
}
