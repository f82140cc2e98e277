package opigno

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/rosterm/rosterm/api"
)

// A server validates a document before it runs any of it, and names what
// it found wrong: an argument it does not take, one it requires that was
// not given (usually with its type), a variable of another type than it
// expects, a field it does not have. Nothing was executed, so the client
// may change the document and send it again, even a mutation. What was
// learned is the server's real signature, kept for the endpoint (clients
// made with As share it) and used for every later plan, so a document the
// server rejected is never sent again.

// endpoint is what one Opigno endpoint's answers taught.
type endpoint struct {
	mu sync.Mutex
	// mutation signatures the server's validation corrected, by mutation
	// (nil Args with gone set: the server has no such mutation)
	sigs map[string]learnedSig
	// fields the server's validation said a type lacks ("Type.field", or
	// "*.field" when the type's name was not the documented one)
	gone map[string]bool
	rev  int // bumped on every change: an effective schema is for one rev

	base *api.Schema // the schema effective was made from
	eff  *api.Schema
	// effRev is the rev eff was made at
	effRev int

	// documents the server rejected, with its error: never sent again
	rejected map[string]error

	// getCommunity as the server has it
	lookup lookupShape

	// optional queries the server answered: no need to wait for a try
	confirmed map[string]bool
	gates     map[string]chan struct{}
}

type learnedSig struct {
	gone bool
	args []api.InputValue
}

func newEndpoint() *endpoint {
	return &endpoint{sigs: map[string]learnedSig{}, gone: map[string]bool{}, rejected: map[string]error{},
		confirmed: map[string]bool{}, gates: map[string]chan struct{}{}}
}

// maxSends bounds how many documents one request sends, each in a shape
// never sent before: the first, and two reshapes when one answer cannot
// tell everything (a wording that names a missing argument without its
// type).
const maxSends = 3

// reject remembers a document the server's validation refused.
func (e *endpoint) reject(doc string, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.rejected[doc] = err
}

// rejection is the server's error about doc, if it refused it before.
func (e *endpoint) rejection(doc string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.rejected[doc]
}

// learned reports whether anything about mutations was learned.
func (e *endpoint) learned() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.rev > 0
}

// effective is base with what was learned: the same schema when nothing
// was, else a copy with the mutations' signatures and the types' fields
// as the server has them (remade once per change).
func (e *endpoint) effective(base *api.Schema) *api.Schema {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.rev == 0 || base == nil {
		return base
	}
	if e.eff != nil && e.base == base && e.effRev == e.rev {
		return e.eff
	}
	s := &api.Schema{QueryType: base.QueryType, MutationType: base.MutationType, Types: make(map[string]*api.Type, len(base.Types))}
	for name, t := range base.Types {
		s.Types[name] = t
	}
	for name, t := range base.Types {
		if t.Kind != "OBJECT" && t.Kind != "INTERFACE" {
			continue
		}
		isMutation := name == base.MutationType
		changed := false
		var fields []api.Field
		for _, f := range t.Fields {
			if e.gone[name+"."+f.Name] || e.gone["*."+f.Name] {
				changed = true
				continue
			}
			if sig, ok := e.sigs[f.Name]; ok && isMutation {
				changed = true
				if sig.gone {
					continue
				}
				f.Args = slices.Clone(sig.args)
			}
			fields = append(fields, f)
		}
		if changed {
			c := *t
			c.Fields = fields
			s.Types[name] = &c
		}
	}
	e.base, e.eff, e.effRev = base, s, e.rev
	return s
}

// typeRefText is a type as GraphQL writes it: a name in list and non-null
// wrappers. Types a server names are used only when they are.
var typeRefText = regexp.MustCompile(`^\[*[_A-Za-z][_0-9A-Za-z]*!?(\]!?)*$`)

