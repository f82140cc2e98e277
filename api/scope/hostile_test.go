package scope_test

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/hostile"
)

// TestHostileTextArrivesRaw: the client keeps server text as it is (it is
// sanitized where shown, and written back as it was), except for bytes that
// are not UTF-8, which JSON decoding turns into U+FFFD.
func TestHostileTextArrivesRaw(t *testing.T) {
	srv := demotest.Start(t, demo.Options{Hostile: true})
	p, err := newClient(t, srv.URL).SearchUsers(context.Background(), "mallory", "", 50)
	if err != nil {
		t.Fatal(err)
	}
	last := map[string]bool{}
	for _, u := range p.Items {
		if !utf8.ValidString(u.LastName) || !utf8.ValidString(u.Email) {
			t.Errorf("invalid UTF-8 reached the model: %q", u.LastName)
		}
		last[u.LastName] = true
	}
	for _, pl := range hostile.Payloads() {
		if want := string([]rune(hostile.Wire(pl.Text))); !last[want] {
			t.Errorf("%s: no user named %q", pl.Name, want)
		}
	}
}
