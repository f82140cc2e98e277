package serve

import (
	"testing"

	"github.com/rosterm/rosterm/ui/uitest"
)

// TestMain lets the sessions tests run eight at a time: each mostly waits
// on an SSH round trip or the next frame.
func TestMain(m *testing.M) {
	uitest.Parallel(8)
	m.Run()
}
