// Package suggest proposes the name a user probably meant when a name they
// wrote (a configuration key, an action, a theme) is not one of those
// allowed: one misspelt letter should not send them to the manual.
package suggest

import (
	"fmt"

	"github.com/agnivade/levenshtein"
)

// Closest is the allowed name at most two edits from got, or "". Two
// edits catch a slip of the finger without proposing unrelated names.
func Closest(got string, allowed []string) string {
	best, dist := "", 3
	for _, a := range allowed {
		if d := levenshtein.ComputeDistance(got, a); d < dist {
			best, dist = a, d
		}
	}
	return best
}

// DidYouMean is `, did you mean "x"?` for the closest allowed name, or ""
// when none is close, to follow the quoted wrong name in a message.
func DidYouMean(got string, allowed []string) string {
	if near := Closest(got, allowed); near != "" {
		return fmt.Sprintf(", did you mean %q?", near)
	}
	return ""
}
