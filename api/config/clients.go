package config

import (
	"context"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/journal"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/api/vision"
)

// DefaultTimeout is how long one request may take unless the file says.
const DefaultTimeout = 15 * time.Second

// secrets lists pointers to the profile's credential settings.
func (p *Profile) secrets() []*Secret {
	var out []*Secret
	if o := p.Opigno; o != nil {
		out = append(out, &o.ClientSecret, &o.Token)
	}
	if s := p.Scope; s != nil {
		out = append(out, &s.Token)
	}
	if v := p.Vision; v != nil {
		out = append(out, &v.APIKey, &v.APISecret, &v.Token)
	}
	return out
}

// Resolve reads every credential of the profile from where it comes from,
// and returns the profile with the values filled in. Errors name the
// setting and its line, and say how to fix it; all are reported.
func (p Profile) Resolve(ctx context.Context) (Profile, error) {
	// Copy the sections so the caller's profile is left as it was.
	if p.Opigno != nil {
		o := *p.Opigno
		p.Opigno = &o
	}
	if p.Scope != nil {
		s := *p.Scope
		p.Scope = &s
	}
	if p.Vision != nil {
		v := *p.Vision
		p.Vision = &v
	}
	var errs Errors
	for _, s := range p.secrets() {
		if err := s.resolve(ctx); err != nil {
			errs = append(errs, err.(*Error))
		}
	}
	return p, errs.err()
}

// Secrets are the profile's resolved credential values, for keeping them
// out of logs and messages.
func (p Profile) Secrets() []string {
	var out []string
	for _, s := range p.secrets() {
		if s.value != "" {
			out = append(out, s.value)
		}
	}
	return out
}

// Registry is a new registry of the profile's credentials, for keeping
// them out of every error, log line and screen: each resolved secret, the
// HTTP Basic values they make (Vision's key and secret, Opigno's client
// id and secret), and the credentials written in any endpoint's URL. One
// is made per program and handed down (Options.Secrets, the debug log,
// the UI); the clients add the tokens they are issued to it.
func (p Profile) Registry() *api.Secrets {
	r := api.NewSecrets()
	p.Register(r)
	return r
}

// Register adds the profile's credentials to r, as Registry has them.
func (p Profile) Register(r *api.Secrets) {
	r.Add(p.Secrets()...)
	if o := p.Opigno; o != nil {
		r.AddBasic(o.ClientID, o.ClientSecret.value)
		r.AddURL(o.Endpoint)
		r.AddURL(o.TokenURL)
	}
	if s := p.Scope; s != nil {
		r.AddURL(s.Endpoint)
	}
	if v := p.Vision; v != nil {
		r.AddBasic(v.APIKey.value, v.APISecret.value)
		r.AddURL(v.Endpoint)
		r.AddURL(v.TokenURL)
	}
}

// Options are how to build a profile's clients.
type Options struct {
	Timeout time.Duration // per request; 0 means DefaultTimeout
	Log     api.Logger    // --debug; nil logs nothing
	Acting  string        // an Opigno user context to act as instead of acting_uuid
	// Journal records every change the clients send; nil records nothing.
	Journal *journal.Journal
	// Secrets is the program's registry of credentials (p.Registry());
	// nil makes one for these clients.
	Secrets *api.Secrets
}

// Clients are the API clients of a profile; nil where it configures none.
type Clients struct {
	Opigno *opigno.Client
	Scope  *scope.Client
	Vision *vision.Client
}

// Clients builds the clients of a resolved profile.
func (p Profile) Clients(o Options) (Clients, error) {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Secrets == nil {
		o.Secrets = p.Registry()
	}
	var c Clients
	var err error
	if x := p.Opigno; x != nil {
		acting := x.ActingUUID
		if o.Acting != "" {
			acting = o.Acting
		}
		c.Opigno, err = opigno.New(opigno.Config{
			Endpoint: x.Endpoint, Token: x.Token.value, TokenURL: x.TokenURL,
			ClientID: x.ClientID, ClientSecret: x.ClientSecret.value,
			ActingUUID: acting, Communities: x.Communities, Timeout: o.Timeout, Log: o.Log, Journal: o.Journal, Secrets: o.Secrets,
		})
		if err != nil {
			return Clients{}, err
		}
	}
	if x := p.Scope; x != nil {
		c.Scope, err = scope.New(scope.Config{Endpoint: x.Endpoint, Token: x.Token.value, Timeout: o.Timeout, Log: o.Log, Journal: o.Journal, Secrets: o.Secrets})
		if err != nil {
			return Clients{}, err
		}
	}
	if x := p.Vision; x != nil {
		c.Vision, err = vision.New(vision.Config{
			Endpoint: x.Endpoint, TokenURL: x.TokenURL, TokenMethod: x.TokenMethod, Key: x.APIKey.value, Secret: x.APISecret.value,
			Token: x.Token.value, Groups: x.Groups, Timeout: o.Timeout, Log: o.Log, Journal: o.Journal, Secrets: o.Secrets,
		})
		if err != nil {
			return Clients{}, err
		}
	}
	return c, nil
}

// Close drops the clients' idle connections.
func (c Clients) Close() {
	if c.Opigno != nil {
		c.Opigno.Close()
	}
	if c.Scope != nil {
		c.Scope.Close()
	}
	if c.Vision != nil {
		c.Vision.Close()
	}
}
