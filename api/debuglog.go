package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/rosterm/rosterm/api/journal"
)

// redactVariables replaces the value of every key that names a secret
// (and so everything under it), at any depth of v (decoded JSON).
func redactVariables(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			if journal.SecretName(k) && e != nil {
				m[k] = Redacted
			} else {
				m[k] = redactVariables(e)
			}
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = redactVariables(e)
		}
		return l
	}
	return v
}

// inlineSecret is an argument or input field written into a document
// with a string value: password: "…", or a block string.
var inlineSecret = regexp.MustCompile(`([_A-Za-z][_0-9A-Za-z]*)(\s*:\s*)("""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*")`)

// redactDocument replaces the string value of every argument or input
// field of a document whose name says it is a secret.
func redactDocument(doc string) string {
	return inlineSecret.ReplaceAllStringFunc(doc, func(m string) string {
		sub := inlineSecret.FindStringSubmatch(m)
		if !journal.SecretName(sub[1]) {
			return m
		}
		return sub[1] + sub[2] + `"` + Redacted + `"`
	})
}

// redactBody is a GraphQL request's body as the debug log shows it: the
// document with any secret written in it replaced, and the variables with
// every secret one replaced (redactVariables). A body that is not such a
// request is not shown.
func redactBody(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	var req map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if dec.Decode(&req) != nil {
		return fmt.Sprintf("[a body of %d bytes that is not JSON, not shown]", len(body))
	}
	for k, v := range req {
		switch s, ok := v.(string); {
		case k == "query" && ok:
			req[k] = redactDocument(s)
		case k == "query", k == "operationName":
		case journal.SecretName(k):
			req[k] = Redacted
		default:
			req[k] = redactVariables(v)
		}
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if enc.Encode(req) != nil {
		return "[a body that could not be shown]"
	}
	return strings.TrimSpace(out.String())
}
