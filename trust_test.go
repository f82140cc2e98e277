package main

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/uitest"
)

// TestCredentialsEchoedByTokenEndpointsNeverShow: token endpoints that
// answer with the credentials they received (Opigno's OAuth endpoint
// refusing the form, Vision's busy and quoting the Basic header) show
// them, in no encoding, on any screen, in the error log, the debug log or
// config check's output; nor do the credentials written in an endpoint's
// URL.
func TestCredentialsEchoedByTokenEndpointsNeverShow(t *testing.T) {
	opignoSecret, visionKey, visionSecret := "o-"+faulttest.OddSecret, "k-"+faulttest.OddSecret, "v-"+faulttest.OddSecret
	t.Setenv("TEST_OPIGNO_SECRET", opignoSecret)
	t.Setenv("TEST_VISION_KEY", visionKey)
	t.Setenv("TEST_VISION_SECRET", visionSecret)
	t.Setenv("TEST_SCOPE_TOKEN", "demo-scope-token")
	inj := faults.New(
		faults.Rule{Fault: faults.Echo, Path: "/opigno/oauth/token", Share: 1},
		faults.Rule{Fault: faults.EchoBusy, Path: "/vision/token", Share: 1},
	)
	srv := httptest.NewServer(inj.Wrap(demo.Handler(demo.Options{})))
	defer srv.Close()
	defer inj.Close()
	withUser := strings.Replace(srv.URL, "http://", "http://url-user:url-pass-77@", 1)
	path := writeConfig(t, `default_profile: echo
profiles:
  echo:
    opigno:
      endpoint: `+srv.URL+`/opigno/graphql
      token_url: `+srv.URL+`/opigno/oauth/token
      client_id: demo-client
      client_secret: {env: TEST_OPIGNO_SECRET}
      acting_uuid: `+demoopigno.AdminUUID+`
    scope:
      endpoint: `+withUser+`/scope/graphql
      token: {env: TEST_SCOPE_TOKEN}
    vision:
      endpoint: `+srv.URL+`/vision/graphql
      token_url: `+srv.URL+`/vision/token
      token_method: GET
      api_key: {env: TEST_VISION_KEY}
      api_secret: {env: TEST_VISION_SECRET}
      groups: [your-org-a-group]
`)
	logPath := filepath.Join(t.TempDir(), "debug.log")
	s := mustSetup(t, env{}, "--config", path, "--debug", logPath)
	// The busy token endpoint's Retry-After passes on a virtual clock.
	s.ctx.Base = clock.With(t.Context(), clock.NewVirtual(time.Now()))
	p := uitest.Start(t, ui.New(s.ctx, s.opts), 120, 40)
	p.WaitText(10*time.Second, "[redacted]")
	p.Press("E")
	p.WaitFor("both token endpoints' refusals in the error log", 10*time.Second, func(s string) bool {
		return strings.Contains(s, "Recent errors") && strings.Contains(s, "refused POST /opigno/oauth/token") &&
			strings.Contains(s, "refused GET /vision/token")
	})
	errorLog := p.Screen.Text()
	p.Press("esc", "3")
	p.WaitText(5*time.Second, "[redacted]")
	sinks := quitToSinks(t, p, s, errorLog, logPath, path)
	if check := sinks["config check"]; !strings.Contains(check, "refused POST /opigno/oauth/token") || !strings.Contains(check, "refused GET /vision/token") {
		t.Fatalf("config check should quote both refusals:\n%s", check)
	}

	var forms []string
	for _, secret := range []string{opignoSecret, visionKey, visionSecret, "demo-scope-token", "url-user", "url-pass-77"} {
		forms = append(forms, faulttest.Forms(secret)...)
	}
	forms = append(forms, faulttest.BasicForms("demo-client", opignoSecret)...)
	forms = append(forms, faulttest.BasicForms(visionKey, visionSecret)...)
	forms = append(forms, faulttest.BasicForms("url-user", "url-pass-77")...)
	for what, text := range sinks {
		if leaks := faulttest.Leaks(text, forms); len(leaks) > 0 {
			t.Errorf("%s show the credentials as %q:\n%s", what, leaks, text)
		}
	}
}
