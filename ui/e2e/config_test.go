//go:build e2e

package e2e

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// What the start notice suggests: rosterm config init writes an example
// configuration that talks to the demo server run alone, its secrets in
// files beside it; config check --online says each API answers, and
// rosterm starts on that profile rather than the demo.
func TestConfigInitThenAProfile(t *testing.T) {
	tm := newTerm(t, 120, 40)
	url := demoServer(t)

	// The first thing some try: -h lists the commands and flags.
	tm.run(binary + " -h; echo HELP:$?")
	tm.wait(step, "usage: rosterm [flags]", "rosterm config init|check|path", "-demo", "-read-only", "HELP:0")
	tm.run("clear")
	tm.waitGone(step, "HELP:0")

	path := filepath.Join(tm.config, "rosterm", "config.yaml")
	tm.run(binary + " config path")
	tm.wait(step, path)
	tm.run(binary + " config init")
	tm.wait(step, "wrote "+path+" and the secrets it names beside it", "rosterm demo-server --addr 127.0.0.1:8765", "rosterm config check --online")

	// It runs as it is against the demo server; only the address changes
	// here, as this test's server has a port of its own.
	edit(t, path, strings.NewReplacer("http://127.0.0.1:8765", url))
	tm.run(binary + " config check --online; echo CHECKED:$?")
	tm.wait(step, "✓ every secret was read", "✓ opigno: reachable, authenticated (acting as Demo Administrator; 2 of 2 communities found)",
		"✓ scope: reachable, authenticated (1200 users)", "✓ vision: reachable", "CHECKED:0")
	tm.run("clear")
	tm.waitGone(step, "CHECKED:0")

	tm.rosterm()
	tm.wait(startup, "Abbott", "A Group", "[Connect]")
	tm.waitStatus(step, "profile local", "acting as Demo Administrator")
	if strings.Contains(tm.screen(), "demo data") {
		t.Fatalf("a configured rosterm says it shows demo data:\n%s", tm.screen())
	}
	quit(t, tm)
}

// demoServer runs `rosterm demo-server` on a free loopback port until the
// test ends, and returns its base URL.
func demoServer(t *testing.T) string {
	t.Helper()
	cmd := exec.Command(binary, "demo-server", "--addr", "127.0.0.1:0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if url, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				ready <- url
			}
		}
	}()
	select {
	case url := <-ready:
		return url
	case <-time.After(startup):
		t.Fatal("the demo server did not say it was listening")
		return ""
	}
}

// edit rewrites a file as a person would in an editor.
func edit(t *testing.T, path string, r *strings.Replacer) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(r.Replace(string(b))), 0o600); err != nil {
		t.Fatal(err)
	}
}
