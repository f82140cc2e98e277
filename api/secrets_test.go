package api

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"

	graphql "github.com/hasura/go-graphql-client"
)

// TestSecretsAreFoundInEveryEncoding: a registered value is removed as
// it is, URL-encoded, in JSON or Go quoting and in base64; a Basic pair
// in its header forms; a URL's credentials wherever a URL is written.
func TestSecretsAreFoundInEveryEncoding(t *testing.T) {
	const secret = `s3cr3t/+=&"é ü<x>`
	s := NewSecrets(secret)
	s.AddBasic("client id", secret)
	s.AddURL("https://alice:url-pass-1@example.com/graphql")
	b64 := func(v string) string { return base64.StdEncoding.EncodeToString([]byte(v)) }
	for _, form := range []string{
		secret, url.QueryEscape(secret), url.PathEscape(secret), fmt.Sprintf("%q", secret),
		`s3cr3t/+=\u0026\"é ü\u003cx\u003e`, b64(secret), b64("client id:" + secret),
		b64(url.QueryEscape("client id") + ":" + url.QueryEscape(secret)), "url-pass-1", b64("alice:url-pass-1"),
	} {
		text := "before " + form + " after"
		if got := s.Redact(text); got != "before [redacted] after" && got != `before "[redacted]" after` {
			t.Errorf("%q came out as %q", form, got)
		}
	}
	if got := s.Redact("see https://bob:pw@host.example/x and http://carol@h/"); got != "see https://host.example/x and http://h/" {
		t.Errorf("the credentials of URLs: %q", got)
	}
	if got := (*Secrets)(nil).Redact("http://bob:pw@h/ " + secret); got != "http://h/ "+secret {
		t.Errorf("a nil registry still removes URL credentials only: %q", got)
	}
}

// TestRedactingIsIdempotentAndIgnoresTinyValues: redacting twice changes
// nothing, even for a secret found in the mark itself; a value too short
// to tell from words is not looked for.
func TestRedactingIsIdempotentAndIgnoresTinyValues(t *testing.T) {
	s := NewSecrets("acted", "t", "abc", "longer-secret-acted")
	once := s.Redact("xx acted yy longer-secret-acted t abc")
	if once != "xx [redacted] yy [redacted] t abc" || s.Redact(once) != once {
		t.Fatalf("once %q, twice %q", once, s.Redact(once))
	}
}

// TestRedactedErrorsKeepWhatCallersLookFor: the kind, status and Retry-
// After of an *Error, the GraphQL errors' paths, a network error's
// timeout, context errors and syscall errors survive redaction; no text
// in the chain has the secret.
func TestRedactedErrorsKeepWhatCallersLookFor(t *testing.T) {
	const secret = "tok-secret-123"
	s := NewSecrets(secret)
	gerrs := graphql.Errors{{Message: "bad " + secret, Path: []any{"c0"}, Extensions: map[string]any{"code": "X", "quote": secret}}}
	inner := &Error{Kind: KindServer, Status: 503, RetryAfter: 7, Message: "busy " + secret, Messages: []string{"m " + secret}, Err: gerrs}
	outer := &Error{Kind: KindOutcomeUnknown, Message: "may or may not: busy " + secret, Err: inner}
	netErr := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNRESET}
	for _, err := range []error{
		outer,
		fmt.Errorf("vision token %s: %w", secret, inner),
		&url.Error{Op: "Post", URL: "http://u:" + secret + "@h/", Err: context.DeadlineExceeded},
		fmt.Errorf("quoting %s: %w", secret, netErr),
	} {
		clean := s.Error(err)
		for e := clean; e != nil; e = errors.Unwrap(e) {
			text := fmt.Sprintf("%v %+v", e, e)
			if ae, ok := e.(*Error); ok {
				text += strings.Join(ae.Messages, " ")
			}
			if ge, ok := e.(graphql.Errors); ok {
				text += fmt.Sprint(ge[0].Extensions)
			}
			if strings.Contains(text, secret) {
				t.Errorf("%T in the chain of %v shows the secret: %s", e, clean, text)
			}
		}
		if errors.Is(err, context.DeadlineExceeded) != errors.Is(clean, context.DeadlineExceeded) ||
			errors.Is(err, syscall.ECONNRESET) != errors.Is(clean, syscall.ECONNRESET) {
			t.Errorf("%v: the sentinel errors are lost", clean)
		}
		var ne net.Error
		if errors.As(err, &ne) != errors.As(clean, &ne) {
			t.Errorf("%v: no longer a network error", clean)
		}
	}
	var e *Error
	if !errors.As(s.Error(outer), &e) || e.Kind != KindOutcomeUnknown || !errors.As(e.Err, &e) || e.Kind != KindServer || e.Status != 503 || e.RetryAfter != 7 {
		t.Fatalf("kinds lost: %+v", e)
	}
	var ge graphql.Errors
	if !errors.As(s.Error(outer), &ge) || ge[0].Path[0] != "c0" || ge[0].Message != "bad [redacted]" || ge[0].Extensions["code"] != "X" {
		t.Fatalf("the GraphQL errors: %+v", ge)
	}
	if inner.Message != "busy "+secret {
		t.Error("the original error was changed: it may be shared")
	}
}
