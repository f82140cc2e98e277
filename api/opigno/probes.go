package opigno

import (
	"context"
	"encoding/json"

	"github.com/rosterm/rosterm/api"
)

// Probes are the smallest requests that tell what an Opigno server
// offers, for `rosterm config check --online`: the documented lists asked
// for one row each, then each optional query (OptionalQueries), sent as
// the client sends it, one row where it is a list. A validation error
// naming an optional query means the server lacks it; that is remembered
// for the endpoint, and a query known to be absent is not asked again.
func (c *Client) Probes() []api.Probe {
	first := ListArgs{First: 1}
	documented := []struct {
		query string
		run   func(context.Context) error
	}{
		{"getPossibleUserConnections", func(ctx context.Context) error { _, err := c.PossibleConnections(ctx, first); return err }},
		{"getUserConnectionsNetwork", func(ctx context.Context) error { _, err := c.Network(ctx, first); return err }},
		{"getPendingUserInvitations", func(ctx context.Context) error { _, err := c.PendingInvitations(ctx, first); return err }},
	}
	caps := c.gql.Capabilities()
	var out []api.Probe
	for _, d := range documented {
		path := "Query." + d.query
		out = append(out, api.Probe{Path: path, Documented: caps.Documented(path), Run: d.run})
	}
	for _, q := range OptionalQueries() {
		path, t := "Query."+q, optionalDocs[q]
		out = append(out, api.Probe{Path: path, Documented: caps.Documented(path), Run: func(ctx context.Context) error {
			// Not asked again when the server is known to lack it.
			_, err := c.gql.Optional(ctx, path, func() error {
				var answer map[string]json.RawMessage
				_, err := c.gql.QueryDoc(ctx, t, &answer, sortVars(first))
				return err
			})
			return err
		}})
	}
	return out
}
