package config_test

import (
	"errors"
	"github.com/rosterm/rosterm/ui"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"

	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/keymap"
)

// issueExample is the file from the issue; it must keep working.
const issueExample = `default_profile: local
profiles:
  local:
    opigno:
      endpoint: http://127.0.0.1:8765/opigno/graphql
      token_url: http://127.0.0.1:8765/opigno/oauth/token
      client_id: demo-client
      client_secret: {env: OPIGNO_SECRET}
      acting_uuid: 00000000-0000-4000-8000-000000000001
    scope:
      endpoint: http://127.0.0.1:8765/scope/graphql
      token: {file: ~/.config/rosterm/scope.token}
    vision:
      endpoint: http://127.0.0.1:8765/vision/graphql
      token_url: http://127.0.0.1:8765/vision/token
      api_key: demo-key
      api_secret: {command: "pass show vision"}
      groups: [your-org-a-group]
keys:
  accept: [a, A]
theme: auto
`

func parse(t *testing.T, text string) *config.File {
	t.Helper()
	f, err := config.Parse("config.yaml", []byte(text), 0o600, ui.DefaultKeys())
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	return f
}

func TestTheIssueExampleLoads(t *testing.T) {
	f := parse(t, issueExample)
	p, err := f.Select("")
	if err != nil {
		t.Fatal(err)
	}
	o, s, v := p.Opigno, p.Scope, p.Vision
	if p.Name != "local" || o == nil || s == nil || v == nil {
		t.Fatalf("profile %+v", p)
	}
	if o.TokenURL != "http://127.0.0.1:8765/opigno/oauth/token" || o.ClientID != "demo-client" ||
		o.ClientSecret.From != config.FromEnv || o.ClientSecret.Ref != "OPIGNO_SECRET" ||
		o.ActingUUID != "00000000-0000-4000-8000-000000000001" {
		t.Errorf("opigno %+v", o)
	}
	if s.Token.From != config.FromFile || s.Token.Ref != "~/.config/rosterm/scope.token" {
		t.Errorf("scope %+v", s)
	}
	if v.APIKey.From != config.FromPlain || v.APIKey.Value() != "demo-key" || v.APISecret.From != config.FromCommand ||
		v.APISecret.Ref != "pass show vision" || !slices.Equal(v.Groups, []string{"your-org-a-group"}) {
		t.Errorf("vision %+v", v)
	}
	if f.Theme != "auto" {
		t.Errorf("theme %q", f.Theme)
	}
	keys := f.Keymap()
	if !key.Matches(keymap.Press("A"), keys.Accept) || !key.Matches(keymap.Press("a"), keys.Accept) {
		t.Error("accept is not bound to a and A")
	}
}

func TestTheInitExampleLoadsAndSaysWhatItDoes(t *testing.T) {
	example := config.Example("/home/u/.config/rosterm")
	f := parse(t, example)
	p, err := f.Select("")
	if err != nil || p.Name != "local" || p.Opigno == nil || p.Scope == nil || p.Vision == nil {
		t.Fatalf("%+v %v", p, err)
	}
	for _, want := range []string{"{env: NAME}", "{file: PATH}", "{command: CMD}", "chmod 600", "rosterm config check"} {
		if !strings.Contains(example, want) {
			t.Errorf("the example does not explain %q", want)
		}
	}
}

func TestPathPrecedence(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	check := func(flag, want string, wantExplicit bool) {
		t.Helper()
		got, explicit, err := config.Path(flag, getenv)
		if err != nil || got != want || explicit != wantExplicit {
			t.Errorf("Path(%q) with %v = %q, %v, %v; want %q, %v", flag, env, got, explicit, err, want, wantExplicit)
		}
	}
	check("", filepath.Join(home, ".config/rosterm/config.yaml"), false)
	env["XDG_CONFIG_HOME"] = "relative/ignored"
	check("", filepath.Join(home, ".config/rosterm/config.yaml"), false)
	env["XDG_CONFIG_HOME"] = "/xdg"
	check("", "/xdg/rosterm/config.yaml", false)
	env["ROSTERM_CONFIG"] = "/env/rosterm.yaml"
	check("", "/env/rosterm.yaml", true)
	check("/flag.yaml", "/flag.yaml", true)
	check("~/mine.yaml", filepath.Join(home, "mine.yaml"), true)
}

