// Package directory is what the Users and Groups panes ask of a directory
// of users and groups, whichever API keeps it: one small interface,
// Directory, with Scope and Vision as adapters, and the abilities only
// some directories have as optional interfaces a pane checks for (Finder,
// Editor, Membership, Watcher). A new directory is one adapter here, and
// one argument to From.
package directory

import (
	"context"
	"strings"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/api/vision"
)

// Directory is a directory of users and groups.
type Directory interface {
	// Source labels the directory's rows: every user and group it gives
	// has it as their Source.
	Source() api.Source
	// Name is what a person calls the directory: "Scope".
	Name() string
	// Fields are the attributes its users have beyond name, username,
	// e-mail and phone, which a card shows even when empty.
	Fields() Fields

	// Users pages through the users a search for text finds (everyone
	// when text is ""), however the directory searches.
	Users(text string) api.PageFetch[api.User]
	// SearchNote says how a search for text reaches a directory that
	// cannot search itself; "" when it can, or text is "".
	SearchNote(text string) string

	// Groups pages through the directory's groups; nil when it cannot
	// list them (a Watcher looks its groups up by id instead).
	Groups() api.PageFetch[api.Group]
	// GroupsOf names the groups u is in when the directory says them with
	// the user; ok is false when only a group says who is in it (its
	// Members ids).
	GroupsOf(u api.User) (names []string, ok bool)
	// Members pages through g's members. known are people of g already
	// looked up, by id: a directory that resolves member ids does not ask
	// for them again.
	Members(g api.Group, known map[string]Member) api.PageFetch[Member]
}

// Member is one person in a group. A group that lists member ids has each
// resolved to a user; an id nobody has any more is not Found.
type Member struct {
	ID    string
	User  api.User
	Found bool
}

// Fields says which user attributes a directory has.
type Fields uint

// The attributes some directories' users have.
const (
	FieldJobTitle Fields = 1 << iota
	FieldLicenses
	FieldGroups
	FieldOriginGroup
	FieldID // the id, which is how the directory's people are known (a group's member ids)
)

// Has reports whether f includes all of g.
func (f Fields) Has(g Fields) bool { return f&g == g }

// Finder is a directory that looks one user up again by id, so a card
// shows them as they are now, or that they no longer exist.
type Finder interface {
	Directory
	// User is the user with id; found is false when nobody has it any more.
	User(ctx context.Context, id string) (u api.User, found bool, err error)
}

// Editor is a directory whose users can be created, changed and deleted.
type Editor interface {
	Directory
	// Choices are what a user form offers: the license types, and the
	// group names, nil when the directory cannot list its groups (names
	// are then typed); note says why the groups stop early, or is "".
	Choices(ctx context.Context) (licenses, groups []string, note string, err error)
	// Mutation names what a change sends, for the confirmation or form
	// that sends it.
	Mutation(op Op) string
	// NeedsOriginGroup reports whether a user with these licenses must
	// name an origin group.
	NeedsOriginGroup(licenses []string) bool
	// CreateUser refuses a username it has, so saving again after an
	// answer that never came cannot make the user twice.
	CreateUser(ctx context.Context, nu NewUser) (api.User, []FieldError, error)
	// UpdateUser sends only what ch sets.
	UpdateUser(ctx context.Context, id string, ch Change) (api.User, []FieldError, error)
	DeleteUsers(ctx context.Context, ids []string) (DeleteResult, error)
}

// Membership is a directory whose users can be put in and taken out of
// its groups.
type Membership interface {
	Directory
	// Join puts u in g, and Leave takes them out of it; both answer u as
	// they are now.
	Join(ctx context.Context, u api.User, g api.Group) (api.User, []FieldError, error)
	Leave(ctx context.Context, u api.User, g api.Group) (api.User, []FieldError, error)
	// Mutation names what joining or leaving sends.
	Mutation(op Op) string
}

// Scanner is a directory that cannot search, so a search filters its
// whole listing here: read once per session and kept until Forget (a
// refresh), so that each search sends it nothing.
type Scanner interface {
	Directory
	// Prepare reads the listing ahead of a search (the search field
	// opened); a search reads what it still lacks itself.
	Prepare(ctx context.Context) error
	Forget()
}

// Op is a change a directory can make.
type Op int

// The changes directories make.
const (
	Create Op = iota
	Update
	Delete
	Join
	Leave
)

// Watcher is a directory whose groups are watched by id, since it cannot
// list them.
type Watcher interface {
	Directory
	// Watched are the group ids it is configured to watch.
	Watched() []string
	// GroupsByID looks the groups with ids up, in that order; an id the
	// directory lacks comes back Missing, so a watched group never just
	// vanishes.
	GroupsByID(ctx context.Context, ids []string) ([]api.Group, error)
}

// What changing users takes, in the words of the one directory that can
// today (Scope): an Editor speaks them too.
type (
	NewUser      = scope.NewUser
	Change       = scope.Change
	FieldError   = scope.FieldError
	DeleteResult = scope.DeleteResult
)

// What to configure for an ability none of the configured directories
// has: the adapters here that have it.
const (
	ChangesNeed  = "Scope"  // Editor and Membership
	WatchingNeed = "Vision" // Watcher
)

// From is the directories of the configured clients (nil where none), in
// the order the panes show them: Scope first.
func From(sc *scope.Client, vc *vision.Client) []Directory {
	var out []Directory
	if sc != nil {
		out = append(out, NewScope(sc))
	}
	if vc != nil {
		out = append(out, NewVision(vc))
	}
	return out
}

// Find is the first of ds that has the ability T (an Editor, a Watcher).
func Find[T any](ds []Directory) (T, bool) {
	for _, d := range ds {
		if t, ok := d.(T); ok {
			return t, true
		}
	}
	var zero T
	return zero, false
}

// Of is the directory of ds whose rows have source s, or nil.
func Of(ds []Directory, s api.Source) Directory {
	for _, d := range ds {
		if d.Source() == s {
			return d
		}
	}
	return nil
}

// IsEmail reports whether text is one whole e-mail address (which a
// directory may look up rather than search for).
func IsEmail(text string) bool {
	local, domain, ok := strings.Cut(text, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(text, " \t") &&
		!strings.Contains(domain, "@") && !strings.HasSuffix(domain, ".")
}
