package scope

import (
	"context"
	"fmt"
	"strconv"

	graphql "github.com/graph-gophers/graphql-go"
)

type undeletedItem struct {
	id   graphql.ID
	name *string
}

func (i *undeletedItem) ID() graphql.ID { return i.id }
func (i *undeletedItem) Name() *string  { return i.name }

type deleteUsersPayload struct {
	clientMutationID *string
	errs             []*fieldError
	undeleted        []*undeletedItem
}

func (p *deleteUsersPayload) ClientMutationID() *string         { return p.clientMutationID }
func (p *deleteUsersPayload) Errors() []*fieldError             { return p.errs }
func (p *deleteUsersPayload) Success() bool                     { return len(p.errs) == 0 }
func (p *deleteUsersPayload) UndeletedItems() *[]*undeletedItem { return &p.undeleted }

func (r *rootResolver) DeleteUsers(ctx context.Context, args struct{ Input deleteUsersInput }) *deleteUsersPayload {
	st := storeOf(ctx)
	p := &deleteUsersPayload{clientMutationID: args.Input.ClientMutationID, errs: []*fieldError{}, undeleted: []*undeletedItem{}}
	st.mu.Lock()
	defer st.mu.Unlock()
	if args.Input.Ids == nil {
		p.errs = append(p.errs, invalid(pathOf("ids"), "Ids", "can't be blank", "blank"))
		return p
	}
	for i, given := range *args.Input.Ids {
		id := graphql.ID(deref(given))
		u, reason, typ := st.deletable(id, viewerOf(ctx))
		if reason == "" {
			delete(st.users, u.dbID)
			continue
		}
		item := &undeletedItem{id: id}
		subject := strconv.Quote(string(id))
		if u != nil {
			n := u.name()
			item.name, subject = &n, n
		}
		p.undeleted = append(p.undeleted, item)
		p.errs = append(p.errs, &fieldError{
			path: pathOf("ids", strconv.Itoa(i)), message: reason, typ: typ,
			fullMessage: fmt.Sprintf("%s was not deleted: %s", subject, reason),
		})
	}
	return p
}

// deletable applies Scope's documented deletion rules, in order, and says
// why a user may not be deleted ("" when it may). u is nil when the id names
// no user the viewer can see; errType is the Error type to report. The
// caller holds the store's lock.
func (st *store) deletable(id graphql.ID, who identity) (u *user, reason, errType string) {
	kind, dbID, ok := parseID(id)
	if !ok || kind != typeUser {
		return nil, "it is not a valid user id", "invalid"
	}
	u = st.users[dbID]
	switch {
	case u == nil || u.org != demoOrgID:
		return nil, "no user has this id", "not_found"
	case dbID == who.userID:
		return u, "a user cannot delete themselves", "forbidden"
	case u.supportAdmin:
		return u, "Scope support admins are never deleted, so that support can assist", "forbidden"
	case u.companyAdmin() && st.companyAdmins() == 1:
		return u, "the last company admin is never deleted; one must remain", "forbidden"
	}
	return u, "", ""
}
