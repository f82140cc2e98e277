// Package spawn is the environment of a program a test runs as a child
// process (the test binary again, in the part of it that is the program).
// It imports nothing of rosterm's, so that any test can use it.
package spawn

import "os"

// Env is this process's environment with vars added, for a child. Under
// the race detector a process waits a second as it exits (GORACE's
// atexit_sleep_ms, for goroutines still running to report a race); a
// child's races are reported as they happen and set its exit status all
// the same, so its wait is turned off: the tests that start children
// waited out a second for each.
func Env(vars ...string) []string {
	race := "atexit_sleep_ms=0"
	if g := os.Getenv("GORACE"); g != "" {
		race = g + " " + race
	}
	return append(append(os.Environ(), "GORACE="+race), vars...)
}
