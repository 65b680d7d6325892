package main

import "errors"

// catalogImport is being written; this placeholder keeps the command whole.
func catalogImport(e env, args []string) error {
	return errors.New("catalog import: not implemented yet")
}
