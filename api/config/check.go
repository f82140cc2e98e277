package config

import (
	"context"
	"fmt"
	"strings"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/api/scope"
)

// Check describes the profile named name (or the default one) as `rosterm
// config check` prints it: each API, how it signs in and where each secret
// comes from, whether the secrets can be read and, when online is set,
// whether each endpoint is reachable, accepts the credentials and which
// capabilities its server has. ok is false when anything failed. No line
// contains a secret, in any encoding, nor the credentials of a URL,
// whatever a server quoted back.
func Check(ctx context.Context, f *File, name string, online bool) (lines []string, ok bool) {
	secrets := api.NewSecrets() // the profile's, once they are read
	defer func() {
		for i := range lines {
			lines[i] = secrets.Redact(lines[i])
		}
	}()
	p, err := f.Select(name)
	if err != nil {
		return []string{err.Error()}, false
	}
	ok = true
	head := "profile " + p.Name
	if p.Name == f.DefaultProfile {
		head += " (default)"
	}
	if p.ReadOnly {
		head += ", read-only"
	}
	lines = append(lines, head)
	lines = append(lines, summary(p)...)
	resolved, err := p.Resolve(ctx)
	secrets = resolved.Registry()
	if err != nil {
		for _, e := range err.(Errors) {
			lines = append(lines, "  ✗ "+e.Error())
		}
		return lines, false
	}
	lines = append(lines, "  ✓ every secret was read")
	if !online {
		return lines, ok
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	cl, err := resolved.Clients(Options{Timeout: timeout, Secrets: secrets})
	if err != nil {
		return append(lines, "  ✗ "+err.Error()), false
	}
	for _, pr := range probes(cl) {
		// Queries are retried on temporary failures; bound each API's turn.
		c, cancel := context.WithTimeout(ctx, 2*timeout)
		out, good := pr.run(c)
		cancel()
		ok = ok && good
		for _, line := range out {
			lines = append(lines, "  "+line)
		}
	}
	return lines, ok
}

// summary says what each API of p is configured with.
func summary(p Profile) []string {
	var out []string
	if o := p.Opigno; o != nil {
		auth := "token " + o.Token.Describe()
		if !o.Token.IsSet() {
			auth = fmt.Sprintf("client %s at %s, client_secret %s", o.ClientID, o.TokenURL, o.ClientSecret.Describe())
		}
		out = append(out, "  opigno  "+o.Endpoint, "          "+auth+"; acting as "+o.ActingUUID)
	} else {
		out = append(out, "  opigno  not configured (the Connections pane needs it)")
	}
	if s := p.Scope; s != nil {
		out = append(out, "  scope   "+s.Endpoint, "          token "+s.Token.Describe())
	} else {
		out = append(out, "  scope   not configured")
	}
	if v := p.Vision; v != nil {
		auth := "token " + v.Token.Describe()
		if !v.Token.IsSet() {
			auth = fmt.Sprintf("api_key %s, api_secret %s, exchanged at %s", v.APIKey.Describe(), v.APISecret.Describe(), v.TokenURL)
		}
		out = append(out, "  vision  "+v.Endpoint, "          "+auth, fmt.Sprintf("          watching %d group(s)", len(v.Groups)))
	} else {
		out = append(out, "  vision  not configured")
	}
	if p.Scope == nil && p.Vision == nil {
		out = append(out, "  (the Users and Groups panes need scope or vision)")
	}
	return out
}

// probe tries one API: a small authenticated query saying who rosterm is
// there, then what the server answers of what rosterm uses.
type probe struct {
	name  string
	query func(ctx context.Context) (who string, err error)
	api   capable // nil: nothing more to ask
}

// capable is a client that can say what its server answers.
type capable interface {
	Probes() []api.Probe
	Capabilities() *api.Capabilities
}

// optionalPaths are the capabilities beyond the documentation each API's
// client uses where a server has them.
var optionalPaths = map[string]func() []string{"scope": scope.Optional}

func probes(cl Clients) []probe {
	var out []probe
	if c := cl.Opigno; c != nil {
		pr := probe{name: "opigno",
			query: func(ctx context.Context) (string, error) {
				if _, err := c.PossibleConnections(ctx, opigno.ListArgs{First: 1}); err != nil {
					return "", err
				}
				who := "acting as " + c.Acting()
				if cur, ok, err := c.CurrentContext(ctx); err == nil && ok {
					who = "acting as " + cur.Name
				}
				if ids := c.Communities(); len(ids) > 0 {
					cs, err := c.CommunitiesByID(ctx, ids)
					if err != nil {
						return "", err
					}
					found := 0
					for _, cm := range cs {
						if !cm.Missing {
							found++
						}
					}
					who += fmt.Sprintf("; %d of %d communities found", found, len(ids))
				}
				return who, nil
			}}
		if a, ok := any(c).(capable); ok {
			pr.api = a
		}
		out = append(out, pr)
	}
	if c := cl.Scope; c != nil {
		out = append(out, probe{name: "scope", api: c,
			query: func(ctx context.Context) (string, error) {
				p, err := c.SearchUsers(ctx, "", "", 1)
				return fmt.Sprintf("%d users", p.Total), err
			}})
	}
	if c := cl.Vision; c != nil {
		out = append(out, probe{name: "vision", api: c,
			query: func(ctx context.Context) (string, error) {
				if _, err := c.Users(ctx, "", 1); err != nil {
					return "", err
				}
				groups, err := c.Groups(ctx, c.WatchedGroups())
				missing := 0
				for _, g := range groups {
					if g.Missing {
						missing++
					}
				}
				return fmt.Sprintf("%d of %d watched groups found", len(groups)-missing, len(groups)), err
			}})
	}
	return out
}

// run reports: reachable and authenticated on the first line; then
// whether the server describes itself, each documented operation rosterm
// uses and whether it answered, and which optional capabilities the
// server has.
func (p probe) run(ctx context.Context) ([]string, bool) {
	who, err := p.query(ctx)
	if err != nil {
		switch api.KindOf(err) {
		case api.KindAuth, api.KindForbidden:
			return []string{fmt.Sprintf("✗ %s: reachable, not authenticated: %v", p.name, err)}, false
		case api.KindNetwork, api.KindTimeout, api.KindRedirect, api.KindCanceled:
			return []string{fmt.Sprintf("✗ %s: not reachable: %v", p.name, err)}, false
		}
		return []string{fmt.Sprintf("✗ %s: reachable, but the query failed: %v", p.name, err)}, false
	}
	lines := []string{fmt.Sprintf("✓ %s: reachable, authenticated (%s)", p.name, who)}
	if p.api == nil {
		return lines, true
	}
	ok := true
	var answered, optional []string
	for _, pr := range p.api.Probes() {
		err := pr.Run(ctx)
		switch {
		case !pr.Documented:
			// An optional capability the server lacks is no failure.
			if err != nil && p.api.Capabilities().Status(pr.Path) != "absent" {
				lines = append(lines, fmt.Sprintf("    ✗ %s: %v", short(pr.Path), err))
			}
			optional = append(optional, pr.Path)
		case err != nil:
			ok = false
			answered = append(answered, "✗ "+short(pr.Path)+": "+err.Error())
		case p.api.Capabilities().Status(pr.Path) == "absent":
			answered = append(answered, "– "+short(pr.Path)+" (absent: rosterm does without it)")
		default:
			answered = append(answered, "✓ "+short(pr.Path))
		}
	}
	caps := p.api.Capabilities()
	switch known, refused := caps.Introspection(); {
	case known && refused != "":
		lines = append(lines, "    introspection refused (rosterm uses what the vendor documents): "+refused)
	case known:
		lines = append(lines, "    introspection allowed")
	default:
		lines = append(lines, "    introspection not needed: everything rosterm uses here is documented")
	}
	if len(answered) > 0 {
		lines = append(lines, "    documented: "+strings.Join(answered, " · "))
	}
	if paths := optionalPaths[p.name]; paths != nil {
		optional = append(optional, paths()...)
	}
	var has, lacks, untried []string
	for _, path := range optional {
		switch caps.Status(path) {
		case "present":
			has = append(has, short(path))
		case "absent":
			lacks = append(lacks, short(path))
		default:
			untried = append(untried, short(path))
		}
	}
	for _, l := range []struct {
		what  string
		paths []string
	}{{"has", has}, {"lacks", lacks}, {"not tried", untried}} {
		if len(l.paths) > 0 {
			lines = append(lines, "    optional, "+l.what+": "+strings.Join(l.paths, ", "))
		}
	}
	return lines, ok
}

// short is a capability's path as the check prints it: without the root
// and the way to the organization, which every such path shares.
func short(path string) string {
	return strings.TrimPrefix(strings.TrimPrefix(path, "Query."), "viewer.currentOrganization.")
}
