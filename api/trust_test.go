package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// TestRetryAfterIsHonouredOn503: a 503's Retry-After, in seconds or as an
// HTTP date, is waited out before the query is sent again, as a 429's is.
func TestRetryAfterIsHonouredOn503(t *testing.T) {
	for _, form := range []string{"seconds", "date"} {
		t.Run(form, func(t *testing.T) {
			url, calls := busyOnce(t, http.StatusServiceUnavailable, func() string {
				if form == "date" {
					return time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat)
				}
				return "1"
			})
			retriedAfterOneSecond(t, newClient(t, url, nil), calls)
		})
	}
}

// TestARetryAfterBeyondTheDeadlineEndsTheQueryAtOnce: a wait the request's
// deadline would cut short is not begun: the server's answer is the
// query's, at once.
func TestARetryAfterBeyondTheDeadlineEndsTheQueryAtOnce(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	var out result
	err := c.Exec(ctx, helloQuery, &out, nil)
	if KindOf(err) != KindServer || calls.Load() != 1 {
		t.Fatalf("want the 503 after one call, got %v after %d", err, calls.Load())
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("waited %s for a retry the deadline would not allow", took)
	}
}

// TestAMutationIsNeverSentTwiceAfter401: a change answered 401 renews the
// token but is not sent again; the error says it was not applied and that
// sending it again will apply it. A query is still sent again.
func TestAMutationIsNeverSentTwiceAfter401(t *testing.T) {
	var issued atomic.Int32
	fetch := tokenFunc(func() (*oauth2.Token, error) {
		return &oauth2.Token{AccessToken: fmt.Sprintf("tok-%d", issued.Add(1)), Expiry: time.Now().Add(time.Hour)}, nil
	})
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Header.Get("Authorization") == "tok-1" { // expired on the server
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"errors":[{"message":"token expired"}]}`)
			return
		}
		fmt.Fprint(w, `{"data":{"hello":"done"}}`)
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, NewTokenAuth(fetch, func(s string) string { return s }, nil))
	var out result
	err := c.ExecMutation(context.Background(), `mutation { hello }`, &out, nil)
	if calls.Load() != 1 {
		t.Fatalf("the mutation was sent %d times", calls.Load())
	}
	if err == nil || !strings.Contains(err.Error(), "not applied") || !strings.Contains(err.Error(), "again") {
		t.Fatalf("want an error saying the change was not applied: %v", err)
	}
	if issued.Load() != 2 {
		t.Errorf("%d tokens issued, want the token renewed", issued.Load())
	}
	calls.Store(0)
	if err := c.ExecMutation(context.Background(), `mutation { hello }`, &out, nil); err != nil || calls.Load() != 1 || out.Hello != "done" {
		t.Fatalf("sent again: %v after %d calls", err, calls.Load())
	}

	// A query, which changes nothing, is sent again with the new token.
	issued.Store(0)
	c = newClient(t, srv.URL, NewTokenAuth(fetch, func(s string) string { return s }, nil))
	calls.Store(0)
	if err := c.Exec(context.Background(), helloQuery, &out, nil); err != nil || calls.Load() != 2 {
		t.Fatalf("a query after a 401: %v after %d calls", err, calls.Load())
	}
}

// TestTheDebugLogHidesSecretVariables: the variables of a request whose
// names say they are secret (password, secret, token, apiKey, api_key,
// credentials and all under it) are not in the debug log, at any depth;
// the rest is.
func TestTheDebugLogHidesSecretVariables(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"data":{"hello":"ok"}}`)
	}))
	defer srv.Close()
	var mu sync.Mutex
	var logged []string
	c := newClient(t, srv.URL, nil, func(ep *Endpoint) {
		ep.Log = func(line string) { mu.Lock(); logged = append(logged, line); mu.Unlock() }
	})
	vars := map[string]any{
		"input": map[string]any{
			"user": map[string]any{
				"firstName":   "Visible-Name",
				"credentials": map[string]any{"username": "cred-user-1", "password": "pw-hunter2"},
			},
			"list":      []any{map[string]any{"api_key": "key-in-list"}, map[string]any{"clientSecret": "client-secret-9"}},
			"apiKey":    "camel-api-key",
			"Password":  map[string]any{"nested": "pw-object"},
			"authToken": "tok-in-vars",
		},
		"nextToken": "page-cursor-7",
	}
	var out result
	if err := c.ExecMutation(context.Background(), `mutation($input: In!, $nextToken: String) { hello }`, &out, vars); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	text := strings.Join(logged, "\n")
	mu.Unlock()
	for _, secret := range []string{"cred-user-1", "pw-hunter2", "key-in-list", "client-secret-9", "camel-api-key", "pw-object", "tok-in-vars"} {
		if strings.Contains(text, secret) {
			t.Errorf("the debug log shows %q:\n%s", secret, text)
		}
	}
	for _, shown := range []string{"Visible-Name", "page-cursor-7", "[redacted]"} {
		if !strings.Contains(text, shown) {
			t.Errorf("the debug log should show %q:\n%s", shown, text)
		}
	}
}

