package opigno

// A CTA's actionId names the mutation it runs, and a server may point any
// row's CTA at any mutation it has, under any title. So whether rosterm
// asks before sending depends on the mutation alone: the few documented
// ones below are sent when chosen, and every other one (undocumented, or
// documented but able to change or take away something that cannot simply
// be put back) asks first, naming the mutation.

// withoutAsking are the documented mutations sent without a confirmation,
// with why each is safe to send on one key.
var withoutAsking = map[string]string{
	// Offers only: nothing changes for anyone until the invitee accepts,
	// and the offer can be withdrawn (cancelUserInvitation,
	// cancelCommunityInvitation).
	"createUserInvitation":      "an invitation the invitee may decline, and cancelUserInvitation withdraws",
	"createCommunityInvitation": "an invitation the invitee may decline, and cancelCommunityInvitation withdraws",
	// Answers the acting user gives to an invitation sent to them, which
	// is what the invitation asks for; accepting a person is undone with
	// removeUserConnection. The a key sends them after the undo window.
	"acceptUserInvitation":      "the acting user's answer to an invitation sent to them; removeUserConnection undoes it",
	"acceptCommunityInvitation": "the acting user's answer to an invitation to a community sent to them",
}

// byTriage are the documented mutations the triage keys (a accepts,
// d declines) send after the undo window rather than asking: the window,
// with u to take the action back, is the chance to change one's mind, and
// declining only answers an invitation sent to the acting user. Chosen
// from a menu, a decline still asks, as everything that takes something
// away does.
var byTriage = map[string]string{
	"acceptUserInvitation":       "the acting user's answer to an invitation sent to them, sent after the undo window",
	"acceptCommunityInvitation":  "the acting user's answer to an invitation to a community sent to them, sent after the undo window",
	"declineUserInvitation":      "the acting user's answer to an invitation sent to them, sent after the undo window",
	"declineCommunityInvitation": "the acting user's answer to an invitation to a community sent to them, sent after the undo window",
}

// SafeMutations lists the mutations sent without asking, each with why.
func SafeMutations() map[string]string {
	out := make(map[string]string, len(withoutAsking))
	for k, v := range withoutAsking {
		out[k] = v
	}
	return out
}

// AsksFirst reports whether the plan needs a yes before it is sent: its
// mutation is not one of the documented safe ones, or its verb takes
// something away.
func (p Plan) AsksFirst() bool {
	_, safe := withoutAsking[p.Mutation]
	return !safe || p.Destructive()
}

// ByTriage reports whether a triage key may send the plan after the undo
// window without asking: its mutation is a documented accept or decline.
func (p Plan) ByTriage() bool {
	_, ok := byTriage[p.Mutation]
	return ok
}

// Undoable reports whether the plan waits out the undo window before it is
// sent, so that u takes it back: the answers to an invitation (accepts and
// declines, which triage sends one key at a time) and a connect
// (createUserInvitation), which goes on one key too.
func (p Plan) Undoable() bool {
	switch p.Verb() {
	case "ACCEPT", "DECLINE":
		return true
	}
	return p.Mutation == "createUserInvitation"
}
