package main

import "errors"

// runInventory is being written; this placeholder keeps the command table whole.
func runInventory(e env) error { return errors.New("inventory: not implemented yet") }
