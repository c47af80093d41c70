package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// testEnv returns an environment for run(): the given variables plus a cheap password hash cost.
func testEnv(vars map[string]string) env {
	return func(k string) string {
		if v, ok := vars[k]; ok {
			return v
		}
		if k == "MOTCUA_ARGON2_MEMORY_KIB" {
			return "1024"
		}
		return ""
	}
}

// runCmd runs one command to completion and returns its exit code, stdout and stderr.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, testEnv(nil), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// server is a motcua server started by run() for a test, on a free port and a temporary database.
type server struct {
	URL    string
	DB     string
	Stdout *syncBuffer
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer boots the real program ("serve --addr 127.0.0.1:0") with the given extra arguments and
// waits until it listens; the server stops when the test ends.
func startServer(t testing.TB, extra ...string) *server {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "motcua.db")
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{DB: dbPath, Stdout: &syncBuffer{}}
	ready := make(chan string, 1)
	a := &app{getenv: testEnv(nil), stdin: strings.NewReader(""), stdout: s.Stdout, stderr: io.Discard, now: time.Now,
		ready: func(addr string) { ready <- addr }}
	done := make(chan int, 1)
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", dbPath}, extra...)
	go func() { done <- a.run(ctx, args) }()
	select {
	case addr := <-ready:
		s.URL = "http://" + addr
	case code := <-done:
		cancel()
		t.Fatalf("server exited with %d: %s", code, s.Stdout.String())
	case <-time.After(2 * time.Minute): // the demo loads in about 2 s, 15 s under -race; CI runs packages side by side
		cancel()
		t.Fatal("server did not start in 2 minutes")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("server did not stop")
		}
	})
	return s
}

func TestServeDemoIsReady(t *testing.T) {
	s := startServer(t, "--demo")
	resp, err := http.Get(s.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"ok"`) {
		t.Fatalf("healthz = %d %s", resp.StatusCode, body)
	}
	out := s.Stdout.String()
	for _, want := range []string{s.URL, "quantri", "tiepnhan", "motcua2026"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve output lacks %q:\n%s", want, out)
		}
	}
	resp, err = http.Get(s.URL + "/api/v1/me")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 401 || !strings.Contains(string(body), `"code":"unauthorized"`) {
		t.Fatalf("API not mounted: %d %s", resp.StatusCode, body)
	}
	resp, err = http.Get(s.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `<html lang="vi">`) || !strings.Contains(string(body), "Đăng nhập") {
		t.Fatalf("login page is not in Vietnamese:\n%s", body)
	}
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}
