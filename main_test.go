package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/hostile"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/uitest"
	"github.com/rosterm/rosterm/ui/uitest/spawn"
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
	t.Parallel() // the demo server runs as a process of its own
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "demo-server", "--addr", "127.0.0.1:0", "--latency", "0ms", "--seed", "7")
			cmd.Env = spawn.Env("ROSTERM_RUN_MAIN=1")
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

// writeConfig writes a private configuration file and returns its path.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// profiles configures two profiles on the demo server at url, with their
// secrets from the environment.
func profiles(url string) string {
	return `default_profile: both
profiles:
  both:
    opigno:
      endpoint: ` + url + `/opigno/graphql
      token_url: ` + url + `/opigno/oauth/token
      client_id: demo-client
      client_secret: {env: TEST_OPIGNO_SECRET}
      acting_uuid: ` + demoopigno.AdminUUID + `
    scope:
      endpoint: ` + url + `/scope/graphql
      token: {env: TEST_SCOPE_TOKEN}
    vision:
      endpoint: ` + url + `/vision/graphql
      token_url: ` + url + `/vision/token
      api_key: demo-key
      api_secret: {env: TEST_VISION_SECRET}
      groups: [your-org-a-group]
  scope-only:
    read_only: true
    scope:
      endpoint: ` + url + `/scope/graphql
      token: {env: TEST_SCOPE_TOKEN}
`
}

func demoSecrets(t *testing.T) {
	t.Setenv("TEST_OPIGNO_SECRET", "demo-secret")
	t.Setenv("TEST_SCOPE_TOKEN", "demo-scope-token")
	t.Setenv("TEST_VISION_SECRET", "demo-secret")
}

// env is a fake environment for setup.
type env map[string]string

func (e env) get(k string) string { return e[k] }

