package api

import "strings"

// secretParts returns the parts of an auth header value worth hiding: the
// whole value and its last word ("Bearer xyz" hides both "Bearer xyz" and
// "xyz"; "Token token=xyz" also hides "xyz"). Short words such as a scheme
// name are not secrets and would make every message unreadable.
func secretParts(v string) []string {
	parts := []string{v}
	fields := strings.Fields(v)
	if len(fields) > 0 {
		last := fields[len(fields)-1]
		if _, after, ok := strings.Cut(last, "="); ok {
			last = after
		}
		if len(last) >= 6 && last != v {
			parts = append(parts, last)
		}
	}
	return parts
}

// redactedError keeps the chain of an error while hiding secrets in its text.
type redactedError struct {
	msg string
	err error
}

func (r redactedError) Error() string { return r.msg }
func (r redactedError) Unwrap() error { return r.err }

// isSecretHeader reports whether a header carries a credential (as opposed
// to, say, Opigno's acting-user UUID, which is an identifier).
func isSecretHeader(name string) bool {
	n := strings.ToLower(name)
	return n == "authorization" || strings.Contains(n, "token") || strings.Contains(n, "secret") || strings.Contains(n, "key")
}
