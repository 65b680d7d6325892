//go:build unix

package output

import (
	"errors"
	"syscall"
)

// pidAlive reports whether a process with the pid exists (signal 0 probes
// without sending anything; EPERM means it exists under another user).
func pidAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
