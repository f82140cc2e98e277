package suggest

import "testing"

func TestASlipIsMatchedAndAStrangerIsNot(t *testing.T) {
	allowed := []string{"auto", "dark", "light"}
	for got, want := range map[string]string{
		"darkk": `, did you mean "dark"?`,
		"ligth": `, did you mean "light"?`,
		"blue":  "",
	} {
		if s := DidYouMean(got, allowed); s != want {
			t.Errorf("DidYouMean(%q) = %q, want %q", got, s, want)
		}
	}
}
