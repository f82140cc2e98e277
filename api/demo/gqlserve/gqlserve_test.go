package gqlserve

import (
	"bytes"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	graphql "github.com/graph-gophers/graphql-go"
)

type panicky struct{}

func (*panicky) Hello() *string { panic("a resolver's bug") }

// A resolver's panic is reported to the logger the server was given (the
// debug log, for the server rosterm runs in-process), not to the
// standard logger, which would write over the screen.
func TestPanicsGoToTheGivenLogger(t *testing.T) {
	var given, standard bytes.Buffer
	was := log.Writer()
	log.SetOutput(&standard)
	defer log.SetOutput(was)
	h := Handler{Schema: graphql.MustParseSchema(`type Query { hello: String }`, &panicky{}, Panics()), Log: log.New(&given, "", 0)}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ hello }"}`)))
	if !strings.Contains(rec.Body.String(), `"errors"`) {
		t.Fatalf("the panic should be an error in the answer: %s", rec.Body.String())
	}
	if !strings.Contains(given.String(), "a resolver's bug") || standard.Len() > 0 {
		t.Fatalf("given logger %q, standard logger %q", given.String(), standard.String())
	}
}
