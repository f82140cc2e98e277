package ui_test

import (
	"os"
	"runtime/debug"
	"testing"

	"go.uber.org/goleak"

	"github.com/rosterm/rosterm/ui/uitest/parallel"
)

// TestMain fails the package's tests if they leave goroutines behind: a
// program, request or server that outlives its test. Two kinds are let go:
//   - teatest starts, for every test model, a goroutine waiting for SIGINT
//     to kill the program (teatest.go, NewTestModel: `<-interruptions`);
//     it never ends otherwise.
//   - a tea.Tick command (the undo countdown's one-second tick) still
//     waiting for its timer when its program quit; it ends within a second.
func TestMain(m *testing.M) {
	parallel.Allow(8)
	// The flows make much short-lived garbage (a frame for every message,
	// every answer of their demo servers) beside a live heap of some tens
	// of megabytes: collecting at GOGC=300 rather than 100 takes a sixth
	// off the package's CPU time for half as much memory again. A GOGC in
	// the environment wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("github.com/charmbracelet/x/exp/teatest/v2.NewTestModel.func2"),
		goleak.IgnoreTopFunction("charm.land/bubbletea/v2.Tick.func1"))
}
