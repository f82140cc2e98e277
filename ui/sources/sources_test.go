package sources

import (
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/api/vision"
	"github.com/rosterm/rosterm/ui/common"
)

func TestCyclesAllThenEachAlone(t *testing.T) {
	f := New(&common.Context{Directories: directory.From(&scope.Client{}, &vision.Client{})})
	want := []struct {
		scope, vision bool
		title         string
	}{{true, false, " · Scope only"}, {false, true, " · Vision only"}, {true, true, ""}}
	if !f.Shows(api.Scope) || !f.Shows(api.Vision) || !f.Many() || f.Title() != "" {
		t.Fatal("both sources show at first")
	}
	for i, w := range want {
		f.Next()
		if f.Shows(api.Scope) != w.scope || f.Shows(api.Vision) != w.vision || f.Title() != w.title {
			t.Fatalf("step %d: scope %v vision %v title %q", i, f.Shows(api.Scope), f.Shows(api.Vision), f.Title())
		}
	}
	one := New(&common.Context{Directories: directory.From(nil, &vision.Client{})})
	one.Next()
	if !one.Shows(api.Vision) || one.Shows(api.Scope) || one.Many() || one.Title() != "" {
		t.Fatal("a single source never switches")
	}
	var none Filter
	none.Next()
	if none.Shows(api.Scope) || len(none.Shown()) != 0 || none.Title() != "" {
		t.Fatal("no source shows nothing")
	}
}
