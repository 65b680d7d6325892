package main

import "errors"

// runAssess is being written; this placeholder keeps the command table whole.
func runAssess(e env) error { return errors.New("assess: not implemented yet") }
