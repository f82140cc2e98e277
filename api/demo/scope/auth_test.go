package scope

import (
	"net/http"
	"strings"
	"testing"
)

func TestAuth(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	const doc = `{ viewer { user { name } } }`
	tests := []struct {
		name     string
		header   string
		status   int
		viewer   string // "" = null user
		errorHas string
	}{
		{"demo token", "Token token=" + DemoToken, 200, "Demo Admin", ""},
		{"quoted token", `Token token="` + DemoToken + `"`, 200, "Demo Admin", ""},
		{"token with options", `Token token="` + DemoToken + `", nonce="abc"`, 200, "Demo Admin", ""},
		{"unclosed quote", `Token token="` + DemoToken, 401, "", "malformed"},
		{"API token is not a user", "Token token=" + DemoAPIToken, 200, "", ""},
		{"missing", "", 401, "", "missing Authorization header"},
		{"bearer", "Bearer " + DemoToken, 401, "", "Bearer"},
		{"wrong token", "Token token=nope", 401, "", "invalid token"},
		{"bare token", DemoToken, 401, "", "malformed"},
		{"empty token", "Token token=", 401, "", "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, res := postRaw(t, srv, tt.header, doc, nil)
			if status != tt.status {
				t.Fatalf("status %d, want %d (%+v)", status, tt.status, res.Errors)
			}
			if tt.status != http.StatusOK {
				if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, tt.errorHas) ||
					!strings.Contains(res.Errors[0].Message, "Token token=") {
					t.Errorf("errors %+v, want a message containing %q and the expected form", res.Errors, tt.errorHas)
				}
				return
			}
			want := `{"viewer":{"user":null}}`
			if tt.viewer != "" {
				want = `{"viewer":{"user":{"name":"` + tt.viewer + `"}}}`
			}
			if string(res.Data) != want {
				t.Errorf("data %s, want %s", res.Data, want)
			}
		})
	}
}
