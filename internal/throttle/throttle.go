// Package throttle counts failures per client in a sliding window and refuses further attempts once
// a limit is reached: it slows password guessing on the login page and code guessing on the public
// dossier lookup.
package throttle

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Window is a per-key failure counter over a sliding time window, safe for concurrent use.
type Window struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	hits   map[string][]time.Time
}

// New returns a Window that blocks a key after limit failures within window.
func New(limit int, window time.Duration) *Window {
	return &Window{limit: limit, window: window, hits: map[string][]time.Time{}}
}

// Blocked reports whether the key has reached the limit at instant now.
func (t *Window) Blocked(key string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.prune(key, now)) >= t.limit
}

// Fail records a failure of the key at instant now.
func (t *Window) Fail(key string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.hits[key] = append(t.prune(key, now), now)
	if len(t.hits) > 100000 { // bound memory under a flood: forget everyone
		t.hits = map[string][]time.Time{}
	}
}

func (t *Window) prune(key string, now time.Time) []time.Time {
	h := t.hits[key]
	i := 0
	for i < len(h) && now.Sub(h[i]) > t.window {
		i++
	}
	h = h[i:]
	if len(h) == 0 {
		delete(t.hits, key)
	} else {
		t.hits[key] = h
	}
	return h
}

// ClientAddr is the client's IP address without the port.
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