func mustSetup(t *testing.T, e env, args ...string) *session {
	t.Helper()
	s, err := setup(args, e.get, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	return s
}

func TestWithoutConfigurationTheDemoRunsAndSaysSo(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	s := mustSetup(t, env{})
	if !s.ctx.Demo || s.ctx.Opigno == nil || len(s.ctx.Directories) != 2 || s.opts.Profile != "" {
		t.Fatalf("ctx %+v opts %+v", s.ctx, s.opts)
	}
	if s.opts.Notice != "no configuration: demo data · rosterm config init writes one" || s.opts.Theme != "auto" {
		t.Errorf("opts %+v", s.opts)
	}
	if _, err := setup([]string{"--config", filepath.Join(home, "nope.yaml")}, env{}.get, io.Discard); err == nil ||
		!strings.Contains(err.Error(), "nope.yaml does not exist; rosterm config init --config") {
		t.Errorf("a named file that is missing: %v", err)
	}
	if _, err := setup(nil, env{"ROSTERM_CONFIG": filepath.Join(home, "nope.yaml")}.get, io.Discard); err == nil {
		t.Error("a missing $ROSTERM_CONFIG is not an error")
	}
}

func TestProfilesAndSettingsPrecedence(t *testing.T) {
	demoSecrets(t)
	srv := demotest.Start(t, demo.Options{})
	path := writeConfig(t, profiles(srv.URL)+"theme: light\nmouse: true\nkeys:\n  quit: [Q]\n")
	e := env{"ROSTERM_CONFIG": path}

	s := mustSetup(t, e)
	if s.opts.Profile != "both" || s.ctx.Demo || s.ctx.ReadOnly || s.ctx.Opigno == nil || s.ctx.Directory(api.Vision) == nil ||
		s.opts.Theme != "light" || !s.opts.Mouse || s.opts.ConfigPath != path || s.opts.Notice != "" {
		t.Errorf("default profile: opts %+v", s.opts)
	}
	if !key.Matches(keymap.Press("Q"), s.ctx.Keys.Quit) {
		t.Error("the file's keys are not applied")
	}
	if s.ctx.Opigno.Acting() != demoopigno.AdminUUID {
		t.Errorf("acting as %s", s.ctx.Opigno.Acting())
	}

	e["ROSTERM_PROFILE"] = "scope-only"
	s = mustSetup(t, e)
	if s.opts.Profile != "scope-only" || !s.ctx.ReadOnly || s.ctx.Opigno != nil || s.ctx.Directory(api.Scope) == nil {
		t.Errorf("$ROSTERM_PROFILE: %+v", s.opts)
	}
	s = mustSetup(t, e, "--profile", "both", "--read-only", "--theme", "high-contrast", "--as", demoopigno.MemberUUID)
	if s.opts.Profile != "both" || !s.ctx.ReadOnly || s.opts.Theme != "high-contrast" || s.ctx.Opigno.Acting() != demoopigno.MemberUUID {
		t.Errorf("flags: %+v read-only %v", s.opts, s.ctx.ReadOnly)
	}
	s = mustSetup(t, e, "--demo")
	if !s.ctx.Demo || s.opts.Profile != "" || s.opts.Notice != "" || !key.Matches(keymap.Press("Q"), s.ctx.Keys.Quit) {
		t.Errorf("--demo: %+v", s.opts)
	}
	if _, err := setup([]string{"--profile", "nope"}, e.get, io.Discard); err == nil ||
		err.Error() != path+`: no profile is named "nope" (profiles: both, scope-only)` {
		t.Errorf("unknown profile: %v", err)
	}
	if _, err := setup([]string{"--theme", "blue"}, e.get, io.Discard); err == nil || !strings.Contains(err.Error(), `--theme: unknown theme "blue" (choose one of auto, dark, light, high-contrast, none)`) {
		t.Errorf("bad theme: %v", err)
	}
	if _, err := setup([]string{"extra"}, e.get, io.Discard); err == nil || !strings.Contains(err.Error(), `unknown command "extra"`) {
		t.Errorf("stray argument: %v", err)
	}
}

func TestNoColor(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	for _, c := range []struct {
		env   env
		args  []string
		theme string
		strip bool
	}{
		{env{}, nil, "auto", false},
		{env{"NO_COLOR": "1"}, nil, "none", true},
		{env{"NO_COLOR": "yes"}, []string{"--theme", "dark"}, "none", true},
		{env{"NO_COLOR": ""}, []string{"--theme", "dark"}, "dark", false},
		{env{}, []string{"--no-color"}, "none", true},
		{env{}, []string{"--theme", "none"}, "none", false},
	} {
		s := mustSetup(t, c.env, c.args...)
		if s.opts.Theme != c.theme || s.ctx.Theme.Name != strings.Replace(c.theme, "auto", "dark", 1) || s.noColor != c.strip {
			t.Errorf("%v %v: theme %q (%s), strip colour %v", c.env, c.args, s.opts.Theme, s.ctx.Theme.Name, s.noColor)
		}
	}
}

// credentialEcho serves the demo APIs, but Opigno and Scope's user search
// answer with an error quoting the credentials they were sent, as a
// careless server might; it records every token the token endpoints issue.
type credentialEcho struct {
	mu     sync.Mutex
	issued []string
}

func (c *credentialEcho) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		quote := r.URL.Path == "/opigno/graphql" || (r.URL.Path == "/scope/graphql" && bytes.Contains(body, []byte("users(")))
		switch {
		case quote:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			msg, _ := json.Marshal("refused credentials " + r.Header.Get("Authorization"))
			fmt.Fprintf(w, `{"errors":[{"message":%s}]}`, msg)
		case r.URL.Path == "/opigno/oauth/token" || r.URL.Path == "/vision/token":
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			var tok struct {
				AccessToken string `json:"access_token"`
				Token       string `json:"token"`
			}
			json.Unmarshal(rec.Body.Bytes(), &tok)
			c.mu.Lock()
			c.issued = append(c.issued, tok.AccessToken+tok.Token)
			c.mu.Unlock()
			maps.Copy(w.Header(), rec.Header())
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
		default:
			next.ServeHTTP(w, r)
		}
	})
}

func (c *credentialEcho) secrets() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string{"demo-secret", "demo-scope-token", "demo-key"}, c.issued...)
}

