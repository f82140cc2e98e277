package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// A token endpoint that never answers holds a request up only until the
// request's own deadline, not for the token client's 30 seconds; the next
// request asks for a token again.
func TestAHungTokenFetchEndsWithTheRequest(t *testing.T) {
	var hung atomic.Bool
	hung.Store(true)
	fetch := TokenFunc(func(ctx context.Context) (*oauth2.Token, error) {
		if hung.Load() {
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return &oauth2.Token{AccessToken: "tok", Expiry: time.Now().Add(time.Hour)}, nil
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"data":{"hello":"world"}}`)
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, NewTokenAuth(fetch, func(s string) string { return s }, nil))

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	var out result
	err := c.Exec(ctx, helloQuery, &out, nil)
	if KindOf(err) != KindTimeout || !strings.Contains(err.Error(), "could not get credentials") {
		t.Fatalf("want a timeout getting credentials, got %v (kind %d)", err, KindOf(err))
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("the request waited %s for a token, beyond its deadline", took)
	}
	hung.Store(false)
	if err := c.Exec(context.Background(), helloQuery, &out, nil); err != nil || out.Hello != "world" {
		t.Fatalf("once the token endpoint answers, the query works: %v %q", err, out.Hello)
	}
}

// Callers that need the schema while one introspection runs wait for that
// one, each only as long as its own context allows.
func TestConcurrentCallersShareOneIntrospection(t *testing.T) {
	release := make(chan struct{})
	var introspections atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		introspections.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		fmt.Fprint(w, `{"data":{"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"OBJECT","name":"Query","fields":[{"name":"hello","args":[],"type":{"kind":"SCALAR","name":"String"}}]}]}}}`)
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, nil)

	var wg sync.WaitGroup
	var patient *Schema
	var patientErr error
	wg.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		patient, patientErr = c.Schema(ctx)
	})
	for introspections.Load() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	// A caller in a hurry gives up at its own deadline, while the
	// introspection goes on.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := c.Schema(ctx); err == nil || time.Since(start) > 3*time.Second {
		t.Fatalf("a caller with a short deadline waited %s: %v", time.Since(start), err)
	}
	close(release)
	wg.Wait()
	if patientErr != nil || !patient.HasField("Query", "hello") {
		t.Fatalf("the patient caller should get the schema: %v", patientErr)
	}
	if s, err := c.Schema(context.Background()); err != nil || s != patient {
		t.Fatalf("the schema is cached: %v", err)
	}
	if n := introspections.Load(); n != 1 {
		t.Errorf("%d introspections, want 1", n)
	}
}
