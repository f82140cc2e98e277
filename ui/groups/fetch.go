package groups

import (
	"context"
	"slices"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/ui/list"
	"github.com/rosterm/rosterm/ui/sources"
)

// groupRow is a group and whether the selected user is in it; the pane
// sets member as rows arrive and when the selection changes, so a row's
// rendering depends on the row alone.
type groupRow struct {
	api.Group
	member bool
}

// member is one person in a group: a group that lists member ids has each
// resolved to a user; an id nobody has any more is not Found.
type member = directory.Member

// groupsFetch chains the shown directories' groups: those a directory
// lists, page by page, and the watched ones of the watcher in one
// request, from a snapshot of the ids.
func groupsFetch(src sources.Filter, w directory.Watcher, watched []string) list.Fetch[groupRow] {
	var fs []list.Fetch[api.Group]
	for _, d := range src.Shown() {
		if f := d.Groups(); f != nil {
			fs = append(fs, list.Source(d.Name(), f))
		}
		if w != nil && d.Source() == w.Source() && len(watched) > 0 {
			ids := slices.Clone(watched)
			fs = append(fs, list.Source(d.Name(), func(ctx context.Context, _ string, _ int) (api.Page[api.Group], error) {
				gs, err := w.GroupsByID(ctx, ids)
				return api.Page[api.Group]{Items: gs, Total: len(gs)}, err
			}))
		}
	}
	if len(fs) == 0 {
		return nil
	}
	all := fs[0]
	if len(fs) > 1 {
		all = list.Chain(fs...)
	}
	return func(ctx context.Context, after string, n int) (api.Page[groupRow], error) {
		p, err := all(ctx, after, n)
		out := api.Page[groupRow]{Next: p.Next, More: p.More, Total: p.Total, End: p.End}
		for _, g := range p.Items {
			out.Items = append(out.Items, groupRow{Group: g})
		}
		return out, err
	}
}
