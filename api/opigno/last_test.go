package opigno_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
)

// A server whose validation says it has no `last` on the list (it is
// documented, but a server is what it is) is asked once: the client says
// api.ErrNoLast, so the list reads on from the start, and asks no more.
func TestAServerWithoutLastIsAskedOnce(t *testing.T) {
	srv := newCanned(t, func(r request) (int, string) {
		if strings.Contains(r.Query, "last:") {
			return http.StatusOK, errorsBody(`Unknown argument "last" on field "getPossibleUserConnections" of type "Query".`)
		}
		return http.StatusOK, `{"data":{"page":{"edges":[],"pageInfo":{"hasNextPage":false},"totalItems":0}}}`
	})
	c := cannedClient(t, srv.URL)
	for range 2 {
		_, err := c.PossibleConnectionsLast(context.Background(), opigno.ListArgs{Last: 20})
		if !errors.Is(err, api.ErrNoLast) {
			t.Fatalf("a server without last: %v, want api.ErrNoLast", err)
		}
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests with last: a server that refused it is not asked again", n)
	}
}

// The last rows come in the list's order with the cursor of the rows
// before them; a page shorter than asked is the start of the list.
func TestTheLastRowsAndTheCursorBeforeThem(t *testing.T) {
	srv := newCanned(t, func(r request) (int, string) {
		return http.StatusOK, `{"data":{"page":{"edges":[{"node":{"userContext":{"id":"7","uuid":"u7","displayName":"Yara"}}},` +
			`{"node":{"userContext":{"id":"8","uuid":"u8","displayName":"Zoe"}}}],"pageInfo":{"startCursor":"c7"},"totalItems":90}}}`
	})
	c := cannedClient(t, srv.URL)
	p, err := c.PossibleConnectionsLast(context.Background(), opigno.ListArgs{Last: 2, Before: "c9"})
	if err != nil || len(p.Items) != 2 || p.Items[1].Context.Name != "Zoe" || p.Next != "c7" || !p.More || p.Total != 90 {
		t.Fatalf("page %+v, %v", p, err)
	}
	sent := srv.requests()[0]
	if sent.Variables["last"] != float64(2) || sent.Variables["before"] != "c9" || strings.Contains(sent.Query, "first") {
		t.Errorf("sent %s %v", sent.Query, sent.Variables)
	}
	p, _ = c.PossibleConnectionsLast(context.Background(), opigno.ListArgs{Last: 5})
	if p.More {
		t.Error("a page shorter than asked said rows come before it")
	}
}
