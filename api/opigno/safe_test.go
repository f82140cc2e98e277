package opigno

import (
	"slices"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/documented"
)

// Only documented invitations and the answers to them go without a yes;
// every other mutation, documented or not, asks first, whatever its verb
// or the CTA's title. The triage keys send only documented accepts and
// declines without asking.
func TestWhichMutationsAskFirst(t *testing.T) {
	safe := []string{"createUserInvitation", "createCommunityInvitation", "acceptUserInvitation", "acceptCommunityInvitation"}
	triage := []string{"acceptUserInvitation", "acceptCommunityInvitation", "declineUserInvitation", "declineCommunityInvitation"}
	s := api.MustParseSDL("opigno", documented.Opigno)
	mutations := []string{"deleteCommunity", "assignUserContextToLevel", "acceptEverythingAndDeleteTheRest"}
	for _, f := range s.Types[s.MutationType].Fields {
		mutations = append(mutations, f.Name)
	}
	for _, m := range mutations {
		p := Plan{Mutation: m, Action: api.Action{ID: actionID(m), Title: "Connect"}}
		if got, want := p.AsksFirst(), !slices.Contains(safe, m); got != want {
			t.Errorf("%s: asks first %v, want %v", m, got, want)
		}
		if got, want := p.ByTriage(), slices.Contains(triage, m); got != want {
			t.Errorf("%s: sent by triage without asking %v, want %v", m, got, want)
		}
	}
	if got := SafeMutations(); len(got) != len(safe) {
		t.Errorf("safe mutations: %v", got)
	}
}
