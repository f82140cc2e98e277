package users

import (
	"context"
	"fmt"
	"strings"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/api/vision"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/list"
	"github.com/rosterm/rosterm/ui/sources"
)

// visionScan is how many Vision users one request reads while filtering
// locally: more than a screen, since most of them will not match.
const visionScan = 500

// fetch builds the query for text over the shown sources, Scope's pages
// first, from a snapshot of the clients. nil when no source is shown.
func fetch(ctx *common.Context, src sources.Filter, text string) list.Fetch[api.User] {
	text = strings.TrimSpace(text)
	var fs []list.Fetch[api.User]
	if sc := ctx.Scope; sc != nil && src.Shows(api.Scope) {
		fs = append(fs, list.Source("Scope", scopeSearch(sc, text)))
	}
	if vc := ctx.Vision; vc != nil && src.Shows(api.Vision) {
		fs = append(fs, list.Source("Vision", visionSearch(vc, text)))
	}
	switch len(fs) {
	case 0:
		return nil
	case 1:
		return fs[0]
	}
	// One source's failure leaves the other's rows on screen.
	return list.Chain(fs...)
}

func scopeSearch(sc *scope.Client, text string) list.Fetch[api.User] {
	return func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
		return sc.SearchUsers(ctx, text, after, n)
	}
}

// visionSearch lists Vision's users, or looks an e-mail address up, or,
// since Vision has no search, filters its users here as they load.
func visionSearch(vc *vision.Client, text string) list.Fetch[api.User] {
	all := func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
		return vc.Users(ctx, after, n)
	}
	switch {
	case text == "":
		return all
	case isEmail(text):
		return func(ctx context.Context, _ string, _ int) (api.Page[api.User], error) {
			us, err := vc.UsersByEmail(ctx, text)
			return api.Page[api.User]{Items: us, Total: len(us)}, err
		}
	}
	terms := strings.Fields(strings.ToLower(text))
	scan := func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
		return vc.Users(ctx, after, max(n, visionScan))
	}
	return api.FilterPages(scan, func(u api.User) bool { return matches(u, terms) })
}

// isEmail reports whether text is one whole e-mail address, which Vision
// can look up (ignoring case) instead of filtering.
func isEmail(text string) bool {
	local, domain, ok := strings.Cut(text, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(text, " \t") &&
		!strings.Contains(domain, "@") && !strings.HasSuffix(domain, ".")
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

// searchNote says how a search reaches Vision, which cannot search.
func searchNote(ctx *common.Context, src sources.Filter, text string) string {
	text = strings.TrimSpace(text)
	if ctx.Vision == nil || !src.Shows(api.Vision) || text == "" {
		return ""
	}
	if isEmail(text) {
		return "Vision: looked up by e-mail address"
	}
	return "Vision cannot search: its users are filtered here"
}

func markedStatus(n int, deleteKey string) string {
	return fmt.Sprintf("%d selected · %s deletes them", n, deleteKey)
}
