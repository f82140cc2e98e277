package scope

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/rosterm/rosterm/api/demo/gqltest"
)

// Reads and writes in parallel, for the race detector: resolvers run
// concurrently and mutations share the store.
func TestConcurrentReadsAndWrites(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	luke := findUser(t, srv, "luke@jedi.org").ID
	const read = `{ users(first: 50) { totalCount nodes { name groups { nodes { name } } licenses { nodes { licenseType } } } }
		viewer { user { name } currentOrganization { groups { nodes { members(first: 3) { totalCount } } } } } }`
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			for j := range 5 {
				var doc string
				var vars map[string]any
				switch (i + j) % 3 {
				case 0:
					doc = read
				case 1:
					name := fmt.Sprintf("user%d.%d", i, j)
					doc, vars = createDoc, map[string]any{"input": newUserInput(func(_, u, c map[string]any) {
						u["email"], c["username"] = name+"@parallel.io", name
					})}
				default:
					doc, vars = updateDoc, map[string]any{"input": map[string]any{
						"id": luke, "user": map[string]any{"jobTitle": fmt.Sprintf("Title %d-%d", i, j)}}}
				}
				if err := tryQuery(srv, doc, vars); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

// tryQuery is query without t.Fatal, for use off the test goroutine.
func tryQuery(srv *httptest.Server, doc string, vars any) error {
	body, _ := json.Marshal(map[string]any{"query": doc, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/scope/graphql", bytes.NewReader(body))
	req.Header.Set("Authorization", "Token token="+DemoToken)
	res, err := srv.Client().Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var out gqltest.Response
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != 200 || len(out.Errors) > 0 {
		return fmt.Errorf("status %d, errors %+v, decode %v", res.StatusCode, out.Errors, err)
	}
	return nil
}
