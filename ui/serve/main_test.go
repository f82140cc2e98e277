package serve

import (
	"testing"

	"github.com/rosterm/rosterm/ui/uitest/parallel"
)

// TestMain lets the sessions tests run eight at a time: each mostly waits
// on an SSH round trip or the next frame.
func TestMain(m *testing.M) {
	parallel.Allow(8)
	m.Run()
}
