package main

import "errors"

// runTemplate is being written; this placeholder keeps the command table whole.
func runTemplate(e env) error { return errors.New("template: not implemented yet") }
