package faulttest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rosterm/rosterm/api"
)

// Thief is where a redirect (faults.Redirect with Location) would take a
// client's credentials: a server that counts the requests it gets, at an
// address that carries a user and password of its own, which no error may
// show.
type Thief struct {
	Location string // the address to redirect to, with its credentials
	host     string // the address without them: what an error names
	requests atomic.Int32
}

// NewThief serves answer (what a token endpoint would say) to whoever
// comes, until the test ends.
func NewThief(t testing.TB, answer string) *Thief {
	t.Helper()
	th := &Thief{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		th.requests.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(answer))
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL + "/collect")
	th.host = u.Host + u.Path
	u.User = url.UserPassword("mallory", "pa55word-in-location")
	th.Location = u.String()
	return th
}

// CheckRefused checks what a client made of being redirected to the
// thief: nothing reached it, and err is a redirect error that names where
// the redirect pointed but not the credentials in the address.
func (th *Thief) CheckRefused(t testing.TB, err error) {
	t.Helper()
	if n := th.requests.Load(); n != 0 {
		t.Fatalf("%d requests followed the redirect", n)
	}
	if api.KindOf(err) != api.KindRedirect || !strings.Contains(err.Error(), "redirects") || !strings.Contains(err.Error(), th.host) {
		t.Fatalf("want a redirect error naming %s, got kind %d: %v", th.host, api.KindOf(err), err)
	}
	if text := ErrorText(err); strings.Contains(text, "mallory") || strings.Contains(text, "pa55word") {
		t.Errorf("the error shows the location's credentials: %s", text)
	}
}

// Log keeps the lines a client logs (api.Logger), from any goroutine.
type Log struct {
	mu    sync.Mutex
	lines []string
}

// Line keeps one line; it is the client's Log.
func (l *Log) Line(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, line)
}

// String is every line logged so far, one a line.
func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}
