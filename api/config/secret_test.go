package config_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/config"
)

// scopeProfile is a one-API profile whose token is given as tokenYAML.
func scopeProfile(t *testing.T, tokenYAML string) config.Profile {
	t.Helper()
	f := parse(t, "profiles:\n  p:\n    scope:\n      endpoint: https://s.example/graphql\n      token: "+tokenYAML+"\n")
	p, err := f.Select("")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// resolve returns the Scope token or the error's text.
func resolve(t *testing.T, tokenYAML string) (string, string) {
	t.Helper()
	p, err := scopeProfile(t, tokenYAML).Resolve(context.Background())
	if err != nil {
		return "", err.Error()
	}
	return p.Scope.Token.Value(), ""
}

func TestSecretFromEnvironment(t *testing.T) {
	t.Setenv("ROSTERM_TEST_TOKEN", "from-env-1234")
	if v, e := resolve(t, "{env: ROSTERM_TEST_TOKEN}"); v != "from-env-1234" {
		t.Errorf("got %q %s", v, e)
	}
	if _, e := resolve(t, "{env: ROSTERM_TEST_UNSET}"); e != "config.yaml:5: profiles.p.scope.token: the environment variable ROSTERM_TEST_UNSET is not set" {
		t.Errorf("unset: %s", e)
	}
}

func TestSecretFromFileRefusesFilesOthersCanRead(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	path := filepath.Join(home, "scope.token")
	os.WriteFile(path, []byte("from-file-5678\n"), 0o600)
	if v, e := resolve(t, "{file: ~/scope.token}"); v != "from-file-5678" {
		t.Errorf("~/scope.token: got %q %s", v, e)
	}
	for _, mode := range []os.FileMode{0o640, 0o604, 0o660} {
		os.Chmod(path, mode)
		_, e := resolve(t, "{file: ~/scope.token}")
		want := fmt.Sprintf("config.yaml:5: profiles.p.scope.token: refusing ~/scope.token: others can read it (mode %04o); run: chmod 600 ~/scope.token", mode)
		if e != want {
			t.Errorf("mode %o:\ngot  %s\nwant %s", mode, e, want)
		}
		if strings.Contains(e, "from-file") {
			t.Error("the error shows the secret")
		}
	}
	if _, e := resolve(t, "{file: ~/missing.token}"); !strings.Contains(e, "the file ~/missing.token does not exist") {
		t.Errorf("missing: %s", e)
	}
	os.WriteFile(filepath.Join(home, "empty"), nil, 0o600)
	if _, e := resolve(t, "{file: ~/empty}"); !strings.Contains(e, "the file ~/empty is empty") {
		t.Errorf("empty: %s", e)
	}
}

func TestSecretFromCommand(t *testing.T) {
	if v, e := resolve(t, `{command: "printf 'from-command-90\nsecond line\n'"}`); v != "from-command-90" {
		t.Errorf("first line: got %q %s", v, e)
	}
	_, e := resolve(t, `{command: "echo no such entry >&2; exit 3"}`)
	if e != `config.yaml:5: profiles.p.scope.token: the command "echo no such entry >&2; exit 3" failed (exit status 3): no such entry` {
		t.Errorf("failing: %s", e)
	}
	if _, e := resolve(t, `{command: "true"}`); !strings.HasSuffix(e, `the command "true" printed nothing`) {
		t.Errorf("silent: %s", e)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := scopeProfile(t, `{command: "sleep 30"}`).Resolve(ctx)
	if err == nil || !strings.HasSuffix(err.Error(), `the command "sleep 30" did not finish in time`) {
		t.Errorf("hanging: %v", err)
	}
}

func TestResolveReportsEverySecretAndLeavesTheProfileAlone(t *testing.T) {
	f := parse(t, issueExample)
	p, _ := f.Select("")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("OPIGNO_SECRET", "")
	t.Setenv("PATH", "") // no pass
	_, err := p.Resolve(context.Background())
	if err == nil {
		t.Fatal("resolved without any of the secrets")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "config.yaml:8: profiles.local.opigno.client_secret:") ||
		!strings.HasPrefix(lines[1], "config.yaml:12: profiles.local.scope.token:") ||
		!strings.HasPrefix(lines[2], "config.yaml:17: profiles.local.vision.api_secret:") {
		t.Errorf("got:\n%v", err)
	}
	t.Setenv("OPIGNO_SECRET", "opigno-secret")
	os.MkdirAll(filepath.Join(os.Getenv("HOME"), ".config/rosterm"), 0o700)
	os.WriteFile(filepath.Join(os.Getenv("HOME"), ".config/rosterm/scope.token"), []byte("scope-token"), 0o600)
	p.Vision.APISecret = config.PlainSecret("vision-secret")
	r, err := p.Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Secrets(), " "); got != "opigno-secret scope-token demo-key vision-secret" {
		t.Errorf("secrets %q", got)
	}
	if p.Opigno.ClientSecret.Value() != "" {
		t.Error("Resolve changed the profile it was given")
	}
}
