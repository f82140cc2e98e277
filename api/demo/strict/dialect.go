package strict

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Dialect is how a GraphQL implementation words the errors of a document
// it refuses. Each vendor runs a different one, and a client has to
// understand them all.
type Dialect int

const (
	// GraphQLPHP is webonyx/graphql-php, which Drupal (Opigno) runs:
	// graphql-js wording.
	GraphQLPHP Dialect = iota + 1
	// GraphQLRuby is graphql-ruby, which Rails (Scope) runs: its own
	// wording, an extensions code and a path.
	GraphQLRuby
	// AppSync is AWS AppSync (Vision), on graphql-java: "Validation error
	// of type ...", with an errorType.
	AppSync
)

// Error is one error of a refused request, with the fields the dialect
// sends.
type Error struct {
	Message    string         `json:"message"`
	ErrorType  string         `json:"errorType,omitempty"`
	Locations  []Location     `json:"locations,omitempty"`
	Path       []any          `json:"path,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// Location is a line and column of the request document.
type Location struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

func locationOf(p position) []Location {
	if p == (position{}) {
		return nil
	}
	return []Location{{p.line, p.column}}
}

// appSyncValidation is the errorType AppSync gives a refused document.
const appSyncValidation = "ValidationError"

// What gqlparser's messages say, for the rules each dialect words its own way.
var (
	reUnknownArgument = regexp.MustCompile(`^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"\.(.*)$`)
	reMissingArgument = regexp.MustCompile(`^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required`)
	reVariablePlace   = regexp.MustCompile(`^Variable "\$(\w+)" of type "([^"]+)" used in position expecting type "([^"]+)"`)
	reUnknownType     = regexp.MustCompile(`^Unknown type "(\w+)"`)
	reNonInputType    = regexp.MustCompile(`^Variable "\$(\w+)" cannot be non-input type "([^"]+)"`)
	reUnusedVariable  = regexp.MustCompile(`^Variable "\$(\w+)" is never used`)
)

// validation words gqlparser's validation errors in the dialect, one per
// error (graphql-ruby names all of a field's missing arguments at once).
func (d Dialect) validation(errs gqlerror.List, idx map[position]*site) []Error {
	var out []Error
	missing := map[position]int{} // graphql-ruby: a field's missing-arguments error, by place
	for _, e := range errs {
		var p position
		if len(e.Locations) > 0 {
			p = position{e.Locations[0].Line, e.Locations[0].Column}
		}
		s := idx[p]
		if s == nil {
			s = &site{}
		}
		if d == GraphQLRuby && e.Rule == "ProvidedRequiredArguments" {
			if m := reMissingArgument.FindStringSubmatch(e.Message); m != nil {
				if i, ok := missing[p]; ok {
					ext := out[i].Extensions
					ext["arguments"] = ext["arguments"].(string) + ", " + m[2]
					out[i].Message = fmt.Sprintf("Field '%s' is missing required arguments: %s", m[1], ext["arguments"])
					continue
				}
				missing[p] = len(out)
			}
		}
		out = append(out, d.word(e, p, s))
	}
	return out
}

