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
	"time"

	"golang.org/x/oauth2"

	"github.com/rosterm/rosterm/journal"
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
// it adds credentials only to requests for the endpoint's own host, never
// follows redirects (so credentials never travel elsewhere), caps response
// sizes, renews credentials once on a 401, and turns HTTP failures into
// *Error values.
type Transport struct {
	ep     Endpoint
	target *url.URL
	http   *http.Client
}

// NewTransport checks ep and builds its transport.
func NewTransport(ep Endpoint) (*Transport, error) {
	u, err := url.Parse(ep.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("endpoint %q is not an http(s) URL", ep.URL)
	}
	if ep.Timeout <= 0 {
		ep.Timeout = DefaultTimeout
	}
	if ep.ConnectTimeout <= 0 {
		ep.ConnectTimeout = DefaultConnectTimeout
	}
	if ep.MaxResponse <= 0 {
		ep.MaxResponse = DefaultMaxResponse
	}
	dialer := &net.Dialer{Timeout: ep.ConnectTimeout, KeepAlive: 30 * time.Second}
	base := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   ep.ConnectTimeout,
		ResponseHeaderTimeout: ep.Timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &Transport{
		ep:     ep,
		target: u,
		http: &http.Client{
			Transport: base,
			Timeout:   ep.Timeout,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
	}, nil
}

// URL is the endpoint's address.
func (t *Transport) URL() string { return t.ep.URL }

// Close drops idle connections.
func (t *Transport) Close() { t.http.CloseIdleConnections() }

// Do sends req with credentials and maps failures to *Error.
func (t *Transport) Do(req *http.Request) (*http.Response, error) {
	if !sameOrigin(req.URL, t.target) {
		return nil, &Error{Kind: KindNetwork, Message: "refusing to send credentials to " + req.URL.Host}
	}
	resp, secrets, err := t.send(req)
	if err == nil && resp.StatusCode == http.StatusUnauthorized && t.ep.Auth != nil && t.ep.Auth.Invalidate() {
		drain(resp)
		resp, secrets, err = t.send(req)
	}
	if err != nil {
		return nil, t.logError(t.redact(secrets, classify(err).(*Error)))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer drain(resp)
		return nil, t.logError(t.redact(secrets, StatusError(resp)))
	}
	if resp.ContentLength > t.ep.MaxResponse {
		resp.Body.Close() // not worth reading: the connection is dropped instead
		return nil, t.logError(tooLarge(t.ep.MaxResponse))
	}
	resp.Body = &cappedBody{rc: resp.Body, left: t.ep.MaxResponse, limit: t.ep.MaxResponse}
	if t.ep.Log != nil {
		t.logResponse(secrets, resp)
	}
	return resp, nil
}

// send adds credentials to a copy of req and sends it, returning the
// credential values so they can be kept out of any error text.
func (t *Transport) send(req *http.Request) (*http.Response, []string, error) {
	r := req.Clone(req.Context())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, nil, err
		}
		r.Body = body
	}
	var secrets []string
	if t.ep.Auth != nil {
		h, err := t.ep.Auth.Header(req.Context())
		if err != nil {
			return nil, nil, credentialError(err)
		}
		for k, vs := range h {
			for _, v := range vs {
				r.Header.Set(k, v)
				if isSecretHeader(k) {
					secrets = append(secrets, secretParts(v)...)
				}
			}
		}
	}
	if t.ep.Log != nil {
		t.logRequest(secrets, r)
	}
	resp, err := t.http.Do(r)
	return resp, secrets, err
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
		e.Kind, e.Status, e.RetryAfter = typed.Kind, typed.Status, typed.RetryAfter
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

// redact removes every credential value from the error's text.
func (t *Transport) redact(secrets []string, e *Error) *Error {
	e.Message = Redact(e.Message, secrets)
	for i := range e.Messages {
		e.Messages[i] = Redact(e.Messages[i], secrets)
	}
	if e.Err != nil {
		e.Err = redactedError{msg: Redact(e.Err.Error(), secrets), err: e.Err}
	}
	return e
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

func (t *Transport) logRequest(secrets []string, r *http.Request) {
	var body []byte
	if r.GetBody != nil {
		if rc, err := r.GetBody(); err == nil {
			body, _ = io.ReadAll(io.LimitReader(rc, 4<<10))
			rc.Close()
		}
	}
	var headers []string
	for name, values := range r.Header {
		headers = append(headers, name+": "+strings.Join(values, ", "))
	}
	sort.Strings(headers)
	t.ep.Log(Redact(fmt.Sprintf("→ %s %s [%s] %s", r.Method, r.URL, strings.Join(headers, "; "), bytes.TrimSpace(body)), secrets))
}

// logError writes a failed request's error, already redacted, to the
// debug log.
func (t *Transport) logError(e *Error) *Error {
	if t.ep.Log != nil {
		t.ep.Log(fmt.Sprintf("← %s: %s", t.ep.URL, e.Message))
	}
	return e
}

func (t *Transport) logResponse(secrets []string, resp *http.Response) {
	t.ep.Log(Redact(fmt.Sprintf("← %s %s", resp.Status, resp.Request.URL), secrets))
}

// waitContext sleeps for d unless ctx ends first.
func waitContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
