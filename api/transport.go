package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"

	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/journal"
)

// Defaults for an Endpoint's limits.
const (
	DefaultTimeout        = 30 * time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultMaxResponse    = 8 << 20
)

// Endpoint is where an API lives and how to reach it.
type Endpoint struct {
	URL            string
	Auth           Auth          // nil for none
	Timeout        time.Duration // whole request, including reading the body
	ConnectTimeout time.Duration
	MaxResponse    int64 // bytes; a larger response is an error
	Log            Logger
	// Secrets are the program's credentials, kept out of every error and
	// log line; the endpoint's own (its URL's userinfo, the credential
	// headers it sends) are added to them. Nil: the endpoint's own only.
	Secrets *Secrets
	// Documented is what the vendor documents of the API, the schema a
	// client may rely on when the server does not describe itself; nil
	// when nothing is known in advance.
	Documented *Schema
	// API names the API for the journal: opigno, scope or vision.
	API string
	// Journal records every mutation sent to the endpoint and its
	// outcome; nil records nothing.
	Journal *journal.Journal
}

// Logger receives one line per request and response, credentials removed.
// It is for --debug; nil logs nothing.
type Logger func(line string)

// Transport sends requests to one endpoint. It is the GraphQL client's Doer:
// it adds credentials only to requests for the endpoint's own origin, sends
// them under the policy of NewHTTPClient (no redirects followed, timeouts,
// a size cap), renews credentials once on a 401 (sending a query again,
// never a mutation), and turns HTTP failures into *Error values with no
// credential in them.
type Transport struct {
	ep     Endpoint
	target *url.URL
	http   *http.Client
}

// NewTransport checks ep and builds its transport.
func NewTransport(ep Endpoint) (*Transport, error) {
	u, err := parseEndpoint(ep.URL)
	if err != nil {
		return nil, err
	}
	ep = ep.withDefaults()
	if h, ok := ep.Auth.(Static); ok {
		for k, vs := range h {
			for _, v := range vs {
				if isSecretHeader(k) {
					ep.Secrets.AddHeader(v)
				}
			}
		}
	}
	client, err := NewHTTPClient(ep)
	if err != nil {
		return nil, err
	}
	return &Transport{ep: ep, target: u, http: client}, nil
}

// URL is the endpoint's address, without any credentials written in it.
func (t *Transport) URL() string { return withoutUserinfo(t.target) }

// Secrets are the credentials the transport keeps out of its errors.
func (t *Transport) Secrets() *Secrets { return t.ep.Secrets }

// Close drops idle connections.
func (t *Transport) Close() { t.http.CloseIdleConnections() }

// Do sends req with credentials and maps failures to *Error.
//
// The exchange, the answer's body included, ends after the endpoint's
// Timeout on the context's clock (the HTTP client's own real timer, the
// same length, stays as a backstop): so a test whose server hangs moves a
// virtual clock past the timeout instead of waiting it out.
func (t *Transport) Do(req *http.Request) (*http.Response, error) {
	if !sameOrigin(req.URL, t.target) {
		return nil, &Error{Kind: KindNetwork, Message: "refusing to send credentials to " + req.URL.Host}
	}
	ctx, cancel := context.WithCancel(req.Context())
	late := new(atomic.Bool)
	stop := clock.From(ctx).AfterFunc(t.ep.Timeout, func() { late.Store(true); cancel() })
	end := func() { stop(); cancel() }
	resp, err := t.do(req.WithContext(ctx), late)
	if err != nil {
		end()
		return nil, err
	}
	resp.Body = &timedBody{rc: resp.Body, late: late, end: end}
	return resp, nil
}

// timedOut is the error of an exchange the transport's timer ended.
func timedOut(err error) *Error {
	return &Error{Kind: KindTimeout, Message: "the server did not answer in time", Err: err}
}

// timedBody is an answer's body read under the transport's timer: a read
// the timer cut short says so (not that the request was canceled), and
// closing the body stops the timer.
type timedBody struct {
	rc   io.ReadCloser
	late *atomic.Bool
	end  func()
}

func (b *timedBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if err != nil && err != io.EOF && b.late.Load() {
		err = timedOut(err)
	}
	return n, err
}

func (b *timedBody) Close() error {
	defer b.end()
	return b.rc.Close()
}

