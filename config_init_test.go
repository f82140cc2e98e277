package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
)

// TestConfigInitRunsAsItIs: the profile config init writes talks to the
// demo server with no edit but its address (a test cannot count on port
// 8765 being free): its secrets are in files beside it, 0600, and
// config check --online passes on it.
func TestConfigInitRunsAsItIs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rosterm")
	path := filepath.Join(dir, "config.yaml")
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"config", "init", "--config", path}, &out, &errs); err != nil {
		t.Fatalf("config init: %v\n%s", err, errs.String())
	}
	if !strings.Contains(out.String(), "rosterm demo-server --addr 127.0.0.1:8765") {
		t.Errorf("config init does not say what it talks to: %q", out.String())
	}
	for _, name := range []string{"opigno.secret", "scope.token", "vision.secret"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("secret file %s: %v (want it, mode 0600)", name, err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range []string{"{env: OPIGNO_SECRET}", "{command: \"pass show", "{env: SCOPE_TOKEN}"} {
		if !strings.Contains(string(data), form) {
			t.Errorf("the other secret forms are not in comments: no %s", form)
		}
	}
	srv := demotest.Start(t, demo.Options{})
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(string(data), "http://127.0.0.1:8765", srv.URL)), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errs.Reset()
	if err := run(context.Background(), []string{"config", "check", "--config", path, "--online"}, &out, &errs); err != nil {
		t.Fatalf("config check --online: %v\n%s%s", err, out.String(), errs.String())
	}
	for _, want := range []string{"every secret was read", "✓ opigno: reachable, authenticated", "✓ scope: reachable, authenticated", "✓ vision: reachable"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("config check does not say %q:\n%s", want, out.String())
		}
	}
}
