package throttle

import (
	"testing"
	"time"
)

func TestWindow(t *testing.T) {
	w := New(3, time.Minute)
	t0 := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 3; i++ {
		if w.Blocked("10.0.0.1", t0) {
			t.Fatalf("blocked after %d failures", i)
		}
		w.Fail("10.0.0.1", t0.Add(time.Duration(i)*time.Second))
	}
	if !w.Blocked("10.0.0.1", t0.Add(3*time.Second)) {
		t.Fatal("not blocked after 3 failures")
	}
	if w.Blocked("10.0.0.2", t0) {
		t.Fatal("another address is blocked")
	}
	// The window slides: the first failure expires a minute later and one attempt is allowed again.
	if w.Blocked("10.0.0.1", t0.Add(time.Minute+500*time.Millisecond)) {
		t.Fatal("still blocked after the first failure left the window")
	}
}
