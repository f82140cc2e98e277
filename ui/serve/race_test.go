//go:build race

package serve

// raceDetector: timings mean nothing under the race detector, which makes
// every memory access several times slower.
const raceDetector = true
