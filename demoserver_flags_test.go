package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// startDemoServer runs `rosterm demo-server args...` and returns its URL.
func startDemoServer(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"demo-server", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "ROSTERM_RUN_MAIN=1")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if !ok {
		t.Fatalf("first line %q, stderr %s", line, stderr.String())
	}
	return url
}

func scopeSearch(t *testing.T, url, text string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+"/scope/graphql",
		strings.NewReader(`{"query":"{ users(fullText: \"`+text+`\", first: 50) { nodes { lastName } } }"}`))
	req.Header.Set("Authorization", "Token token=demo-scope-token")
	c := &http.Client{Timeout: 10 * time.Second}
	defer c.CloseIdleConnections()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestDemoServerHostileAndFaultFlags(t *testing.T) {
	url := startDemoServer(t, "--hostile", "--faults", "502@scope=100%")
	resp, body := scopeSearch(t, url, "mallory")
	if resp.StatusCode != http.StatusBadGateway || resp.Header.Get("X-Demo-Fault") != "502" || !strings.Contains(body, "Bad gateway") {
		t.Fatalf("every Scope request should get a 502: %d %s", resp.StatusCode, body)
	}

	url = startDemoServer(t, "--hostile")
	if resp, body := scopeSearch(t, url, "mallory"); resp.StatusCode != http.StatusOK || !strings.Contains(body, `\u001b]52;c;`) {
		t.Fatalf("hostile data: %d %.200s", resp.StatusCode, body)
	}
}

func TestBadFaultSpecIsRefused(t *testing.T) {
	var stderr bytes.Buffer
	err := run([]string{"demo-server", "--faults", "teapot=5%"}, io.Discard, &stderr)
	if err == nil || !strings.Contains(err.Error(), `unknown fault "teapot"`) {
		t.Fatalf("got %v", err)
	}
}
