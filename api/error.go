package api

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	graphql "github.com/hasura/go-graphql-client"
)

// Kind says what went wrong with a request, in terms of what the user can do.
type Kind int

// The kinds of failure a request can have.
const (
	KindUnknown        Kind = iota
	KindAuth                // 401: the credentials are missing, wrong or expired
	KindForbidden           // 403: authenticated, but not allowed
	KindRateLimit           // 429: too many requests; RetryAfter says how long to wait
	KindServer              // 5xx: the server failed
	KindGraphQL             // the server answered with GraphQL errors
	KindDecode              // the response was not the JSON we asked for
	KindTooLarge            // the response exceeded the size cap
	KindNetwork             // the connection failed or was reset
	KindTimeout             // no answer in time
	KindCanceled            // we gave up on it ourselves (superseded or quitting)
	KindRedirect            // the endpoint redirected; credentials are not followed
	KindOutcomeUnknown      // a mutation was sent but its answer never came
	KindReadOnly            // a change refused before it was sent: the session is read-only
	KindNotApplied          // a mutation was refused before it acted (expired credentials, renewed): sending it again applies it
)

// Error is a failed request, worded for the person at the keyboard. It never
// carries credentials: the transport removes them from every message.
type Error struct {
	Kind       Kind
	Status     int           // HTTP status, when there was one
	Message    string        // what happened
	Messages   []string      // GraphQL error messages, for KindGraphQL
	RetryAfter time.Duration // for KindRateLimit
	Err        error         // the underlying error
}

func (e *Error) Error() string { return e.Message }

func (e *Error) Unwrap() error { return e.Err }

// Temporary reports whether the same query may succeed if sent again.
func (e *Error) Temporary() bool {
	switch e.Kind {
	case KindRateLimit, KindServer, KindNetwork, KindTimeout:
		return true
	}
	return false
}

// Partial reports whether a query's error may have come beside data: the
// server reported GraphQL errors, nulling the fields that failed, and the
// rest of the answer arrived. List queries return the page they could read
// along with such an error, so what arrived can be shown with it.
func Partial(err error) bool { return KindOf(err) == KindGraphQL }

// KindOf returns the Kind of err, or KindUnknown.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindUnknown
}

// classify turns whatever the GraphQL client returned into an *Error.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	switch {
	case errors.Is(err, context.Canceled):
		return &Error{Kind: KindCanceled, Message: "request canceled", Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Kind: KindTimeout, Message: "the server did not answer in time", Err: err}
	}
	var ne net.Error
	if errors.As(err, &ne) {
		switch {
		case ne.Timeout():
			return &Error{Kind: KindTimeout, Message: "the server did not answer in time", Err: err}
		case errors.Is(err, syscall.ECONNRESET):
			return &Error{Kind: KindNetwork, Message: "the connection was reset", Err: err}
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return &Error{Kind: KindNetwork, Message: "the server closed the connection without answering", Err: err}
		}
		return &Error{Kind: KindNetwork, Message: "network error: " + ne.Error(), Err: err}
	}
	var gerrs graphql.Errors
	if errors.As(err, &gerrs) {
		return fromGraphQL(gerrs)
	}
	return &Error{Kind: KindNetwork, Message: err.Error(), Err: err}
}

// fromGraphQL maps the GraphQL client's error list: the server's own
// messages, or a decoding failure of the response.
func fromGraphQL(errs graphql.Errors) *Error {
	var msgs []string
	for _, e := range errs {
		code, _ := e.Extensions["code"].(string)
		switch code {
		case graphql.ErrJsonDecode, graphql.ErrGraphQLDecode:
			return &Error{Kind: KindDecode, Message: "the server's answer could not be read: " + e.Message, Err: errs}
		case graphql.ErrRequestError:
			return &Error{Kind: KindNetwork, Message: e.Message, Err: errs}
		}
		msgs = append(msgs, e.Message)
	}
	return &Error{
		Kind:     KindGraphQL,
		Message:  "the server reported: " + strings.Join(msgs, "; "),
		Messages: msgs,
		Err:      errs,
	}
}

// outcomeUnknown rewords a mutation's failure when the request may have
// reached the server and been carried out: claiming failure could make the
// user repeat it. That is the case when no readable answer came (timeout,
// broken connection, an answer that could not be read or was too large) and
// when the server or a gateway failed (5xx) after receiving it.
func outcomeUnknown(err *Error) *Error {
	switch err.Kind {
	case KindTimeout, KindNetwork, KindDecode, KindTooLarge, KindServer:
		return &Error{Kind: KindOutcomeUnknown, Status: err.Status, Err: err,
			Message: "the change may or may not have been applied: " + err.Message}
	}
	return err
}