func TestLoadReportsAMissingFileAsNotExist(t *testing.T) {
	_, err := config.Load(filepath.Join(t.TempDir(), "nope.yaml"), ui.DefaultKeys())
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("got %v", err)
	}
}

const twoProfiles = `profiles:
  work:
    scope: {endpoint: "https://scope.example/graphql", token: {env: T}}
  home:
    read_only: true
    vision: {endpoint: "https://v.example/graphql", token: {env: V}}
`

func TestProfileSelection(t *testing.T) {
	f := parse(t, twoProfiles)
	if _, err := f.Select(""); err == nil || !strings.Contains(err.Error(), "--profile NAME (profiles: work, home)") {
		t.Errorf("no default among several: %v", err)
	}
	if p, err := f.Select("home"); err != nil || p.Name != "home" || !p.ReadOnly || p.Vision == nil || p.Scope != nil {
		t.Errorf("home: %+v %v", p, err)
	}
	if _, err := f.Select("play"); err == nil || err.Error() != `config.yaml: no profile is named "play" (profiles: work, home)` {
		t.Errorf("unknown: %v", err)
	}
	f = parse(t, "default_profile: home\n"+twoProfiles)
	if p, _ := f.Select(""); p.Name != "home" {
		t.Errorf("default_profile ignored: %s", p.Name)
	}
	if p, _ := f.Select("work"); p.Name != "work" {
		t.Errorf("--profile does not win over default_profile: %s", p.Name)
	}
	f = parse(t, "profiles:\n  only:\n    scope: {endpoint: 'https://s.example/graphql', token: {env: T}}\n")
	if p, err := f.Select(""); err != nil || p.Name != "only" {
		t.Errorf("the only profile: %+v %v", p, err)
	}
	f = parse(t, "theme: dark\n")
	if _, err := f.Select(""); err == nil || !strings.Contains(err.Error(), "no profiles are configured") {
		t.Errorf("no profiles: %v", err)
	}
}

func TestSettings(t *testing.T) {
	f := parse(t, "theme: high-contrast\nmouse: true\ntimeout: 40s\nkeys:\n  quit: Q\n  help: [f1, '?']\n")
	if f.Theme != "high-contrast" || !f.Mouse || f.Timeout != 40*time.Second {
		t.Errorf("%+v", f)
	}
	k := f.Keymap()
	if !key.Matches(keymap.Press("Q"), k.Quit) || key.Matches(keymap.Press("q"), k.Quit) || !key.Matches(keymap.Press("f1"), k.Help) {
		t.Error("keys not applied")
	}
	if empty := parse(t, ""); empty.Theme != "" || len(empty.Profiles) != 0 {
		t.Errorf("empty file: %+v", empty)
	}
}

