package main

import "errors"

// runGraph is being written; this placeholder keeps the command table whole.
func runGraph(e env) error { return errors.New("graph: not implemented yet") }
