// Package strictyaml decodes the tool's hand-written YAML (and JSON) files
// the one way they should all be read: unknown keys are errors, so a typo
// in an overlay, ignore or mapping file is reported instead of silently
// ignored; an empty file is an empty document; errors name the file.
//
// It is the one YAML entry point of the module (TestOneYAMLEntryPoint):
// readers that need line numbers walk a Node from Parse instead of
// importing a YAML package themselves, so the YAML library is chosen here
// once. go.yaml.in/yaml/v3 is the maintained continuation of the archived
// gopkg.in/yaml.v3, with the same API.
package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// Node is a parsed YAML node with its line and column.
type Node = yaml.Node

// Node kinds.
const (
	DocumentNode = yaml.DocumentNode
	SequenceNode = yaml.SequenceNode
	MappingNode  = yaml.MappingNode
	ScalarNode   = yaml.ScalarNode
	AliasNode    = yaml.AliasNode
)

// Decode decodes b into v; path is used in the error message.
func Decode(path string, b []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// Parse returns the document node of b (no decoding into types), for
// readers that report line numbers themselves.
func Parse(b []byte) (*Node, error) {
	var doc Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	return &doc, nil
}
