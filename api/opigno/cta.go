package opigno

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/journal"
)

// The CTA engine follows Opigno's documented, mechanical contract: a CTA's
// mutation is the lowerCamel form of its actionId, and its arguments are the
// CTA's arguments, typed as the server's schema declares the mutation's
// arguments. Nothing here knows any particular actionId, so every CTA a
// server sends becomes an action, and one whose mutation the server lacks is
// disabled with the reason.

// MetaRequiresInput is the CTA metadata key naming a mutation argument the
// user must supply, because no CTA can carry it (the demo's EDIT_COMMUNITY
// says {requiresInput: data}).
const MetaRequiresInput = "requiresInput"

// MutationName is the mutation an actionId names:
// ACCEPT_COMMUNITY_INVITATION -> acceptCommunityInvitation.
func MutationName(actionID string) string {
	if !strings.Contains(actionID, "_") && strings.ToUpper(actionID) != actionID {
		// Already camel case: only the first letter changes.
		r := []rune(actionID)
		r[0] = unicode.ToLower(r[0])
		return string(r)
	}
	var b strings.Builder
	for _, w := range strings.Split(actionID, "_") {
		if w == "" {
			continue
		}
		w = strings.ToLower(w)
		if b.Len() > 0 {
			r := []rune(w)
			r[0] = unicode.ToUpper(r[0])
			w = string(r)
		}
		b.WriteString(w)
	}
	return b.String()
}

// Verb is an actionId's first word: ACCEPT, DECLINE, CREATE…
func Verb(actionID string) string {
	if w := MutationName(actionID); w != "" {
		end := strings.IndexFunc(w, unicode.IsUpper)
		if end < 0 {
			end = len(w)
		}
		return strings.ToUpper(w[:end])
	}
	return ""
}

// destructiveVerbs take something away that the user cannot simply take
// back; actions with them ask before they run.
var destructiveVerbs = map[string]bool{
	"DECLINE": true, "CANCEL": true, "REMOVE": true, "DELETE": true,
	"LEAVE": true, "BLOCK": true, "REJECT": true, "REVOKE": true,
}

// Destructive reports whether an action takes something away, judged by
// its verb alone.
func Destructive(actionID string) bool { return destructiveVerbs[Verb(actionID)] }

// InviteToCommunity is the action of inviting a user context to a
// community (createCommunityInvitation, as Opigno documents it). No CTA
// carries it, since the user starts it; it runs through the engine like
// any CTA, so it is typed by the server's schema too.
func InviteToCommunity(communityID, inviteeID string) api.Action {
	return api.Action{ID: "CREATE_COMMUNITY_INVITATION", Title: "Invite", Args: []api.KeyValue{
		{Key: "communityId", Value: communityID}, {Key: "inviteeUserContextId", Value: inviteeID},
	}}
}

// Plan is a CTA made ready to run: the mutation document, its typed
// variables, or why it cannot run.
type Plan struct {
	Action    api.Action
	Mutation  string // lowerCamel of the actionId
	Disabled  string // why it cannot run; "" when it can
	Document  string
	Variables map[string]any
}

// Destructive reports whether the plan's action takes something away.
func (p Plan) Destructive() bool { return Destructive(p.Action.ID) }

// Verb is the plan's action verb.
func (p Plan) Verb() string { return Verb(p.Action.ID) }

// Plan plans a with the schema actions are planned with (see Schema).
func (c *Client) Plan(ctx context.Context, a api.Action) (Plan, error) {
	s, err := c.Schema(ctx)
	if err != nil {
		return Plan{}, err
	}
	return PlanAction(s, a), nil
}

// graphQLName is what the GraphQL spec allows as a name. Names from the
// server (its schema, its validation errors) are checked before they are
// written into a document.
var graphQLName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)

// argAliases are the documented spellings of one argument. A CTA's
// argument keys are documented nowhere, and Opigno's pages name the same
// thing differently in different places (removeUserConnection takes
// userContextUuid, or userContextId on older servers); a key that is not
// the argument's name fills an argument of its group.
var argAliases = [][]string{
	{"uuid", "userContextUuid", "userContextId"},
	{"id", "invitationId", "inviteeUserContextId"},
}

