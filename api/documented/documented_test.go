package documented

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// The copies here are the contract in shared/vendor, unchanged: a change
// to the contract must reach the clients and the strict demo server.
func TestTheCopiesAreTheVendorContract(t *testing.T) {
	for name, sdl := range map[string]string{"opigno": Opigno, "scope": Scope, "vision": Vision} {
		want, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "vendor", name+".graphqls"))
		if os.IsNotExist(err) {
			t.Skip("shared/vendor is not beside the project")
		}
		if err != nil {
			t.Fatal(err)
		}
		if string(want) != sdl {
			t.Errorf("api/documented/%s.graphqls differs from shared/vendor/%s.graphqls: copy it again", name, name)
		}
		if _, err := gqlparser.LoadSchema(&ast.Source{Name: name, Input: sdl}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
