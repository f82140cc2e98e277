package demo_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/faults"
	demoscope "github.com/rosterm/rosterm/api/demo/scope"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestCloseEndsHangingRequests: a request held by the hang fault does not
// hold the server up when it stops.
func TestCloseEndsHangingRequests(t *testing.T) {
	inj := faults.New()
	inj.Next("scope", faults.Hang, 1)
	srv, err := demo.Start("127.0.0.1:0", demo.Options{Faults: inj})
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	done := make(chan error, 1)
	go func() {
		resp, err := client.Post(srv.URL+"/scope/graphql", "application/json", strings.NewReader(`{"query":"{ viewer { user { id } } }"}`))
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	for inj.Requests("/scope/graphql") == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("Close took %s with a hanging request", took)
	}
	if err := <-done; err == nil {
		t.Error("the hanging request must end without an answer")
	}
}

func scopeSearch(t *testing.T, h http.Handler, text string) []byte {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/scope/graphql",
		strings.NewReader(`{"query":"{ users(fullText: \"`+text+`\", first: 100) { nodes { lastName email jobTitle } } }"}`))
	req.Header.Set("Authorization", "Token token="+demoscope.DemoToken)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return body
}

// TestHostileModePutsInvalidBytesOnTheWire: what encoding/json cannot
// write, the hostile server sends anyway.
func TestHostileModePutsInvalidBytesOnTheWire(t *testing.T) {
	body := scopeSearch(t, demo.Handler(demo.Options{Hostile: true}), "mallory")
	for _, raw := range []string{"PWNED\xff\xfeok", `"` + "\x9b2JPWNED"} {
		if !bytes.Contains(body, []byte(raw)) {
			t.Errorf("the answer does not carry %q raw", raw)
		}
	}
	if !bytes.Contains(body, []byte(`\u001b]52;c;`)) {
		t.Error("the answer does not carry the clipboard payload")
	}
}

func TestOrdinaryDataCarriesNoPayloads(t *testing.T) {
	body := scopeSearch(t, demo.Handler(demo.Options{}), "a")
	if bytes.Contains(body, []byte("PWNED")) || bytes.Contains(body, []byte(`\u001b`)) || len(body) < 1000 {
		t.Errorf("ordinary data: %.200s", body)
	}
}
