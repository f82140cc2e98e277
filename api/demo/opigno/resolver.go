package opigno

import (
	"context"
	"errors"
	"strings"

	graphql "github.com/graph-gophers/graphql-go"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// resolver is the root of both Query and Mutation. It holds nothing: each
// request carries the store of its server (see gqlserve.Handler).
type resolver struct{}

// storeOf is the store of the server ctx's request is for.
func storeOf(ctx context.Context) *store { return gqlserve.From[store](ctx) }

// viewer returns the acting context, or nil for a uuid no context has yet
// (an anonymous caller). Call it with the store lock held.
func (r *resolver) viewer(ctx context.Context) *userContext {
	return storeOf(ctx).contextByUUID(actingUUID(ctx))
}

// socialViewer is viewer for queries that need social features.
func (r *resolver) socialViewer(ctx context.Context) (*userContext, error) {
	v := r.viewer(ctx)
	if msg := socialRule(v); msg != "" {
		return nil, forbidden("%s", msg)
	}
	return v, nil
}

// query runs fn under the read lock with the data and the acting context,
// refused as socialViewer says: every social query's shape, as mutate is
// every mutation's.
func query[T any](r *resolver, ctx context.Context, fn func(d *data, v *userContext) (T, error)) (T, error) {
	st := storeOf(ctx)
	st.mu.RLock()
	defer st.mu.RUnlock()
	v, err := r.socialViewer(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	return fn(&st.data, v)
}

// respond is query for the queries that answer in the {errors, response}
// envelope: a broken rule is a sentence in errors, as for mutations.
func respond[T any](r *resolver, ctx context.Context, fn func(d *data, v *userContext) (T, error)) *response[T] {
	st := storeOf(ctx)
	st.mu.RLock()
	defer st.mu.RUnlock()
	v := r.viewer(ctx)
	var out T
	err := error(nil)
	if msg := socialRule(v); msg != "" {
		err = ruleError(msg)
	} else {
		out, err = fn(&st.data, v)
	}
	return enveloped(out, err)
}

// enveloped wraps an outcome in {errors, response}: a broken rule is its
// sentence, anything else a sentence that reveals nothing.
func enveloped[T any](out T, err error) *response[T] {
	if err == nil {
		return &response[T]{Errors: &[]*violation{}, Response: out}
	}
	var zero T
	msg := violation(err.Error())
	var rule ruleError
	if !errors.As(err, &rule) {
		msg = "The request could not be completed."
	}
	return &response[T]{Errors: &[]*violation{&msg}, Response: zero}
}

// txn is what a mutation works with: the data under the write lock, the
// acting context (nil when anonymous), its uuid, and the time of the call.
type txn struct {
	*data
	viewer *userContext
	uuid   string
	now    int64
}

// mutate runs fn under the write lock and wraps its outcome in the
// {errors, response} envelope: a broken rule is a sentence in errors with a
// null response, never a GraphQL error.
func mutate[T any](r *resolver, ctx context.Context, fn func(t *txn) (T, error)) *response[T] {
	st := storeOf(ctx)
	st.mu.Lock()
	defer st.mu.Unlock()
	uuid := actingUUID(ctx)
	t := &txn{data: &st.data, viewer: st.contextByUUID(uuid), uuid: uuid, now: st.now().Unix()}
	return enveloped(fn(t))
}

// mutateSocial is mutate for mutations that need social features.
func mutateSocial[T any](r *resolver, ctx context.Context, fn func(t *txn) (T, error)) *response[T] {
	return mutate(r, ctx, func(t *txn) (T, error) {
		if msg := socialRule(t.viewer); msg != "" {
			var zero T
			return zero, ruleError(msg)
		}
		return fn(t)
	})
}

// matchName is the name filter: a case-insensitive substring.
func matchName(name string, filter *string) bool {
	if filter == nil {
		return true
	}
	f := strings.TrimSpace(*filter)
	return f == "" || strings.Contains(strings.ToLower(name), strings.ToLower(f))
}

// community finds a community for a query.
func (d *data) findCommunity(id graphql.ID) (*community, error) {
	n, ok := parseID(id)
	if !ok {
		return nil, badRequest("The community ID %q is not valid.", string(id))
	}
	c := d.communities[n]
	if c == nil {
		return nil, notFound("The community %d does not exist.", n)
	}
	return c, nil
}
