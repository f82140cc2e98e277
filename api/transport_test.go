package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/rosterm/rosterm/api/clock"
)

const secretToken = "s3cr3t-token-value-42"

type result struct {
	Hello string `json:"hello"`
}

const helloQuery = `query { hello }`

func newClient(t *testing.T, url string, auth Auth, tweak ...func(*Endpoint)) *Client {
	t.Helper()
	ep := Endpoint{URL: url, Auth: auth, Timeout: 5 * time.Second}
	for _, f := range tweak {
		f(&ep)
	}
	c, err := NewClient(ep)
	if err != nil {
		t.Fatal(err)
	}
	c = c.WithRetry(Retry{Attempts: 3, Base: 10 * time.Millisecond, Max: 3 * time.Second})
	t.Cleanup(c.Close)
	return c
}

func bearer() Auth { return Static{"Authorization": {"Bearer " + secretToken}} }

func TestCredentialsStayOnTheEndpointHost(t *testing.T) {
	var leaked atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
		fmt.Fprint(w, `{"data":{"hello":"x"}}`)
	}))
	defer other.Close()
	home := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/graphql", http.StatusTemporaryRedirect)
	}))
	defer home.Close()

	c := newClient(t, home.URL+"/graphql", bearer())
	var out result
	err := c.Exec(context.Background(), helloQuery, &out, nil)
	if KindOf(err) != KindRedirect {
		t.Fatalf("a redirect must be reported, not followed: got %v", err)
	}
	if !strings.Contains(err.Error(), "redirects") {
		t.Errorf("message should say the endpoint redirects: %q", err)
	}
	if leaked.Load() != 0 {
		t.Fatal("the credential reached another host")
	}

	// A request built for another host is refused outright.
	tr, _ := NewTransport(Endpoint{URL: home.URL, Auth: bearer()})
	req, _ := http.NewRequest(http.MethodPost, other.URL, nil)
	if _, err := tr.Do(req); err == nil || leaked.Load() != 0 {
		t.Fatalf("request to another host: err=%v leaked=%d", err, leaked.Load())
	}
}

func TestResponseLargerThanTheCapIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"data":{"hello":"%s"}}`, strings.Repeat("x", 10_000))
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, nil, func(ep *Endpoint) { ep.MaxResponse = 1000 })
	var out result
	err := c.Exec(context.Background(), helloQuery, &out, nil)
	if KindOf(err) != KindTooLarge {
		t.Fatalf("want KindTooLarge, got %v (%d)", err, KindOf(err))
	}
}

func TestExpiredTokenIsRenewedOnceOn401(t *testing.T) {
	var issued atomic.Int32
	fetch := tokenFunc(func() (*oauth2.Token, error) {
		n := issued.Add(1)
		return &oauth2.Token{AccessToken: fmt.Sprintf("tok-%d", n), Expiry: time.Now().Add(time.Hour)}, nil
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "tok-2" { // the first token "expired" on the server
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"errors":[{"message":"token expired"}]}`)
			return
		}
		fmt.Fprint(w, `{"data":{"hello":"again"}}`)
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, NewTokenAuth(fetch, func(s string) string { return s }, nil))
	var out result
	if err := c.Exec(context.Background(), helloQuery, &out, nil); err != nil {
		t.Fatal(err)
	}
	if out.Hello != "again" || issued.Load() != 2 {
		t.Fatalf("want one renewal and success, got %q after %d tokens", out.Hello, issued.Load())
	}
}

func TestWrongCredentialIsAnAuthErrorWithoutTheToken(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusUnauthorized)
		// A careless server echoing the credential back.
		fmt.Fprintf(w, `{"errors":[{"message":"bad credential %s"}]}`, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, bearer())
	var out result
	err := c.Exec(context.Background(), helloQuery, &out, nil)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindAuth {
		t.Fatalf("want KindAuth, got %v", err)
	}
	if strings.Contains(err.Error(), secretToken) || strings.Contains(fmt.Sprintf("%+v", e.Err), secretToken) {
		t.Fatalf("the token leaked into the error: %q", err)
	}
	if calls.Load() != 1 {
		t.Errorf("a fixed credential must not be retried: %d calls", calls.Load())
	}
}