// do is Do under a timer that sets late when it ends the exchange.
func (t *Transport) do(req *http.Request, late *atomic.Bool) (*http.Response, error) {
	resp, err := t.send(req)
	if err == nil && resp.StatusCode == http.StatusUnauthorized && t.ep.Auth != nil && t.ep.Auth.Invalidate() {
		drain(resp)
		if isMutation(req.Context()) {
			// The server may have acted on it before refusing: a change
			// is never sent twice. Renew, and say sending it again will do.
			return nil, t.fail(t.renewed(req.Context()))
		}
		resp, err = t.send(req)
	}
	if err != nil && late.Load() {
		return nil, t.fail(timedOut(err))
	}
	if err != nil {
		return nil, t.fail(classify(err).(*Error))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer drain(resp)
		return nil, t.fail(StatusError(resp))
	}
	if t.ep.Log != nil {
		t.logResponse(resp)
	}
	return resp, nil
}

// renewed is the error of a mutation refused with HTTP 401: the token is
// renewed now, so that sending the change again can work.
func (t *Transport) renewed(ctx context.Context) *Error {
	if _, err := t.ep.Auth.Header(ctx); err != nil {
		e := credentialError(err)
		e.Message = "the change was not applied: the server refused its expired credentials (HTTP 401), and renewing them failed: " + e.Message
		if outcomeUnknown(e) != e {
			// Not a change whose fate is unknown: it was refused.
			e.Kind = KindNotApplied
		}
		return e
	}
	return &Error{Kind: KindNotApplied, Status: http.StatusUnauthorized,
		Message: "the change was not applied: the server refused its expired credentials (HTTP 401); they are renewed, so sending it again will apply it"}
}

// fail removes every credential from e and logs it.
func (t *Transport) fail(e *Error) *Error {
	e = t.ep.Secrets.apiError(e)
	if t.ep.Log != nil {
		t.ep.Log(fmt.Sprintf("← %s: %s", t.URL(), e.Message))
	}
	return e
}

// send adds credentials to a copy of req and sends it. The values of the
// credential headers join the program's secrets, to be kept out of any
// text.
func (t *Transport) send(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = body
	}
	if t.ep.Auth != nil {
		h, err := t.ep.Auth.Header(req.Context())
		if err != nil {
			return nil, credentialError(err)
		}
		for k, vs := range h {
			for _, v := range vs {
				r.Header.Set(k, v)
				if isSecretHeader(k) {
					t.ep.Secrets.AddHeader(v)
				}
			}
		}
	}
	if t.ep.Log != nil {
		t.logRequest(r)
	}
	return t.http.Do(r)
}

// credentialError words a failure to get credentials. A token endpoint
// that is busy, failing or out of reach is not a problem with the
// credentials: the error keeps that kind, so that a query is retried and
// the hint says to retry rather than to check the configuration.
func credentialError(err error) *Error {
	e := &Error{Kind: KindAuth, Message: "could not get credentials: " + err.Error(), Err: err}
	var typed *Error
	var refused *oauth2.RetrieveError
	var ne net.Error
	switch {
	case errors.As(err, &typed):
		e.Kind, e.Status, e.RetryAfter, e.Messages = typed.Kind, typed.Status, typed.RetryAfter, typed.Messages
		e.Message = "could not get credentials: " + typed.Message
	case errors.As(err, &refused) && refused.Response != nil:
		if s := statusOnly(refused.Response); s.Temporary() {
			e.Kind, e.Status, e.RetryAfter = s.Kind, s.Status, s.RetryAfter
		}
	case errors.As(err, &ne), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		c := classify(err).(*Error)
		e.Kind, e.Message = c.Kind, "could not get credentials: "+c.Message
	}
	return e
}

// statusOnly is StatusError for a response whose body was already read.
func statusOnly(resp *http.Response) *Error {
	r := *resp
	r.Body = http.NoBody
	return StatusError(&r)
}

