package opigno

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
	"github.com/rosterm/rosterm/api/demo/hostile"
)

// Hostile mode (Options.Hostile) adds, beside the ordinary data, user
// contexts named with the payloads of package hostile: some in the
// administrator's network, some with a pending invitation to the
// administrator, the rest among the possible connections; communities
// whose titles and descriptions carry payloads, one the administrator is
// invited to; and, in every answer, payloads in the CTA titles of the rows
// that carry one. One possible connection's Connect CTA names a context
// that has already invited the administrator, so using it makes the server
// refuse with a message that carries that context's hostile name.
// Opigno caps names at 255 characters, so the long name is that long.

// hostileSetup is what the response filter needs to know of the seeding.
type hostileSetup struct {
	misdirected string // the id of the row whose Connect CTA names inviter
	inviter     string
}

// seedHostile adds the hostile records to d.
func (d *data) seedHostile(seed uint64) hostileSetup {
	var setup hostileSetup
	var network []int
	for i, p := range hostile.Payloads() {
		u := d.addContext(contextUUID(seed, len(d.contexts)), p.Text+" Mallory", true, scopeAuthenticated)
		switch i % 3 {
		case 0:
			d.connect(adminID, u.id)
			network = append(network, u.id)
		case 1:
			// Older than any other, so they come first.
			d.addUserInvitation(u.id, adminID, seedBase-365*day+int64(i)*60)
			if setup.inviter == "" {
				setup.inviter = itoa(u.id)
			}
		default:
			if setup.misdirected == "" {
				setup.misdirected = itoa(u.id)
			}
		}
	}
	d.addContext(contextUUID(seed, len(d.contexts)), hostile.LongName(maxNameLen), true, scopeAuthenticated)
	// Possible connections named with text whose width terminals disagree
	// on (hostile.Widths), sorting before the ordinary names.
	for i, w := range hostile.Widths() {
		d.addContext(contextUUID(seed, len(d.contexts)), fmt.Sprintf("Aa%c %s", 'b'+i, w.Text), true, scopeAuthenticated)
	}

	ps := hostile.Payloads()
	for i, owner := range []int{adminID, network[0], network[1]} {
		id := d.nextCommunity
		d.nextCommunity++
		c := &community{
			id: id, owner: owner, title: ps[(2+3*i)%len(ps)].Text + " Community",
			description: fmt.Sprintf("<p>Welcome %s</p><p>%s</p>", ps[(3*i)%len(ps)].Text, ps[(1+3*i)%len(ps)].Text),
			visibility:  visibilityPublic, created: seedBase - int64(i)*day, members: map[int]bool{},
		}
		d.communities[id] = c
		if i == 0 {
			ws := hostile.Widths()
			c.title = ws[0].Text + " " + ws[1].Text + " " + c.title
		}
		switch i {
		case 1:
			c.members[adminID] = true
		case 2:
			d.addCommunityInvitation(c, owner, adminID, seedBase)
		}
	}
	return setup
}

// graphqlHandler is the GraphQL endpoint, filtered in hostile mode.
func (s *Server) graphqlHandler() http.Handler {
	if s.hostile == nil {
		return s.gql
	}
	return s.hostile.filter(s.gql)
}

// filter puts payloads into the CTA titles of hostile rows, and
// misdirects one Connect CTA, in every answer h gives.
func (setup hostileSetup) filter(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := gqlserve.Record(h, r)
		body := rec.Body.Bytes()
		var v any
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if bytes.Contains(body, []byte(`"cta"`)) && dec.Decode(&v) == nil && setup.rewrite(v, new(int)) {
			var out bytes.Buffer
			enc := json.NewEncoder(&out)
			enc.SetEscapeHTML(false)
			if enc.Encode(v) == nil {
				body = out.Bytes()
			}
		}
		rec.Send(w, body)
	})
}

// rewrite walks an answer, changing the CTAs of every object that carries
// a payload (rows counts them, to vary the payloads); it reports whether
// anything changed.
func (setup hostileSetup) rewrite(v any, rows *int) bool {
	changed := false
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			changed = setup.rewrite(e, rows) || changed
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) { // in a stable order, for stable answers
			if k != "cta" {
				changed = setup.rewrite(x[k], rows) || changed
			}
		}
		if ctas, ok := x["cta"].([]any); ok && carriesPayload(x) {
			*rows++
			setup.hostileCTAs(x, ctas, *rows)
			changed = true
		}
	}
	return changed
}

func (setup hostileSetup) hostileCTAs(row map[string]any, ctas []any, k int) {
	ps := hostile.Payloads()
	uc, _ := row["userContext"].(map[string]any)
	for i, c := range ctas {
		cta, ok := c.(map[string]any)
		if !ok {
			continue
		}
		if title, ok := cta["title"].(string); ok {
			cta["title"] = title + " " + ps[(k+i)%len(ps)].Text
		}
		if uc != nil && uc["id"] == setup.misdirected && cta["actionId"] == actionCreateUserInvitation {
			if args, ok := cta["arguments"].([]any); ok {
				for _, a := range args {
					if kv, ok := a.(map[string]any); ok && kv["key"] == "inviteeUserContextId" {
						kv["value"] = setup.inviter
					}
				}
			}
		}
	}
}

// carriesPayload reports whether any string in v, outside CTAs, is hostile.
func carriesPayload(v any) bool {
	switch x := v.(type) {
	case string:
		return hostile.Contains(x)
	case []any:
		for _, e := range x {
			if carriesPayload(e) {
				return true
			}
		}
	case map[string]any:
		for k, e := range x {
			if k != "cta" && carriesPayload(e) {
				return true
			}
		}
	}
	return false
}
