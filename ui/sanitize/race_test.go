//go:build race

package sanitize_test

// raceEnabled: the race detector makes exhaustive loops ten times slower.
const raceEnabled = true
