//go:build !unix

package faulttest

import "testing"

// MaxRSS runs run; the peak memory is measured on Unix systems only.
func MaxRSS(t *testing.T, limitMB int, run func(t *testing.T)) {
	t.Helper()
	run(t)
}
