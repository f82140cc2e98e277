// Package serve is `rosterm serve`: rosterm's UI over SSH for a team. One
// server holds the API credentials; each person signs in with their own
// key (public-key authentication only, the keys and roles in a users
// file) and gets the whole UI in a session of their own: their own model,
// size, theme and keymap, read-only when their role is viewer, acting as
// their own Opigno user when the users file says so. The sessions share
// the API clients, so one token exchange and one schema discovery serve
// the whole server. Every change a session sends is in the journal with
// the person's name and key fingerprint.
//
// It speaks SSH with golang.org/x/crypto/ssh directly, so that everything
// but a terminal session is refused at the protocol level: a command
// (exec), a subsystem, a session without a PTY, port and agent forwarding.
package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/keymap"
)

// Defaults of the limits.
const (
	DefaultMaxSessions  = 32
	DefaultMaxPerPerson = 4
	DefaultIdle         = 30 * time.Minute
	DefaultWriteTimeout = 10 * time.Second
	handshakeTimeout    = 20 * time.Second
)

// Shared is what every session shares: the profile's clients (with their
// token caches and what the servers taught them) and the program's
// settings. Each session copies what it may change.
type Shared struct {
	Clients    config.Clients
	Keys       *keymap.Map // each session gets a copy
	Theme      string      // a theme name; auto follows each terminal's background
	Timeout    time.Duration
	ReadOnly   bool // the profile's read_only, or --read-only: every session only looks
	Demo       bool
	People     []opigno.Context // offered by the act-as menu (the demo's)
	Profile    string
	ConfigPath string
	Mouse      bool
	// UndoDelay and Grace, when not zero, replace the UI's (tests).
	UndoDelay, Grace time.Duration
	// Secrets are every credential the program knows, kept off every
	// session's screen and out of the server's log.
	Secrets *api.Secrets
}

// Options configure a Server.
type Options struct {
	HostKey ssh.Signer
	// Users may sign in; UsersPath is re-read by Reload. With Open and no
	// users, any key signs in, as an operator named by the SSH user name:
	// for the demo only.
	Users     *Users
	UsersPath string
	Open      bool
	// Limits: 0 takes the default.
	MaxSessions  int           // sessions at once
	MaxPerPerson int           // sessions at once per person
	Idle         time.Duration // a session without a key for this long closes
	WriteTimeout time.Duration // a client that reads nothing for this long is disconnected
	// Clock is the server's time: it times Idle, and each session's own
	// timers (an accept's undo window). nil is the real clock (a test's
	// is virtual).
	Clock clock.Clock
	// Log hears what happens (sign-ins, refusals, sessions ending); nil
	// discards it.
	Log    func(string)
	Shared Shared
}

// Server serves the UI over SSH.
type Server struct {
	o      Options
	config *ssh.ServerConfig
	users  atomic.Pointer[Users]

	mu        sync.Mutex
	listeners map[net.Listener]bool
	conns     map[*ssh.ServerConn]int // open connections and how many sessions each has
	raw       map[net.Conn]bool       // connections not yet past the handshake
	sessions  map[*session]bool
	draining  bool
	drained   chan struct{} // closed when the last session ends while draining
	wg        sync.WaitGroup
}

