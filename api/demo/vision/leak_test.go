package vision

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if they leave goroutines behind: a
// request, connection or server that outlives its test.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
