package vision

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDocExamplesAreVerbatim checks the copied examples against the vendor
// page in shared/api-docs, when the checkout has it next to it.
func TestDocExamplesAreVerbatim(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", "api-docs", "vision-users-and-groups.txt"))
	if err != nil {
		t.Skipf("vendor page not available: %v", err)
	}
	for _, ex := range docExamples {
		if !strings.Contains(string(b), ex.request) || !strings.Contains(string(b), ex.response) {
			t.Errorf("%s example is not verbatim from the vendor page", ex.name)
		}
	}
}

var docExamples = []struct{ name, request, response string }{
	{"listUsers", docListUsersRequest, docListUsersResponse},
	{"getUser", docGetUserRequest, docGetUserResponse},
	{"getUsersByEmail", docGetUsersByEmailRequest, docGetUsersByEmailResponse},
	{"getGroups", docGetGroupsRequest, docGetGroupsResponse},
}

// Every example, run verbatim, returns the documented response: every value
// the doc shows, exactly (the doc's nextToken is cut short, so that one is a
// prefix). Fields the doc leaves out of a response may be present. So does
// the strict server, which serves only the documented schema.
func TestDocExamples(t *testing.T) {
	t.Parallel()
	for _, strict := range []bool{false, true} {
		srv, _ := startServer(t, Options{Seed: 1, Strict: strict})
		docExamplesOn(t, srv, strict)
	}
}

func docExamplesOn(t *testing.T, srv *httptest.Server, strict bool) {
	for _, ex := range docExamples {
		t.Run(fmt.Sprintf("%s strict=%v", ex.name, strict), func(t *testing.T) {
			var want, got any
			if err := json.Unmarshal([]byte(ex.response), &want); err != nil {
				t.Fatal(err)
			}
			status, res := postGraphQL(t, srv, getToken(t, srv), ex.request, nil)
			if status != 200 || len(res.Errors) != 0 {
				t.Fatalf("status %d, errors %+v", status, res.Errors)
			}
			if err := json.Unmarshal([]byte(`{"data":`+string(res.Data)+`}`), &got); err != nil {
				t.Fatal(err)
			}
			if problem := covers(got, want, "$"); problem != "" {
				t.Errorf("%s\ngot %s", problem, res.Data)
			}
		})
	}
}

// covers reports where got differs from the documented want ("" if not).
func covers(got, want any, path string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return path + ": not an object"
		}
		for k, wv := range w {
			if p := covers(g[k], wv, path+"."+k); p != "" {
				return p
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return path + ": not a list of the documented length"
		}
		for i := range w {
			if p := covers(g[i], w[i], path+"["+strconv.Itoa(i)+"]"); p != "" {
				return p
			}
		}
	case string:
		g, _ := got.(string)
		if strings.HasSuffix(path, ".nextToken") && strings.HasPrefix(g, w) && len(g) > len(w) {
			return ""
		}
		if g != w {
			return path + ": got " + g + ", documented " + w
		}
	default:
		if got != want {
			return path + ": differs"
		}
	}
	return ""
}
