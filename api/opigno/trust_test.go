package opigno_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
)

func oauthClient(t *testing.T, srv *demotest.Server, secret string, log api.Logger) *opigno.Client {
	t.Helper()
	c, err := opigno.New(opigno.Config{
		Endpoint: srv.URL + "/opigno/graphql", TokenURL: srv.URL + "/opigno/oauth/token",
		ClientID: demoopigno.DemoClientID, ClientSecret: secret,
		ActingUUID: demoopigno.AdminUUID, Timeout: 3 * time.Second, Log: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTheOAuthTokenRequestFollowsNoRedirect: a token endpoint answering
// 307 gets the client secret (in a Basic header or in the form) no
// further: the request fails, naming where the redirect pointed without
// its credentials, and the redirect is not asked again.
func TestTheOAuthTokenRequestFollowsNoRedirect(t *testing.T) {
	thief := faulttest.NewThief(t, `{"access_token":"stolen","token_type":"bearer"}`)
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c := oauthClient(t, srv, demoopigno.DemoClientSecret, nil)
	inj.Add(faults.Rule{Fault: faults.Redirect, Path: "/opigno/oauth/token", Times: 2, Location: thief.Location})
	_, err := c.PossibleConnections(context.Background(), opigno.ListArgs{First: 5})
	thief.CheckRefused(t, err)
}

// TestCredentialsEchoedByTheOAuthEndpointAreRemoved: a token endpoint
// that refuses (401, an OAuth error) or is busy (503, a body the OAuth
// library shows whole), quoting the client secret it got in the form or
// the Basic header, shows it in no encoding, in the error or the debug
// log.
func TestCredentialsEchoedByTheOAuthEndpointAreRemoved(t *testing.T) {
	secret := faulttest.OddSecret
	forms := append(faulttest.Forms(secret), faulttest.BasicForms(demoopigno.DemoClientID, secret)...)
	for _, fault := range []faults.Fault{faults.Echo, faults.EchoBusy} {
		t.Run(string(fault), func(t *testing.T) {
			inj := faults.New(faults.Rule{Fault: fault, Path: "/opigno/oauth/token", Share: 1})
			srv := demotest.Start(t, demo.Options{Faults: inj})
			var log faulttest.Log
			c := oauthClient(t, srv, secret, log.Line)
			// The busy answers' Retry-After passes on a virtual clock.
			_, err := c.PossibleConnections(clock.With(context.Background(), clock.NewVirtual(time.Now())), opigno.ListArgs{First: 5})
			if err == nil {
				t.Fatal("the token endpoint refused, yet the query worked")
			}
			text := faulttest.ErrorText(err) + log.String()
			if !strings.Contains(text, "refused POST /opigno/oauth/token") {
				t.Fatalf("the server's quote did not reach the error: %s", text)
			}
			if leaks := faulttest.Leaks(text, forms); len(leaks) > 0 {
				t.Errorf("the client secret shows as %q in:\n%s", leaks, text)
			}
		})
	}
}

// TestAChangeRefusedForAnExpiredTokenIsNotSentAgain: a mutation answered
// 401 renews the token but is not sent again (the server may have acted
// on it before refusing); the error says the change was not applied and
// sending it again will apply it, and sending it again does.
func TestAChangeRefusedForAnExpiredTokenIsNotSentAgain(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c := oauthClient(t, srv, demoopigno.DemoClientSecret, nil)
	ctx := context.Background()
	possible, err := c.PossibleConnections(ctx, opigno.ListArgs{First: 1})
	must(t, err)
	p, err := c.Plan(ctx, possible.Items[0].Actions[0])
	must(t, err)

	inj.Next("/opigno/graphql", faults.Unauthorized, 1)
	sent, tokens := inj.Requests("/opigno/graphql"), inj.Requests("/opigno/oauth/token")
	_, err = c.Run(ctx, p)
	if n := inj.Requests("/opigno/graphql") - sent; n != 1 {
		t.Fatalf("the change was sent %d times", n)
	}
	if err == nil || !strings.Contains(err.Error(), "not applied") || !strings.Contains(err.Error(), "again") {
		t.Fatalf("want an error saying the change was not applied and sending it again will: %v", err)
	}
	if n := inj.Requests("/opigno/oauth/token") - tokens; n != 1 {
		t.Errorf("%d token requests after the 401, want 1 (renewed)", n)
	}

	sent, tokens = inj.Requests("/opigno/graphql"), inj.Requests("/opigno/oauth/token")
	out, err := c.Run(ctx, p)
	if err != nil || out.Failed() != "" {
		t.Fatalf("sent again: %v %q", err, out.Failed())
	}
	if n, m := inj.Requests("/opigno/graphql")-sent, inj.Requests("/opigno/oauth/token")-tokens; n != 1 || m != 0 {
		t.Errorf("sent again: %d requests and %d token requests, want 1 and 0", n, m)
	}
}