// A known token is on no screen, in no error, in no debug log line and in
// no config check output, even when a server quotes it back.
func TestCredentialsNeverShow(t *testing.T) {
	demoSecrets(t)
	echo := &credentialEcho{}
	srv := httptest.NewServer(echo.handler(demo.Handler(demo.Options{})))
	defer srv.Close()
	path := writeConfig(t, profiles(srv.URL))
	logPath := filepath.Join(t.TempDir(), "debug.log")

	s := mustSetup(t, env{}, "--config", path, "--debug", logPath)
	p := uitest.Start(t, ui.New(s.ctx, s.opts), 120, 40)
	p.WaitText(5*time.Second, "A Group", "refused credentials [redacted]") // Vision works; Scope and Opigno quote
	p.Press("E")
	p.WaitFor("both refusals in the error log", 5*time.Second, func(s string) bool {
		return strings.Contains(s, "Recent errors") && strings.Count(s, "refused credentials [redacted]") >= 2
	})
	errorLog := p.Screen.Text()
	p.Press("esc", "3", "?")
	p.WaitText(time.Second, "Connections pane")
	sinks := quitToSinks(t, p, s, errorLog, logPath, path)

	if issued := len(echo.secrets()) - 3; issued < 2 { // beyond the three configured
		t.Fatalf("tokens issued: %d; the test did not exercise the token exchanges", issued)
	}
	if strings.Count(errorLog, "refused credentials [redacted]") < 2 || !strings.Contains(sinks["the debug log"], "Authorization: [redacted]") ||
		!strings.Contains(sinks["config check"], "refused credentials [redacted]") {
		t.Fatalf("the servers' quotes did not reach every sink:\nerrors:\n%s\nlog:\n%s\ncheck:\n%s", errorLog, sinks["the debug log"], sinks["config check"])
	}
	for what, text := range sinks {
		for _, secret := range echo.secrets() {
			if secret != "" && strings.Contains(text, secret) {
				t.Errorf("%s show the credential %q", what, secret)
			}
		}
	}
}

// quitToSinks quits p, the program of session s, with ctrl+c and gathers
// by name every place a secret could reach: the error log as shown
// (errorLog), the frames drawn, the debug log at logPath, and what config
// check --online says of the configuration file path.
func quitToSinks(t *testing.T, p *uitest.Program, s *session, errorLog, logPath, path string) map[string]string {
	t.Helper()
	p.Press("ctrl+c")
	p.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	frames, _ := io.ReadAll(p.FinalOutput(t, teatest.WithFinalTimeout(5*time.Second)))
	s.close()
	debugLog, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	var check, checkErr bytes.Buffer
	// A busy token endpoint's Retry-After passes on a virtual clock.
	run(clock.With(context.Background(), clock.NewVirtual(time.Now())), []string{"config", "check", "--config", path, "--online"}, &check, &checkErr)
	return map[string]string{
		"the screens": string(frames), "the error log": errorLog, "the debug log": string(debugLog),
		"config check": check.String() + checkErr.String(),
	}
}

func TestConfigCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rosterm", "config.yaml")
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"config", "init", "--config", path}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "wrote "+path+" and the secrets it names beside it (only you can read them)") {
		t.Errorf("init says %q", out.String())
	}
	if err := run(context.Background(), []string{"config", "init", "--config", path}, &out, &errs); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second init: %v", err)
	}
	out.Reset()
	t.Setenv("ROSTERM_CONFIG", path)
	if err := run(context.Background(), []string{"config", "path"}, &out, &errs); err != nil || out.String() != path+"\n" {
		t.Errorf("path: %q %v", out.String(), err)
	}
	out.Reset()
	// Without one of the secret files init wrote, check says which.
	secret := filepath.Join(filepath.Dir(path), "opigno.secret")
	os.Remove(secret)
	err := run(context.Background(), []string{"config", "check"}, &out, &errs)
	if err == nil || !strings.HasPrefix(out.String(), path+": valid\nprofile local (default)\n") ||
		!strings.Contains(out.String(), "profiles.local.opigno.client_secret: the file "+secret+" does not exist") {
		t.Errorf("check of the example without its secrets: %v\n%s", err, out.String())
	}
	if err := run(context.Background(), []string{"config", "frob"}, &out, &errs); err == nil || !strings.Contains(err.Error(), "usage: rosterm config init") {
		t.Errorf("unknown subcommand: %v", err)
	}
}

