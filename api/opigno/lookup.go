package opigno

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	graphql "github.com/hasura/go-graphql-client"

	"github.com/rosterm/rosterm/api"
)

// Opigno documents no query listing the caller's communities, only
// getCommunity, one community by id. So the communities a profile names
// are looked up by id, all in one request: one getCommunity per id under
// the aliases c0, c1, …, each id a variable (never written into the
// document). getCommunity's argument and its {response errors} wrapper
// are inferred in the documentation; a server that names the argument
// otherwise, types it otherwise or answers the bare Community says so in
// its validation error, and its way is used from then on.

// lookupShape is what the server's validation taught of getCommunity.
type lookupShape struct {
	bare bool            // answers the Community itself, without {response errors}
	arg  string          // the argument's name, when not the documented communityId
	typ  string          // the argument's type, when not the documented ID!
	gone map[string]bool // Community fields the server lacks
}

// communityField is one field the lookup selects.
type communityField struct{ name, sub string }

var lookupFields = []communityField{
	{"id", ""}, {"title", ""}, {"description", ""}, {"visibility", ""}, {"created", ""}, {"membersNumber", ""},
	{"ownerUserContext", contextFields}, {"cta", "actionId title arguments { key value } metadata { key value }"},
}

// lookupPlan is how getCommunity is asked for on this endpoint.
type lookupPlan struct {
	arg, typ string
	wrapped  bool
	fields   string
}

// lookupPlan reads getCommunity's signature from s (the server's schema,
// or the documented one), corrected by what the server's validation said.
func (c *Client) lookupPlan(s *api.Schema) lookupPlan {
	p := lookupPlan{arg: "communityId", typ: "ID!", wrapped: true}
	if f, ok := s.Query("getCommunity"); ok {
		p.wrapped = s.HasField(f.Type.Named(), "response")
		found := false
		for _, a := range f.Args {
			if a.Name == "communityId" || (!found && a.Type.Required()) {
				if graphQLName.MatchString(a.Name) && validTypeRef(a.Type) {
					p.arg, p.typ, found = a.Name, a.Type.String(), true
				}
			}
		}
	}
	c.ep.mu.Lock()
	defer c.ep.mu.Unlock()
	sh := c.ep.lookup
	if sh.bare {
		p.wrapped = false
	}
	if sh.arg != "" {
		p.arg = sh.arg
	}
	if sh.typ != "" {
		p.typ = sh.typ
	}
	var fs []string
	for _, f := range lookupFields {
		switch {
		case sh.gone[f.name]:
		case f.sub != "":
			fs = append(fs, f.name+" { "+f.sub+" }")
		default:
			fs = append(fs, f.name)
		}
	}
	p.fields = strings.Join(fs, " ")
	return p
}

// document writes the lookup of n communities.
func (p lookupPlan) document(n int) string {
	var decls, fields []string
	for i := range n {
		v := "c" + strconv.Itoa(i)
		decls = append(decls, "$"+v+": "+p.typ)
		sel := p.fields
		if p.wrapped {
			sel = "response { " + p.fields + " } errors"
		}
		fields = append(fields, v+": getCommunity("+p.arg+": $"+v+") { "+sel+" }")
	}
	return "query RostermCommunities(" + strings.Join(decls, ", ") + ") { " + strings.Join(fields, " ") + " }"
}

// value is an id as the argument's type takes it: a number for Int.
func (p lookupPlan) value(id string) any {
	if strings.Trim(p.typ, "[]!") == "Int" {
		if n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 32); err == nil {
			return n
		}
	}
	return id
}

var aliasVar = regexp.MustCompile(`^c[0-9]+$`)

