package config_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
)

// profileFor is a profile for the demo server at url, with every secret
// from the environment, as a user would write it.
func profileFor(url string) string {
	return `profiles:
  demo:
    opigno:
      endpoint: ` + url + `/opigno/graphql
      token_url: ` + url + `/opigno/oauth/token
      client_id: demo-client
      client_secret: {env: TEST_OPIGNO_SECRET}
      acting_uuid: ` + demoopigno.AdminUUID + `
    scope:
      endpoint: ` + url + `/scope/graphql
      token: {env: TEST_SCOPE_TOKEN}
    vision:
      endpoint: ` + url + `/vision/graphql
      token_url: ` + url + `/vision/token
      api_key: {env: TEST_VISION_KEY}
      api_secret: {env: TEST_VISION_SECRET}
      groups: [your-org-a-group, no-such-group]
`
}

func demoSecrets(t *testing.T) {
	t.Setenv("TEST_OPIGNO_SECRET", "demo-secret")
	t.Setenv("TEST_SCOPE_TOKEN", "demo-scope-token")
	t.Setenv("TEST_VISION_KEY", "demo-key")
	t.Setenv("TEST_VISION_SECRET", "demo-secret")
}

func connect(t *testing.T, text string) config.Clients {
	t.Helper()
	p, err := parse(t, text).Select("")
	if err != nil {
		t.Fatal(err)
	}
	if p, err = p.Resolve(context.Background()); err != nil {
		t.Fatal(err)
	}
	cl, err := p.Clients(config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

// tokenCounter serves the demo APIs and counts Opigno token requests.
func tokenCounter(t *testing.T, o demo.Options) (string, *atomic.Int32) {
	var n atomic.Int32
	h := demo.Handler(o)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/opigno/oauth/token" {
			n.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &n
}

func TestOpignoOAuthTokensAreReusedAndRenewedBeforeExpiry(t *testing.T) {
	demoSecrets(t)
	ctx := context.Background()
	list := func(c *opigno.Client) {
		t.Helper()
		if _, err := c.PossibleConnections(ctx, opigno.ListArgs{First: 1}); err != nil {
			t.Fatal(err)
		}
	}

	url, tokens := tokenCounter(t, demo.Options{})
	oc := connect(t, profileFor(url)).Opigno
	for range 3 {
		list(oc)
	}
	if n := tokens.Load(); n != 1 {
		t.Errorf("an hour-long token: %d token requests for 3 queries, want 1", n)
	}

	// A token that expires within the renewal margin is replaced before
	// it is used, while the server would still accept it.
	url, tokens = tokenCounter(t, demo.Options{OpignoTokenTTL: time.Minute})
	oc = connect(t, profileFor(url)).Opigno
	for range 3 {
		list(oc)
	}
	if n := tokens.Load(); n != 3 {
		t.Errorf("a token about to expire: %d token requests for 3 queries, want 3", n)
	}
}

func TestOpignoTokenRejectedByTheServerIsRenewedOnce(t *testing.T) {
	demoSecrets(t)
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	url, tokens := tokenCounter(t, demo.Options{Now: clock})
	oc := connect(t, profileFor(url)).Opigno
	ctx := context.Background()
	if _, err := oc.PossibleConnections(ctx, opigno.ListArgs{First: 1}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = now.Add(2 * time.Hour) // the server's clock: the token has expired
	mu.Unlock()
	if _, err := oc.PossibleConnections(ctx, opigno.ListArgs{First: 1}); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if n := tokens.Load(); n != 2 {
		t.Errorf("%d token requests, want 2", n)
	}
}

func TestDemoProfileConnectsToEveryAPI(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	p, err := demo.Profile(srv.URL, demo.DefaultSeed, "").Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cl, err := p.Clients(config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if cur, ok, err := cl.Opigno.CurrentContext(ctx); err != nil || !ok || cur.Name != "Demo Administrator" {
		t.Errorf("opigno: %+v %v", cur, err)
	}
	if u, err := cl.Scope.SearchUsers(ctx, "", "", 1); err != nil || len(u.Items) != 1 {
		t.Errorf("scope: %v", err)
	}
	if u, err := cl.Vision.Users(ctx, "", 1); err != nil || len(u.Items) != 1 {
		t.Errorf("vision: %v", err)
	}
	if len(cl.Vision.WatchedGroups()) < 30 {
		t.Errorf("the demo profile watches %d groups", len(cl.Vision.WatchedGroups()))
	}
}

func TestCheckOnlineReportsEachAPI(t *testing.T) {
	demoSecrets(t)
	srv := demotest.Start(t, demo.Options{})
	f := parse(t, profileFor(srv.URL))
	lines, ok := config.Check(context.Background(), f, "", true)
	out := strings.Join(lines, "\n")
	for _, want := range []string{
		"profile demo",
		"  opigno  " + srv.URL + "/opigno/graphql",
		"client demo-client at " + srv.URL + "/opigno/oauth/token, client_secret from $TEST_OPIGNO_SECRET",
		"token from $TEST_SCOPE_TOKEN",
		"api_key from $TEST_VISION_KEY, api_secret from $TEST_VISION_SECRET",
		"✓ every secret was read",
		"✓ opigno: reachable, authenticated (acting as Demo Administrator)",
		"✓ scope: reachable, authenticated (1200 users)\n      introspection allowed\n      documented: ✓ users · ✓ groups · ✓ Group.members\n      optional, has: users(after), User.originGroup, users.pageInfo",
		"✓ vision: reachable, authenticated (1 of 2 watched groups found)\n      introspection not needed: everything rosterm uses here is documented\n      documented: ✓ listUsers · ✓ getUser · ✓ getUsersByEmail · ✓ getGroups",
		"✓ vision: reachable, authenticated (1 of 2 watched groups found)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if !ok {
		t.Errorf("not ok:\n%s", out)
	}
	assertNoSecret(t, "check output", out)

	legacy := demotest.Start(t, demo.Options{ScopeLegacy: true})
	lines, _ = config.Check(context.Background(), parse(t, profileFor(legacy.URL)), "", true)
	if out := strings.Join(lines, "\n"); !strings.Contains(out, "– users (absent: rosterm does without it)") || !strings.Contains(out, "optional, lacks: users(after), users.pageInfo") {
		t.Errorf("a Scope before 2.28.1 lacks Query.users:\n%s", out)
	}
}

// Against a server with only what the vendors document, refusing
// introspection, the check says so, and which optional capabilities it
// lacks, before the UI is opened; the profile's communities are looked up.
func TestCheckOnlineOnTheDocumentedServers(t *testing.T) {
	demoSecrets(t)
	srv := demotest.Start(t, demo.Options{Strict: true, NoIntrospection: true})
	ids := demoopigno.AdminCommunityIDs(demo.DefaultSeed)
	text := strings.Replace(profileFor(srv.URL), "      acting_uuid:", "      communities: ["+ids[0]+", 999999]\n      acting_uuid:", 1)
	lines, ok := config.Check(context.Background(), parse(t, text), "", true)
	out := strings.Join(lines, "\n")
	for _, want := range []string{
		"✓ opigno: reachable, authenticated (acting as " + demoopigno.AdminUUID + "; 1 of 2 communities found)",
		"introspection refused (rosterm uses what the vendor documents): the server reported: GraphQL introspection is not allowed",
		"documented: ✓ getPossibleUserConnections · ✓ getUserConnectionsNetwork · ✓ getPendingUserInvitations",
		"optional, lacks: getCurrentUserContext, getSentUserInvitations, getUserCommunities, getPendingCommunityInvitations",
		"✓ scope: reachable, authenticated (1200 users)\n      introspection refused (rosterm uses what the vendor documents): the server reported: Field '__schema' doesn't exist on type 'Query'\n      documented: ✓ users · ✓ groups · ✓ Group.members\n      optional, lacks: users(after), User.originGroup, users.pageInfo",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if !ok || strings.Contains(out, "✗") {
		t.Errorf("a documented server with every documented operation is fine:\n%s", out)
	}
	for doc, n := range srv.Refused() {
		if n > 1 {
			t.Errorf("sent %d times, refused:\n%s", n, doc)
		}
	}
}

func TestCheckOnlineSaysWhatFailed(t *testing.T) {
	demoSecrets(t)
	t.Setenv("TEST_SCOPE_TOKEN", "wrong-scope-token")
	srv := demotest.Start(t, demo.Options{})
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://" + ln.Addr().String()
	ln.Close()
	text := strings.Replace(profileFor(srv.URL), srv.URL+"/vision/graphql", closed+"/vision/graphql", 1)
	// The closed port's retries wait on a virtual clock.
	lines, ok := config.Check(clock.With(context.Background(), clock.NewVirtual(time.Now())), parse(t, text), "demo", true)
	out := strings.Join(lines, "\n")
	if ok {
		t.Error("ok with a wrong token and a closed port")
	}
	for _, want := range []string{"✓ opigno: reachable, authenticated", "✗ scope: reachable, not authenticated", "✗ vision: not reachable"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	assertNoSecret(t, "check output", out)

	t.Setenv("TEST_OPIGNO_SECRET", "")
	lines, ok = config.Check(context.Background(), parse(t, text), "", false)
	if out := strings.Join(lines, "\n"); ok || !strings.Contains(out, "✗ config.yaml:7: profiles.demo.opigno.client_secret: the environment variable TEST_OPIGNO_SECRET is not set") {
		t.Errorf("an unreadable secret:\n%s", out)
	}
}

// assertNoSecret fails when text holds one of the demo's credentials.
func assertNoSecret(t *testing.T, what, text string) {
	t.Helper()
	for _, s := range []string{"demo-secret", "demo-scope-token", "wrong-scope-token", "demo-key"} {
		if strings.Contains(text, s) {
			t.Errorf("%s shows the credential %q:\n%s", what, s, text)
		}
	}
}
