package main

import "errors"

// runMap is being written; this placeholder keeps the command table whole.
func runMap(e env) error { return errors.New("map: not implemented yet") }
