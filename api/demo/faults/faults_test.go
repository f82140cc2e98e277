package faults

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestParse(t *testing.T) {
	rules, err := Parse("429, 500=0.2,hang@scope=5%")
	want := []Rule{
		{Fault: RateLimited, Share: DefaultShare},
		{Fault: ServerError, Share: 0.2},
		{Fault: Hang, Path: "scope", Share: 0.05},
	}
	if err != nil || !reflect.DeepEqual(rules, want) {
		t.Fatalf("got %+v, %v", rules, err)
	}
	all, err := Parse("all=55%")
	if err != nil || len(all) != len(All()) || all[0].Share != 0.05 {
		t.Fatalf("all: %+v, %v", all, err)
	}
	// A misbehaving server misbehaves on every answer unless told a share,
	// so `--faults cycle@vision` is a Vision that cycles for the session.
	bad, err := Parse("cycle@vision,lie@scope=50%")
	want = []Rule{{Fault: CyclePages, Path: "vision", Share: 1}, {Fault: LyingSchema, Path: "scope", Share: 0.5}}
	if err != nil || !reflect.DeepEqual(bad, want) {
		t.Fatalf("misbehaving: %+v, %v", bad, err)
	}
	for spec, says := range map[string]string{
		"404":               "unknown fault",
		"500@jira":          "unknown API",
		"500=2":             "not a fraction",
		"500=x%":            "not a fraction",
		"500=60%,reset=50%": "add up to 110%",
	} {
		if _, err := Parse(spec); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("Parse(%q) = %v, want an error saying %q", spec, err, says)
		}
	}
	// Shares add up per API: 60% everywhere and 50% on Scope alone is too
	// much for Scope only.
	if _, err := Parse("500=60%,reset@scope=50%"); err == nil || !strings.Contains(err.Error(), "scope") {
		t.Errorf("want Scope's total refused, got %v", err)
	}
}

func TestRandomRulesTakeTheirShareOfTheirPaths(t *testing.T) {
	rules, _ := Parse("500=20%,reset@scope=30%")
	in := New(rules...)
	dice := []float64{0.1, 0.3, 0.45, 0.6, 0.1}
	in.roll = func() float64 { d := dice[0]; dice = dice[1:]; return d }
	got := []Fault{}
	for _, path := range []string{"/scope/graphql", "/scope/graphql", "/scope/graphql", "/scope/graphql", "/vision/token", "/vision/graphql"} {
		r, ok := in.pick(path)
		if !ok {
			r.Fault = "-"
		}
		got = append(got, r.Fault)
	}
	// 0.1 < 20%: 500; 0.3 < 20%+30%: reset; 0.45 likewise; 0.6: none;
	// the token endpoint is never touched (no dice); Vision has only the
	// 500 rule and 0.1 falls in it.
	want := []Fault{ServerError, Reset, Reset, "-", "-", ServerError}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestPlannedFaultsGoFirstAndAreUsedUp(t *testing.T) {
	in := New(Rule{Fault: ServerError, Share: 1})
	in.Next("/scope/graphql", RateLimited, 2)
	in.Next("vision", Hang, 1)
	if in.Pending() != 3 {
		t.Fatalf("pending %d", in.Pending())
	}
	var got []Fault
	for _, p := range []string{"/opigno/graphql", "/scope/graphql", "/vision/graphql", "/scope/graphql", "/scope/graphql"} {
		r, _ := in.pick(p)
		got = append(got, r.Fault)
	}
	want := []Fault{ServerError, RateLimited, Hang, RateLimited, ServerError}
	if !reflect.DeepEqual(got, want) || in.Pending() != 0 || in.Requests("/scope/graphql") != 3 {
		t.Fatalf("got %v (pending %d, %d requests)", got, in.Pending(), in.Requests("/scope/graphql"))
	}
}

// answer is a stand-in GraphQL server.
var answer = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	gqlserve.WriteJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"hello": "world"}})
})

// serve runs answer behind an Injector with f planned for the next request.
func serve(t *testing.T, f Rule) (*Injector, string) {
	t.Helper()
	in := New()
	f.Times = 1
	in.Add(f)
	srv := httptest.NewServer(in.Wrap(answer))
	t.Cleanup(srv.Close)
	t.Cleanup(in.Close)
	return in, srv.URL + "/x/graphql"
}

