// Package strict makes a demo API serve exactly what its vendor documents:
// a gate between an authenticated request and the demo's richer schema
// validates the document against the documented schema (refusing it in
// the vendor's own wording), answers introspection from the documented
// schema, and conforms the richer schema's answer to the documented
// types. It can also refuse introspection as a production server may.
package strict

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	graphql "github.com/graph-gophers/graphql-go"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// Config says what a Gate enforces.
type Config struct {
	Dialect Dialect
	// Schema is the documented SDL the API serves. Empty, the gate leaves
	// documents to the richer schema and only refuses introspection (when
	// NoIntrospection is set).
	Schema string
	// NoIntrospection refuses every document that selects __schema or
	// __type, anywhere (aliased, in fragments); __typename stays allowed.
	NoIntrospection bool
}

// Gate is a gqlserve.Gate.
type Gate struct {
	dialect         Dialect
	noIntrospection bool
	schema          *ast.Schema    // nil unless strict
	intro           *introspection // the documented schema's, when strict
}

// New prepares a gate; the error is the documented schema's.
func New(c Config) (*Gate, error) {
	g := &Gate{dialect: c.Dialect, noIntrospection: c.NoIntrospection}
	if c.Schema == "" {
		return g, nil
	}
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "documented.graphqls", Input: c.Schema})
	if err != nil {
		return nil, fmt.Errorf("documented schema: %w", err)
	}
	in, err := newIntrospection(c.Schema)
	if err != nil {
		return nil, fmt.Errorf("documented schema's introspection: %w", err)
	}
	g.schema, g.intro = s, in
	return g, nil
}

// MustNew is New for schemas built into the program, which tests prove.
func MustNew(c Config) *Gate {
	g, err := New(c)
	if err != nil {
		panic("strict: " + err.Error())
	}
	return g
}

// refusal is the answer to a document refused before it ran, as the
// vendors answer one: HTTP 200, no data, every error.
type refusal struct {
	Data   any     `json:"data"`
	Errors []Error `json:"errors"`
}

// answer is an executed request's answer, conformed.
type answer struct {
	Errors     []any           `json:"errors,omitempty"`
	Data       json.RawMessage `json:"data,omitempty"`
	Extensions map[string]any  `json:"extensions,omitempty"`
}

// Serve refuses, or runs the request and conforms the answer.
func (g *Gate) Serve(ctx context.Context, req gqlserve.Request, exec gqlserve.Exec) any {
	doc, err := parser.ParseQuery(&ast.Source{Input: req.Query})
	if g.schema == nil {
		if err == nil && g.noIntrospection {
			if refused := g.refuseIntrospection(doc, sites(doc)); len(refused) > 0 {
				return refusal{Errors: refused}
			}
		}
		return exec(ctx, req) // the richer schema words its own refusals
	}
	if err != nil {
		return refusal{Errors: []Error{g.dialect.syntax(err)}}
	}
	idx := sites(doc)
	refused := g.dialect.validation(validator.ValidateWithRules(g.schema, doc, nil), idx)
	if g.noIntrospection {
		refused = append(refused, g.refuseIntrospection(doc, idx)...)
	}
	if len(refused) > 0 {
		sortByPlace(refused)
		return refusal{Errors: refused}
	}
	op := operation(doc, req.OperationName)
	if op == nil {
		return exec(ctx, req) // no such operation: the executor says so
	}
	vars, verr := g.variables(op, req.Variables)
	if verr != nil {
		return refusal{Errors: []Error{*verr}}
	}
	if g.introspects(op, vars) {
		query, left := withoutIntrospection(req.Query, g.schema.Query.Name)
		if !left { // introspection only: nothing for the richer schema to run
			c := &conformer{schema: g.schema, intro: g.intro, vars: vars}
			body, _ := json.Marshal(c.data(map[string]any{}, op))
			return answer{Data: body}
		}
		req.Query = query
	}
	return g.conform(exec(ctx, req), op, vars)
}

// introspects reports whether op selects __schema or __type at its root.
func (g *Gate) introspects(op *ast.OperationDefinition, vars map[string]any) bool {
	if op.Operation == ast.Mutation {
		return false
	}
	c := &conformer{schema: g.schema, vars: vars}
	for _, gr := range c.groups(op.SelectionSet, g.schema.Query, nil) {
		if n := gr.fields[0].Name; n == "__schema" || n == "__type" {
			return true
		}
	}
	return false
}

func (g *Gate) refuseIntrospection(doc *ast.QueryDocument, idx map[position]*site) []Error {
	var out []Error
	for _, f := range introspectionFields(doc) {
		s := idx[at(f.Position)]
		if s == nil {
			s = &site{}
		}
		out = append(out, g.dialect.introspectionRefused(f, s))
	}
	return out
}

func operation(doc *ast.QueryDocument, name string) *ast.OperationDefinition {
	if name == "" {
		if len(doc.Operations) == 1 {
			return doc.Operations[0]
		}
		return nil
	}
	return doc.Operations.ForName(name)
}

// variables checks the request's variables against the documented types,
// and returns them with the operation's defaults filled in.
func (g *Gate) variables(op *ast.OperationDefinition, vars map[string]any) (map[string]any, *Error) {
	coerced, err := validator.VariableValues(g.schema, op, gqlserve.CopyVariables(vars))
	if err == nil {
		return coerced, nil
	}
	var ge *gqlerror.Error
	if !errors.As(err, &ge) || len(ge.Path) < 2 {
		e := Error{Message: err.Error()}
		return nil, &e
	}
	name := fmt.Sprint(ge.Path[1])
	def := op.VariableDefinitions.ForName(name)
	if def == nil {
		e := Error{Message: err.Error()}
		return nil, &e
	}
	var path []string
	for _, p := range ge.Path[2:] {
		path = append(path, fmt.Sprint(p))
	}
	e := g.dialect.variable(def, vars[name], path, ge.Message)
	return nil, &e
}

// conform turns the richer schema's answer into the documented schema's.
func (g *Gate) conform(resp *graphql.Response, op *ast.OperationDefinition, vars map[string]any) any {
	if len(resp.Data) == 0 || bytes.Equal(resp.Data, []byte("null")) {
		return resp
	}
	var data any
	dec := json.NewDecoder(bytes.NewReader(resp.Data))
	dec.UseNumber()
	if dec.Decode(&data) != nil {
		return resp
	}
	c := &conformer{schema: g.schema, intro: g.intro, vars: vars}
	body, err := json.Marshal(c.data(data, op))
	if err != nil {
		return resp
	}
	out := answer{Data: body, Extensions: resp.Extensions}
	for _, e := range resp.Errors {
		out.Errors = append(out.Errors, e)
	}
	for _, e := range c.errs {
		out.Errors = append(out.Errors, e)
	}
	return out
}