// Every validation error names the file, the line and what is allowed.
func TestValidationErrors(t *testing.T) {
	const scope = "    scope: {endpoint: 'https://s.example/graphql', token: {env: T}}\n"
	cases := []struct{ text, want string }{
		{"themes: dark\n",
			`config.yaml:1: unknown key "themes", did you mean "theme"? (allowed: default_profile, profiles, keys, theme, mouse, timeout)`},
		{"theme: blue\n",
			`config.yaml:1: theme: unknown theme "blue" (choose one of auto, dark, light, high-contrast, none)`},
		{"theme: darkk\n", `did you mean "dark"?`},
		{"mouse: yes\n", `config.yaml:1: mouse: want true or false, got a string`},
		{"timeout: soon\n", `config.yaml:1: timeout: want a positive duration such as 15s or 1m, got a string`},
		{"timeout: 0s\n", `config.yaml:1: timeout: want a positive duration`},
		{"- a\n- b\n", `config.yaml:1: want a mapping with the keys default_profile, profiles, keys, theme, mouse, timeout, got a list`},
		{"theme: dark\ntheme: light\n", `config.yaml:2: theme: given twice`},
		{"profiles: [a]\n", `config.yaml:1: profiles: want a mapping of profile names to profiles, got a list`},
		{"default_profile: prod\nprofiles:\n  dev:\n" + scope,
			`config.yaml:1: default_profile: no profile is named "prod" (profiles: dev)`},
		{"profiles:\n  dev:\n    read_only: no\n" + scope,
			`config.yaml:3: profiles.dev.read_only: want true or false, got a string`},
		{"profiles:\n  dev: {}\n",
			`config.yaml:2: profiles.dev: configure at least one of opigno, scope and vision`},
		{"profiles:\n  dev:\n    scop: {}\n",
			`config.yaml:3: profiles.dev: unknown key "scop", did you mean "scope"? (allowed: read_only, opigno, scope, vision)`},
		{"profiles:\n  dev:\n    vision: {endpoint: 'https://v.example/graphql', token_url: 'https://v.example/token', token_method: PUT, api_key: k, api_secret: {env: S}}\n",
			`config.yaml:3: profiles.dev.vision.token_method: want one of POST, GET, got "PUT"`},
		{"profiles:\n  dev:\n    scope:\n      endpont: https://s.example\n      token: {env: T}\n",
			`config.yaml:4: profiles.dev.scope: unknown key "endpont", did you mean "endpoint"? (allowed: endpoint, token)`},
		{"profiles:\n  dev:\n    scope:\n      endpoint: ftp://s.example\n      token: {env: T}\n",
			`config.yaml:4: profiles.dev.scope.endpoint: want an http:// or https:// URL, got "ftp://s.example"`},
		{"profiles:\n  dev:\n    scope:\n      endpoint: https://s.example\n",
			`config.yaml:3: profiles.dev.scope: missing token`},
		{"profiles:\n  dev:\n    scope:\n      endpoint: https://s.example\n      token: {envv: T}\n",
			`config.yaml:5: profiles.dev.scope.token: unknown key "envv", did you mean "env"? (allowed: env, file, command)`},
		{"profiles:\n  dev:\n    scope:\n      endpoint: https://s.example\n      token: {env: T, file: x}\n",
			`config.yaml:5: profiles.dev.scope.token: want a string, or one of {env: NAME}, {file: PATH}, {command: CMD}, got a mapping`},
		{"profiles:\n  dev:\n    scope:\n      endpoint: https://s.example\n      token: {env: ''}\n",
			`config.yaml:5: profiles.dev.scope.token.env: want a non-empty string, got a string`},
		{"profiles:\n  dev:\n    opigno:\n      endpoint: https://o.example\n      token: {env: T}\n      acting_uuid: admin\n",
			`config.yaml:6: profiles.dev.opigno.acting_uuid: want a UUID such as 00000000-0000-4000-8000-000000000001, got "admin"`},
		{"profiles:\n  dev:\n    opigno:\n      endpoint: https://o.example\n      token: {env: T}\n",
			`config.yaml:3: profiles.dev.opigno: missing acting_uuid`},
		{"profiles:\n  dev:\n    opigno:\n      endpoint: https://o.example\n      acting_uuid: 00000000-0000-4000-8000-000000000001\n",
			`config.yaml:3: profiles.dev.opigno: sign in with token_url, client_id and client_secret (OAuth2 client credentials), or with a token`},
		{"profiles:\n  dev:\n    opigno:\n      endpoint: https://o.example\n      client_id: c\n      acting_uuid: 00000000-0000-4000-8000-000000000001\n",
			`config.yaml:3: profiles.dev.opigno: missing client_secret, token_url`},
		{"profiles:\n  dev:\n    opigno:\n      endpoint: https://o.example\n      client_id: c\n      token: {env: T}\n      acting_uuid: 00000000-0000-4000-8000-000000000001\n",
			`config.yaml:3: profiles.dev.opigno: give either token, or token_url with client_id and client_secret, not both`},
		{"profiles:\n  dev:\n    vision:\n      endpoint: https://v.example\n      api_key: {env: K}\n",
			`config.yaml:3: profiles.dev.vision: missing api_secret, token_url`},
		{"profiles:\n  dev:\n    vision:\n      endpoint: https://v.example\n      token: {env: T}\n      groups: {a: b}\n",
			`config.yaml:6: profiles.dev.vision.groups: want a list of group ids, such as [a, b], got a mapping`},
		{"keys:\n  acept: [a]\n",
			`config.yaml:2: keys.acept: unknown action "acept", did you mean "accept"? (actions: up, down,`},
		{"keys:\n  accept:\n    - a\n    - enterr\n",
			`config.yaml:4: keys.accept: "enterr" is not a key name (use a single character, or names such as enter`},
		{"keys:\n  help: [j]\n",
			`config.yaml:2: keys.help: "j" is also the key of down; give one of them another key`},
		{"keys:\n  quit: []\n", `config.yaml:2: keys.quit: give at least one key`},
		{"keys: [a]\n", `config.yaml:1: keys: want a mapping of action names to keys, got a list`},
		{"theme: dark\n\tkeys: x\n", `config.yaml:2: not valid YAML: found a tab character that violates indentation`},
	}
	for _, c := range cases {
		_, err := config.Parse("config.yaml", []byte(c.text), 0o600, ui.DefaultKeys())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("for\n%s\ngot  %v\nwant %s", c.text, err, c.want)
		}
	}
}