func post(t *testing.T, url string) (*http.Response, []byte, error) {
	t.Helper()
	c := &http.Client{Timeout: 5 * time.Second}
	t.Cleanup(c.CloseIdleConnections)
	resp, err := c.Post(url, "application/json", strings.NewReader(`{"query":"{ hello }"}`))
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

func TestStatusFaultsCarryGraphQLBodies(t *testing.T) {
	for _, tc := range []struct {
		rule   Rule
		status int
		says   string
	}{
		{Rule{Fault: Unauthorized}, 401, "access token is invalid"},
		{Rule{Fault: Forbidden}, 403, "Access denied"},
		{Rule{Fault: RateLimited, RetryAfter: 2500 * time.Millisecond}, 429, "retry after 3 s"},
		{Rule{Fault: BadGateway}, 502, "Bad gateway"},
	} {
		_, url := serve(t, tc.rule)
		resp, body, err := post(t, url)
		var v struct {
			Data   any
			Errors []struct{ Message string }
		}
		if err != nil || resp.StatusCode != tc.status || json.Unmarshal(body, &v) != nil || len(v.Errors) != 1 ||
			v.Data != nil || !strings.Contains(v.Errors[0].Message, tc.says) {
			t.Fatalf("%s: %v %s", tc.rule.Fault, err, body)
		}
		if resp.Header.Get("X-Demo-Fault") != string(tc.rule.Fault) {
			t.Errorf("%s: X-Demo-Fault %q", tc.rule.Fault, resp.Header.Get("X-Demo-Fault"))
		}
		if tc.status == 429 && resp.Header.Get("Retry-After") != "3" {
			t.Errorf("Retry-After %q, want 3 (seconds, rounded up)", resp.Header.Get("Retry-After"))
		}
	}
	_, url := serve(t, Rule{Fault: ServerError})
	if resp, body, err := post(t, url); err != nil || resp.StatusCode != 500 || !strings.Contains(string(body), "<html>") {
		t.Fatalf("500: %v %s", err, body)
	}
}

func TestBodyFaults(t *testing.T) {
	_, url := serve(t, Rule{Fault: Malformed})
	if _, body, err := post(t, url); err != nil || json.Valid(body) || !strings.Contains(string(body), `"hello":"world"`) {
		t.Errorf("malformed: want the answer made invalid, got %v %s", err, body)
	}

	_, url = serve(t, Rule{Fault: Truncated})
	if _, body, err := post(t, url); !errors.Is(err, io.ErrUnexpectedEOF) || len(body) == 0 {
		t.Errorf("truncated: want half a body then an unexpected EOF, got %v after %q", err, body)
	}

	_, url = serve(t, Rule{Fault: TooLarge})
	_, body, err := post(t, url)
	var v struct{ Data struct{ Hello string } }
	if err != nil || len(body) <= api.DefaultMaxResponse || json.Unmarshal(body, &v) != nil || v.Data.Hello != "world" {
		t.Errorf("huge: want valid JSON over %d bytes with the data, got %d bytes, %v", api.DefaultMaxResponse, len(body), err)
	}
}

func TestResetIsATCPReset(t *testing.T) {
	_, url := serve(t, Rule{Fault: Reset})
	_, _, err := post(t, url)
	if !errors.Is(err, syscall.ECONNRESET) {
		t.Fatalf("want connection reset by peer, got %v", err)
	}
}

func TestHangHoldsUntilTheClientGivesUpOrCloseEndsIt(t *testing.T) {
	in, url := serve(t, Rule{Fault: Hang})
	c := &http.Client{Timeout: 200 * time.Millisecond}
	start := time.Now()
	if _, err := c.Post(url, "application/json", strings.NewReader(`{}`)); err == nil || time.Since(start) < 200*time.Millisecond {
		t.Fatalf("want a client timeout, got %v after %s", err, time.Since(start))
	}

	in.Next("", Hang, 1)
	done := make(chan error, 1)
	go func() {
		_, _, err := post(t, url)
		done <- err
	}()
	for in.Requests("/x/graphql") < 2 {
		time.Sleep(5 * time.Millisecond)
	}
	in.Close()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a hang ended by Close must not look like an answer")
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Close did not end the hanging request")
	}
}
