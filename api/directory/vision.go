package directory

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/vision"
)

// Vision is XOi Vision as a directory. It cannot search (users are
// filtered here, or an e-mail address looked up), cannot list groups (the
// watched ones are looked up by id), has groups that list member ids
// (each resolved with getUser), and cannot change anything.
type Vision struct {
	c *vision.Client
	// listing is every user, as listUsers gives them, read once for
	// searches and kept until Forget: a search filters it here.
	listing *listing
}

// NewVision is the directory of a Vision client.
func NewVision(c *vision.Client) *Vision { return &Vision{c: c, listing: &listing{}} }

// The abilities Vision has.
var (
	_ Finder  = (*Vision)(nil)
	_ Watcher = (*Vision)(nil)
	_ Scanner = (*Vision)(nil)
)

// listing is a directory's users as its listing gives them, read page by
// page as searches need them, once: each page is asked for once however
// many searches (typed one after the other, or at once) read it.
type listing struct {
	mu    sync.Mutex // held while a page is read: callers share it
	users []api.User
	next  string // the token of the page after users
	done  bool   // read to its end
}

// upTo reads pages until the listing holds more than i users or ends, and
// returns it as read so far.
func (l *listing) upTo(ctx context.Context, c *vision.Client, i int) ([]api.User, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for !l.done && len(l.users) <= i {
		if err := ctx.Err(); err != nil {
			return l.users, false, err
		}
		p, err := c.Users(ctx, l.next, scanPage)
		if err != nil {
			return l.users, false, err // the page is read again next time
		}
		l.users = append(l.users, p.Items...)
		// A server that says more but sends nothing, or names the page
		// it just gave, would be read for ever.
		l.done = !p.More || len(p.Items) == 0 || p.Next == l.next
		l.next = p.Next
	}
	return l.users, l.done, nil
}

// forget drops what was read.
func (l *listing) forget() {
	l.mu.Lock()
	l.users, l.next, l.done = nil, "", false
	l.mu.Unlock()
}

// scanPage is how many Vision users one request of the listing a search
// filters reads: more than a screen, since most of them will not match.
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
	// The cursor is a position in the listing: the search goes on from
	// the user after the last one it looked at.
	return func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
		pos, _ := strconv.Atoi(after)
		out := api.Page[api.User]{Total: -1}
		for {
			users, done, err := v.listing.upTo(ctx, v.c, pos)
			for ; pos < len(users) && len(out.Items) < n; pos++ {
				if matches(users[pos], terms) {
					out.Items = append(out.Items, users[pos])
				}
			}
			switch {
			case err != nil:
				return out, err
			case len(out.Items) >= n:
				out.Next, out.More = strconv.Itoa(pos), true
				return out, nil
			case done && pos >= len(users):
				if after == "" {
					out.Total = len(out.Items)
				}
				return out, nil
			}
		}
	}
}

// Prepare reads the listing a search filters, ahead of the search (the
// search field just opened), so that typing sends nothing to Vision.
func (v *Vision) Prepare(ctx context.Context) error {
	_, _, err := v.listing.upTo(ctx, v.c, int(^uint(0)>>1))
	return err
}

// Forget drops the listing read for searches: the next search reads it
// again (a refresh).
func (v *Vision) Forget() { v.listing.forget() }

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
