package api

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// withDefaults fills in the limits ep leaves unset.
func (ep Endpoint) withDefaults() Endpoint {
	if ep.Timeout <= 0 {
		ep.Timeout = DefaultTimeout
	}
	if ep.ConnectTimeout <= 0 {
		ep.ConnectTimeout = DefaultConnectTimeout
	}
	if ep.MaxResponse <= 0 {
		ep.MaxResponse = DefaultMaxResponse
	}
	if ep.Secrets == nil {
		ep.Secrets = NewSecrets()
	}
	ep.Secrets.AddURL(ep.URL)
	return ep
}

// parseEndpoint checks that raw is an http(s) URL, saying so without the
// credentials it may hold.
func parseEndpoint(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("endpoint %q is not an http(s) URL", userinfo.ReplaceAllString(raw, "$1"))
	}
	return u, nil
}

// NewHTTPClient is the HTTP client for every request that carries a
// credential (a header, a body, Basic auth, a query) to ep.URL's origin:
// the GraphQL transport's, and the token endpoints' (Opigno's OAuth
// client credentials, Vision's key and secret exchange). One policy for
// all of them:
//
//   - no redirect is followed: a 3xx answer is an *Error of KindRedirect
//     naming where it pointed (without credentials), so the credentials
//     never travel further;
//   - requests go to ep.URL's scheme, host and port only; any other is
//     refused before it is sent;
//   - ep's timeouts (connect, whole request) apply, and a response larger
//     than ep.MaxResponse is an error of KindTooLarge.
func NewHTTPClient(ep Endpoint) (*http.Client, error) {
	u, err := parseEndpoint(ep.URL)
	if err != nil {
		return nil, err
	}
	ep = ep.withDefaults()
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
	return &http.Client{
		Transport: &guard{origin: u, base: base, max: ep.MaxResponse, secrets: ep.Secrets},
		Timeout:   ep.Timeout,
		// Never reached (the guard turns a redirect into an error), and
		// kept so that no change there could make the client follow one.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}, nil
}

// guard is the policy as a RoundTripper, so that it holds whoever builds
// the requests (the OAuth2 library builds its own).
type guard struct {
	origin  *url.URL
	base    *http.Transport
	max     int64
	secrets *Secrets
}

func (g *guard) RoundTrip(req *http.Request) (*http.Response, error) {
	if !sameOrigin(req.URL, g.origin) {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, &Error{Kind: KindNetwork, Message: "refusing to send credentials to " + req.URL.Host}
	}
	resp, err := g.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		drain(resp)
		return nil, g.redirect(req, resp)
	}
	if resp.ContentLength > g.max {
		_ = resp.Body.Close() // not worth reading: the connection is dropped instead
		return nil, tooLarge(g.max)
	}
	resp.Body = &cappedBody{rc: resp.Body, left: g.max, limit: g.max}
	return resp, nil
}

func (g *guard) CloseIdleConnections() { g.base.CloseIdleConnections() }

// redirect words a redirect that is not followed, naming where it
// pointed: resolved against the request, without credentials.
func (g *guard) redirect(req *http.Request, resp *http.Response) *Error {
	e := &Error{Kind: KindRedirect, Status: resp.StatusCode}
	loc := resp.Header.Get("Location")
	to, err := req.URL.Parse(loc)
	switch {
	case loc == "":
		e.Message = fmt.Sprintf("the endpoint answers with a redirect (HTTP %d) that says nowhere", resp.StatusCode)
		return e
	case err != nil:
		e.Message = fmt.Sprintf("the endpoint redirects (HTTP %d) to %q", resp.StatusCode, g.secrets.Redact(loc))
		return e
	}
	e.Message = fmt.Sprintf("the endpoint redirects (HTTP %d) to %s", resp.StatusCode, g.secrets.Redact(withoutUserinfo(to)))
	return e
}

// withoutUserinfo is u written without credentials.
func withoutUserinfo(u *url.URL) string {
	c := *u
	c.User = nil
	return c.String()
}
