package web

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// throttle counts failures per client address in a sliding window and refuses further attempts once
// the limit is reached, slowing password guessing across many usernames.
type throttle struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	hits   map[string][]time.Time
}

func newThrottle(limit int, window time.Duration) *throttle {
	return &throttle{limit: limit, window: window, hits: map[string][]time.Time{}}
}

// blocked reports whether the address has reached the limit at instant now.
func (t *throttle) blocked(addr string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.prune(addr, now)) >= t.limit
}

// fail records a failure of the address at instant now.
func (t *throttle) fail(addr string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.hits[addr] = append(t.prune(addr, now), now)
	if len(t.hits) > 100000 { // bound memory under a flood: forget everyone
		t.hits = map[string][]time.Time{}
	}
}

func (t *throttle) prune(addr string, now time.Time) []time.Time {
	h := t.hits[addr]
	i := 0
	for i < len(h) && now.Sub(h[i]) > t.window {
		i++
	}
	h = h[i:]
	if len(h) == 0 {
		delete(t.hits, addr)
	} else {
		t.hits[addr] = h
	}
	return h
}

// clientAddr is the client's IP without the port.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
