package opigno

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// lowerCamel maps an actionId to its mutation: ACCEPT_USER_INVITATION ->
// acceptUserInvitation.
func lowerCamel(actionID string) string {
	var b strings.Builder
	for i, part := range strings.Split(strings.ToLower(actionID), "_") {
		if i > 0 && part != "" {
			part = strings.ToUpper(part[:1]) + part[1:]
		}
		b.WriteString(part)
	}
	return b.String()
}

// mutationArgs introspects the schema: mutation name -> argument names.
// Arguments the demo takes under two names, of which a CTA carries one:
// removeUserConnection's current and older spellings.
var alternativeArgs = map[string][]string{"removeUserConnection": {"userContextId"}}

func (e *testEnv) mutationArgs() map[string][]string {
	var data struct {
		Schema struct {
			MutationType struct {
				Fields []struct {
					Name string
					Args []struct{ Name string }
				}
			}
		} `json:"__schema"`
	}
	e.query(AdminUUID, `{ __schema { mutationType { fields { name args { name } } } } }`, nil, &data)
	out := map[string][]string{}
	for _, f := range data.Schema.MutationType.Fields {
		for _, a := range f.Args {
			if !slices.Contains(alternativeArgs[f.Name], a.Name) {
				out[f.Name] = append(out[f.Name], a.Name)
			}
		}
	}
	return out
}

// ctaSource is one CTA, who saw it, and the object it belongs to.
type ctaSource struct {
	viewer string
	object string
	cta    ctaJSON
}

const ctaSelection = `cta { actionId title arguments { key value } metadata { key value } }`

// collectCTAs gathers the CTAs of every list, for both demo users.
func (e *testEnv) collectCTAs() []ctaSource {
	lists := map[string]string{
		"getPossibleUserConnections":     `getPossibleUserConnections(first: 3) { edges { node { userContext { id } ` + ctaSelection + ` } } }`,
		"getUserConnectionsNetwork":      `getUserConnectionsNetwork(first: 3) { edges { node { userContext { id } ` + ctaSelection + ` } } }`,
		"getPendingUserInvitations":      `getPendingUserInvitations(first: 3) { edges { node { id ` + ctaSelection + ` } } }`,
		"getSentUserInvitations":         `getSentUserInvitations(first: 3) { edges { node { id ` + ctaSelection + ` } } }`,
		"getUserCommunities":             `getUserCommunities(first: 10) { edges { node { id ` + ctaSelection + ` } } }`,
		"getPendingCommunityInvitations": `getPendingCommunityInvitations(first: 3) { edges { node { id ` + ctaSelection + ` community { id ` + ctaSelection + ` } } } }`,
	}
	var out []ctaSource
	for _, viewer := range []string{AdminUUID, MemberUUID} {
		for name, sel := range lists {
			var data map[string]struct {
				Edges []struct {
					Node struct {
						ID          string
						UserContext struct{ ID string }
						Cta         []ctaJSON
						Community   *struct {
							ID  string
							Cta []ctaJSON
						}
					}
				}
			}
			e.query(viewer, "{ "+sel+" }", nil, &data)
			for _, edge := range data[name].Edges {
				n := edge.Node
				for _, c := range n.Cta {
					out = append(out, ctaSource{viewer, name + ":" + n.ID + n.UserContext.ID, c})
				}
				if n.Community != nil {
					for _, c := range n.Community.Cta {
						out = append(out, ctaSource{viewer, "community:" + n.Community.ID, c})
					}
				}
			}
		}
	}
	return out
}

// TestCTAsAreMechanical: every CTA names a mutation (lowerCamel of its
// actionId, VIEW_MEMBERS aside) whose arguments are exactly the CTA's
// argument keys plus those its metadata says the user must supply, and
// running each kind of CTA as given (plus that input) succeeds.
func TestCTAsAreMechanical(t *testing.T) {
	e := newEnv(t)
	mutations := e.mutationArgs()
	if _, ok := mutations["viewMembers"]; ok {
		t.Error("there should be no viewMembers mutation")
	}
	sources := e.collectCTAs()
	seen := map[string]bool{}
	usedObject := map[string]bool{}
	for _, s := range sources {
		seen[s.cta.ActionID] = true
		if s.cta.Title == "" {
			t.Errorf("%s has no title", s.cta.ActionID)
		}
		if s.cta.ActionID == actionViewMembers {
			continue
		}
		name := lowerCamel(s.cta.ActionID)
		args, ok := mutations[name]
		if !ok {
			t.Fatalf("%s: no mutation %s", s.cta.ActionID, name)
		}
		var keys []string
		for _, a := range s.cta.Arguments {
			keys = append(keys, a.Key)
		}
		for _, m := range s.cta.Metadata {
			if m.Key == metaRequiresInput {
				keys = append(keys, m.Value)
			}
		}
		slices.Sort(keys)
		slices.Sort(args)
		if !slices.Equal(keys, args) {
			t.Fatalf("%s carries %v, %s takes %v", s.cta.ActionID, keys, name, args)
		}
		if !seen[s.cta.ActionID+" ran"] && !usedObject[s.object] {
			seen[s.cta.ActionID+" ran"], usedObject[s.object] = true, true
			e.runCTA(s)
		}
	}
	for _, id := range []string{
		actionCreateUserInvitation, actionRemoveUserConnection, actionAcceptUserInvitation, actionDeclineUserInvitation,
		actionCancelUserInvitation, actionEditCommunity, actionDeleteCommunity, actionViewMembers,
		actionAcceptCommunityInvitation, actionDeclineCommunityInvitation, actionCancelCommunityInvitation,
	} {
		if !seen[id] {
			t.Errorf("no list offered %s", id)
		} else if id != actionViewMembers && !seen[id+" ran"] {
			t.Errorf("%s was not run", id)
		}
	}
}

// runCTA builds the mutation from the CTA alone, the way the client does.
func (e *testEnv) runCTA(s ctaSource) {
	e.t.Helper()
	var args []string
	for _, a := range s.cta.Arguments {
		args = append(args, fmt.Sprintf("%s: %q", a.Key, a.Value))
	}
	doc := fmt.Sprintf("mutation { %s(%s) { errors } }", lowerCamel(s.cta.ActionID), strings.Join(args, ", "))
	if s.cta.ActionID == actionEditCommunity {
		doc = fmt.Sprintf("mutation { %s(%s, data: {title: \"Edited\"}) { errors } }", lowerCamel(s.cta.ActionID), strings.Join(args, ", "))
	}
	env := e.mutate(s.viewer, doc, nil)
	if len(env.Errors) != 0 {
		e.t.Errorf("%s from %s failed: %q", s.cta.ActionID, s.object, env.Errors)
	}
}