// StatusError words a non-2xx answer, using the GraphQL error messages
// the body carries when there are any (servers built on graphql-js answer
// a document they reject with HTTP 400 and its validation errors). It
// reads the body.
func StatusError(resp *http.Response) *Error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	msgs := graphQLMessages(body)
	e := &Error{Status: resp.StatusCode}
	switch code := resp.StatusCode; {
	case code == http.StatusUnauthorized:
		e.Kind, e.Message = KindAuth, "not signed in (HTTP 401)"
	case code == http.StatusForbidden:
		e.Kind, e.Message = KindForbidden, "not allowed (HTTP 403)"
	case code == http.StatusTooManyRequests:
		e.Kind, e.Message = KindRateLimit, "too many requests (HTTP 429)"
		e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
	case code == http.StatusServiceUnavailable:
		e.Kind, e.Message = KindServer, "the server reported an error (HTTP 503)"
		e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
	case code >= 300 && code < 400:
		e.Kind = KindRedirect
		e.Message = fmt.Sprintf("the endpoint redirects (HTTP %d) to %s", code, resp.Header.Get("Location"))
	case code >= 500:
		e.Kind, e.Message = KindServer, fmt.Sprintf("the server reported an error (HTTP %d)", code)
	default:
		e.Kind, e.Message = KindGraphQL, fmt.Sprintf("the server refused the request (HTTP %d)", code)
	}
	if len(msgs) > 0 {
		e.Message += ": " + strings.Join(msgs, "; ")
		e.Messages = msgs
	}
	return e
}

// graphQLMessages extracts the error messages of a GraphQL-shaped body
// ({"errors":[{"message":...}, ...]}, or {"message":...} or {"error":...}).
func graphQLMessages(body []byte) []string {
	var v struct {
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
		Message string `json:"message"`
		Error   any    `json:"error"`
	}
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	var out []string
	for _, e := range v.Errors {
		if e.Message != "" {
			out = append(out, e.Message)
		}
	}
	if len(out) > 0 {
		return out
	}
	if v.Message != "" {
		return []string{v.Message}
	}
	if s, ok := v.Error.(string); ok && s != "" {
		return []string{s}
	}
	return nil
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(h string, now time.Time) time.Duration {
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Host, b.Host)
}

func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
}

// ErrTooLarge is returned while reading a response beyond the size cap.
var ErrTooLarge = errors.New("the response is larger than the size limit")

// cappedBody fails the read that crosses the limit instead of silently
// truncating, so a huge answer is an error, not half a page.
type cappedBody struct {
	rc    io.ReadCloser
	left  int64
	limit int64
}

func (c *cappedBody) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more would cross the cap: see whether there is one.
		var one [1]byte
		if n, _ := c.rc.Read(one[:]); n > 0 {
			return 0, tooLarge(c.limit)
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.rc.Read(p)
	c.left -= int64(n)
	if err != nil && err != io.EOF {
		err = bodyError(err)
	}
	return n, err
}

// bodyError words a failure while reading an answer. It is an *Error
// already, so the JSON decoder that meets it does not make it a decoding
// error: a connection that broke halfway is a network failure, worth
// retrying, not a malformed answer.
func bodyError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Kind: KindNetwork, Message: "the connection closed before the whole answer arrived", Err: err}
	}
	return classify(err)
}

func (c *cappedBody) Close() error { return c.rc.Close() }

func tooLarge(limit int64) *Error {
	return &Error{Kind: KindTooLarge, Err: ErrTooLarge, Message: fmt.Sprintf("the answer is larger than %d bytes", limit)}
}

// logRequest writes a request to the debug log: its method, address,
// headers (a credential header's value replaced) and body, with secret
// variables replaced (see redactBody), and every known credential removed.
func (t *Transport) logRequest(r *http.Request) {
	var body []byte
	if r.GetBody != nil {
		if rc, err := r.GetBody(); err == nil {
			body, _ = io.ReadAll(io.LimitReader(rc, 1<<20))
			rc.Close()
		}
	}
	var headers []string
	for name, values := range r.Header {
		v := strings.Join(values, ", ")
		if isSecretHeader(name) {
			v = Redacted
		}
		headers = append(headers, name+": "+v)
	}
	sort.Strings(headers)
	shown := redactBody(bytes.TrimSpace(body))
	if len(shown) > 4<<10 {
		shown = shown[:4<<10] + "…"
	}
	t.ep.Log(t.ep.Secrets.Redact(fmt.Sprintf("→ %s %s [%s] %s", r.Method, withoutUserinfo(r.URL), strings.Join(headers, "; "), shown)))
}

func (t *Transport) logResponse(resp *http.Response) {
	t.ep.Log(t.ep.Secrets.Redact(fmt.Sprintf("← %s %s", resp.Status, withoutUserinfo(resp.Request.URL))))
}