// sameAliasGroup reports whether a and b are spellings of one argument.
func sameAliasGroup(a, b string) bool {
	for _, g := range argAliases {
		if slices.Contains(g, a) && slices.Contains(g, b) {
			return true
		}
	}
	return false
}

// argValues maps a CTA's arguments onto the mutation's: each argument
// takes the CTA's key of its name, else a key of its alias group that no
// other argument took.
func argValues(a api.Action, args []api.InputValue) map[string]string {
	out := map[string]string{}
	used := map[string]bool{}
	for _, arg := range args {
		if v, ok := a.Arg(arg.Name); ok {
			out[arg.Name] = v
			used[arg.Name] = true
		}
	}
	for _, arg := range args {
		if _, ok := out[arg.Name]; ok {
			continue
		}
		for _, kv := range a.Args {
			if !used[kv.Key] && sameAliasGroup(kv.Key, arg.Name) {
				out[arg.Name] = kv.Value
				used[kv.Key] = true
				break
			}
		}
	}
	return out
}

// PlanAction plans a against the schema s.
func PlanAction(s *api.Schema, a api.Action) Plan {
	p := Plan{Action: a, Mutation: MutationName(a.ID)}
	if s == nil {
		p.Disabled = "the server's mutations are not known yet"
		return p
	}
	f, ok := s.Mutation(p.Mutation)
	if !ok || !graphQLName.MatchString(p.Mutation) {
		p.Disabled = fmt.Sprintf("this server has no %s mutation", p.Mutation)
		return p
	}
	values := argValues(a, f.Args)
	vars := map[string]any{}
	var decls, args []string
	for _, arg := range f.Args {
		if !graphQLName.MatchString(arg.Name) || !validTypeRef(arg.Type) {
			p.Disabled = fmt.Sprintf("the server's %s declares an argument rosterm cannot write", p.Mutation)
			if graphQLName.MatchString(arg.Name) {
				p.Disabled += " (" + arg.Name + "'s type is not a GraphQL type)"
			}
			return p
		}
		raw, given := values[arg.Name]
		if !given {
			if arg.Type.Required() && arg.DefaultValue == nil {
				p.Disabled = missingReason(a, arg)
				return p
			}
			continue
		}
		v, err := coerce(s, arg.Type, raw)
		if err != nil {
			p.Disabled = fmt.Sprintf("its %s %q is not a valid %s", arg.Name, raw, arg.Type)
			return p
		}
		vars[arg.Name] = v
		decls = append(decls, "$"+arg.Name+": "+arg.Type.String())
		args = append(args, arg.Name+": $"+arg.Name)
	}
	sel := resultSelection(s, f.Type.Named())
	var b strings.Builder
	b.WriteString("mutation RostermAction")
	if len(decls) > 0 {
		b.WriteString("(" + strings.Join(decls, ", ") + ")")
	}
	b.WriteString(" { result: " + p.Mutation)
	if len(args) > 0 {
		b.WriteString("(" + strings.Join(args, ", ") + ")")
	}
	if sel != "" {
		b.WriteString(" { " + sel + " }")
	}
	b.WriteString(" }")
	p.Document, p.Variables = b.String(), vars
	if err := p.check(f.Args); err != nil {
		return Plan{Action: a, Mutation: p.Mutation, Disabled: err.Error()}
	}
	return p
}

// check reads the planned document back and makes sure it runs exactly
// the plan: one mutation, one field (result:) that is the mutation the
// actionId names, with exactly the arguments the plan fills, each from
// the variable of its name declared with the argument's type, and nothing
// else. A document that is anything more is not sent.
func (p Plan) check(args []api.InputValue) error {
	op, err := api.ReadDocument(p.Document, "mutation", []string{p.Mutation})
	if err != nil {
		return err
	}
	f, _ := op.SelectionSet[0].(*ast.Field)
	if len(op.SelectionSet) != 1 || f.Alias != "result" {
		return fmt.Errorf("%w: it runs more than %s", api.ErrDocument, p.Mutation)
	}
	if len(f.Arguments) != len(p.Variables) || len(op.VariableDefinitions) != len(p.Variables) {
		return fmt.Errorf("%w: its arguments are not the plan's", api.ErrDocument)
	}
	for _, a := range f.Arguments {
		i := slices.IndexFunc(args, func(arg api.InputValue) bool { return arg.Name == a.Name })
		v := op.VariableDefinitions.ForName(a.Name)
		if _, planned := p.Variables[a.Name]; !planned || i < 0 || v == nil || a.Value.Kind != ast.Variable || a.Value.Raw != a.Name ||
			v.Type.String() != args[i].Type.String() {
			return fmt.Errorf("%w: its argument %s is not the plan's", api.ErrDocument, a.Name)
		}
	}
	return nil
}

