package main

import "errors"

// runDiff is being written; this placeholder keeps the command table whole.
func runDiff(e env) error { return errors.New("diff: not implemented yet") }
