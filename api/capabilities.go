package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// A real server has what its vendor documents and maybe more, and may
// refuse introspection, as many production servers do. So a client starts
// from the documented schema and treats anything else it would like to use
// (a cursor argument, a field a newer server added) as an optional
// capability: used when introspection shows it, tried otherwise, and
// dropped when the server's validation names it, which is remembered for
// the endpoint. A document is never sent in the same shape twice after the
// server rejected it.

// Capabilities is what rosterm knows of one endpoint's schema: the
// documented one built into the client, the server's own when it answers
// introspection, and what its validation errors taught. Clients derived
// from one another (WithAuth) share it: it describes the server, not the
// caller.
type Capabilities struct {
	documented *Schema

	flight flight[struct{}]

	mu      sync.Mutex
	server  *Schema         // introspected; nil until known, or when refused
	refused string          // why introspection was refused; "" until it was
	absent  map[string]bool // paths the server's validation rejected
	present map[string]bool // paths of documents the server answered
	// documents being tried for the first time, by text: a second caller
	// waits for the first one's answer rather than send it too
	trying map[string]chan struct{}
	// variable types the server's validation asked for, by template and
	// variable ("RostermUsers$after")
	varTypes map[string]string
	seen     map[string][]string
	// documents the server's validation refused, with its error: never
	// sent again
	rejected map[string]error
}

func newCapabilities(documented *Schema) *Capabilities {
	return &Capabilities{documented: documented, absent: map[string]bool{}, present: map[string]bool{}, trying: map[string]chan struct{}{},
		varTypes: map[string]string{}, seen: map[string][]string{}, rejected: map[string]error{}}
}

// Introspection says whether the server answers introspection: known is
// false until it was asked; refused, when it was, is the server's reason.
func (k *Capabilities) Introspection() (known bool, refused string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.server != nil || k.refused != "", k.refused
}