// A bad file stops rosterm before the screen changes: a plain message on
// stderr with the file and line, nothing on the terminal's screen.
func TestABadFileIsReportedBeforeTheScreenChanges(t *testing.T) {
	path := writeConfig(t, "profiles:\n  work:\n    scope:\n      endpont: https://s.example/graphql\ntheme: blue\n")
	cmd := exec.Command(os.Args[0], "--config", path)
	cmd.Env = spawn.Env("ROSTERM_RUN_MAIN=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v", err)
	}
	want := "rosterm: " + path + ":3: profiles.work.scope: missing token\n" +
		"rosterm: " + path + `:4: profiles.work.scope: unknown key "endpont", did you mean "endpoint"? (allowed: endpoint, token)` + "\n" +
		"rosterm: " + path + ":5: theme: unknown theme \"blue\" (choose one of auto, dark, light, high-contrast, none)\n"
	if stderr.String() != want || stdout.Len() != 0 {
		t.Errorf("stderr:\n%s\nwant:\n%s\nstdout %q", stderr.String(), want, stdout.String())
	}
}

// startDemoServer runs `rosterm demo-server args...` and returns its URL.
func startDemoServer(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"demo-server", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = spawn.Env("ROSTERM_RUN_MAIN=1")
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
	t.Parallel() // the demo servers run as processes of their own
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
	err := run(context.Background(), []string{"demo-server", "--faults", "teapot=5%"}, io.Discard, &stderr)
	if err == nil || !strings.Contains(err.Error(), `unknown fault "teapot"`) {
		t.Fatalf("got %v", err)
	}
}

// TestWhatIsPrintedAfterExitIsMadeSafe: server text that reaches what
// rosterm prints outside the screen (config check's report, the debug
// log, an error printed on exit) arrives as text, whatever it carries.
func TestWhatIsPrintedAfterExitIsMadeSafe(t *testing.T) {
	var payloads []string
	for _, p := range hostile.Payloads() {
		payloads = append(payloads, p.Text)
	}
	evil := strings.Join(payloads, " ")
	body, _ := json.Marshal(map[string]any{"errors": []map[string]string{{"message": evil}}})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(hostile.Wire(string(body)))) // with the raw bytes that are not UTF-8
	}))
	defer srv.Close()
	path := writeConfig(t, "profiles:\n  evil:\n    scope:\n      endpoint: "+srv.URL+"/scope/graphql\n      token: not-a-secret\n")
	logPath := filepath.Join(t.TempDir(), "debug.log")

	var check, checkErr bytes.Buffer
	run(context.Background(), []string{"config", "check", "--config", path, "--online"}, &check, &checkErr)

	s := mustSetup(t, env{}, "--config", path, "--debug", logPath)
	p := uitest.Start(t, ui.New(s.ctx, s.opts), 120, 40)
	p.WaitText(5*time.Second, "not signed in")
	p.Press("ctrl+c")
	p.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	s.close()
	debugLog, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}

	var exit bytes.Buffer
	printLines(&exit, "rosterm: ", "the server said: "+hostile.Wire(evil))

	for what, text := range map[string]string{
		"config check": check.String() + checkErr.String(), "the debug log": string(debugLog), "an error on exit": exit.String(),
	} {
		if !strings.Contains(text, "PWNED") {
			t.Errorf("%s should show the server's words, made harmless:\n%s", what, text)
		}
		if problems := uitest.FrameProblems(text, 1<<20, 1<<20); len(problems) > 0 {
			t.Errorf("%s: %v", what, problems)
		}
	}
}

// post sends a GraphQL request with headers (name, value, ...) to url and
// returns the status and the decoded answer.
func post(t *testing.T, url, query string, headers ...string) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	c := &http.Client{Timeout: 10 * time.Second}
	defer c.CloseIdleConnections()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, out
}

