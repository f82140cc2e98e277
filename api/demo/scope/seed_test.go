package scope

import (
	"reflect"
	"testing"

	"github.com/rosterm/rosterm/api/demo/fake"
	"github.com/rosterm/rosterm/api/demo/fake/faketest"
)

// TestEveryServerHasDataOfItsOwn: servers copy the default seed's data,
// generated once per process. A copy is what the seed generates and shares
// nothing with the next server's, so a change on one server (every test
// makes some) never shows on another.
func TestEveryServerHasDataOfItsOwn(t *testing.T) {
	a, b := seeded(fake.DefaultSeed, nil), seeded(fake.DefaultSeed, nil)
	if !reflect.DeepEqual(a, seedStore(fake.DefaultSeed, nil)) {
		t.Fatal("a server's copy differs from the data its seed generates")
	}
	if p := faketest.Shared(a, b); p != "" {
		t.Fatalf("two servers' data share %s", p)
	}
}
