package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	graphql "github.com/hasura/go-graphql-client"
)

// Secrets is every credential value one program knows: the configured
// secrets, the tokens issued to it, the header values it sends, the
// credentials written in its endpoints' URLs, each in every form it may
// take on the wire or in a server's answer (URL-encoded as a form, a query
// or a path, inside a JSON or a Go-quoted string, base64, the HTTP Basic
// value of a pair). Redact and Error remove them all from any text.
//
// One Secrets is made per program (per profile), and handed down like the
// clients: config.Profile.Registry makes it, config.Options, the clients'
// Config and api.Endpoint carry it, the UI's common.Context has it. It is safe for concurrent use. A nil *Secrets knows no
// values, but still removes the credentials of any URL in a text.
type Secrets struct {
	mu     sync.Mutex
	known  map[string]bool
	redact *strings.Replacer // built when first needed after a change
}

// NewSecrets returns a registry knowing values (and their forms).
func NewSecrets(values ...string) *Secrets {
	s := &Secrets{known: map[string]bool{}}
	s.Add(values...)
	return s
}

// Redacted is what a credential is replaced with.
const Redacted = "[redacted]"

// Add registers credential values, with every form each may take. A
// value shorter than MinSecret is not looked for, in any form.
func (s *Secrets) Add(values ...string) {
	var forms []string
	for _, v := range values {
		if len(v) < MinSecret {
			continue
		}
		forms = append(forms, encodings(v)...)
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
			forms = append(forms, encodings(enc.EncodeToString([]byte(v)))...)
		}
	}
	s.add(forms)
}

// AddBasic registers HTTP Basic credentials: the password (the user is a
// secret only when registered on its own, as Vision's API key is) and the
// header's base64 value, as sent and with each part URL-encoded first (as
// the OAuth2 library sends client credentials).
func (s *Secrets) AddBasic(user, password string) {
	s.Add(password)
	var forms []string
	for _, pair := range []string{user + ":" + password, url.QueryEscape(user) + ":" + url.QueryEscape(password)} {
		b := base64.StdEncoding.EncodeToString([]byte(pair))
		forms = append(forms, encodings(b)...)
		forms = append(forms, encodings("Basic "+b)...)
	}
	s.add(forms)
}

// AddHeader registers the value of a header that carries a credential:
// the whole value and its last word ("Bearer xyz" registers both "Bearer
// xyz" and "xyz"; "Token token=xyz" also "xyz").
func (s *Secrets) AddHeader(value string) {
	s.Add(secretParts(value)...)
}

// AddURL registers the credentials written in a URL (its userinfo: user
// and password, and their Basic value). Every URL's userinfo is removed
// from any text anyway; this also catches them where they appear alone.
func (s *Secrets) AddURL(raw string) {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return
	}
	user := u.User.Username()
	pass, _ := u.User.Password()
	s.Add(user)
	s.AddBasic(user, pass)
}

// encodings are the forms of v in text: as it is, URL-encoded (form,
// query, path), and inside a JSON (HTML-escaped or not) or Go-quoted
// string.
func encodings(v string) []string {
	if v == "" {
		return nil
	}
	quoted := strconv.Quote(v)
	ascii := strconv.QuoteToASCII(v)
	js, _ := json.Marshal(v)
	var plain bytes.Buffer
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	p := bytes.TrimSpace(plain.Bytes())
	return []string{
		v, url.QueryEscape(v), url.PathEscape(v),
		quoted[1 : len(quoted)-1], ascii[1 : len(ascii)-1],
		string(js[1 : len(js)-1]), string(p[1 : len(p)-1]),
	}
}

// MinSecret is the length under which a value is not looked for: so
// short a string cannot be told from ordinary words (a test's token "t"
// would take every t out of every message), and is no real credential.
const MinSecret = 4

func (s *Secrets) add(forms []string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range forms {
		if len(f) >= MinSecret && f != Redacted && !s.known[f] {
			s.known[f] = true
			s.redact = nil
		}
	}
}

