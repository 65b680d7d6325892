package main

import "errors"

// runRegisters is being written; this placeholder keeps the command table whole.
func runRegisters(e env) error { return errors.New("registers: not implemented yet") }