// parseTypeRef reads "[ID!]!" into a reference, the named type's kind
// taken from s.
func parseTypeRef(s *api.Schema, text string) (api.TypeRef, bool) {
	if !typeRefText.MatchString(text) {
		return api.TypeRef{}, false
	}
	var parse func(string) (api.TypeRef, bool)
	parse = func(t string) (api.TypeRef, bool) {
		switch {
		case strings.HasSuffix(t, "!"):
			in, ok := parse(t[:len(t)-1])
			if !ok || in.Kind == "NON_NULL" {
				return api.TypeRef{}, false
			}
			return api.TypeRef{Kind: "NON_NULL", OfType: &in}, true
		case strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]"):
			in, ok := parse(t[1 : len(t)-1])
			if !ok {
				return api.TypeRef{}, false
			}
			return api.TypeRef{Kind: "LIST", OfType: &in}, true
		case graphQLName.MatchString(t):
			kind := "SCALAR"
			if s != nil && s.Kind(t) != "" {
				kind = s.Kind(t)
			}
			return api.TypeRef{Kind: kind, Name: t}, true
		}
		return api.TypeRef{}, false
	}
	return parse(text)
}

// withNamed is t with its named type replaced by name, wrappers kept.
func withNamed(t api.TypeRef, name, kind string) api.TypeRef {
	if t.OfType != nil {
		in := withNamed(*t.OfType, name, kind)
		t.OfType = &in
		return t
	}
	return api.TypeRef{Kind: kind, Name: name}
}

