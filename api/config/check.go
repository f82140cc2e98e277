package config

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo/schema"
	"github.com/rosterm/rosterm/api/opigno"
)

// Check describes the profile named name (or the default one) as `rosterm
// config check` prints it: each API, how it signs in and where each secret
// comes from, whether the secrets can be read and, when online is set,
// whether each endpoint is reachable, accepts the credentials and which
// optional fields its schema has. ok is false when anything failed. No line
// contains a secret.
func Check(ctx context.Context, f *File, name string, online bool) (lines []string, ok bool) {
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
	cl, err := resolved.Clients(Options{Timeout: timeout})
	if err != nil {
		return append(lines, "  ✗ "+err.Error()), false
	}
	for _, pr := range probes(cl) {
		// Queries are retried on temporary failures; bound each API's turn.
		c, cancel := context.WithTimeout(ctx, 2*timeout)
		line, good := pr.run(c)
		cancel()
		ok = ok && good
		lines = append(lines, "  "+line)
	}
	// The servers' messages are not ours: keep any echoed secret out.
	for i := range lines {
		lines[i] = api.Redact(lines[i], resolved.Secrets())
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

// probe tries one API: a small authenticated query, then its schema.
type probe struct {
	name     string
	query    func(ctx context.Context) (who string, err error)
	schema   func(ctx context.Context) (*api.Schema, error)
	optional []string // Type.field names a server may lack
}

func probes(cl Clients) []probe {
	var out []probe
	if c := cl.Opigno; c != nil {
		out = append(out, probe{name: "opigno", schema: c.Schema, optional: optionalFields(schema.Opigno),
			query: func(ctx context.Context) (string, error) {
				if _, err := c.PossibleConnections(ctx, opigno.ListArgs{First: 1}); err != nil {
					return "", err
				}
				if cur, ok, err := c.CurrentContext(ctx); err == nil && ok {
					return "acting as " + cur.Name, nil
				}
				return "acting as " + c.Acting(), nil
			}})
	}
	if c := cl.Scope; c != nil {
		out = append(out, probe{name: "scope", schema: c.Schema,
			optional: append([]string{"Query.users"}, optionalFields(schema.Scope)...),
			query: func(ctx context.Context) (string, error) {
				p, err := c.SearchUsers(ctx, "", "", 1)
				return fmt.Sprintf("%d users", p.Total), err
			}})
	}
	if c := cl.Vision; c != nil {
		pr := probe{name: "vision", optional: optionalFields(schema.Vision),
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
			}}
		if s, ok := any(c).(interface {
			Schema(context.Context) (*api.Schema, error)
		}); ok {
			pr.schema = s.Schema
		}
		out = append(out, pr)
	}
	return out
}

// run reports, on one line: reachable, authenticated, optional fields.
func (p probe) run(ctx context.Context) (string, bool) {
	who, err := p.query(ctx)
	if err != nil {
		switch api.KindOf(err) {
		case api.KindAuth, api.KindForbidden:
			return fmt.Sprintf("✗ %s: reachable, not authenticated: %v", p.name, err), false
		case api.KindNetwork, api.KindTimeout, api.KindRedirect, api.KindCanceled:
			return fmt.Sprintf("✗ %s: not reachable: %v", p.name, err), false
		}
		return fmt.Sprintf("✗ %s: reachable, but the query failed: %v", p.name, err), false
	}
	line := fmt.Sprintf("✓ %s: reachable, authenticated (%s)", p.name, who)
	if p.schema == nil || len(p.optional) == 0 {
		return line, true
	}
	s, err := p.schema(ctx)
	if err != nil {
		return line + fmt.Sprintf("; schema not readable: %v", err), true
	}
	var has, lacks []string
	for _, f := range p.optional {
		typ, name, _ := strings.Cut(f, ".")
		if typ == "Query" {
			typ = s.QueryType
		}
		if s.HasField(typ, name) {
			has = append(has, f)
		} else {
			lacks = append(lacks, f)
		}
	}
	if len(has) > 0 {
		line += "; has " + strings.Join(has, ", ")
	}
	if len(lacks) > 0 {
		line += "; lacks " + strings.Join(lacks, ", ")
	}
	return line, true
}

var (
	typeLine  = regexp.MustCompile(`^(?:extend\s+)?type\s+(\w+)`)
	fieldLine = regexp.MustCompile(`^\s+(\w+)\s*[(:]`)
)

// optionalFields lists the fields an API's schema marks DEMO-ONLY: those
// the demo server has and a real server may lack.
func optionalFields(sdl string) []string {
	var out []string
	typ, marked := "", false
	for _, line := range strings.Split(sdl, "\n") {
		if m := typeLine.FindStringSubmatch(line); m != nil {
			typ, marked = m[1], false
			continue
		}
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") {
			marked = marked || (strings.HasPrefix(trimmed, "# DEMO-ONLY") && line != trimmed)
			continue
		}
		if m := fieldLine.FindStringSubmatch(line); m != nil && marked && typ != "" {
			out = append(out, typ+"."+m[1])
		}
		marked = false
	}
	return out
}
