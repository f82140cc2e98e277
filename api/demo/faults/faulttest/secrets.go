package faulttest

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/rosterm/rosterm/api"
)

// OddSecret is a credential whose every encoding differs from it: URL
// encoding (form and path), JSON (with and without HTML escaping), Go
// quoting and base64 each write it otherwise.
const OddSecret = `s3cr3t/+=&"é ü<x>`

// Forms are the ways a credential may come back written in a server's
// answer: as it is, URL-encoded as a form or a query or a path, inside a
// JSON or a Go-quoted string, in base64.
func Forms(secret string) []string {
	quoted := strconv.Quote(secret)
	js, _ := json.Marshal(secret)
	var plain strings.Builder
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(secret)
	return []string{
		secret, url.QueryEscape(secret), url.PathEscape(secret),
		quoted[1 : len(quoted)-1], string(js[1 : len(js)-1]), strings.TrimSpace(plain.String())[1 : len(strings.TrimSpace(plain.String()))-1],
		base64.StdEncoding.EncodeToString([]byte(secret)),
	}
}

// BasicForms are the forms of HTTP Basic credentials user and password:
// base64 of "user:password", as sent, and of each URL-encoded (as the
// OAuth2 library sends client credentials).
func BasicForms(user, password string) []string {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	return []string{b64(user + ":" + password), b64(url.QueryEscape(user) + ":" + url.QueryEscape(password))}
}

// Leaks returns the forms that text contains.
func Leaks(text string, forms []string) []string {
	var out []string
	for _, f := range forms {
		if f != "" && strings.Contains(text, f) {
			out = append(out, f)
		}
	}
	return out
}

// ErrorText is everything an error says: its text, the text of every
// error in its chain, and the GraphQL messages of each *api.Error in it.
func ErrorText(err error) string {
	var b strings.Builder
	for e := err; e != nil; e = errors.Unwrap(e) {
		fmt.Fprintf(&b, "%v\n%+v\n", e, e)
		if ae, ok := e.(*api.Error); ok {
			b.WriteString(strings.Join(ae.Messages, "\n") + "\n")
		}
	}
	return b.String()
}