// learnMutation corrects what is believed of mutation by the problems the
// server named in answer to a document planned with s. It reports whether
// anything changed: then a new plan is a new document. A type the server
// names for an argument is taken only when fits (api's
// CheckArgumentType) finds it can be that argument's; refused says why
// one was not.
func (e *endpoint) learnMutation(s *api.Schema, mutation string, problems []api.Problem, fits func(arg, typ string) error) (changed bool, refused error) {
	f, ok := s.Mutation(mutation)
	if !ok {
		return false, nil
	}
	args := slices.Clone(f.Args)
	index := func(name string) int {
		return slices.IndexFunc(args, func(a api.InputValue) bool { return a.Name == name })
	}
	on := func(pr api.Problem) bool { return pr.On == "" || pr.On == mutation }
	gone := false
	// retype gives args[i] the type t, if it may be that argument's.
	retype := func(i int, t api.TypeRef) {
		if err := fits(args[i].Name, t.String()); err != nil {
			refused = fmt.Errorf("for $%s: %w", args[i].Name, err)
			return
		}
		args[i].Type = t
		changed = true
	}
	var removed []api.InputValue
	var fields []string
	for _, pr := range problems {
		switch pr.Kind {
		case api.UnknownArgument:
			if i := index(pr.Name); i >= 0 && on(pr) {
				removed = append(removed, args[i])
				args = slices.Delete(args, i, i+1)
				changed = true
			}
		case api.VariableType:
			// Variables are named after the arguments they fill.
			if i := index(pr.Name); i >= 0 {
				t, ok := parseTypeRef(s, pr.Type)
				switch {
				case !ok:
					refused = fmt.Errorf("for $%s: %q is not a GraphQL type", pr.Name, pr.Type)
				case t.String() != args[i].Type.String():
					retype(i, t)
				}
			}
		case api.UnknownType:
			for i, a := range args {
				if a.Type.Named() == pr.Name && pr.Name != "String" {
					retype(i, withNamed(a.Type, "String", "SCALAR"))
				}
			}
		case api.UnknownField:
			switch {
			case pr.Name == mutation && (pr.On == "" || pr.On == s.MutationType || pr.On == "Mutation"):
				gone = true
			default:
				if k := fieldKey(s, pr); k != "" {
					fields = append(fields, k)
				}
			}
		}
	}
	for _, pr := range problems {
		if pr.Kind != api.MissingArgument || !on(pr) || !graphQLName.MatchString(pr.Name) {
			continue
		}
		t, ok := parseTypeRef(s, pr.Type)
		if !ok {
			// Not said: the type of the argument it stands in for (a
			// documented alias the server does not take), else ID!,
			// which a later answer corrects if need be.
			t, _ = parseTypeRef(s, "ID!")
			for _, r := range removed {
				if sameAliasGroup(r.Name, pr.Name) {
					t = r.Type
				}
			}
		}
		if !t.Required() {
			t = api.TypeRef{Kind: "NON_NULL", OfType: &t}
		}
		if err := fits(pr.Name, t.String()); err != nil {
			refused = fmt.Errorf("for $%s: %w", pr.Name, err)
			continue
		}
		switch i := index(pr.Name); {
		case i < 0:
			args = append(args, api.InputValue{Name: pr.Name, Type: t})
			changed = true
		case !args[i].Type.Required():
			args[i].Type, args[i].DefaultValue = t, nil
			changed = true
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, k := range fields {
		if !e.gone[k] {
			e.gone[k] = true
			changed = true
		}
	}
	switch {
	case gone:
		e.sigs[mutation] = learnedSig{gone: true}
		changed = true
	case changed:
		e.sigs[mutation] = learnedSig{args: args}
	}
	if changed {
		e.rev++
	}
	return changed, refused
}

// fieldKey names a field a server said a type lacks: on that type when
// the schema has it by that name, else on whatever type has it; "" when
// no type has it (nothing rosterm selects).
func fieldKey(s *api.Schema, pr api.Problem) string {
	if !graphQLName.MatchString(pr.Name) {
		return ""
	}
	if pr.On != "" && s.Types[pr.On] != nil {
		if s.HasField(pr.On, pr.Name) {
			return pr.On + "." + pr.Name
		}
		return ""
	}
	for name := range s.Types {
		if s.HasField(name, pr.Name) {
			return "*." + pr.Name
		}
	}
	return ""
}

// gate lets one caller at a time try something the server may reject
// (an optional query, a lookup whose shape is not known yet), so that
// callers asking at once do not all send a document the first one will
// learn is refused. It waits within ctx.
func (e *endpoint) gate(ctx context.Context, key string) (release func(), err error) {
	e.mu.Lock()
	g := e.gates[key]
	if g == nil {
		g = make(chan struct{}, 1)
		e.gates[key] = g
	}
	e.mu.Unlock()
	select {
	case g <- struct{}{}:
		return func() { <-g }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (e *endpoint) isConfirmed(key string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.confirmed[key]
}

func (e *endpoint) confirm(key string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.confirmed[key] = true
}

// optional runs a request needing the optional query (see
// api.Client.Optional): ok is false when the server lacks it, which is
// learned from its answer once, callers asking meanwhile waiting for it.
func (c *Client) optional(ctx context.Context, query string, run func() error) (bool, error) {
	return c.optionalBy(ctx, query, run, c.gql.Optional)
}

// tryOptional is optional without asking the server for its schema first
// (api.Client.Try).
func (c *Client) tryOptional(ctx context.Context, query string, run func() error) (bool, error) {
	return c.optionalBy(ctx, query, run, c.gql.Try)
}

func (c *Client) optionalBy(ctx context.Context, query string, run func() error,
	ask func(context.Context, string, func() error) (bool, error)) (bool, error) {
	path := "Query." + query
	if !c.ep.isConfirmed(path) {
		release, err := c.ep.gate(ctx, path)
		if err != nil {
			return false, ctxError(err)
		}
		defer release()
	}
	ok, err := ask(ctx, path, run)
	if ok && (err == nil || api.Partial(err)) {
		c.ep.confirm(path)
	}
	return ok, err
}

// ctxError is a wait given up, as the transport words it.
func ctxError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &api.Error{Kind: api.KindTimeout, Message: "the server did not answer in time", Err: err}
	}
	return &api.Error{Kind: api.KindCanceled, Message: "request canceled", Err: err}
}