// word is one validation error in the dialect.
func (d Dialect) word(e *gqlerror.Error, p position, s *site) Error {
	msg := e.Message
	out := Error{Message: msg, Locations: locationOf(p)}
	if d == AppSync {
		out.ErrorType = appSyncValidation
	}
	switch e.Rule {
	case "FieldsOnCorrectType":
		if s.field == nil || s.field.ObjectDefinition == nil {
			break
		}
		name, typ := s.field.Name, s.field.ObjectDefinition.Name
		switch d {
		case GraphQLRuby:
			out.Message = fmt.Sprintf("Field '%s' doesn't exist on type '%s'", name, typ)
			out.Path = s.ruby
			out.Extensions = map[string]any{"code": "undefinedField", "typeName": typ, "fieldName": name}
		case AppSync:
			out.Message = fmt.Sprintf("Validation error of type FieldUndefined: Field '%s' in type '%s' is undefined @ '%s'", name, typ, s.javaPath())
		}
		return out
	case "KnownArgumentNames":
		m := reUnknownArgument.FindStringSubmatch(msg)
		if m == nil {
			break
		}
		arg, typ, field, suggestion := m[1], m[2], m[3], m[4]
		if s.field != nil {
			if a := s.field.Arguments.ForName(arg); a != nil {
				out.Locations = locationOf(at(a.Position))
			}
		}
		switch d {
		case GraphQLPHP:
			out.Message = fmt.Sprintf("Unknown argument \"%s\" on field \"%s\" of type \"%s\".%s", arg, field, typ, suggestion)
		case GraphQLRuby:
			out.Message = fmt.Sprintf("Field '%s' doesn't accept argument '%s'", field, arg)
			out.Path = append(append([]any{}, s.ruby...), arg)
			out.Extensions = map[string]any{"code": "argumentNotAccepted", "name": field, "typeName": "Field", "argumentName": arg}
		case AppSync:
			out.Message = fmt.Sprintf("Validation error of type UnknownArgument: Unknown field argument %s @ '%s'", arg, s.javaPath())
		}
		return out
	case "ProvidedRequiredArguments":
		m := reMissingArgument.FindStringSubmatch(msg)
		if m == nil {
			break
		}
		field, arg, typ := m[1], m[2], m[3]
		switch d {
		case GraphQLPHP:
			out.Message = fmt.Sprintf("Field \"%s\" argument \"%s\" of type \"%s\" is required but not provided.", field, arg, typ)
		case GraphQLRuby:
			out.Message = fmt.Sprintf("Field '%s' is missing required arguments: %s", field, arg)
			out.Path = s.ruby
			out.Extensions = map[string]any{"code": "missingRequiredArguments", "className": "Field", "name": field, "arguments": arg}
		case AppSync:
			out.Message = fmt.Sprintf("Validation error of type MissingFieldArgument: Missing field argument %s @ '%s'", arg, s.javaPath())
		}
		return out
	case "VariablesInAllowedPosition":
		m := reVariablePlace.FindStringSubmatch(msg)
		if m == nil {
			break
		}
		variable, have, want := m[1], m[2], m[3]
		switch d {
		case GraphQLRuby:
			kind := rubyMismatch(have, want)
			out.Message = fmt.Sprintf("%s on variable $%s and argument %s (%s / %s)", kind, variable, s.arg, have, want)
			out.Path = s.ruby
			out.Extensions = map[string]any{"code": "variableMismatch", "variableName": variable, "typeName": have, "argumentName": s.arg, "errorMessage": kind}
		case AppSync:
			out.Message = fmt.Sprintf("Validation error of type VariableTypeMismatch: Variable type '%s' doesn't match expected type '%s' @ '%s'", have, want, s.javaPath())
		}
		return out
	case "KnownTypeNames":
		m := reUnknownType.FindStringSubmatch(msg)
		if m == nil {
			break
		}
		typ := m[1]
		switch d {
		case GraphQLRuby:
			if s.varDef != nil {
				out.Message = fmt.Sprintf("%s isn't a defined input type (on $%s)", typ, s.varDef.Variable)
				out.Path = s.ruby
				out.Extensions = map[string]any{"code": "variableRequiresValidType", "typeName": typ, "variableName": s.varDef.Variable}
			} else {
				out.Message = fmt.Sprintf("No such type %s, so it can't be a fragment condition", typ)
				out.Extensions = map[string]any{"code": "undefinedType", "typeName": typ}
			}
		case AppSync:
			out.Message = "Validation error of type UnknownType: Unknown type " + typ
		}
		return out
	case "NoUnusedVariables":
		m := reUnusedVariable.FindStringSubmatch(msg)
		if m == nil || d == GraphQLPHP {
			break
		}
		if d == AppSync {
			out.Message = "Validation error of type UnusedVariable: Unused variable " + m[1]
			return out
		}
		op := "anonymous query"
		if len(s.ruby) > 0 {
			if name, ok := s.ruby[0].(string); ok && strings.Contains(name, " ") {
				op = name[strings.Index(name, " ")+1:]
			}
		}
		out.Message = fmt.Sprintf("Variable $%s is declared by %s but not used", m[1], op)
		out.Path = s.ruby
		out.Extensions = map[string]any{"code": "variableNotUsed", "variableName": m[1]}
		return out
	case "VariablesAreInputTypes":
		m := reNonInputType.FindStringSubmatch(msg)
		if m == nil {
			break
		}
		variable, typ := m[1], m[2]
		switch d {
		case GraphQLRuby:
			out.Message = fmt.Sprintf("%s isn't a valid input type (on $%s)", typ, variable)
			out.Path = s.ruby
			out.Extensions = map[string]any{"code": "variableRequiresValidType", "typeName": typ, "variableName": variable}
		case AppSync:
			out.Message = fmt.Sprintf("Validation error of type NonInputTypeOnVariable: Input variable %s type %s is not an input type", variable, typ)
		}
		return out
	}
	// Any other rule keeps gqlparser's (graphql-js) sentence.
	switch d {
	case GraphQLRuby:
		if len(s.ruby) > 0 {
			out.Path = s.ruby
		}
	case AppSync:
		out.Message = "Validation error of type " + e.Rule + ": " + msg
		if len(s.java) > 0 {
			out.Message += " @ '" + s.javaPath() + "'"
		}
	}
	return out
}

// rubyMismatch is graphql-ruby's name for a variable in the wrong place.
func rubyMismatch(have, want string) string {
	bare := strings.NewReplacer("!", "", "[", "", "]", "")
	switch {
	case bare.Replace(have) != bare.Replace(want):
		return "Type mismatch"
	case strings.Count(have, "[") != strings.Count(want, "["):
		return "List dimension mismatch"
	}
	return "Nullability mismatch"
}

