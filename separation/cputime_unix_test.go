//go:build unix

package separation

import "syscall"

// cpuTime is the process's user and system CPU time in seconds: the work
// a benchmark did, which a loaded machine does not inflate as it does
// wall time.
func cpuTime() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
