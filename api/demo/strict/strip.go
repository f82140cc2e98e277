package strict

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/parser"
)

// withoutIntrospection returns the document with its __schema and __type
// fields taken out (and the fragments left empty or unused by that), for
// the richer schema to run the rest: the gate answers those fields itself,
// and the richer implementation may not know every introspection field
// the documented schema's validation allows. ok is false when nothing
// would be left to run.
func withoutIntrospection(query, queryType string) (string, bool) {
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return query, true
	}
	empty := map[string]bool{} // fragments left with no selections
	for changed := true; changed; {
		changed = false
		for _, f := range doc.Fragments {
			if empty[f.Name] || (f.TypeCondition != queryType) {
				continue
			}
			f.SelectionSet = strip(f.SelectionSet, queryType, empty)
			if len(f.SelectionSet) == 0 {
				empty[f.Name], changed = true, true
			}
		}
	}
	left := false
	for _, op := range doc.Operations {
		if op.Operation == ast.Query || op.Operation == "" {
			op.SelectionSet = strip(op.SelectionSet, queryType, empty)
		}
		left = left || len(op.SelectionSet) > 0
	}
	if !left {
		return "", false
	}
	var kept ast.FragmentDefinitionList
	used := usedFragments(doc)
	for _, f := range doc.Fragments {
		if used[f.Name] && !empty[f.Name] {
			kept = append(kept, f)
		}
	}
	doc.Fragments = kept
	for _, op := range doc.Operations {
		vars := usedVariables(doc, op)
		var defs ast.VariableDefinitionList
		for _, d := range op.VariableDefinitions {
			if vars[d.Variable] {
				defs = append(defs, d)
			}
		}
		op.VariableDefinitions = defs
	}
	var b strings.Builder
	formatter.NewFormatter(&b).FormatQueryDocument(doc)
	return b.String(), true
}

// strip removes introspection fields from a selection set of the query type.
func strip(set ast.SelectionSet, queryType string, empty map[string]bool) ast.SelectionSet {
	var out ast.SelectionSet
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				continue
			}
		case *ast.InlineFragment:
			if s.TypeCondition == "" || s.TypeCondition == queryType {
				s.SelectionSet = strip(s.SelectionSet, queryType, empty)
				if len(s.SelectionSet) == 0 {
					continue
				}
			}
		case *ast.FragmentSpread:
			if empty[s.Name] {
				continue
			}
		}
		out = append(out, sel)
	}
	return out
}

// usedVariables are the variables op uses, in its fragments too.
func usedVariables(doc *ast.QueryDocument, op *ast.OperationDefinition) map[string]bool {
	used := map[string]bool{}
	seen := map[string]bool{}
	var value func(*ast.Value)
	value = func(v *ast.Value) {
		if v == nil {
			return
		}
		if v.Kind == ast.Variable {
			used[v.Raw] = true
		}
		for _, c := range v.Children {
			value(c.Value)
		}
	}
	directives := func(ds ast.DirectiveList) {
		for _, d := range ds {
			for _, a := range d.Arguments {
				value(a.Value)
			}
		}
	}
	var visit func(ast.SelectionSet)
	visit = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				for _, a := range s.Arguments {
					value(a.Value)
				}
				directives(s.Directives)
				visit(s.SelectionSet)
			case *ast.InlineFragment:
				directives(s.Directives)
				visit(s.SelectionSet)
			case *ast.FragmentSpread:
				directives(s.Directives)
				if f := doc.Fragments.ForName(s.Name); f != nil && !seen[s.Name] {
					seen[s.Name] = true
					directives(f.Directives)
					visit(f.SelectionSet)
				}
			}
		}
	}
	directives(op.Directives)
	visit(op.SelectionSet)
	return used
}

// usedFragments are the fragments the operations spread, directly or not.
func usedFragments(doc *ast.QueryDocument) map[string]bool {
	used := map[string]bool{}
	var visit func(ast.SelectionSet)
	visit = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				visit(s.SelectionSet)
			case *ast.InlineFragment:
				visit(s.SelectionSet)
			case *ast.FragmentSpread:
				if !used[s.Name] {
					used[s.Name] = true
					if f := doc.Fragments.ForName(s.Name); f != nil {
						visit(f.SelectionSet)
					}
				}
			}
		}
	}
	for _, op := range doc.Operations {
		visit(op.SelectionSet)
	}
	return used
}
