package strict

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// A site is a place in a request document an error can point at: a field,
// an argument (or an input object's field), a value, a variable
// definition. Each implementation names the place its own way: graphql-ruby
// by a path of operation, fragments, fields (by alias) and arguments;
// graphql-java by the fields from the operation down ('a/b/c').
type site struct {
	ruby   []any
	java   []string
	field  *ast.Field              // the field the site is in, or nil
	arg    string                  // the argument or input field at the site, if any
	varDef *ast.VariableDefinition // set when the site is a variable definition
}

// javaPath is the field path as graphql-java writes it after '@'.
func (s *site) javaPath() string { return strings.Join(s.java, "/") }

type position struct{ line, column int }

func at(p *ast.Position) position {
	if p == nil {
		return position{}
	}
	return position{p.Line, p.Column}
}

// sites indexes every place of doc by its line and column, which is all a
// validation error gives.
func sites(doc *ast.QueryDocument) map[position]*site {
	idx := map[position]*site{}
	for _, op := range doc.Operations {
		root := string(op.Operation)
		if root == "" {
			root = string(ast.Query)
		}
		if op.Name != "" {
			root += " " + op.Name
		}
		for _, v := range op.VariableDefinitions {
			idx[at(v.Position)] = &site{ruby: []any{root}, varDef: v}
		}
		indexSelections(idx, op.SelectionSet, []any{root}, nil)
	}
	for _, f := range doc.Fragments {
		indexSelections(idx, f.SelectionSet, []any{"fragment " + f.Name}, nil)
	}
	return idx
}

func indexSelections(idx map[position]*site, set ast.SelectionSet, ruby []any, java []string) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			key := s.Alias
			if key == "" {
				key = s.Name
			}
			r := append(append([]any{}, ruby...), key)
			j := append(append([]string{}, java...), s.Name)
			idx[at(s.Position)] = &site{ruby: r, java: j, field: s}
			for _, a := range s.Arguments {
				ra := append(append([]any{}, r...), a.Name)
				idx[at(a.Position)] = &site{ruby: ra, java: j, field: s, arg: a.Name}
				indexValue(idx, a.Value, ra, j, s, a.Name)
			}
			indexSelections(idx, s.SelectionSet, r, j)
		case *ast.InlineFragment:
			step := "..."
			if s.TypeCondition != "" {
				step += " on " + s.TypeCondition
			}
			indexSelections(idx, s.SelectionSet, append(append([]any{}, ruby...), step), java)
		}
	}
}

func indexValue(idx map[position]*site, v *ast.Value, ruby []any, java []string, f *ast.Field, arg string) {
	if v == nil {
		return
	}
	if _, taken := idx[at(v.Position)]; !taken {
		idx[at(v.Position)] = &site{ruby: ruby, java: java, field: f, arg: arg}
	}
	for _, c := range v.Children {
		r := ruby
		name := arg
		if v.Kind == ast.ObjectValue {
			r = append(append([]any{}, ruby...), c.Name)
			name = c.Name
		}
		indexValue(idx, c.Value, r, java, f, name)
	}
}
