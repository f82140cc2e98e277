package api

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	graphql "github.com/hasura/go-graphql-client"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/rosterm/rosterm/api/journal"
)

// Every change goes out through Client.ExecMutation or Client.Mutate, and
// only there: this file is the boundary every mutation crosses. A context
// marked read-only (WithReadOnly) cannot send one, whatever the UI does;
// every mutation sent is recorded in the endpoint's journal with its
// outcome and, from the context, who sent it.

type readOnlyKey struct{}

// WithReadOnly returns a context whose requests may not change anything:
// a mutation sent with it is refused before it leaves (KindReadOnly).
func WithReadOnly(ctx context.Context) context.Context {
	return context.WithValue(ctx, readOnlyKey{}, true)
}

// ReadOnly reports whether ctx may not send changes.
func ReadOnly(ctx context.Context) bool {
	ro, _ := ctx.Value(readOnlyKey{}).(bool)
	return ro
}

// errReadOnly is a change refused before it was sent.
var errReadOnly = &Error{Kind: KindReadOnly, Message: "read-only: this session may not change anything, and nothing was sent"}

// change is one mutation about to be sent, for the journal.
type change struct {
	c     *Client
	doc   string
	vars  map[string]any
	start time.Time
}

// beginChange refuses a change in a read-only context, or starts timing it.
func (c *Client) beginChange(ctx context.Context, doc string, vars map[string]any) (*change, error) {
	if ReadOnly(ctx) {
		return nil, errReadOnly
	}
	return &change{c: c, doc: doc, vars: vars, start: time.Now()}, nil
}

// end records the change's outcome: err as the caller will see it, data
// the answer's data.
func (ch *change) end(ctx context.Context, data json.RawMessage, err error) {
	j := ch.c.t.ep.Journal
	if j == nil {
		return
	}
	outcome, msg := judge(data, err)
	j.Record(ctx, journal.Entry{
		API: ch.c.t.ep.API, Endpoint: ch.c.URL(), Mutation: mutationName(ch.doc), Variables: ch.vars,
		Outcome: outcome, Message: msg, Millis: time.Since(ch.start).Milliseconds(),
	})
}

// judge reads a mutation's outcome from its answer. A request that failed
// before or without running (a validation error, a refused credential, a
// GraphQL error with no data) was refused; one whose answer was lost is
// unknown. An answer that arrived is applied, unless its payload reports
// a refusal in the vendors' shapes: Opigno's {errors, response} with
// errors or a response of false, Scope's payload errors beside no result.
func judge(data json.RawMessage, err error) (outcome, message string) {
	if err != nil {
		if KindOf(err) == KindOutcomeUnknown {
			return journal.Unknown, err.Error()
		}
		return journal.Refused, err.Error()
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return journal.Applied, ""
	}
	var refusals, words []string
	applied := false
	for _, raw := range fields {
		refused, w := payloadRefusal(raw)
		words = append(words, w...)
		if refused {
			refusals = append(refusals, strings.Join(w, "; "))
		} else {
			applied = true
		}
	}
	if !applied && len(refusals) > 0 {
		return journal.Refused, strings.Join(refusals, "; ")
	}
	return journal.Applied, strings.Join(words, "; ")
}

// payloadRefusal reads one mutation field's value: refused when it is
// false or null, or carries errors and nothing else of value; words are
// the errors it carries.
func payloadRefusal(raw json.RawMessage) (refused bool, words []string) {
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return !b, nil
	}
	if !present(raw) {
		return true, nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return false, nil
	}
	for _, k := range []string{"errors", "userErrors"} {
		var errs []json.RawMessage
		if json.Unmarshal(obj[k], &errs) != nil {
			continue
		}
		for _, e := range errs {
			words = append(words, errorWords(e))
		}
	}
	if r, ok := obj["response"]; ok {
		var rb bool
		if json.Unmarshal(r, &rb) == nil && !rb {
			if len(words) == 0 {
				words = []string{"the server answered false"}
			}
			return true, words
		}
	}
	if len(words) == 0 {
		return false, nil
	}
	for k, v := range obj {
		if k == "errors" || k == "userErrors" || k == "__typename" {
			continue
		}
		if present(v) && string(v) != "false" && string(v) != "[]" && string(v) != "{}" {
			return false, words // something beside the errors: it (partly) happened
		}
	}
	return true, words
}

// errorWords is an error entry in words: a string, or an object's message
// (with its field or path).
func errorWords(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var obj map[string]any
	if json.Unmarshal(raw, &obj) != nil {
		return string(raw)
	}
	var parts []string
	for _, k := range []string{"field", "path", "attribute", "message"} {
		switch v := obj[k].(type) {
		case string:
			parts = append(parts, v)
		case []any:
			var p []string
			for _, x := range v {
				if s, ok := x.(string); ok {
					p = append(p, s)
				}
			}
			if len(p) > 0 {
				parts = append(parts, strings.Join(p, "."))
			}
		}
	}
	if len(parts) == 0 {
		return string(raw)
	}
	return strings.Join(parts, ": ")
}

// mutationName is the field (or fields) a mutation document sets:
// "acceptUserInvitation".
func mutationName(doc string) string {
	q, err := parser.ParseQuery(&ast.Source{Input: doc})
	if err != nil || len(q.Operations) == 0 {
		return "(unreadable document)"
	}
	var names []string
	for _, sel := range q.Operations[0].SelectionSet {
		if f, ok := sel.(*ast.Field); ok {
			names = append(names, f.Name)
		}
	}
	return strings.Join(names, ",")
}

// mutationDoc is the document the GraphQL client writes for a mutation
// given as a struct, for the journal.
func mutationDoc(m any, vars map[string]any) string {
	doc, err := graphql.ConstructMutation(m, vars)
	if err != nil {
		return ""
	}
	return doc
}
