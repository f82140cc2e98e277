package opigno

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

const currentQuery = `{ getCurrentUserContext { id uuid displayName isActive scope } }`

func TestGraphQLAuthFailuresAre401(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		name, auth, uuid, want string
	}{
		{"no authorization", "", AdminUUID, "missing Authorization header"},
		{"wrong token", "Bearer nope", AdminUUID, "invalid or has expired"},
		{"basic scheme", "Basic ZGVtbzpkZW1v", AdminUUID, "must be: Bearer"},
		{"bearer without token", "Bearer ", AdminUUID, "must be: Bearer"},
		{"token without scheme", DemoToken, AdminUUID, "must be: Bearer"},
		{"missing uuid", "Bearer " + DemoToken, "", "missing Opigno-Client-UUID"},
		{"malformed uuid", "Bearer " + DemoToken, "not-a-uuid", "not a valid UUID"},
		{"uuid with braces", "Bearer " + DemoToken, "{" + AdminUUID[1:] + "}", "not a valid UUID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, e.http.URL+"/opigno/graphql", strings.NewReader(`{"query":"{ getCurrentUserContext { id } }"}`))
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			if tc.uuid != "" {
				req.Header.Set("Opigno-Client-UUID", tc.uuid)
			}
			resp, err := e.http.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct {
				Data   json.RawMessage `json:"data"`
				Errors []struct {
					Message string `json:"message"`
				} `json:"errors"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusUnauthorized || string(body.Data) != "null" ||
				len(body.Errors) != 1 || !strings.Contains(body.Errors[0].Message, tc.want) {
				t.Fatalf("status %d, body %+v, want 401 with %q", resp.StatusCode, body, tc.want)
			}
			if strings.Contains(body.Errors[0].Message, "nope") {
				t.Error("the error repeats the token")
			}
		})
	}
}

func TestUUIDHeaderIsCaseInsensitive(t *testing.T) {
	e := newEnv(t)
	var data struct {
		Me struct{ ID string } `json:"getCurrentUserContext"`
	}
	e.query(strings.ToUpper(contextUUID(1, 10)), currentQuery, nil, &data)
	if data.Me.ID != "10" {
		t.Fatalf("upper-case uuid acted as %q", data.Me.ID)
	}
}

func (e *testEnv) clientCredentials(id, secret string, style oauth2.AuthStyle) *clientcredentials.Config {
	return &clientcredentials.Config{
		ClientID: id, ClientSecret: secret, TokenURL: e.http.URL + "/opigno/oauth/token", AuthStyle: style,
	}
}

func TestOAuthClientCredentials(t *testing.T) {
	for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInHeader, oauth2.AuthStyleInParams} {
		e := newEnv(t)
		ctx := context.WithValue(context.Background(), oauth2.HTTPClient, e.http.Client())
		tok, err := e.clientCredentials(DemoClientID, DemoClientSecret, style).Token(ctx)
		if err != nil {
			t.Fatalf("style %v: %v", style, err)
		}
		if tok.TokenType != "Bearer" || tok.AccessToken == DemoToken || time.Until(tok.Expiry) > 11*time.Minute {
			t.Errorf("token %+v", tok)
		}
		var data struct {
			Me struct{ ID string } `json:"getCurrentUserContext"`
		}
		status, res := e.raw(tok.AccessToken, MemberUUID, currentQuery, nil)
		if status != http.StatusOK || json.Unmarshal(res.Data, &data) != nil || data.Me.ID != "2" {
			t.Fatalf("issued token: status %d, %s %+v", status, res.Data, res.Errors)
		}
		e.clock.Advance(10 * time.Minute)
		if status, _ := e.raw(tok.AccessToken, MemberUUID, currentQuery, nil); status != http.StatusUnauthorized {
			t.Errorf("expired token: status %d, want 401", status)
		}
		if status, _ := e.raw(DemoToken, MemberUUID, currentQuery, nil); status != http.StatusOK {
			t.Errorf("demo token: status %d after the clock moved", status)
		}
	}
}

func TestOAuthTokensAreDistinct(t *testing.T) {
	e := newEnv(t)
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, e.http.Client())
	cfg := e.clientCredentials(DemoClientID, DemoClientSecret, oauth2.AuthStyleInHeader)
	a, errA := cfg.Token(ctx)
	b, errB := cfg.Token(ctx)
	if errA != nil || errB != nil || a.AccessToken == b.AccessToken {
		t.Fatalf("two tokens %v %v equal or failed", errA, errB)
	}
}

// postToken posts a raw token request and decodes the JSON answer.
func (e *testEnv) postToken(form url.Values, basicUser, basicPass string) (int, map[string]any) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.http.URL+"/opigno/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if basicUser != "" {
		req.SetBasicAuth(basicUser, basicPass)
	}
	resp, err := e.http.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		e.t.Fatal(err)
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		e.t.Error("token response is cacheable")
	}
	return resp.StatusCode, body
}

func TestOAuthErrors(t *testing.T) {
	e := newEnv(t)
	good := url.Values{"grant_type": {"client_credentials"}, "client_id": {DemoClientID}, "client_secret": {DemoClientSecret}}
	status, body := e.postToken(good, "", "")
	if status != http.StatusOK || body["token_type"] != "Bearer" || body["expires_in"] != float64(600) || body["access_token"] == "" {
		t.Fatalf("good request: %d %v", status, body)
	}
	for _, tc := range []struct {
		name       string
		form       url.Values
		user, pass string
		status     int
		code       string
	}{
		{"wrong secret in form", url.Values{"grant_type": {"client_credentials"}, "client_id": {DemoClientID}, "client_secret": {"x"}}, "", "", 401, "invalid_client"},
		{"unknown client in form", url.Values{"grant_type": {"client_credentials"}, "client_id": {"x"}, "client_secret": {DemoClientSecret}}, "", "", 401, "invalid_client"},
		{"no client", url.Values{"grant_type": {"client_credentials"}}, "", "", 401, "invalid_client"},
		{"wrong secret in basic", url.Values{"grant_type": {"client_credentials"}}, DemoClientID, "x", 401, "invalid_client"},
		{"password grant", url.Values{"grant_type": {"password"}}, DemoClientID, DemoClientSecret, 400, "unsupported_grant_type"},
		{"authorization code grant", url.Values{"grant_type": {"authorization_code"}, "client_id": {DemoClientID}, "client_secret": {DemoClientSecret}}, "", "", 400, "unsupported_grant_type"},
		{"no grant", url.Values{}, DemoClientID, DemoClientSecret, 400, "invalid_request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := e.with(t).postToken(tc.form, tc.user, tc.pass)
			if status != tc.status || body["error"] != tc.code || body["access_token"] != nil {
				t.Fatalf("got %d %v, want %d %s", status, body, tc.status, tc.code)
			}
		})
	}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, e.http.Client())
	_, err := e.clientCredentials(DemoClientID, "wrong", oauth2.AuthStyleInParams).Token(ctx)
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_client" {
		t.Fatalf("oauth2 client error %v, want invalid_client", err)
	}
}

func TestTokenTableIsBounded(t *testing.T) {
	tk := &tokens{expires: map[[32]byte]time.Time{}}
	now := time.Unix(1e9, 0)
	var first string
	for i := range maxLiveTokens + 10 {
		tok, err := tk.issue(now.Add(time.Duration(i)*time.Millisecond), time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = tok
		}
	}
	if len(tk.expires) > maxLiveTokens {
		t.Fatalf("%d live tokens", len(tk.expires))
	}
	if tk.valid(first, now) {
		t.Error("the oldest token survived eviction")
	}
}

// TestAnonymousContext: a well-formed unknown uuid acts as an anonymous
// context that can only create itself with setUserContext.
func TestAnonymousContext(t *testing.T) {
	e := newEnv(t)
	const newUUID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
	var data struct {
		Me *struct {
			ID    string  `json:"id"`
			Scope *string `json:"scope"`
		} `json:"getCurrentUserContext"`
	}
	e.query(newUUID, currentQuery, nil, &data)
	if data.Me != nil {
		t.Fatalf("unknown uuid is %+v, want null", data.Me)
	}
	e.queryError(newUUID, `{ getPossibleUserConnections(first: 1) { totalItems } }`, nil, "AUTHENTICATED user context is required")
	e.mustFail(newUUID, `mutation { createUserInvitation(inviteeUserContextId: 3) { errors response { id } } }`, nil, "AUTHENTICATED user context is required")
	e.mustFail(newUUID, `mutation { createCommunity(data: {title: "t", description: "d", visibility: PUBLIC}) { errors response { id } } }`, nil, "AUTHENTICATED user context is required")

	// Created without scope it stays anonymous ...
	var created struct {
		ID    string  `json:"id"`
		Scope *string `json:"scope"`
	}
	e.mustSucceed(newUUID, `mutation($u: String!) { setUserContext(uuid: $u, displayName: "New Person") { errors response { id scope } } }`,
		map[string]any{"u": newUUID}, &created)
	if created.Scope != nil || created.ID == "" {
		t.Fatalf("created %+v", created)
	}
	e.queryError(newUUID, `{ getPossibleUserConnections(first: 1) { totalItems } }`, nil, "anonymous")
	// ... and with AUTHENTICATED it may use social features.
	e.mustSucceed(newUUID, `mutation($u: String!) { setUserContext(uuid: $u, scope: AUTHENTICATED) { errors response { id scope displayName } } }`,
		map[string]any{"u": newUUID}, &created)
	if created.Scope == nil || *created.Scope != scopeAuthenticated {
		t.Fatalf("updated %+v", created)
	}
	var conns struct {
		P struct{ TotalItems int } `json:"getPossibleUserConnections"`
	}
	e.query(newUUID, `{ getPossibleUserConnections(first: 1) { totalItems } }`, nil, &conns)
	if conns.P.TotalItems < 2000 {
		t.Errorf("new context sees %d possible connections", conns.P.TotalItems)
	}
}
