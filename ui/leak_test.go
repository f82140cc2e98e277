package ui_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if they leave goroutines behind: a
// program, request or server that outlives its test. teatest starts, for
// every test model, a goroutine waiting for SIGINT to kill the program
// (teatest.go, NewTestModel: `<-interruptions`); it never ends otherwise,
// so it is the one goroutine let go.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("github.com/charmbracelet/x/exp/teatest/v2.NewTestModel.func2"))
}
