package scope_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
	demoscope "github.com/rosterm/rosterm/api/demo/scope"
	"github.com/rosterm/rosterm/api/scope"
)

// TestCreatingAUserLogsNoPassword: the debug log has the request that
// creates a user, with the new user's name, but neither the password nor
// anything else under credentials, nor the API token.
func TestCreatingAUserLogsNoPassword(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	var log faulttest.Log
	c, err := scope.New(scope.Config{Endpoint: srv.URL + "/scope/graphql", Token: demoscope.DemoToken, Timeout: 5 * time.Second,
		Log: log.Line})
	if err != nil {
		t.Fatal(err)
	}
	nu := newUser("rey@jakku.example")
	nu.Username, nu.Password = "rey.of.jakku", "pw-scavenger-42"
	if _, errs, err := c.CreateUser(bg, nu); err != nil || len(errs) > 0 {
		t.Fatalf("create: %v %v", errs, err)
	}
	text := log.String()
	if !strings.Contains(text, "RostermCreateUser") || !strings.Contains(text, "rey@jakku.example") {
		t.Fatalf("the debug log should have the request:\n%s", text)
	}
	for _, secret := range []string{"pw-scavenger-42", "rey.of.jakku", demoscope.DemoToken} {
		if strings.Contains(text, secret) {
			t.Errorf("the debug log shows %q:\n%s", secret, text)
		}
	}
}