func TestEveryProblemIsReportedInLineOrder(t *testing.T) {
	text := "theme: blue\nmouse: 3\nprofiles:\n  dev:\n    scope: {endpoint: x}\n"
	_, err := config.Parse("c.yaml", []byte(text), 0o600, ui.DefaultKeys())
	var errs config.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v", err)
	}
	var lines []int
	for _, e := range errs {
		lines = append(lines, e.Line)
	}
	if !slices.Equal(lines, []int{1, 2, 5, 5}) || len(strings.Split(err.Error(), "\n")) != 4 {
		t.Errorf("lines %v:\n%v", lines, err)
	}
}

func TestAPlainSecretNeedsAPrivateFile(t *testing.T) {
	const secret = "s3cr3t-value-123"
	text := "profiles:\n  dev:\n    scope:\n      endpoint: https://s.example\n      token: " + secret + "\n"
	if _, err := config.Parse("c.yaml", []byte(text), 0o600, ui.DefaultKeys()); err != nil {
		t.Fatalf("a private file may hold a secret: %v", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	os.WriteFile(path, []byte(text), 0o644)
	_, err := config.Load(path, ui.DefaultKeys())
	want := path + ":5: profiles.dev.scope.token: a secret is written in the file, which others can read (mode 0644): run chmod 600 " + path + ", or give it as {env: NAME}, {file: PATH} or {command: CMD}"
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
	if strings.Contains(err.Error(), secret) {
		t.Error("the error shows the secret")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(issueExample)
	f.Add(config.Example("/home/u/.config/rosterm"))
	f.Add(twoProfiles)
	f.Add("keys: {accept: [a, ctrl+]}\n")
	f.Fuzz(func(t *testing.T, text string) {
		_, err := config.Parse("f.yaml", []byte(text), 0o600, ui.DefaultKeys())
		if err != nil && !strings.HasPrefix(err.Error(), "f.yaml") {
			t.Errorf("an error without the file name: %v", err)
		}
	})
}
