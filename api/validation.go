package api

import (
	"errors"
	"regexp"
	"strings"
)

// A server validates a document before it runs any of it, and answers
// one that uses something it lacks with errors naming that thing. Nothing
// was executed, so the document may be changed and sent again, even a
// mutation. Each vendor runs a different GraphQL implementation, worded
// differently; Problems understands the common ones: graphql-js and
// graphql-php (Opigno runs on Drupal), graph-gophers and gqlparser,
// graphql-ruby (Scope runs on Rails) and graphql-java (AWS AppSync, which
// Vision's schema suggests).

// ProblemKind is what a validation error says is wrong.
type ProblemKind int

// The validation problems rosterm can act on.
const (
	UnknownField    ProblemKind = iota + 1 // a field the type does not have
	UnknownArgument                        // an argument the field does not take
	MissingArgument                        // a required argument not given
	VariableType                           // a variable declared with another type than its position needs
	UnknownType                            // a type (of a variable) the server does not have
)

// Problem is one thing a server's validation named.
type Problem struct {
	Kind ProblemKind
	Name string // the field, argument, variable (without $) or type named
	On   string // the type a field is on, the field an argument is on; "" when not said
	Type string // the type the server expects (VariableType, MissingArgument); "" when not said
}

type problemPattern struct {
	kind ProblemKind
	re   *regexp.Regexp
	// indexes of the submatches for Name, On and Type; 0 = not given
	name, on, typ int
}

var problemPatterns = []problemPattern{
	// graphql-js, graphql-php, graph-gophers, gqlparser
	{UnknownField, regexp.MustCompile(`^Cannot query field "(\w+)" on type "(\w+)"`), 1, 2, 0},
	{UnknownArgument, regexp.MustCompile(`^Unknown argument "(\w+)" on field "(?:\w+\.)?(\w+)"`), 1, 2, 0},
	{MissingArgument, regexp.MustCompile(`^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required`), 2, 1, 3},
	{VariableType, regexp.MustCompile(`^Variable "\$(\w+)" of type "[^"]+" used in position expecting type "([^"]+)"`), 1, 0, 2},
	{UnknownType, regexp.MustCompile(`^Unknown type "(\w+)"`), 1, 0, 0},
	// graphql-ruby
	{UnknownField, regexp.MustCompile(`^Field '(\w+)' doesn't exist on type '(\w+)'`), 1, 2, 0},
	{UnknownArgument, regexp.MustCompile(`^Field '(\w+)' doesn't accept argument '(\w+)'`), 2, 1, 0},
	{VariableType, regexp.MustCompile(`^(?:Type|Nullability|List dimension) mismatch on variable \$(\w+) and argument \w+ \([^ ]+ / ([^)]+)\)`), 1, 0, 2},
	{UnknownType, regexp.MustCompile(`^(\w+) isn't a defined input type`), 1, 0, 0},
	// graphql-java (AppSync)
	{UnknownField, regexp.MustCompile(`FieldUndefined: Field '(\w+)' in type '(\w+)' is undefined`), 1, 2, 0},
	{UnknownArgument, regexp.MustCompile(`UnknownArgument: Unknown field argument (\w+)(?: @ '(?:[^']*/)?(\w+)')?`), 1, 2, 0},
	{MissingArgument, regexp.MustCompile(`MissingFieldArgument: Missing field argument (\w+)(?: @ '(?:[^']*/)?(\w+)')?`), 1, 2, 0},
	{UnknownType, regexp.MustCompile(`UnknownType: Unknown type (\w+)`), 1, 0, 0},
}

// rubyMissing is graphql-ruby's missing-arguments message, which lists
// several at once.
var rubyMissing = regexp.MustCompile(`^Field '(\w+)' is missing required arguments?: (.+)$`)

// Problems reads the validation problems out of a request's error: none
// when the error is not the server's GraphQL answer, or says something
// else.
func Problems(err error) []Problem {
	if KindOf(err) != KindGraphQL {
		return nil
	}
	var out []Problem
	for _, msg := range errorMessages(err) {
		out = append(out, parseProblems(msg)...)
	}
	return out
}

func parseProblems(msg string) []Problem {
	msg = strings.TrimSpace(msg)
	if m := rubyMissing.FindStringSubmatch(msg); m != nil {
		var out []Problem
		for _, a := range strings.Split(m[2], ",") {
			out = append(out, Problem{Kind: MissingArgument, Name: strings.TrimSpace(a), On: m[1]})
		}
		return out
	}
	for _, p := range problemPatterns {
		m := p.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		pr := Problem{Kind: p.kind, Name: m[p.name]}
		if p.on > 0 {
			pr.On = m[p.on]
		}
		if p.typ > 0 {
			pr.Type = m[p.typ]
		}
		return []Problem{pr}
	}
	return nil
}

// errorMessages are the server's own messages carried by err.
func errorMessages(err error) []string {
	var e *Error
	if !errors.As(err, &e) {
		return nil
	}
	if len(e.Messages) > 0 {
		return e.Messages
	}
	return []string{e.Message}
}
