package main

import (
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// BenchmarkPublicPages measures the citizen's pages of `motcua serve --demo` under load: wrk, a separate
// process, keeps 16 connections busy on one page for MOTCUA_BENCH_PAGES_DURATION (default 10s) while a
// client in the benchmark sends requests one after another and times the first byte of each answer
// (net/http/httptrace). It reports, per page, wrk's requests per second, the time to first byte at the
// median and the 99th percentile under that load, and the page's size. The pages: a procedure (the
// start of online filing), the lookup of a dossier by code and secret, and the catalog. Skipped without
// wrk (apt-get install -y wrk).
func BenchmarkPublicPages(b *testing.B) {
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		b.Skip("wrk is not in PATH (apt-get install -y wrk)")
	}
	duration := 10 * time.Second
	if v := getenvDuration(b, "MOTCUA_BENCH_PAGES_DURATION"); v > 0 {
		duration = v
	}
	s := startServer(b, "--demo")
	db, err := sql.Open("sqlite", "file:"+s.DB+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		b.Fatal(err)
	}
	var code, secret string
	err = db.QueryRow(`SELECT code, lookup_secret FROM dossiers WHERE status = 4 AND code IS NOT NULL ORDER BY id LIMIT 1`).Scan(&code, &secret)
	db.Close()
	if err != nil {
		b.Fatal(err)
	}
	pages := []struct{ name, path string }{
		{"procedure", "/procedures/9.990005"},
		{"lookup", "/lookup?" + url.Values{"code": {code}, "secret": {secret}}.Encode()},
		{"catalog", "/procedures"},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			size := pageSize(b, s.URL+p.path)
			var rate float64
			var ttfb []time.Duration
			for range b.N {
				var wg sync.WaitGroup
				var out []byte
				var werr error
				wg.Add(1)
				go func() {
					defer wg.Done()
					out, werr = exec.Command(wrk, "-t1", "-c16", fmt.Sprintf("-d%ds", int(duration.Seconds())), s.URL+p.path).CombinedOutput()
				}()
				time.Sleep(time.Second) // let the load settle
				deadline := time.Now().Add(duration - 2*time.Second)
				for time.Now().Before(deadline) {
					ttfb = append(ttfb, firstByte(b, s.URL+p.path))
				}
				wg.Wait()
				if werr != nil {
					b.Fatalf("wrk: %v\n%s", werr, out)
				}
				m := wrkRequests.FindSubmatch(out)
				if m == nil || wrkErrors.Match(out) {
					b.Fatalf("wrk output without a rate, or with errors:\n%s", out)
				}
				r, _ := strconv.ParseFloat(string(m[1]), 64)
				rate += r
			}
			slices.Sort(ttfb)
			b.ReportMetric(rate/float64(b.N), "req/s")
			b.ReportMetric(ms(ttfb[len(ttfb)/2]), "ttfb-p50-ms")
			b.ReportMetric(ms(ttfb[len(ttfb)*99/100]), "ttfb-p99-ms")
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

var (
	wrkRequests = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkErrors   = regexp.MustCompile(`Non-2xx or 3xx responses|Socket errors`)
)

// firstByte sends one GET and returns the time from sending it to the first byte of the answer,
// failing on anything but 200.
func firstByte(b *testing.B, u string) time.Duration {
	var start, first time.Time
	req, _ := http.NewRequest("GET", u, nil)
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		WroteRequest:         func(httptrace.WroteRequestInfo) { start = time.Now() },
		GotFirstResponseByte: func() { first = time.Now() },
	}))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		b.Fatalf("GET %s: %d", u, resp.StatusCode)
	}
	return first.Sub(start)
}

// pageSize returns the size of the page's HTML.
func pageSize(b *testing.B, u string) int {
	resp, err := http.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		b.Fatalf("GET %s: %d", u, resp.StatusCode)
	}
	return len(body)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// getenvDuration reads a duration such as 5s from the environment; 0 when unset.
func getenvDuration(b *testing.B, name string) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		b.Fatalf("%s=%q: %v", name, v, err)
	}
	return d
}
