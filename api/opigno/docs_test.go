package opigno

import (
	"encoding/json"
	"testing"
)

// A CTA field is read whether the server sends a list or one CTA alone
// (CommunityInvitation.cta is documented as one), and nothing it cannot
// read fails the answer.
func TestCTAsAreReadAsAListOrAlone(t *testing.T) {
	for raw, want := range map[string]int{
		`[{"actionId":"A"},{"actionId":"B","extra":true}]`:             2,
		`{"actionId":"A","arguments":[{"key":"id","value":"1"},null]}`: 1,
		`null`:                             0,
		`[null,{"actionId":"A"},"junk",7]`: 1,
		`"junk"`:                           0,
	} {
		var inv struct {
			ID  flexID  `json:"id"`
			Cta ctaList `json:"cta"`
		}
		if err := json.Unmarshal([]byte(`{"id":12,"cta":`+raw+`}`), &inv); err != nil {
			t.Errorf("%s: %v", raw, err)
			continue
		}
		if got := actions(inv.Cta); len(got) != want || inv.ID != "12" {
			t.Errorf("%s: %d actions, id %q", raw, len(got), inv.ID)
		}
	}
}