func firstMessage(answer map[string]any) string {
	errs, _ := answer["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	m, _ := errs[0].(map[string]any)
	s, _ := m["message"].(string)
	return s
}

// `rosterm demo-server --strict --no-introspection` says what it serves,
// refuses what the vendors do not document in their words, and refuses
// introspection.
func TestDemoServerStrictAndNoIntrospection(t *testing.T) {
	t.Parallel() // the demo server runs as a process of its own
	cmd := exec.Command(os.Args[0], "demo-server", "--addr", "127.0.0.1:0", "--strict", "--no-introspection")
	cmd.Env = spawn.Env("ROSTERM_RUN_MAIN=1")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	out := bufio.NewReader(stdout)
	first, _ := out.ReadString('\n')
	second, _ := out.ReadString('\n')
	url, ok := strings.CutPrefix(strings.TrimSpace(first), "listening on ")
	if !ok || strings.TrimSpace(second) != "serving the documented schemas only (strict), introspection refused" {
		t.Fatalf("lines %q %q", first, second)
	}
	scope := url + "/scope/graphql"
	const auth = "Token token=demo-scope-token"
	status, answer := post(t, scope, `{ users(fullText: "luke@jedi.org", first: 1) { nodes { email } totalCount } }`, "Authorization", auth)
	if status != http.StatusOK || firstMessage(answer) != "" {
		t.Fatalf("a documented query: %d %v", status, answer)
	}
	_, answer = post(t, scope, `{ users(first: 1, after: "x") { nodes { email } } }`, "Authorization", auth)
	if got := firstMessage(answer); got != "Field 'users' doesn't accept argument 'after'" || answer["data"] != nil {
		t.Errorf("an undocumented argument: %v", answer)
	}
	_, answer = post(t, scope, `{ __schema { types { name } } }`, "Authorization", auth)
	if got := firstMessage(answer); got != "Field '__schema' doesn't exist on type 'Query'" {
		t.Errorf("introspection: %v", answer)
	}
	if status, _ := post(t, scope, `{ __schema { types { name } } }`); status != http.StatusUnauthorized {
		t.Errorf("no credentials: HTTP %d, want 401 before anything else", status)
	}
}

// --strict and --no-introspection are the demo's, like --hostile; with
// --demo the in-process server is strict.
func TestStrictFlagsNeedTheDemo(t *testing.T) {
	demoSecrets(t)
	srv := demotest.Start(t, demo.Options{})
	e := env{"ROSTERM_CONFIG": writeConfig(t, profiles(srv.URL))}
	for args, want := range map[string]string{
		"--strict":                        "--strict applies to the demo server: add --demo",
		"--no-introspection --strict":     "--no-introspection and --strict apply to the demo server: add --demo",
		"--hostile --no-introspection":    "--hostile and --no-introspection apply to the demo server: add --demo",
		"--faults 500 --hostile --strict": "--faults, --hostile and --strict apply to the demo server: add --demo",
	} {
		if _, err := setup(strings.Fields(args), e.get, io.Discard); err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %q", args, err, want)
		}
	}
	s := mustSetup(t, e, "--demo", "--strict", "--no-introspection")
	if !s.ctx.Demo || s.demoURL == "" {
		t.Fatalf("--demo --strict: demo %v, url %q", s.ctx.Demo, s.demoURL)
	}
	opigno := s.demoURL + "/opigno/graphql"
	as := []string{"Authorization", "Bearer " + demoopigno.DemoToken, "Opigno-Client-UUID", demoopigno.AdminUUID}
	_, answer := post(t, opigno, `{ getUserCommunities(first: 1) { totalItems } }`, as...)
	if got := firstMessage(answer); !strings.HasPrefix(got, `Cannot query field "getUserCommunities" on type "Query".`) {
		t.Errorf("a DEMO-ONLY query on the strict in-process server: %v", answer)
	}
	_, answer = post(t, opigno, `{ t: __type(name: "Query") { name } }`, as...)
	if got := firstMessage(answer); got != "GraphQL introspection is not allowed, but the query contained __schema or __type" {
		t.Errorf("introspection on the in-process server: %v", answer)
	}
}