// replacer removes every known form, the longest first where several
// start at the same place.
func (s *Secrets) replacer() *strings.Replacer {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.redact == nil && len(s.known) > 0 {
		// The mark itself is kept as it is, so that redacting twice
		// changes nothing (a secret such as "acted" is not found in it).
		forms := make([]string, 0, len(s.known)+1)
		forms = append(forms, Redacted)
		for f := range s.known {
			forms = append(forms, f)
		}
		slices.SortFunc(forms, func(a, b string) int {
			if len(a) != len(b) {
				return len(b) - len(a)
			}
			return strings.Compare(a, b)
		})
		pairs := make([]string, 0, 2*len(forms))
		for _, f := range forms {
			pairs = append(pairs, f, Redacted)
		}
		s.redact = strings.NewReplacer(pairs...)
	}
	return s.redact
}

// userinfo is the credentials part of a URL in text: scheme://user:pass@.
var userinfo = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s@"'<>]*@`)

// Redact removes from text every known credential, in every form, and
// the credentials of every URL in it.
func (s *Secrets) Redact(text string) string {
	if r := s.replacer(); r != nil {
		text = r.Replace(text)
	}
	return userinfo.ReplaceAllString(text, "$1")
}

// Error returns err with every credential removed from its text, and from
// the text of every error it wraps, keeping what callers look for in it:
// an *Error comes back as an *Error of the same kind with a clean message,
// GraphQL messages and underlying error; the GraphQL client's errors as
// such errors with clean messages; errors that wrap none (context.Canceled,
// io.EOF) as they are when their text is clean. Other wrappers become a
// clean text over the clean rest of the chain, so errors.Is and errors.As
// for those still find them.
func (s *Secrets) Error(err error) error {
	switch e := err.(type) {
	case nil:
		return nil
	case *Error:
		return s.apiError(e)
	case graphql.Errors:
		return s.graphQLErrors(e)
	case redactedError:
		return redactedError{msg: s.Redact(e.msg), err: e.err} // the rest was cleaned when it was made
	case redactedNetError:
		e.msg = s.Redact(e.msg)
		return e
	}
	msg, inner := s.Redact(err.Error()), errors.Unwrap(err)
	if inner == nil && msg == err.Error() {
		return err
	}
	r := redactedError{msg: msg, err: s.Error(inner)}
	if ne, ok := err.(net.Error); ok {
		// Still a network error, and a timeout if it was one.
		return redactedNetError{redactedError: r, timeout: ne.Timeout()}
	}
	return r
}

// redactedNetError is a redactedError standing for a net.Error.
type redactedNetError struct {
	redactedError
	timeout bool
}

func (r redactedNetError) Timeout() bool   { return r.timeout }
func (r redactedNetError) Temporary() bool { return r.timeout }

// apiError is a clean copy of e (e itself may be shared: one token
// fetch's error is that of every request that waited for it).
func (s *Secrets) apiError(e *Error) *Error {
	c := *e
	c.Message = s.Redact(e.Message)
	c.Messages = nil
	for _, m := range e.Messages {
		c.Messages = append(c.Messages, s.Redact(m))
	}
	c.Err = s.Error(e.Err)
	return &c
}

// graphQLErrors is a clean copy of the GraphQL client's errors (their
// paths are kept: a lookup places each on the alias it concerns).
func (s *Secrets) graphQLErrors(errs graphql.Errors) graphql.Errors {
	out := make(graphql.Errors, len(errs))
	for i, e := range errs {
		e.Message = s.Redact(e.Message)
		if e.Extensions != nil {
			e.Extensions = s.redactValue(e.Extensions).(map[string]any)
		}
		out[i] = e
	}
	return out
}

// redactValue is v (decoded JSON) with every string in it redacted.
func (s *Secrets) redactValue(v any) any {
	switch x := v.(type) {
	case string:
		return s.Redact(x)
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = s.redactValue(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = s.redactValue(e)
		}
		return l
	}
	return v
}