// Input is an argument a user must supply for an action: its name and
// type and, for an input object, the fields a form can ask for (leaves:
// scalars and enums).
type Input struct {
	Arg    string
	Type   api.TypeRef
	Fields []api.InputValue
}

// NeededInput is the argument a CTA's metadata says the user must supply
// (requiresInput), when the server's mutation takes it and the CTA does
// not carry it.
func NeededInput(s *api.Schema, a api.Action) (Input, bool) {
	if s == nil {
		return Input{}, false
	}
	f, ok := s.Mutation(MutationName(a.ID))
	if !ok {
		return Input{}, false
	}
	for _, kv := range a.Meta {
		if kv.Key != MetaRequiresInput {
			continue
		}
		for _, arg := range f.Args {
			if _, given := a.Arg(arg.Name); arg.Name != kv.Value || given {
				continue
			}
			in := Input{Arg: arg.Name, Type: arg.Type}
			if t := s.Types[arg.Type.Named()]; t != nil && t.Kind == "INPUT_OBJECT" {
				for _, field := range t.InputFields {
					if k := s.Kind(field.Type.Named()); k == "SCALAR" || k == "ENUM" {
						in.Fields = append(in.Fields, field)
					}
				}
			}
			return in, true
		}
	}
	return Input{}, false
}

// WithInput returns a with the input's argument set from what the user
// typed: for an input object, its fields by name (empty ones left out, so
// patches change only what was given), each typed by the schema; else the
// single value under in.Arg.
func WithInput(s *api.Schema, a api.Action, in Input, values map[string]string) (api.Action, error) {
	value := values[in.Arg]
	if len(in.Fields) > 0 {
		obj := map[string]any{}
		for _, f := range in.Fields {
			v, ok := values[f.Name]
			if !ok || strings.TrimSpace(v) == "" {
				continue
			}
			typed, err := coerce(s, f.Type, strings.TrimSpace(v))
			if err != nil {
				return a, fmt.Errorf("%s: %q is not a valid %s", f.Name, v, f.Type)
			}
			obj[f.Name] = typed
		}
		b, err := json.Marshal(obj)
		if err != nil {
			return a, err
		}
		value = string(b)
	}
	out := a
	out.Args = append(append([]api.KeyValue(nil), a.Args...), api.KeyValue{Key: in.Arg, Value: value})
	return out, nil
}

func missingReason(a api.Action, arg api.InputValue) string {
	for _, kv := range a.Meta {
		if kv.Key == MetaRequiresInput && kv.Value == arg.Name {
			return fmt.Sprintf("needs input: %s (%s), which rosterm cannot ask for yet", arg.Name, arg.Type)
		}
	}
	keys := make([]string, 0, len(a.Args))
	for _, kv := range a.Args {
		keys = append(keys, kv.Key)
	}
	carries := "it carries no arguments"
	if len(keys) > 0 {
		carries = "it carries " + strings.Join(keys, ", ")
	}
	return fmt.Sprintf("needs %s (%s), which the action does not carry (%s)", arg.Name, arg.Type, carries)
}

// validTypeRef reports whether t can be written in a declaration: a name
// in well-formed wrappers (see api.TypeRef.WellFormed).
func validTypeRef(t api.TypeRef) bool { return t.WellFormed() }

// coerce turns a CTA's string value into the JSON value of type t. Custom
// scalars and enum values pass as strings: the server judges them.
func coerce(s *api.Schema, t api.TypeRef, v string) (any, error) {
	switch t.Kind {
	case "NON_NULL":
		if t.OfType == nil {
			return v, nil
		}
		return coerce(s, *t.OfType, v)
	case "LIST":
		return coerceList(s, t, v)
	}
	name := t.Named()
	switch s.Kind(name) {
	case "INPUT_OBJECT":
		var obj map[string]any
		if err := json.Unmarshal([]byte(v), &obj); err != nil {
			return nil, err
		}
		return obj, nil
	case "ENUM":
		return v, nil
	}
	switch name {
	case "Int":
		return strconv.ParseInt(strings.TrimSpace(v), 10, 32)
	case "Float":
		return strconv.ParseFloat(strings.TrimSpace(v), 64)
	case "Boolean":
		return strconv.ParseBool(strings.ToLower(strings.TrimSpace(v)))
	}
	return v, nil
}