// TestAnEndpointsUserinfoShowsNowhere: credentials written in an endpoint
// URL (https://user:password@host/…) are in no debug log line, no error
// and not in the address the client gives.
func TestAnEndpointsUserinfoShowsNowhere(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A server quoting the request line and the Basic header it got.
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"errors":[{"message":"bad request to %s with %s"}]}`, r.URL, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL + "/graphql")
	u.User = url.UserPassword("url-user", "url-pass-77")
	var mu sync.Mutex
	var logged []string
	c := newClient(t, u.String(), nil, func(ep *Endpoint) {
		ep.Log = func(line string) { mu.Lock(); logged = append(logged, line); mu.Unlock() }
	})
	var out result
	err := c.Exec(context.Background(), helloQuery, &out, nil)
	if err == nil {
		t.Fatal("want the server's refusal")
	}
	mu.Lock()
	text := strings.Join(logged, "\n") + "\n" + err.Error() + "\n" + c.URL()
	mu.Unlock()
	basic := "dXJsLXVzZXI6dXJsLXBhc3MtNzc=" // base64 of url-user:url-pass-77
	for _, secret := range []string{"url-user", "url-pass-77", basic} {
		if strings.Contains(text, secret) {
			t.Errorf("%q shows in:\n%s", secret, text)
		}
	}
	if !strings.Contains(text, strings.TrimPrefix(srv.URL, "http://")+"/graphql") {
		t.Errorf("the endpoint's address (without credentials) should still show:\n%s", text)
	}

	// An endpoint that is not a URL rosterm can use is refused without
	// quoting its credentials.
	_, err = NewClient(Endpoint{URL: "ftp://url-user:url-pass-77@example.com/graphql"})
	if err == nil || strings.Contains(err.Error(), "url-pass-77") || strings.Contains(err.Error(), "url-user") {
		t.Errorf("a bad endpoint: %v", err)
	}
}

// TestThePolicyHoldsForEveryRequestItSends: the client every credential
// travels with (NewHTTPClient, the token endpoints' too) sends nothing to
// another origin, follows no redirect (saying where it pointed, without
// credentials), and caps the answer's size.
func TestThePolicyHoldsForEveryRequestItSends(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	home := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, strings.Replace(other.URL, "http://", "http://eve:pw-in-location@", 1)+"/token", http.StatusPermanentRedirect)
		case "/huge":
			fmt.Fprint(w, strings.Repeat("x", 2000))
		}
	}))
	defer home.Close()
	hc, err := NewHTTPClient(Endpoint{URL: home.URL + "/token", MaxResponse: 1000})
	if err != nil {
		t.Fatal(err)
	}
	defer hc.CloseIdleConnections()

	req, _ := http.NewRequest(http.MethodPost, home.URL+"/moved", strings.NewReader("client_secret=s"))
	_, err = hc.Do(req)
	if KindOf(err) != KindRedirect || !strings.Contains(err.Error(), strings.TrimPrefix(other.URL, "http://")+"/token") || strings.Contains(err.Error(), "pw-in-location") {
		t.Errorf("a redirect: %v", err)
	}
	req, _ = http.NewRequest(http.MethodPost, other.URL+"/token", strings.NewReader("client_secret=s"))
	if _, err = hc.Do(req); err == nil {
		t.Error("a request to another origin was sent")
	}
	if elsewhere.Load() != 0 {
		t.Errorf("%d requests reached another origin", elsewhere.Load())
	}
	req, _ = http.NewRequest(http.MethodGet, home.URL+"/huge", nil)
	if resp, err := hc.Do(req); err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if KindOf(err) != KindTooLarge {
			t.Errorf("an answer beyond the cap: %v", err)
		}
	} else if KindOf(err) != KindTooLarge {
		t.Errorf("an answer beyond the cap: %v", err)
	}
}
