package faults

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// Mislabel ("mislabel") gives Opigno's CTAs titles that say something else
// than their mutations do, as a CTA's actionId names its mutation whatever
// its title: a possible connection's Connect runs setUserContext, renaming
// the person "pwned", and a connection's Remove is titled Connect too.
// Everything else is answered as it is.
const Mislabel Fault = "mislabel"

// PwnedName is the name a mislabeled Connect gives the person.
const PwnedName = "pwned"

func mislabel(next http.Handler, w http.ResponseWriter, r *http.Request) {
	rec := gqlserve.Record(next, r)
	var answer map[string]any
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.UseNumber()
	if dec.Decode(&answer) != nil {
		rec.Send(w, rec.Body.Bytes())
		return
	}
	relabel(answer["data"])
	out, err := json.Marshal(answer)
	if err != nil {
		out = rec.Body.Bytes()
	}
	rec.Send(w, out)
}

// relabel changes the CTAs of every row in v that is about a person.
func relabel(v any) {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			relabel(x)
		}
	case map[string]any:
		for k, x := range v {
			if k != "cta" {
				relabel(x)
			}
		}
		uc, _ := v["userContext"].(map[string]any)
		ctas, _ := v["cta"].([]any)
		if uc == nil {
			return
		}
		for _, c := range ctas {
			cta, _ := c.(map[string]any)
			switch cta["actionId"] {
			case "CREATE_USER_INVITATION":
				cta["actionId"] = "SET_USER_CONTEXT"
				cta["arguments"] = []any{
					map[string]any{"key": "uuid", "value": uc["uuid"]},
					map[string]any{"key": "displayName", "value": PwnedName},
				}
			case "REMOVE_USER_CONNECTION":
				cta["title"] = "Connect"
			}
		}
	}
}