// Absent lists the paths the server turned out to lack, sorted.
func (k *Capabilities) Absent() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := make([]string, 0, len(k.absent))
	for p := range k.absent {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Status says what is known of path: "present" (the server's schema has
// it, or answered a document using it), "absent" (its schema lacks it, or
// its validation rejected it) or "untried".
func (k *Capabilities) Status(path string) string {
	k.mu.Lock()
	defer k.mu.Unlock()
	switch {
	case k.absent[path]:
		return "absent"
	case k.server != nil && k.server.Resolves(path), k.present[path]:
		return "present"
	case k.server != nil:
		return "absent"
	}
	return "untried"
}

// untried reports whether some of paths were never answered nor refused:
// a document with them is a guess until the server answers it.
func (k *Capabilities) untried(paths []string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.server != nil {
		return false
	}
	return slices.ContainsFunc(paths, func(p string) bool { return !k.absent[p] && !k.present[p] })
}

// claim lets one request at a time try a document that is a guess:
// mine is true for the one that sends it; the others wait on wait, then
// build the document again with what its answer taught.
func (k *Capabilities) claim(doc string) (wait <-chan struct{}, mine bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if ch, ok := k.trying[doc]; ok {
		return ch, false
	}
	ch := make(chan struct{})
	k.trying[doc] = ch
	return ch, true
}

func (k *Capabilities) release(doc string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	close(k.trying[doc])
	delete(k.trying, doc)
}

// reject remembers a document the server's validation refused.
func (k *Capabilities) reject(doc string, err error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.rejected[doc] = err
}

// rejection is the server's error about doc, when it refused it before.
func (k *Capabilities) rejection(doc string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.rejected[doc]
}

// answered notes that the server ran a document with the paths included.
func (k *Capabilities) answered(err error, included []string) {
	if err != nil && (!Partial(err) || len(Problems(err)) > 0) {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, p := range included {
		k.present[p] = true
	}
}

// has reports whether the server is believed to have path: what it
// rejected it lacks; with its schema known, what that schema has; without
// it, anything not rejected yet is worth trying.
func (k *Capabilities) has(path string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	switch {
	case k.absent[path]:
		return false
	case k.server != nil:
		return k.server.Resolves(path)
	}
	return true
}

// Documented reports whether the vendor documents path.
func (k *Capabilities) Documented(path string) bool {
	return k.documented != nil && k.documented.Resolves(path)
}

// schema is the schema to plan with: the server's own, else the
// documented one (nil when there is none).
func (k *Capabilities) schema() *Schema {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.server != nil {
		return k.server
	}
	return k.documented
}

// Observe notes a value of the enum typeName met in an answer. A server
// that refuses introspection shows its enums only this way; the
// documentation shows few of their values.
func (k *Capabilities) Observe(typeName, value string) {
	if value == "" {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if !slices.Contains(k.seen[typeName], value) {
		k.seen[typeName] = append(k.seen[typeName], value)
	}
}

// EnumValues are the values of the enum typeName: the server's schema's
// when known, else the documented ones with those met in answers.
func (k *Capabilities) EnumValues(typeName string) []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.server != nil {
		if vs := k.server.Enum(typeName); len(vs) > 0 {
			return slices.Clone(vs)
		}
	}
	var out []string
	if k.documented != nil {
		out = slices.Clone(k.documented.Enum(typeName))
	}
	for _, v := range k.seen[typeName] {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// learn changes what is believed of the server by its validation error
// about a document: the optional paths it names are absent, the variables
// it says must have another type have it (from then on, for that
// template). It reports whether anything changed: then the document,
// built again, is different. included are the optional paths the
// document had, doc the document, vars the types of its variables
// declared with Var. A type the server names for a variable that is not
// a GraphQL type, or not the type of the argument the variable fills (see
// CheckArgumentType), is not taken: refused says why.
func (k *Capabilities) learn(err error, included []string, tmpl, doc string, vars map[string]string) (changed bool, refused error) {
	problems := Problems(err)
	if len(problems) == 0 {
		return false, nil
	}
	types := map[string]string{}
	for _, pr := range problems {
		for name, typ := range vars {
			if pr.Kind == VariableType && pr.Name == name && !typeRefText.MatchString(pr.Type) {
				refused = fmt.Errorf("for $%s: %q is not a GraphQL type", name, pr.Type)
				continue
			}
			want := expectedType(pr, name, typ)
			if want == "" || want == typ {
				continue
			}
			if why := k.fits(doc, name, want); why != nil {
				refused = why
				continue
			}
			types[name] = want
		}
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, p := range included {
		if !k.absent[p] && slices.ContainsFunc(problems, func(pr Problem) bool { return names(p, pr) }) {
			k.absent[p] = true
			changed = true
		}
	}
	for name, want := range types {
		k.varTypes[tmpl+"$"+name] = want
		changed = true
	}
	return changed, refused
}

// fits checks typ for the variable name of doc at every place doc uses it.
func (k *Capabilities) fits(doc, name, typ string) error {
	for _, p := range Positions(doc, k.schema(), name) {
		if err := k.CheckArgumentType(p.Parent, p.Field, p.Arg, typ); err != nil {
			return fmt.Errorf("for $%s: %w", name, err)
		}
	}
	return nil
}

// typeRefText is a type as a variable declaration writes it: a name, in
// lists and non-null marks; a server's words are used only if they are.
var typeRefText = regexp.MustCompile(`^\[*[_A-Za-z][_0-9A-Za-z]*!?(\]!?)*$`)

// expectedType is the type a problem says the variable name (declared as
// typ) must have, or "": the type the server expects in its position, or
// for a type the server does not know at all, String in the same
// wrappers (Opigno documents its cursors as a Cursor scalar; a server may
// call them strings), which a second answer corrects if need be.
func expectedType(pr Problem, name, typ string) string {
	switch {
	case pr.Kind == VariableType && pr.Name == name && typeRefText.MatchString(pr.Type):
		return pr.Type
	case pr.Kind == UnknownType && namedIn(typ) == pr.Name && pr.Name != "String":
		return strings.Replace(typ, pr.Name, "String", 1)
	}
	return ""
}

// namedIn is the named type inside a declaration's wrappers.
func namedIn(typ string) string { return strings.Trim(typ, "[]!") }

// varType is the type learned for a template's variable, or "".
func (k *Capabilities) varType(tmpl, name string) string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.varTypes[tmpl+"$"+name]
}

// names reports whether a validation problem is about path: the field or
// argument the path ends with, on the field before it when the server
// says which.
func names(path string, pr Problem) bool {
	parts := strings.Split(path, ".")
	last := parts[len(parts)-1]
	field, arg, hasArg := strings.Cut(strings.TrimSuffix(last, ")"), "(")
	switch {
	case pr.Kind == UnknownField && !hasArg:
		return pr.Name == field
	case pr.Kind == UnknownArgument && hasArg:
		return pr.Name == arg && (pr.On == "" || pr.On == field)
	}
	return false
}

// ensure asks the server for its schema once per endpoint. A refusal is
// remembered and is not an error: the documented schema stands in. A
// failure to reach the server is an error, and the next caller asks again.
func (k *Capabilities) ensure(ctx context.Context, c *Client) error {
	if known, _ := k.Introspection(); known {
		return nil
	}
	_, err := k.flight.do(ctx, func(ctx context.Context) (struct{}, error) {
		if known, _ := k.Introspection(); known {
			return struct{}{}, nil
		}
		var out introspection
		err := c.Exec(ctx, introspectionQuery, &out, nil)
		k.mu.Lock()
		defer k.mu.Unlock()
		switch {
		case len(out.Schema.Types) > 0:
			k.server = out.schema()
			return struct{}{}, nil
		case err == nil:
			k.refused = "the server answered introspection without a schema"
		case refusal(err):
			k.refused = err.Error()
		default:
			return struct{}{}, err
		}
		return struct{}{}, nil
	})
	return err
}

// refusal reports whether an introspection error is the server declining
// to describe itself, rather than failing to answer at all.
func refusal(err error) bool {
	switch KindOf(err) {
	case KindGraphQL, KindForbidden, KindDecode:
		return true
	}
	return false
}

// Template is a GraphQL document with optional parts, each written
// {{if .Has "Query.users(after)"}}…{{end}} and included while the server
// is believed to have that path (see Schema.Resolves). Variables whose type
// the vendor does not document for sure are declared {{.Var "after"
// "Cursor"}}: when the server's validation says it expects another type,
// that type is used from then on. Documents without optional parts are
// templates too, and cost nothing extra.
type Template struct {
	t        *template.Template
	optional []string // the paths it asks about, all parts included
	op       string   // query or mutation
	roots    []string // the root fields it can run
}

// MustTemplate parses a document template built into the program.
func MustTemplate(name, text string) *Template {
	t := &Template{t: template.Must(template.New(name).Option("missingkey=error").Parse(text))}
	var full string
	full, t.optional = t.Build(func(string) bool { return true })
	q, err := parser.ParseQuery(&ast.Source{Input: full})
	if err != nil || len(q.Operations) != 1 {
		panic("api: template " + name + " is not one GraphQL operation") // a programming error, caught by tests
	}
	t.op = string(q.Operations[0].Operation)
	for _, sel := range q.Operations[0].SelectionSet {
		if f, ok := sel.(*ast.Field); ok {
			t.roots = append(t.roots, f.Name)
		}
	}
	return t
}

// check makes sure a document built from t, with what servers taught, is
// still one operation of t's kind running only t's root fields, each
// variable declared once and used: nothing a server said has changed what
// it runs.
func (t *Template) check(doc string) error {
	_, err := ReadDocument(doc, t.op, t.roots)
	return err
}

// Name is the template's name, unique in the program.
func (t *Template) Name() string { return t.t.Name() }

// Optional lists the paths t can include.
func (t *Template) Optional() []string { return slices.Clone(t.optional) }

// Build writes the document with the parts has allows and the documented
// variable types, and lists the paths included.
func (t *Template) Build(has func(path string) bool) (doc string, included []string) {
	b := t.build(has, nil)
	return b.doc, b.included
}

func (t *Template) build(has func(string) bool, varType func(name string) string) *docBuilder {
	b := &docBuilder{has: has, varType: varType, vars: map[string]string{}}
	var sb strings.Builder
	if err := t.t.Execute(&sb, b); err != nil {
		panic("api: template " + t.t.Name() + ": " + err.Error()) // a programming error, caught by tests
	}
	b.doc = sb.String()
	return b
}

type docBuilder struct {
	has      func(string) bool
	varType  func(string) string // a type learned for a variable, or ""
	included []string
	vars     map[string]string // variables declared with .Var, and their types
	doc      string
}

// Has is what a template calls: whether to include path's part.
func (b *docBuilder) Has(path string) bool {
	ok := b.has(path)
	if ok && !slices.Contains(b.included, path) {
		b.included = append(b.included, path)
	}
	return ok
}

// Var declares the variable name with its documented type typ, or the
// type the server said it expects.
func (b *docBuilder) Var(name, typ string) string {
	if b.varType != nil {
		if learned := b.varType(name); learned != "" {
			typ = learned
		}
	}
	b.vars[name] = typ
	return "$" + name + ": " + typ
}

// Included are the optional paths a document was sent with.
type Included []string

// Has reports whether path was included.
func (in Included) Has(path string) bool { return slices.Contains(in, path) }

// QueryDoc runs the query t, as the server is believed to have it, and
// decodes its data into out (encoding/json: fields the server adds are
// ignored), retrying temporary failures. When the server's validation
// names an optional part it lacks, or a variable type it does not take,
// the document is changed for good and sent again; an error naming
// anything else is returned as it is. It reports which optional parts
// the answer is to.
func (c *Client) QueryDoc(ctx context.Context, t *Template, out any, vars map[string]any) (Included, error) {
	return c.adapt(ctx, t, out, vars, false)
}

// MutateDoc runs the mutation t once, as QueryDoc runs a query. Sending it
// again after a validation error is safe: a document the server rejects
// is not run at all.
func (c *Client) MutateDoc(ctx context.Context, t *Template, out any, vars map[string]any) (Included, error) {
	return c.adapt(ctx, t, out, vars, true)
}

// maxReshapes bounds how many times one request is changed and sent again
// after validation errors: each time in a shape never sent before.
const maxReshapes = 3

func (c *Client) adapt(ctx context.Context, t *Template, out any, vars map[string]any, mutation bool) (Included, error) {
	if len(t.optional) > 0 {
		if err := c.caps.ensure(ctx, c); err != nil {
			return nil, err
		}
	}
	varType := func(name string) string { return c.caps.varType(t.Name(), name) }
	for tries := 0; ; tries++ {
		b := t.build(c.caps.has, varType)
		if err := t.check(b.doc); err != nil {
			return b.included, &Error{Kind: KindGraphQL, Message: err.Error(), Err: err}
		}
		if err := c.caps.rejection(b.doc); err != nil {
			return b.included, err // the server refused this very document before
		}
		var err error
		var learned bool
		switch {
		case mutation || !c.caps.untried(b.included):
			if mutation {
				err = c.ExecMutation(ctx, b.doc, out, declared(b, vars))
			} else {
				err = c.Exec(ctx, b.doc, out, declared(b, vars))
			}
			learned = c.heard(&err, b, t, tries)
		default:
			var again bool
			if again, learned, err = c.guess(ctx, b, t, tries, out, vars); again {
				continue
			}
		}
		if !learned {
			return b.included, err
		}
	}
}

// Refused is a validation error err whose lesson rosterm will not take
// (why): what the server asked for is not sent, and the error says why,
// then the server's words.
func Refused(err, why error) error {
	e := &Error{Kind: KindGraphQL, Err: err, Messages: errorMessages(err)}
	e.Message = "the server asked for a type rosterm will not write (" + why.Error() + "), so nothing more was sent; the server said: " +
		strings.Join(e.Messages, "; ")
	return e
}

// heard learns from a document's answer, and reports whether that changed
// what to send (so it is worth sending again). A lesson rosterm will not
// take (a variable type that is not the argument's) becomes the error. A
// document the server's validation refused is not sent again.
func (c *Client) heard(err *error, b *docBuilder, t *Template, tries int) bool {
	if len(Problems(*err)) > 0 && !Partial(*err) {
		c.caps.reject(b.doc, *err)
	}
	if *err != nil && tries < maxReshapes {
		changed, refused := c.caps.learn(*err, b.included, t.Name(), b.doc, b.vars)
		switch {
		case refused != nil && !changed:
			*err = Refused(*err, refused)
		case changed:
			return true
		}
	}
	c.caps.answered(*err, b.included)
	return false
}

// guess sends a query whose optional parts the server never answered. One
// request at a time tries a given document; another asking for the same
// waits for its answer and builds anew (again). The try runs on even if
// its caller gives up, within the caller's deadline, so that what the
// answer teaches is not lost and the document is never sent twice.
func (c *Client) guess(ctx context.Context, b *docBuilder, t *Template, tries int, out any, vars map[string]any) (again, learned bool, err error) {
	wait, mine := c.caps.claim(b.doc)
	if !mine {
		select {
		case <-wait:
			return true, false, nil
		case <-ctx.Done():
			return false, false, classify(ctx.Err())
		}
	}
	if now := t.build(c.caps.has, func(n string) string { return c.caps.varType(t.Name(), n) }); now.doc != b.doc {
		// One that ended just before this claim taught something.
		c.caps.release(b.doc)
		return true, false, nil
	}
	type result struct {
		err     error
		learned bool
		data    json.RawMessage
	}
	done := make(chan result, 1)
	go func() {
		dctx, cancel := context.WithoutCancel(ctx), func() {}
		if d, ok := ctx.Deadline(); ok {
			dctx, cancel = context.WithDeadline(dctx, d)
		}
		defer cancel()
		var r result
		r.err = c.Exec(dctx, b.doc, &r.data, declared(b, vars))
		r.learned = c.heard(&r.err, b, t, tries)
		c.caps.release(b.doc)
		done <- r
	}()
	select {
	case r := <-done:
		if present(r.data) {
			if derr := json.Unmarshal(r.data, out); derr != nil && r.err == nil {
				r.err = decodeError(derr)
			}
		}
		return false, r.learned, r.err
	case <-ctx.Done():
		return false, false, classify(ctx.Err())
	}
}

// declared keeps the variables the document declares: a part left out
// takes its variable with it, and some servers refuse undeclared ones.
// A value is written as its declared type wants it (the string "42" as
// a number for an Int a server asked for).
func declared(b *docBuilder, vars map[string]any) map[string]any {
	if vars == nil {
		return nil
	}
	out := make(map[string]any, len(vars))
	for k, v := range vars {
		if strings.Contains(b.doc, "$"+k+":") {
			out[k] = asType(v, b.vars[k])
		}
	}
	return out
}

// asType converts a scalar value between a string and a number or truth
// value, as the declared type typ needs; other values are left alone.
func asType(v any, typ string) any {
	switch named, s := namedIn(typ), fmt.Sprint(v); {
	case typ == "" || strings.HasPrefix(typ, "["):
		return v
	case named == "Int":
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
	case named == "Float":
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
	case named == "Boolean":
		if t, err := strconv.ParseBool(s); err == nil {
			return t
		}
	case named == "String" || named == "ID":
		switch v.(type) {
		case int, int32, int64, float64:
			return s
		}
	}
	return v
}

// Has reports whether the server is believed to have path, asking it for
// its schema first if that was never tried.
func (c *Client) Has(ctx context.Context, path string) (bool, error) {
	if err := c.caps.ensure(ctx, c); err != nil {
		return false, err
	}
	return c.caps.has(path), nil
}

// Lacks records that the server turned out not to have path (an answer
// said so in a way a validation error does not, or a probe failed).
func (c *Client) Lacks(path string) {
	c.caps.mu.Lock()
	defer c.caps.mu.Unlock()
	c.caps.absent[path] = true
}

// Capabilities is what is known of the endpoint's schema.
func (c *Client) Capabilities() *Capabilities { return c.caps }

// errNoSchema is Schema's answer when the server refuses introspection
// and nothing is documented.
var errNoSchema = errors.New("the server does not describe itself (introspection refused) and nothing is documented")

// Optional runs a request that needs path, an optional capability: not at
// all when the server is known to lack it (ok is false), and when the
// server's validation names the field path ends with, that is remembered
// and ok is false too. Any other failure is returned.
func (c *Client) Optional(ctx context.Context, path string, run func() error) (ok bool, err error) {
	has, err := c.Has(ctx, path)
	if err != nil || !has {
		return false, err
	}
	err = run()
	if changed, _ := c.caps.learn(err, []string{path}, "", "", nil); changed {
		return false, nil
	}
	c.caps.answered(err, []string{path})
	return true, err
}

// Try runs a request that needs path as Optional does, without asking
// the server for its schema first: when nothing is known of path yet, the
// request itself finds out (a server lacking it says so in its validation
// error, which is remembered). For what is asked at start, where asking
// the schema first would cost a request of its own.
func (c *Client) Try(ctx context.Context, path string, run func() error) (ok bool, err error) {
	if !c.caps.has(path) {
		return false, nil
	}
	err = run()
	if changed, _ := c.caps.learn(err, []string{path}, "", "", nil); changed {
		return false, nil
	}
	c.caps.answered(err, []string{path})
	return true, err
}

// Probe asks a server whether it answers one operation, with the smallest
// request that can tell: what `rosterm config check --online` reports.
type Probe struct {
	Path       string // the operation as a path: "Query.getUserCommunities"
	Documented bool   // the vendor documents it; else it is an optional capability
	// Run sends the request. An error a validation problem names means the
	// server lacks the operation.
	Run func(ctx context.Context) error
}
