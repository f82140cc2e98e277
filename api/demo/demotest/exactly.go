package demotest

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// RunsExactly checks that doc, a document a client sent, runs one
// operation: a mutation with one field, mutation(arg: $arg), declaring
// $arg alone, of type typ. A client that writes what a server said into
// a document (a type from a validation error) must send nothing more.
func RunsExactly(t testing.TB, doc, mutation, arg, typ string) {
	t.Helper()
	q, err := parser.ParseQuery(&ast.Source{Input: doc})
	if err != nil {
		t.Fatalf("a document that does not parse was sent: %v\n%s", err, doc)
	}
	if len(q.Operations) != 1 || len(q.Fragments) != 0 {
		t.Fatalf("%d operations and %d fragments sent in one document:\n%s", len(q.Operations), len(q.Fragments), doc)
	}
	op := q.Operations[0]
	if op.Operation != ast.Mutation || len(op.SelectionSet) != 1 {
		t.Fatalf("a %s with %d fields sent:\n%s", op.Operation, len(op.SelectionSet), doc)
	}
	f, ok := op.SelectionSet[0].(*ast.Field)
	if !ok || f.Name != mutation || len(f.Arguments) != 1 || f.Arguments[0].Name != arg ||
		f.Arguments[0].Value.Kind != ast.Variable || f.Arguments[0].Value.Raw != arg {
		t.Fatalf("not %s(%s: $%s):\n%s", mutation, arg, arg, doc)
	}
	if len(op.VariableDefinitions) != 1 || op.VariableDefinitions[0].Variable != arg || op.VariableDefinitions[0].Type.String() != typ {
		t.Fatalf("$%s should be declared %s alone:\n%s", arg, typ, doc)
	}
}
