//go:build unix

package faulttest

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// rssChild names, in a child process's environment, the test it runs on
// its own to have its memory measured.
const rssChild = "ROSTERM_RSS_CHILD"

// MaxRSS runs run in a process of its own (this test binary, running only
// the calling test) and fails t if that process's resident memory ever
// exceeded limitMB megabytes. The peak is the kernel's count for the whole
// process (getrusage's ru_maxrss), so it does not depend on when anything
// is sampled, and nothing else the test binary did counts.
//
// The calling test must be a top-level test or a subtest whose names are
// fixed, and must call MaxRSS before anything else it does (but
// t.Parallel: the runs, each in its own process, may overlap): in the
// child it runs again from the start, and MaxRSS runs run there and
// nothing more.
//
// Under the race detector it skips t. The detector multiplies memory, so
// the bound could not be checked, and the runs are walks through whole
// budgets (2,000 pages, 32 MB of JSON) that took a minute of instrumented
// CPU to find no race a short walk does not. .ci/run runs them without it.
func MaxRSS(t *testing.T, limitMB int, run func(t *testing.T)) {
	t.Helper()
	if os.Getenv(rssChild) == t.Name() {
		run(t)
		return
	}
	if testing.Short() {
		t.Skip("measures memory in a child process")
	}
	if raceEnabled {
		t.Skip("measures memory, which the race detector multiplies: run without -race")
	}
	parts := strings.Split(t.Name(), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	cmd := exec.Command(os.Args[0], "-test.run="+strings.Join(parts, "/"), "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), rssChild+"="+t.Name())
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("the measured run failed: %v\n%s", err, out)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no resource usage on this system")
	}
	peak := float64(ru.Maxrss) / 1024 // KB on Linux
	t.Logf("peak resident memory of the run: %.1f MB (limit %d MB)", peak, limitMB)
	if peak > float64(limitMB) {
		t.Errorf("the run's resident memory reached %.1f MB, over %d MB\n%s", peak, limitMB, out)
	}
}
