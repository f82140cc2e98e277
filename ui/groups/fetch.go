package groups

import (
	"context"
	"errors"
	"slices"
	"strconv"

	"golang.org/x/sync/errgroup"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/api/vision"
	"github.com/rosterm/rosterm/ui/common"
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

// member is one person in a group. A Vision group lists user ids, each
// resolved with getUser; an id nobody has any more is not Found.
type member struct {
	ID    string
	User  api.User
	Found bool
}

// lookups is how many getUser requests run at once for a page of members.
const lookups = 8

// groupsFetch chains Scope's groups, page by page, and the watched Vision
// groups in one request, from a snapshot of the clients and ids.
func groupsFetch(ctx *common.Context, src sources.Filter, watched []string) list.Fetch[groupRow] {
	var fs []list.Fetch[api.Group]
	if sc := ctx.Scope; sc != nil && src.Shows(api.Scope) {
		fs = append(fs, list.Source("Scope", func(ctx context.Context, after string, n int) (api.Page[api.Group], error) {
			p, err := sc.Groups(ctx, after, n)
			if errors.Is(err, scope.ErrNoGroupList) {
				// The selected user's Scope groups still show in the summary.
				return api.Page[api.Group]{Total: 0}, nil
			}
			return p, err
		}))
	}
	if vc := ctx.Vision; vc != nil && src.Shows(api.Vision) && len(watched) > 0 {
		ids := slices.Clone(watched)
		fs = append(fs, list.Source("Vision", func(ctx context.Context, _ string, _ int) (api.Page[api.Group], error) {
			gs, err := vc.Groups(ctx, ids)
			return api.Page[api.Group]{Items: gs, Total: len(gs)}, err
		}))
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

// membersFetch pages through g's members: Scope asked page by page,
// Vision's member ids resolved with getUser as their page is needed,
// reusing known people (a snapshot of the pane's cache).
func membersFetch(ctx *common.Context, g api.Group, known map[string]member) list.Fetch[member] {
	if g.Source == api.Scope {
		sc := ctx.Scope
		return func(ctx context.Context, after string, n int) (api.Page[member], error) {
			p, err := sc.GroupMembers(ctx, g, after, n)
			out := api.Page[member]{Next: p.Next, More: p.More, Total: p.Total, End: p.End}
			for _, u := range p.Items {
				out.Items = append(out.Items, member{ID: u.ID, User: u, Found: true})
			}
			return out, err
		}
	}
	vc, ids := ctx.Vision, slices.Clone(g.Members)
	return func(ctx context.Context, after string, n int) (api.Page[member], error) {
		start, _ := strconv.Atoi(after)
		end := min(start+n, len(ids))
		out, err := resolve(ctx, vc, ids[start:end], known)
		if err != nil {
			return api.Page[member]{}, err
		}
		return api.Page[member]{Items: out, Next: strconv.Itoa(end), More: end < len(ids), Total: len(ids)}, nil
	}
}

// resolve looks up the ids that are not known yet, a few at a time.
func resolve(ctx context.Context, vc *vision.Client, ids []string, known map[string]member) ([]member, error) {
	out := make([]member, len(ids))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(lookups)
	for i, id := range ids {
		if k, ok := known[id]; ok {
			out[i] = k
			continue
		}
		g.Go(func() error {
			u, found, err := vc.User(ctx, id)
			out[i] = member{ID: id, User: u, Found: found}
			return err
		})
	}
	return out, g.Wait()
}
