package vision_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
	"github.com/rosterm/rosterm/api/vision"
)

// TestTheTokenExchangeFollowsNoRedirect: a token endpoint answering 307
// (POST or GET) gets the key and secret no further: the exchange fails,
// naming where the redirect pointed (without its credentials), and is not
// asked again.
func TestTheTokenExchangeFollowsNoRedirect(t *testing.T) {
	thief := faulttest.NewThief(t, `{"token":"stolen"}`)
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	for _, method := range []string{"POST", "GET"} {
		t.Run(method, func(t *testing.T) {
			c, err := vision.New(vision.Config{
				Endpoint: srv.URL + "/vision/graphql", TokenURL: srv.URL + "/vision/token", TokenMethod: method,
				Key: demovision.DemoKey, Secret: demovision.DemoSecret, Timeout: 3 * time.Second,
			})
			if err != nil {
				t.Fatal(err)
			}
			inj.Add(faults.Rule{Fault: faults.Redirect, Path: "/vision/token", Times: 1, Location: thief.Location})
			before := inj.Requests("/vision/token")
			_, err = c.Users(context.Background(), "", 5)
			thief.CheckRefused(t, err)
			if n := inj.Requests("/vision/token") - before; n != 1 {
				t.Errorf("%d token requests, want 1: a redirect is not retried", n)
			}
		})
	}
}

// TestCredentialsEchoedByTheTokenEndpointAreRemoved: a token endpoint
// that refuses (401) or is busy (503), quoting the key and secret it got
// (JSON body or Basic header), shows neither, in any encoding, in the
// error or the debug log.
func TestCredentialsEchoedByTheTokenEndpointAreRemoved(t *testing.T) {
	key := "key/" + faulttest.OddSecret
	secret := faulttest.OddSecret
	forms := append(append(faulttest.Forms(key), faulttest.Forms(secret)...), faulttest.BasicForms(key, secret)...)
	for _, method := range []string{"POST", "GET"} {
		for _, fault := range []faults.Fault{faults.Echo, faults.EchoBusy} {
			t.Run(method+" "+string(fault), func(t *testing.T) {
				inj := faults.New(faults.Rule{Fault: fault, Path: "/vision/token", Share: 1})
				srv := demotest.Start(t, demo.Options{Faults: inj})
				var log faulttest.Log
				c, err := vision.New(vision.Config{
					Endpoint: srv.URL + "/vision/graphql", TokenURL: srv.URL + "/vision/token", TokenMethod: method,
					Key: key, Secret: secret, Timeout: 3 * time.Second,
					Log: log.Line,
				})
				if err != nil {
					t.Fatal(err)
				}
				// The busy answers' Retry-After passes on a virtual clock.
				_, err = c.Users(clock.With(context.Background(), clock.NewVirtual(time.Now())), "", 5)
				if err == nil {
					t.Fatal("the token endpoint refused, yet the query worked")
				}
				text := faulttest.ErrorText(err) + log.String()
				if !strings.Contains(text, "refused "+method+" /vision/token") {
					t.Fatalf("the server's quote did not reach the error: %s", text)
				}
				if leaks := faulttest.Leaks(text, forms); len(leaks) > 0 {
					t.Errorf("the credentials show as %q in:\n%s", leaks, text)
				}
			})
		}
	}
}

// TestA503sRetryAfterIsWaitedOut: a 503 asking to retry after a second,
// in seconds or as an HTTP date, from the GraphQL endpoint or the token
// endpoint, is waited out before the next try, which works.
func TestA503sRetryAfterIsWaitedOut(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	for _, path := range []string{"/vision/graphql", "/vision/token"} {
		for _, fault := range []faults.Fault{faults.Unavailable, faults.UnavailableUntil} {
			t.Run(path+" "+string(fault), func(t *testing.T) {
				c, err := vision.New(vision.Config{
					Endpoint: srv.URL + "/vision/graphql", TokenURL: srv.URL + "/vision/token",
					Key: demovision.DemoKey, Secret: demovision.DemoSecret, Timeout: 5 * time.Second,
				})
				if err != nil {
					t.Fatal(err)
				}
				inj.Add(faults.Rule{Fault: fault, Path: path, Times: 1, RetryAfter: time.Second})
				before := inj.Requests(path)
				clk := clock.NewVirtual(time.Now())
				start := clk.Now()
				p, err := c.Users(clock.With(context.Background(), clk), "", 5)
				if err != nil || len(p.Items) != 5 {
					t.Fatalf("want the retry to work: %v", err)
				}
				if took := clk.Now().Sub(start); took < time.Second {
					t.Errorf("retried after %s, before the server's Retry-After of 1s", took)
				}
				if n := inj.Requests(path) - before; n != 2 {
					t.Errorf("%d requests to %s, want 2", n, path)
				}
			})
		}
	}
}