// introspectionRefused is the dialect's refusal of __schema or __type by a
// server that does not allow introspection.
func (d Dialect) introspectionRefused(f *ast.Field, s *site) Error {
	out := Error{Locations: locationOf(at(f.Position))}
	switch d {
	case GraphQLPHP: // graphql-php's DisableIntrospection rule
		out.Message = "GraphQL introspection is not allowed, but the query contained __schema or __type"
	case GraphQLRuby: // a schema whose introspection entry points are disabled
		typ := "Query"
		if f.ObjectDefinition != nil {
			typ = f.ObjectDefinition.Name
		}
		out.Message = fmt.Sprintf("Field '%s' doesn't exist on type '%s'", f.Name, typ)
		out.Path = s.ruby
		out.Extensions = map[string]any{"code": "undefinedField", "typeName": typ, "fieldName": f.Name}
	case AppSync:
		out.Message = "GraphQL introspection is not allowed for this API"
		out.ErrorType = appSyncValidation
	}
	return out
}

var reFound = regexp.MustCompile(`(?:found|Unexpected) (.+?)\.?$`)

// syntax words a document that does not parse.
func (d Dialect) syntax(err error) Error {
	msg := err.Error()
	var p position
	if ge, ok := err.(*gqlerror.Error); ok {
		msg = ge.Message
		if len(ge.Locations) > 0 {
			p = position{ge.Locations[0].Line, ge.Locations[0].Column}
		}
	}
	out := Error{Locations: locationOf(p)}
	token := ""
	if m := reFound.FindStringSubmatch(msg); m != nil {
		token = m[1]
	}
	switch d {
	case GraphQLPHP:
		out.Message = "Syntax Error: " + msg
	case GraphQLRuby:
		switch token {
		case "<EOF>":
			out.Message = "Unexpected end of document"
		case "":
			out.Message = "Parse error: " + msg
		default:
			out.Message = fmt.Sprintf("Parse error on %s at [%d, %d]", token, p.line, p.column)
		}
	case AppSync:
		out.ErrorType = "InvalidSyntax"
		if token != "" {
			out.Message = fmt.Sprintf("Invalid Syntax : offending token %s at line %d column %d", token, p.line, p.column)
		} else {
			out.Message = "Invalid Syntax : " + msg
		}
	}
	return out
}

// variable words a variable whose value the documented types refuse:
// def declares it, value is what was sent, path is where in the value the
// problem is (empty: the value itself), problem is gqlparser's words.
func (d Dialect) variable(def *ast.VariableDefinition, value any, path []string, problem string) Error {
	out := Error{Locations: locationOf(at(def.Position))}
	where := strings.Join(path, ".")
	if where == "" && (problem == "must be defined" || problem == "cannot be null") {
		switch d {
		case GraphQLPHP:
			out.Message = fmt.Sprintf("Variable \"$%s\" of non-null type \"%s\" must not be null.", def.Variable, def.Type.String())
			if problem == "must be defined" {
				out.Message = fmt.Sprintf("Variable \"$%s\" of required type \"%s\" was not provided.", def.Variable, def.Type.String())
			}
		case GraphQLRuby:
			out.Message = fmt.Sprintf("Variable $%s of type %s was provided invalid value", def.Variable, def.Type.String())
			out.Extensions = map[string]any{"value": nil, "problems": []any{map[string]any{"path": []any{}, "explanation": "Expected value to not be null"}}}
		case AppSync:
			out.ErrorType = appSyncValidation
			out.Message = fmt.Sprintf("Variable '%s' has coerced Null value for NonNull type '%s'", def.Variable, def.Type.String())
		}
		return out
	}
	switch d {
	case GraphQLPHP:
		out.Message = fmt.Sprintf("Variable \"$%s\" got invalid value", def.Variable)
		if where != "" {
			out.Message += fmt.Sprintf(" at \"%s.%s\"", def.Variable, where)
		}
		out.Message += "; " + capitalized(problem) + "."
	case GraphQLRuby:
		out.Message = fmt.Sprintf("Variable $%s of type %s was provided invalid value", def.Variable, def.Type.String())
		if where != "" {
			out.Message += " for " + where
		}
		out.Message += " (" + capitalized(problem) + ")"
		pathAny := make([]any, len(path))
		for i, s := range path {
			pathAny[i] = s
		}
		out.Extensions = map[string]any{"value": value, "problems": []any{map[string]any{"path": pathAny, "explanation": capitalized(problem)}}}
	case AppSync:
		out.ErrorType = appSyncValidation
		out.Message = fmt.Sprintf("Variable '%s' has an invalid value: %s", def.Variable, capitalized(problem))
		if where != "" {
			out.Message += " at '" + where + "'"
		}
	}
	return out
}

func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sortByPlace orders errors by where they are in the document, as an
// implementation that validates in one walk reports them.
func sortByPlace(errs []Error) {
	slices.SortStableFunc(errs, func(a, b Error) int {
		la, lb := firstLocation(a), firstLocation(b)
		if la.Line != lb.Line {
			return la.Line - lb.Line
		}
		return la.Column - lb.Column
	})
}

func firstLocation(e Error) Location {
	if len(e.Locations) == 0 {
		return Location{}
	}
	return e.Locations[0]
}
