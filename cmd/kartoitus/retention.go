package main

import "errors"

// runRetention is being written; this placeholder keeps the command table whole.
func runRetention(e env) error { return errors.New("retention: not implemented yet") }