// coerceList reads a JSON array, each string element coerced to the
// element type; any other value is a list of one.
func coerceList(s *api.Schema, t api.TypeRef, v string) (any, error) {
	if t.OfType == nil {
		return []any{v}, nil
	}
	var elems []json.RawMessage
	if json.Unmarshal([]byte(v), &elems) != nil {
		one, err := coerce(s, *t.OfType, v)
		return []any{one}, err
	}
	out := make([]any, 0, len(elems))
	for _, e := range elems {
		var str string
		if json.Unmarshal(e, &str) == nil {
			x, err := coerce(s, *t.OfType, str)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
			continue
		}
		var x any
		if err := json.Unmarshal(e, &x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

// responseDepth is how many object levels a response selection enters:
// enough for an invitation's people and its CTAs' arguments.
const responseDepth = 3

// resultSelection selects a mutation's result: the {errors, response}
// envelope Opigno documents, or the whole value on a server without it.
func resultSelection(s *api.Schema, typeName string) string {
	hasErrors, hasResponse := s.HasField(typeName, "errors"), s.HasField(typeName, "response")
	if !hasErrors && !hasResponse {
		return selection(s, typeName, responseDepth)
	}
	var parts []string
	for _, name := range []string{"errors", "response"} {
		f, ok := s.Field(typeName, name)
		if !ok {
			continue
		}
		part := name
		if sub := selection(s, f.Type.Named(), responseDepth); sub != "" {
			part += " { " + sub + " }"
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, " ")
}

// selection selects typeName's fields that take no required arguments:
// leaves directly, objects depth levels deep. "" for a leaf type.
func selection(s *api.Schema, typeName string, depth int) string {
	t := s.Types[typeName]
	if t == nil {
		return ""
	}
	switch t.Kind {
	case "UNION":
		return "__typename"
	case "OBJECT", "INTERFACE":
	default:
		return ""
	}
	var parts []string
	for _, f := range t.Fields {
		if !graphQLName.MatchString(f.Name) || strings.HasPrefix(f.Name, "__") || needsArgs(f) {
			continue
		}
		switch s.Kind(f.Type.Named()) {
		case "SCALAR", "ENUM":
			parts = append(parts, f.Name)
		case "OBJECT", "INTERFACE", "UNION":
			if depth > 0 {
				if sub := selection(s, f.Type.Named(), depth-1); sub != "" {
					parts = append(parts, f.Name+" { "+sub+" }")
				}
			}
		}
	}
	if len(parts) == 0 {
		return "__typename"
	}
	return strings.Join(parts, " ")
}

func needsArgs(f api.Field) bool {
	for _, a := range f.Args {
		if a.Type.Required() && a.DefaultValue == nil {
			return true
		}
	}
	return false
}

// Outcome is what a mutation answered.
type Outcome struct {
	Errors   []string        // the server's words; any means the action failed
	Response json.RawMessage // the response as sent

	// What the response is, judged by its shape; at most one is set.
	Bool                *bool
	Invitation          *Invitation
	CommunityInvitation *CommunityInvitation
	Community           *Community
	Context             *Context
}

// Failed is why the action did not happen, or "" when it did.
func (o Outcome) Failed() string {
	switch {
	case len(o.Errors) > 0:
		return strings.Join(o.Errors, "; ")
	case o.Bool != nil && !*o.Bool:
		return "the server answered false: it did not carry this out"
	}
	return ""
}

// Run sends a planned mutation. A non-nil error means the request itself
// failed (its outcome may be unknown); a refusal by the server is in the
// Outcome. When the server's validation rejects the document (nothing of
// it ran), the server's own signature is learned from what it named (an
// argument it does not take, one it requires, the type it expects), the
// action planned again and sent again, in a shape never sent before: a
// document the server rejected is never sent twice. A plan made before
// something was learned is made again before it is sent.
func (c *Client) Run(ctx context.Context, p Plan) (Outcome, error) {
	if p.Disabled != "" {
		return Outcome{}, errors.New(p.Disabled)
	}
	ctx = journal.WithActing(ctx, c.acting)
	if p.Document == "" {
		return Outcome{}, errors.New("the action has not been planned")
	}
	if c.ep.learned() || c.ep.rejection(p.Document) != nil {
		s, err := c.Schema(ctx)
		if err != nil {
			return Outcome{}, err
		}
		if p = PlanAction(s, p.Action); p.Disabled != "" {
			return Outcome{}, errors.New(p.Disabled)
		}
	}
	for sent := 1; ; sent++ {
		if err := c.ep.rejection(p.Document); err != nil {
			return Outcome{}, err
		}
		var data struct {
			Result json.RawMessage `json:"result"`
		}
		err := c.gql.ExecMutation(ctx, p.Document, &data, p.Variables)
		if err == nil {
			return decodeOutcome(data.Result), nil
		}
		problems := api.Problems(err)
		if len(problems) == 0 {
			return Outcome{}, err
		}
		c.ep.reject(p.Document, err)
		base, serr := c.gql.Schema(ctx)
		if sent >= maxSends || serr != nil {
			return Outcome{}, err
		}
		mutation := p.Mutation
		changed, refused := c.ep.learnMutation(c.ep.effective(base), mutation, problems, func(arg, typ string) error {
			return c.gql.Capabilities().CheckArgumentType("Mutation", mutation, arg, typ)
		})
		if !changed {
			if refused != nil {
				return Outcome{}, api.Refused(err, refused)
			}
			return Outcome{}, err
		}
		if p = PlanAction(c.ep.effective(base), p.Action); p.Disabled != "" {
			return Outcome{}, &api.Error{Kind: api.KindGraphQL, Err: err,
				Message: "the server takes this action otherwise, and rosterm cannot send it: " + p.Disabled}
		}
	}
}

func decodeOutcome(raw json.RawMessage) Outcome {
	var env struct {
		Errors   []json.RawMessage
		Response json.RawMessage
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) == nil {
		_, hasErrors := fields["errors"]
		_, hasResponse := fields["response"]
		if hasErrors || hasResponse {
			_ = json.Unmarshal(raw, &env)
		} else {
			env.Response = raw
		}
	} else {
		env.Response = raw
	}
	o := Outcome{Response: env.Response}
	for _, e := range env.Errors {
		if msg := violationText(e); msg != "" {
			o.Errors = append(o.Errors, msg)
		}
	}
	o.typed()
	return o
}

// violationText is an error entry in words: a string as is, an object's
// string fields joined.
func violationText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var obj map[string]any
	if json.Unmarshal(raw, &obj) != nil {
		return string(raw)
	}
	var parts []string
	for _, k := range []string{"message", "path", "code"} {
		if v, ok := obj[k].(string); ok && v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) == 0 {
		return string(raw)
	}
	return strings.Join(parts, " ")
}

// typed reads the response by its shape: which fields it has, not what its
// type is called, so a server with other type names still works.
func (o *Outcome) typed() {
	var b bool
	if json.Unmarshal(o.Response, &b) == nil {
		o.Bool = &b
		return
	}
	var f map[string]json.RawMessage
	if json.Unmarshal(o.Response, &f) != nil || f == nil {
		return
	}
	has := func(k string) bool { _, ok := f[k]; return ok }
	switch {
	case has("initiatorUserContext") && has("community"):
		o.CommunityInvitation = decodeAs(o.Response, (*communityInvitationSel).invitation)
	case has("initiatorUserContext"):
		o.Invitation = decodeAs(o.Response, (*invitationSel).invitation)
	case has("title"):
		o.Community = decodeAs(o.Response, (*communitySel).community)
	case has("uuid"):
		o.Context = decodeAs(o.Response, (*contextSel).context)
	}
}

// decodeAs reads raw as the selection S and converts it, or gives nil.
func decodeAs[S, T any](raw json.RawMessage, conv func(S) T) *T {
	var s S
	if json.Unmarshal(raw, &s) != nil {
		return nil
	}
	t := conv(s)
	return &t
}
