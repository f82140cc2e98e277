package config_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
)

// TestCheckShowsNoCredentials: config check, offline and online, shows
// neither the credentials written in the endpoints' URLs nor those the
// token endpoints quote back (Opigno's refusing, Vision's busy), in any
// encoding; it still says what each server answered.
func TestCheckShowsNoCredentials(t *testing.T) {
	secret, key := faulttest.OddSecret, "key-"+faulttest.OddSecret
	t.Setenv("TEST_OPIGNO_SECRET", secret)
	t.Setenv("TEST_SCOPE_TOKEN", "demo-scope-token")
	t.Setenv("TEST_VISION_KEY", key)
	t.Setenv("TEST_VISION_SECRET", secret)
	inj := faults.New(
		faults.Rule{Fault: faults.Echo, Path: "/opigno/oauth/token", Share: 1},
		faults.Rule{Fault: faults.EchoBusy, Path: "/vision/token", Share: 1},
	)
	srv := demotest.Start(t, demo.Options{Faults: inj})
	withUser := strings.Replace(srv.URL, "http://", "http://url-user:url-pass-77@", 1)
	text := strings.ReplaceAll(profileFor(srv.URL), srv.URL+"/", withUser+"/")

	forms := append(faulttest.Forms(secret), faulttest.Forms(key)...)
	forms = append(forms, faulttest.Forms("demo-scope-token")...)
	forms = append(forms, faulttest.BasicForms("demo-client", secret)...)
	forms = append(forms, faulttest.BasicForms(key, secret)...)
	forms = append(forms, "url-user", "url-pass-77")
	for _, online := range []bool{false, true} {
		// The busy token endpoint's Retry-After passes on a virtual clock.
		ctx := clock.With(context.Background(), clock.NewVirtual(time.Now()))
		lines, _ := config.Check(ctx, parse(t, text), "demo", online)
		out := strings.Join(lines, "\n")
		if !strings.Contains(out, strings.TrimPrefix(srv.URL, "http://")+"/scope/graphql") {
			t.Errorf("the check should name the endpoints (without credentials):\n%s", out)
		}
		if online && (!strings.Contains(out, "refused POST /opigno/oauth/token") || !strings.Contains(out, "refused POST /vision/token")) {
			t.Errorf("the check should quote what the token endpoints said:\n%s", out)
		}
		if leaks := faulttest.Leaks(out, forms); len(leaks) > 0 {
			t.Errorf("online %v: the check shows %q:\n%s", online, leaks, out)
		}
	}
}
