package api_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
)

// A row's actions come back from packing exactly as the server sent them,
// whatever their strings hold (long, empty, NUL, multi-byte), and rows of
// the same shape share it.
func TestPackedActionsComeBackAsSent(t *testing.T) {
	long := strings.Repeat("é", 300)
	cases := [][]api.Action{
		nil,
		{{ID: "CREATE_USER_INVITATION", Title: "Connect", Args: []api.KeyValue{{Key: "inviteeUserContextId", Value: "42"}}}},
		{
			{ID: "ACCEPT", Title: "Accept", Args: []api.KeyValue{{Key: "id", Value: "7"}, {Key: "", Value: ""}}},
			{ID: "EDIT", Title: long, Meta: []api.KeyValue{{Key: "requiresInput", Value: "data\x00"}}},
			{ID: "", Title: ""},
		},
	}
	for _, as := range cases {
		p := api.PackActions(as)
		if got := p.List(); !reflect.DeepEqual(got, as) {
			t.Errorf("packed %+v, unpacked %+v", as, got)
		}
	}
	a := api.PackActions([]api.Action{{ID: "X", Title: "Do", Args: []api.KeyValue{{Key: "id", Value: "1"}}}})
	b := api.PackActions([]api.Action{{ID: "X", Title: "Do", Args: []api.KeyValue{{Key: "id", Value: "2"}}}})
	if a == b || a.List()[0].Args[0].Value != "1" || b.List()[0].Args[0].Value != "2" {
		t.Errorf("two rows' values mixed: %+v %+v", a.List(), b.List())
	}
}