// learnLookup corrects what is believed of getCommunity by the problems
// the server named; it reports whether anything changed. A type the
// server names for the argument is taken only when fits finds it can be
// the argument's; refused says why one was not.
func (e *endpoint) learnLookup(p lookupPlan, problems []api.Problem, fits func(arg, typ string) error) (changed bool, refused error) {
	// typed takes typ for the argument arg, if it may be its type.
	typed := func(arg, typ string) bool {
		if err := fits(arg, typ); err != nil {
			refused = err
			return false
		}
		return true
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	sh := &e.lookup
	if sh.gone == nil {
		sh.gone = map[string]bool{}
	}
	for _, pr := range problems {
		switch pr.Kind {
		case api.UnknownField:
			switch {
			case pr.Name == "getCommunity":
				return false, nil // the documented query itself is missing: nothing to adapt
			case (pr.Name == "response" || pr.Name == "errors") && p.wrapped:
				sh.bare, changed = true, true
			case !sh.gone[pr.Name] && isLookupField(pr.Name) && pr.Name != "id":
				sh.gone[pr.Name], changed = true, true
			}
		case api.VariableType:
			if aliasVar.MatchString(pr.Name) && pr.Type != p.typ && typed(p.arg, pr.Type) {
				sh.typ, changed = pr.Type, true
			}
		case api.UnknownType:
			if t := strings.Replace(p.typ, pr.Name, "String", 1); strings.Trim(p.typ, "[]!") == pr.Name && pr.Name != "String" && typed(p.arg, t) {
				sh.typ, changed = t, true
			}
		case api.MissingArgument:
			if (pr.On == "" || pr.On == "getCommunity") && graphQLName.MatchString(pr.Name) && pr.Name != p.arg {
				typ := p.typ
				if typeRefText.MatchString(pr.Type) {
					typ = pr.Type
				}
				if typed(pr.Name, typ) {
					sh.arg, sh.typ, changed = pr.Name, typ, true
				}
			}
		}
	}
	return changed, refused
}

func isLookupField(name string) bool {
	for _, f := range lookupFields {
		if f.name == name {
			return true
		}
	}
	return false
}

// maxLookup bounds the ids looked up in one request.
const maxLookup = 100

// CommunitiesByID looks communities up by id, in one request, and returns
// them in the order asked; an id the server does not know (or does not
// let the acting user see) comes back Missing, with what the server said.
// An error beside the communities that did come is returned with them.
func (c *Client) CommunitiesByID(ctx context.Context, ids []string) ([]Community, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if len(ids) > maxLookup {
		return nil, fmt.Errorf("opigno: %d communities at once; at most %d", len(ids), maxLookup)
	}
	base, err := c.gql.Schema(ctx)
	if err != nil {
		return nil, err
	}
	if _, ok := base.Query("getCommunity"); !ok {
		return nil, ErrNoCommunityLookup
	}
	const key = "Query.getCommunity"
	if !c.ep.isConfirmed(key) {
		release, err := c.ep.gate(ctx, key)
		if err != nil {
			return nil, ctxError(err)
		}
		defer release()
	}
	for sent := 1; ; sent++ {
		p := c.lookupPlan(base)
		doc := p.document(len(ids))
		if _, err := api.ReadDocument(doc, "query", []string{"getCommunity"}); err != nil {
			return nil, &api.Error{Kind: api.KindGraphQL, Message: err.Error(), Err: err}
		}
		if err := c.ep.rejection(doc); err != nil {
			return nil, err
		}
		vars := make(map[string]any, len(ids))
		for i, id := range ids {
			vars["c"+strconv.Itoa(i)] = p.value(id)
		}
		out := map[string]json.RawMessage{}
		err := c.gql.Exec(ctx, doc, &out, vars)
		if problems := api.Problems(err); len(problems) > 0 && len(out) == 0 {
			c.ep.reject(doc, err)
			if sent >= maxSends {
				return nil, err
			}
			changed, refused := c.ep.learnLookup(p, problems, func(arg, typ string) error {
				return c.gql.Capabilities().CheckArgumentType("Query", "getCommunity", arg, typ)
			})
			switch {
			case !changed && refused != nil:
				return nil, api.Refused(err, refused)
			case !changed:
				return nil, err
			}
			continue
		}
		if err != nil && !api.Partial(err) {
			return nil, err
		}
		c.ep.confirm(key)
		return decodeLookup(ids, out, p.wrapped, err)
	}
}

// decodeLookup reads each alias's answer; errors the server placed on an
// alias make that community Missing with its words, and are not returned.
func decodeLookup(ids []string, out map[string]json.RawMessage, wrapped bool, err error) ([]Community, error) {
	why := map[string][]string{}
	var rest []string
	var gerrs graphql.Errors
	if errors.As(err, &gerrs) {
		for _, e := range gerrs {
			if len(e.Path) > 0 {
				if alias, ok := e.Path[0].(string); ok && aliasVar.MatchString(alias) {
					why[alias] = append(why[alias], e.Message)
					continue
				}
			}
			rest = append(rest, e.Message)
		}
		if len(rest) == 0 {
			err = nil
		}
	}
	comms := make([]Community, len(ids))
	for i, id := range ids {
		alias := "c" + strconv.Itoa(i)
		missing := Community{ID: id, Missing: true, Why: strings.Join(why[alias], "; ")}
		raw := out[alias]
		var sel *communitySel
		if wrapped {
			var w struct {
				Response *communitySel     `json:"response"`
				Errors   []json.RawMessage `json:"errors"`
			}
			if json.Unmarshal(raw, &w) == nil {
				sel = w.Response
				for _, e := range w.Errors {
					if msg := violationText(e); msg != "" {
						missing.Why = strings.TrimPrefix(missing.Why+"; "+msg, "; ")
					}
				}
			}
		} else if json.Unmarshal(raw, &sel) != nil {
			sel = nil
		}
		if sel == nil {
			comms[i] = missing
			continue
		}
		comms[i] = sel.community()
		if comms[i].ID == "" {
			comms[i].ID = id
		}
	}
	return comms, err
}
