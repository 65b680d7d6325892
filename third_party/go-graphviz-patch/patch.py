#!/usr/bin/env python3
"""Apply kartoitus's patch to a pristine go-graphviz v0.2.10 copy.

Run from the repository root after copying the module (see README.md in
this folder). It edits the copy in place and fails loudly if upstream
changed the code it expects, so an update cannot half-apply.
"""
import pathlib, sys

root = pathlib.Path("third_party/go-graphviz")

def edit(rel, old, new, count=1):
    p = root / rel
    s = p.read_text()
    if s.count(old) != count:
        sys.exit(f"{rel}: expected {count} of {old[:60]!r}, found {s.count(old)}")
    p.write_text(s.replace(old, new))

# 1. internal/wasm: the package init becomes instantiate(ctx, cache),
#    called once by Load; no compilation cache in the shared temp dir.
edit("internal/wasm/bind.go",
     "func init() {\n\tctx := context.Background()\n\tcfg := wazero.NewRuntimeConfig()\n\tif cache := getCompilationCache(); cache != nil {\n",
     "// instantiate was this package's init (kartoitus patch): it runs on the\n"
     "// first Load, with the caller's compilation cache, and returns errors.\n"
     "func instantiate(ctx context.Context, cache wazero.CompilationCache) error {\n\tcfg := wazero.NewRuntimeConfig()\n\tif cache != nil {\n")
edit("internal/wasm/bind.go",
     "\tif _, err := env.Instantiate(ctx); err != nil {\n\t\tpanic(err)\n\t}\n\twasi_snapshot_preview1.MustInstantiate(ctx, r)\n\n\tcompiled, err := r.CompileModule(ctx, wasmFile)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tfs := &WasmFileSystem{}\n",
     "\tif _, err := env.Instantiate(ctx); err != nil {\n\t\treturn err\n\t}\n\tif _, err := wasi_snapshot_preview1.Instantiate(ctx, r); err != nil {\n\t\treturn err\n\t}\n\n\tcompiled, err := r.CompileModule(ctx, wasmFile)\n\tif err != nil {\n\t\t_ = r.Close(ctx)\n\t\treturn err\n\t}\n\tfs := mod.fs\n")
edit("internal/wasm/bind.go",
     "\t\t\tWithName(\"wasi\"),\n\t)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tmod = &WasmModule{\n\t\tmod:           m,\n\t\tfs:            fs,\n\t\tlookupFuncMap: &LookupFuncMap{},\n\t\tcallbackFuncMap: &CallbackFuncMap{\n",
     "\t\t\tWithName(\"wasi\"),\n\t)\n\tif err != nil {\n\t\t_ = r.Close(ctx)\n\t\treturn err\n\t}\n\tmod.mod = m\n\tinstantiated.Store(true)\n\treturn nil\n}\n\n"
     "// newWasmModule allocates the module's Go side at package init, so that\n"
     "// gvc's init can register its functions before anything is compiled\n"
     "// (kartoitus patch).\n"
     "func newWasmModule() *WasmModule {\n\treturn &WasmModule{\n\t\tfs:            &WasmFileSystem{},\n\t\tlookupFuncMap: &LookupFuncMap{},\n\t\tcallbackFuncMap: &CallbackFuncMap{\n")
# The enum bindings after the struct literal move to bindEnums.
edit("internal/wasm/bind.go",
     "\t\t},\n\t}\n\t// bind ObjectTag values.\n",
     "\t\t},\n\t}\n}\n\n// bindEnums reads the C enum values from the instantiated module (it was\n// the end of this package's init; kartoitus patch).\nfunc bindEnums(ctx context.Context) {\n\t// bind ObjectTag values.\n")
edit("internal/wasm/bind.go", "var mod *WasmModule\n", "var mod = newWasmModule()\n")
edit("internal/wasm/bind.go",
     "func getCompilationCache() wazero.CompilationCache {\n\ttmpDir := os.TempDir()\n\tif tmpDir == \"\" {\n\t\treturn nil\n\t}\n\tcacheDir := filepath.Join(tmpDir, \"go-graphviz\")\n\tif _, err := os.Stat(cacheDir); err != nil {\n\t\tif err := os.Mkdir(cacheDir, 0o755); err != nil {\n\t\t\treturn nil\n\t\t}\n\t}\n\tcache, err := wazero.NewCompilationCacheWithDir(cacheDir)\n\tif err != nil {\n\t\treturn nil\n\t}\n\treturn cache\n}\n\n",
     "")
edit("internal/wasm/bind.go",
     "func (m *WasmModule) ExportedFunction(name string) api.Function {\n\treturn m.mod.ExportedFunction(name)\n",
     "func (m *WasmModule) ExportedFunction(name string) api.Function {\n\tif !instantiated.Load() {\n\t\t// Used without Load: load with no cache (kartoitus patch).\n\t\tif err := Load(context.Background(), nil); err != nil {\n\t\t\tpanic(err)\n\t\t}\n\t}\n\treturn m.mod.ExportedFunction(name)\n")

edit("internal/wasm/bind.go", '\t"os"\n\t"path/filepath"\n', '\t"os"\n')

# 2. cgraph: the graph descriptors are made on Load, not at init.
edit("cgraph/init.go",
     "func init() {\n\tif err := setGlobalVars(context.Background()); err != nil {\n\t\tpanic(err)\n\t}\n}\n",
     "// The descriptors need the WebAssembly module, so they are made when it\n// is loaded rather than at init (kartoitus patch).\nfunc init() {\n\twasm.OnLoad(setGlobalVars)\n}\n")

# 3. graphviz: Init loads the module with a caller's cache; the aliases of
#    the descriptors are refreshed once they exist.
edit("alias.go",
     "\tDirected         = cgraph.Directed\n\tStrictDirected   = cgraph.StrictDirected\n\tUnDirected       = cgraph.UnDirected\n\tStrictUnDirected = cgraph.StrictUnDirected\n",
     "\t// Set on Load (kartoitus patch): see init.go.\n\tDirected         *GraphDescriptor\n\tStrictDirected   *GraphDescriptor\n\tUnDirected       *GraphDescriptor\n\tStrictUnDirected *GraphDescriptor\n")
print("patched")
