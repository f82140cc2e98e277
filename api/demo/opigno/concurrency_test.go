package opigno

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// TestConcurrentRequests mixes queries (with parallel fields) and mutations
// from many clients; run with -race it checks the store's locking.
func TestConcurrentRequests(t *testing.T) {
	e := newEnv(t)
	targets := e.strangers(16)
	read := `{ a: getPossibleUserConnections(first: 20) { totalItems } b: getUserConnectionsNetwork(first: 20) { totalItems }
	  c: getPendingUserInvitations(first: 20) { totalItems } d: getUserCommunities(first: 20) { edges { node { membersNumber cta { actionId } } } }
	  f: getPendingCommunityInvitations(first: 5) { edges { node { community { title } } } } }`
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := range 16 {
		wg.Go(func() {
			uuid := []string{AdminUUID, MemberUUID}[i%2]
			for range 5 {
				if status, res := e.raw(DemoToken, uuid, read, nil); status != http.StatusOK || len(res.Errors) > 0 {
					errs <- fmt.Sprintf("read: %d %v", status, res.Errors)
				}
			}
			doc := fmt.Sprintf(`mutation { createUserInvitation(inviteeUserContextId: %d) { errors } }`, targets[i])
			if status, res := e.raw(DemoToken, uuid, doc, nil); status != http.StatusOK || len(res.Errors) > 0 {
				errs <- fmt.Sprintf("write: %d %v", status, res.Errors)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
