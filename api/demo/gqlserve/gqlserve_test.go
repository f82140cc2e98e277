package gqlserve

import (
	"bytes"
	"context"
	"log"
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
	s := graphql.MustParseSchema(`type Query { hello: String }`, &panicky{}, PanicLogger(log.New(&given, "", 0)))
	resp := s.Exec(context.Background(), `{ hello }`, "", nil)
	if len(resp.Errors) == 0 {
		t.Fatal("the panic should be an error in the answer")
	}
	if !strings.Contains(given.String(), "a resolver's bug") || standard.Len() > 0 {
		t.Fatalf("given logger %q, standard logger %q", given.String(), standard.String())
	}
}
