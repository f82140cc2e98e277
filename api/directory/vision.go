package directory

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/vision"
)

// Vision is XOi Vision as a directory. It cannot search (users are
// filtered here, or an e-mail address looked up), cannot list groups (the
// watched ones are looked up by id), has groups that list member ids
// (each resolved with getUser), and cannot change anything.
type Vision struct{ c *vision.Client }

// NewVision is the directory of a Vision client.
func NewVision(c *vision.Client) *Vision { return &Vision{c: c} }

// The abilities Vision has.
var (
	_ Finder  = (*Vision)(nil)
	_ Watcher = (*Vision)(nil)
)

// scanPage is how many Vision users one request reads while filtering
// locally: more than a screen, since most of them will not match.
const scanPage = 500

// lookups is how many getUser requests run at once for a page of members.
const lookups = 8

// Source is api.Vision.
func (*Vision) Source() api.Source { return api.Vision }

// Name is "Vision".
func (*Vision) Name() string { return "Vision" }

// Fields is the id: Vision's groups know people by it.
func (*Vision) Fields() Fields { return FieldID }

// Users lists Vision's users, or looks an e-mail address up, or, since
// Vision has no search, filters its users here as they load.
func (v *Vision) Users(text string) api.PageFetch[api.User] {
	text = strings.TrimSpace(text)
	all := func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
		return v.c.Users(ctx, after, n)
	}
	switch {
	case text == "":
		return all
	case IsEmail(text):
		return func(ctx context.Context, _ string, _ int) (api.Page[api.User], error) {
			us, err := v.c.UsersByEmail(ctx, text)
			return api.Page[api.User]{Items: us, Total: len(us)}, err
		}
	}
	terms := strings.Fields(strings.ToLower(text))
	scan := func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
		return v.c.Users(ctx, after, max(n, scanPage))
	}
	return api.FilterPages(scan, func(u api.User) bool { return matches(u, terms) })
}

// matches is Scope's full-text rule applied locally: every term appears in
// the first name, last name, e-mail or id.
func matches(u api.User, terms []string) bool {
	fields := strings.ToLower(strings.Join([]string{u.FirstName, u.LastName, u.Email, u.ID}, "\x00"))
	for _, t := range terms {
		if !strings.Contains(fields, t) {
			return false
		}
	}
	return true
}

// SearchNote says how a search reaches Vision, which cannot search.
func (*Vision) SearchNote(text string) string {
	switch text = strings.TrimSpace(text); {
	case text == "":
		return ""
	case IsEmail(text):
		return "Vision: looked up by e-mail address"
	}
	return "Vision cannot search: its users are filtered here"
}

// Groups is nil: Vision cannot list groups (see GroupsByID).
func (*Vision) Groups() api.PageFetch[api.Group] { return nil }

// GroupsOf is not known from a Vision user: a group lists its members.
func (*Vision) GroupsOf(api.User) ([]string, bool) { return nil, false }

// Members pages through g's member ids, resolving each with getUser as
// its page is needed, a few at a time, except the people in known.
func (v *Vision) Members(g api.Group, known map[string]Member) api.PageFetch[Member] {
	ids := slices.Clone(g.Members)
	return func(ctx context.Context, after string, n int) (api.Page[Member], error) {
		start, _ := strconv.Atoi(after)
		start = min(max(start, 0), len(ids))
		end := min(start+n, len(ids))
		out, err := v.resolve(ctx, ids[start:end], known)
		if err != nil {
			return api.Page[Member]{}, err
		}
		return api.Page[Member]{Items: out, Next: strconv.Itoa(end), More: end < len(ids), Total: len(ids)}, nil
	}
}

// resolve looks up the ids that are not known yet, a few at a time.
func (v *Vision) resolve(ctx context.Context, ids []string, known map[string]Member) ([]Member, error) {
	out := make([]Member, len(ids))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(lookups)
	for i, id := range ids {
		if k, ok := known[id]; ok {
			out[i] = k
			continue
		}
		g.Go(func() error {
			u, found, err := v.c.User(ctx, id)
			out[i] = Member{ID: id, User: u, Found: found}
			return err
		})
	}
	return out, g.Wait()
}

// User is getUser.
func (v *Vision) User(ctx context.Context, id string) (api.User, bool, error) {
	return v.c.User(ctx, id)
}

// Watched are the group ids configured to watch.
func (v *Vision) Watched() []string { return v.c.WatchedGroups() }

// GroupsByID is getGroups, with the ids Vision omits marked Missing.
func (v *Vision) GroupsByID(ctx context.Context, ids []string) ([]api.Group, error) {
	return v.c.Groups(ctx, ids)
}