// New checks o and builds a server.
func New(o Options) (*Server, error) {
	if o.HostKey == nil {
		return nil, errors.New("serve: no host key")
	}
	if o.Users == nil && !o.Open {
		return nil, errors.New("serve: no users file: nobody could sign in")
	}
	if o.MaxSessions <= 0 {
		o.MaxSessions = DefaultMaxSessions
	}
	if o.MaxPerPerson <= 0 {
		o.MaxPerPerson = DefaultMaxPerPerson
	}
	if o.Idle <= 0 {
		o.Idle = DefaultIdle
	}
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = DefaultWriteTimeout
	}
	if o.Log == nil {
		o.Log = func(string) {}
	}
	if o.Clock == nil {
		o.Clock = clock.Real{}
	}
	s := &Server{o: o, listeners: map[net.Listener]bool{}, conns: map[*ssh.ServerConn]int{}, raw: map[net.Conn]bool{},
		sessions: map[*session]bool{}, drained: make(chan struct{})}
	s.users.Store(o.Users)
	s.config = &ssh.ServerConfig{
		PublicKeyCallback: s.publicKey,
		// No password, keyboard-interactive or none method is offered: a
		// client trying one is told only publickey can continue.
		MaxAuthTries:  6,
		ServerVersion: "SSH-2.0-rosterm",
		BannerCallback: func(ssh.ConnMetadata) string {
			return ""
		},
	}
	s.config.AddHostKey(o.HostKey)
	return s, nil
}

// Fingerprint is the host key's SHA256 fingerprint, as ssh-keygen -l and
// ssh-keyscan show it.
func (s *Server) Fingerprint() string { return ssh.FingerprintSHA256(s.o.HostKey.PublicKey()) }

// Reload reads the users file again (SIGHUP). New sign-ins follow it at
// once; a session whose key is gone, or whose person's role or acting
// user changed, is closed with a notice so it reconnects as the file now
// says. A file with problems changes nothing.
func (s *Server) Reload() error {
	if s.o.UsersPath == "" {
		return errors.New("no users file to read again")
	}
	u, err := LoadUsers(s.o.UsersPath)
	if err != nil {
		return err
	}
	s.users.Store(u)
	s.mu.Lock()
	var changed []*session
	for sess := range s.sessions {
		p, ok := u.Lookup(sess.key)
		if !ok || p.Name != sess.person.Name || p.Role != sess.person.Role || p.Acting != sess.person.Acting {
			changed = append(changed, sess)
		}
	}
	s.mu.Unlock()
	for _, sess := range changed {
		sess.end("your access changed on the server: sign in again")
	}
	s.o.Log(fmt.Sprintf("users file read again: %d people; %d sessions closed for changed access", u.Len(), len(changed)))
	return nil
}

var userNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,31}$`)

// publicKey lets in a key the users file lists (or, open, any key).
func (s *Server) publicKey(meta ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
	fp := ssh.FingerprintSHA256(key)
	if p, ok := s.users.Load().Lookup(key); ok {
		return &ssh.Permissions{Extensions: map[string]string{"name": p.Name, "fp": fp, "key": string(key.Marshal())}}, nil
	}
	if s.o.Open {
		name := meta.User()
		if !userNameRE.MatchString(name) {
			name = "guest"
		}
		return &ssh.Permissions{Extensions: map[string]string{"name": name, "fp": fp, "key": string(key.Marshal())}}, nil
	}
	s.o.Log(fmt.Sprintf("refused %s: unknown key %s", meta.RemoteAddr(), fp))
	return nil, fmt.Errorf("unknown key %s", fp)
}

// Serve accepts connections on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.draining {
		s.mu.Unlock()
		ln.Close()
		return ErrServerClosed
	}
	s.listeners[ln] = true
	s.mu.Unlock()
	for {
		nc, err := ln.Accept()
		if err != nil {
			s.mu.Lock()
			draining := s.draining
			delete(s.listeners, ln)
			s.mu.Unlock()
			if draining {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			return err
		}
		if !s.track(nc) {
			nc.Close()
			continue
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.handleConn(nc)
		}()
	}
}

// ErrServerClosed is Serve's answer once Shutdown has begun.
var ErrServerClosed = errors.New("serve: server closed")

// track notes a new connection, unless the server is stopping or too many
// are still signing in.
func (s *Server) track(nc net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.draining || len(s.raw) >= 2*s.o.MaxSessions {
		return false
	}
	s.raw[nc] = true
	return true
}

func (s *Server) handleConn(nc net.Conn) {
	_ = nc.SetDeadline(time.Now().Add(handshakeTimeout))
	sc, chans, reqs, err := ssh.NewServerConn(nc, s.config)
	s.mu.Lock()
	delete(s.raw, nc)
	if err == nil && s.draining {
		err = ErrServerClosed
	}
	if err == nil {
		s.conns[sc] = 0
	}
	s.mu.Unlock()
	if err != nil {
		nc.Close()
		return
	}
	_ = nc.SetDeadline(time.Time{})
	name, fp := sc.Permissions.Extensions["name"], sc.Permissions.Extensions["fp"]
	s.o.Log(fmt.Sprintf("%s (%s) signed in from %s", name, fp, sc.RemoteAddr()))
	defer func() {
		s.mu.Lock()
		delete(s.conns, sc)
		s.mu.Unlock()
		sc.Close()
	}()
	// Global requests (tcpip-forward: remote port forwarding) are refused.
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		ssh.DiscardRequests(reqs)
	}()
	var sessions sync.WaitGroup
	for nch := range chans {
		if nch.ChannelType() != "session" {
			// direct-tcpip (local port forwarding), x11, agent channels.
			_ = nch.Reject(ssh.Prohibited, "rosterm serves its terminal UI only: no forwarding")
			s.o.Log(fmt.Sprintf("%s: refused a %s channel", name, nch.ChannelType()))
			continue
		}
		ch, creqs, err := nch.Accept()
		if err != nil {
			continue
		}
		sessions.Add(1)
		go func() {
			defer sessions.Done()
			s.handleChannel(sc, ch, creqs)
		}()
	}
	sessions.Wait()
}

// admit registers a session, or says why it may not start.
func (s *Server) admit(sess *session) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.draining {
		return "the server is stopping; try again in a moment"
	}
	if len(s.sessions) >= s.o.MaxSessions {
		return fmt.Sprintf("the server has %d sessions open, its limit; try again later", s.o.MaxSessions)
	}
	mine := 0
	for other := range s.sessions {
		if other.person.Name == sess.person.Name {
			mine++
		}
	}
	if mine >= s.o.MaxPerPerson {
		return fmt.Sprintf("you have %d sessions open, the most one person may; close one first", mine)
	}
	s.sessions[sess] = true
	return ""
}

// leave unregisters a session.
func (s *Server) leave(sess *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, sess)
	if s.draining && len(s.sessions) == 0 {
		select {
		case <-s.drained:
		default:
			close(s.drained)
		}
	}
}

// Sessions is how many sessions are open.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Shutdown stops the server: it accepts no more connections, tells every
// session the server is stopping, and lets each end once no change of
// its is waiting (an accept or decline still in its undo window is sent
// when the window ends, unless its person takes it back meanwhile; one on
// its way gets its answer). When ctx ends first, the sessions left are
// closed (whatever still waits in an undo window is never sent). It
// returns once every connection and goroutine of the server has ended.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.draining = true
	for ln := range s.listeners {
		ln.Close()
	}
	for nc := range s.raw {
		nc.Close()
	}
	var sessions []*session
	for sess := range s.sessions {
		sessions = append(sessions, sess)
	}
	if len(s.sessions) == 0 {
		select {
		case <-s.drained:
		default:
			close(s.drained)
		}
	}
	s.mu.Unlock()
	s.o.Log(fmt.Sprintf("stopping: %d sessions to end", len(sessions)))
	for _, sess := range sessions {
		sess.drain()
	}
	var err error
	select {
	case <-s.drained:
	case <-ctx.Done():
		err = ctx.Err()
		s.mu.Lock()
		sessions = sessions[:0]
		for sess := range s.sessions {
			sessions = append(sessions, sess)
		}
		s.mu.Unlock()
		for _, sess := range sessions {
			sess.end("the server stopped")
		}
	}
	// Connections with no session left (signed in, or between sessions).
	s.mu.Lock()
	for sc := range s.conns {
		sc.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}
