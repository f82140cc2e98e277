package faults

import (
	"encoding/json"
	"testing"
)

// TestPartialNullsWhereGraphQLWould: the failed field is a leaf of a
// list's second item, nullable when there is a choice; its null lands on
// the nearest nullable field, and the error's path names the failed field.
func TestPartialNullsWhereGraphQLWould(t *testing.T) {
	s := &schemas{}
	for _, tc := range []struct {
		name, path, query, data string
		want, wantPath          string
	}{
		{
			"a nullable leaf in the second row", "/scope/graphql",
			`{ users(first: 3) { nodes { id firstName } } }`,
			`{"users":{"nodes":[{"id":"1","firstName":"A"},{"id":"2","firstName":"B"},{"id":"3","firstName":"C"}]}}`,
			`{"users":{"nodes":[{"firstName":"A","id":"1"},{"firstName":null,"id":"2"},{"firstName":"C","id":"3"}]}}`,
			`["users","nodes",1,"firstName"]`,
		},
		{
			"non-null all the way up to a nullable parent", "/vision/graphql",
			`{ listUsers(input: {limit: 2}) { userConnection { items { id email } nextToken } } }`,
			`{"listUsers":{"userConnection":{"items":[{"id":"a","email":"a@x.io"},{"id":"b","email":"b@x.io"}],"nextToken":"t"}}}`,
			`{"listUsers":{"userConnection":null}}`,
			`["listUsers","userConnection","items",1,"id"]`,
		},
		{
			"aliases, no list", "/opigno/graphql",
			`query Me { me: getCurrentUserContext { id name: displayName } }`,
			`{"me":{"id":"1","name":"Demo Administrator"}}`,
			`{"me":{"id":"1","name":null}}`,
			`["me","name"]`,
		},
		{
			"no schema: the first field", "/elsewhere/graphql", `{ hello }`, `{"hello":"x"}`,
			`{"hello":null}`, `["hello"]`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var data map[string]any
			if err := json.Unmarshal([]byte(tc.data), &data); err != nil {
				t.Fatal(err)
			}
			f := failure(s.forPath(tc.path), gqlRequest{Query: tc.query}, data)
			got, _ := json.Marshal(data)
			if f.root {
				got = []byte("null")
			}
			path, _ := json.Marshal(f.error["path"])
			if string(got) != tc.want || string(path) != tc.wantPath {
				t.Errorf("data %s, path %s\nwant %s, path %s", got, path, tc.want, tc.wantPath)
			}
		})
	}
}