func TestQueriesRetryHonouringRetryAfterButMutationsDoNot(t *testing.T) {
	url, calls := busyOnce(t, http.StatusTooManyRequests, func() string { return "1" })
	c := newClient(t, url, nil)
	retriedAfterOneSecond(t, c, calls)

	calls.Store(0)
	var out result
	err := c.ExecMutation(context.Background(), `mutation { hello }`, &out, nil)
	if KindOf(err) != KindRateLimit || calls.Load() != 1 {
		t.Fatalf("a mutation must be sent once: %v after %d calls", err, calls.Load())
	}
}

// busyOnce serves helloQuery, answering the first request with status
// and a Retry-After of after(), taken as the answer is written (a date
// must be in the future then); calls counts the requests.
func busyOnce(t *testing.T, status int, after func() string) (url string, calls *atomic.Int32) {
	calls = &atomic.Int32{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", after())
			w.WriteHeader(status)
			return
		}
		fmt.Fprint(w, `{"data":{"hello":"ok"}}`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, calls
}

// retriedAfterOneSecond runs helloQuery with c against a busyOnce server
// and checks that it was sent once more, at least a second later (on a
// virtual clock, so the test does not wait).
func retriedAfterOneSecond(t *testing.T, c *Client, calls *atomic.Int32) {
	t.Helper()
	var out result
	clk := clock.NewVirtual(time.Now())
	start := clk.Now()
	if err := c.Exec(clock.With(context.Background(), clk), helloQuery, &out, nil); err != nil {
		t.Fatal(err)
	}
	if took := clk.Now().Sub(start); calls.Load() != 2 || took < time.Second {
		t.Fatalf("want one retry after the server's Retry-After, got %d calls after %s", calls.Load(), took)
	}
}

func TestRetryStopsWhenContextEnds(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, nil)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	var out result
	err := c.Exec(ctx, helloQuery, &out, nil)
	if KindOf(err) != KindServer {
		t.Fatalf("want the server error once the wait is cancelled, got %v", err)
	}
}

func TestMutationWithoutAnswerHasUnknownOutcome(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := newClient(t, srv.URL, nil, func(ep *Endpoint) { ep.Timeout = 200 * time.Millisecond })
	var out result
	err := c.ExecMutation(context.Background(), `mutation { hello }`, &out, nil)
	if KindOf(err) != KindOutcomeUnknown || !strings.Contains(err.Error(), "may or may not") {
		t.Fatalf("want an unknown outcome, got %v", err)
	}
}

func TestMalformedAndPartialAnswers(t *testing.T) {
	body := `{"data":{"hello":"partial"},"errors":[{"message":"one field failed","path":["other"]}]}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "bad") {
			fmt.Fprint(w, `{"data": {"hello": `)
			return
		}
		fmt.Fprint(w, body)
	}))
	defer srv.Close()
	var out result
	err := newClient(t, srv.URL+"/bad", nil).Exec(context.Background(), helloQuery, &out, nil)
	if KindOf(err) != KindDecode {
		t.Fatalf("truncated JSON: want KindDecode, got %v", err)
	}
	err = newClient(t, srv.URL, nil).Exec(context.Background(), helloQuery, &out, nil)
	if KindOf(err) != KindGraphQL || out.Hello != "partial" || !strings.Contains(err.Error(), "one field failed") {
		t.Fatalf("partial data: got %q, %v", out.Hello, err)
	}
}

type tokenFunc func() (*oauth2.Token, error)

func (f tokenFunc) Token(context.Context) (*oauth2.Token, error) { return f() }
