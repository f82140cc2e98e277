package demo

import (
	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/demo/scope"
	"github.com/rosterm/rosterm/api/demo/vision"
	apiopigno "github.com/rosterm/rosterm/api/opigno"
)

// Profile is the configuration of a demo server at url (rosterm
// demo-server, or the one rosterm starts in-process) serving the data of
// seed: the demo's credentials, acting in Opigno as actingUUID (the demo
// administrator when ""). The clients and the UI know nothing of the demo;
// main wires it through this profile like any other.
func Profile(url string, seed uint64, actingUUID string) config.Profile {
	if actingUUID == "" {
		actingUUID = opigno.AdminUUID
	}
	if seed == 0 {
		seed = DefaultSeed
	}
	return config.Profile{
		Name: "demo",
		Opigno: &config.Opigno{
			Endpoint: url + "/opigno/graphql", TokenURL: url + "/opigno/oauth/token",
			ClientID: opigno.DemoClientID, ClientSecret: config.PlainSecret(opigno.DemoClientSecret),
			ActingUUID: actingUUID,
			// A strict demo, like a real Opigno, cannot list the caller's
			// communities: the profile names the administrator's.
			Communities: opigno.AdminCommunityIDs(seed),
		},
		Scope: &config.Scope{Endpoint: url + "/scope/graphql", Token: config.PlainSecret(scope.DemoToken)},
		Vision: &config.Vision{
			Endpoint: url + "/vision/graphql", TokenURL: url + "/vision/token",
			APIKey: config.PlainSecret(vision.DemoKey), APISecret: config.PlainSecret(vision.DemoSecret),
			Groups: vision.GroupIDs(),
		},
	}
}

// People are the demo's people worth acting as, for the act-as menu: its
// administrator and an ordinary member.
func People() []apiopigno.Context {
	return []apiopigno.Context{
		{UUID: opigno.AdminUUID, Name: "Demo Administrator"},
		{UUID: opigno.MemberUUID, Name: "Demo Member"},
	}
}
