package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run the real program as a child process: with
// ROSTERM_RUN_MAIN set, the test binary is rosterm.
func TestMain(m *testing.M) {
	if os.Getenv("ROSTERM_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestDemoServerCommandServesAndStopsOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "demo-server", "--addr", "127.0.0.1:0", "--latency", "0ms", "--seed", "7")
			cmd.Env = append(os.Environ(), "ROSTERM_RUN_MAIN=1")
			stdout, _ := cmd.StdoutPipe()
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(stdout).ReadString('\n')
			url, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
			if err != nil || !ok {
				cmd.Process.Kill()
				t.Fatalf("first line %q (%v), stderr %s", line, err, stderr.String())
			}

			// It accepts connections as soon as it says so, and checks credentials.
			resp, err := http.Post(url+"/scope/graphql", "application/json", strings.NewReader(`{"query":"{ viewer { user { email } } }"}`))
			if err != nil {
				t.Fatal(err)
			}
			var body struct {
				Errors []struct{ Message string }
			}
			json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized || len(body.Errors) == 0 {
				t.Fatalf("no credentials: HTTP %d %+v, want 401 with a GraphQL error", resp.StatusCode, body)
			}

			cmd.Process.Signal(sig)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("exit after %s: %v, stderr %s", sig, err, stderr.String())
				}
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("still running 5s after %s", sig)
			}
		})
	}
}
