package api_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/api"
	"motcua/internal/catalog"
	"motcua/internal/dossier"
	"motcua/internal/procedure"
	"motcua/internal/processing"
	"motcua/internal/store"
	"motcua/internal/workcal"
)

// BenchmarkPublicLookup measures the public lookup GET /api/v1/public/dossiers/{code}?secret= under
// load from a separate process (wrk, 2 threads, MOTCUA_BENCH_LOOKUP_CONNS connections (default 32, as
// many clients as the reception benchmark; with 64 the 99th percentile mostly measures requests
// queueing behind each other: at 19,000/s, 64 in flight wait 3.4 ms on average), --latency) against
// the real API handler on a loopback listener, over a SQLite database of MOTCUA_BENCH_LOOKUP_N dossiers (default
// 1,000,000; built once with BulkInsertDossiers and reused from os.TempDir() while its marker file
// exists). Requests pick random (code, secret) pairs among 10,000, 5% of them with a wrong secret
// that must get 404. It reports lookups/s, the 99th percentile latency in ms and the non-2xx count,
// and fails on any 5xx or any status other than 200 and 404. Target: ≥ 10,000 lookups/s with
// p99 ≤ 20 ms. MOTCUA_BENCH_LOOKUP_DURATION sets wrk's duration (default 10s). Skipped without wrk.
// The garbage collector runs at api.ServerGCPercent, as under motcua serve.
//
// The API builds its lookup throttle itself (30 failures per address in 10 minutes) and api.Config
// has no field to replace it, so the benchmark gives each request its own client address (one of
// 65,536, round robin) in front of the handler: the throttle is still consulted, but never blocks.
func BenchmarkPublicLookup(b *testing.B) {
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		b.Skip("wrk is not in PATH (apt-get install -y wrk): the lookup load benchmark needs it as a separate load generator")
	}
	n := 1_000_000
	if v := os.Getenv("MOTCUA_BENCH_LOOKUP_N"); v != "" {
		if n, err = strconv.Atoi(v); err != nil || n < 1000 {
			b.Fatalf("MOTCUA_BENCH_LOOKUP_N=%q: want a number ≥ 1000", v)
		}
	}
	duration := "10s"
	if v := os.Getenv("MOTCUA_BENCH_LOOKUP_DURATION"); v != "" {
		duration = v
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("motcua-lookup-%d.db", n))
	pairs := path + ".pairs"
	if err := ensureLookupDB(b, path, pairs, n); err != nil {
		b.Fatal(err)
	}
	if fi, err := os.Stat(path); err == nil {
		b.Logf("database %s: %d dossiers, %.0f MB", path, n, float64(fi.Size())/1e6)
	}

	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	srv := api.New(api.Config{Dossiers: &processing.Service{Store: db, Catalog: &catalog.Service{Store: db}}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := &http.Server{Handler: manyClients(srv), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	checkLookups(b, base, pairs)

	conns := os.Getenv("MOTCUA_BENCH_LOOKUP_CONNS")
	if conns == "" {
		conns = "32"
	}
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(api.ServerGCPercent))
	}
	script := filepath.Join(b.TempDir(), "lookup.lua")
	if err := os.WriteFile(script, []byte(strings.ReplaceAll(lookupLua, "PAIRS", pairs)), 0o644); err != nil {
		b.Fatal(err)
	}
	var reqs, p99, non2xx float64
	b.ResetTimer()
	for range b.N {
		out, err := exec.Command(wrk, "-t2", "-c"+conns, "-d"+duration, "--latency", "-s", script, base).CombinedOutput()
		if err != nil {
			b.Fatalf("wrk: %v\n%s", err, out)
		}
		b.Logf("wrk output:\n%s", out)
		r, p, bad, err := parseWrk(string(out))
		if err != nil {
			b.Fatal(err)
		}
		reqs, p99, non2xx = reqs+r, max(p99, p), non2xx+bad
	}
	b.StopTimer()
	b.ReportMetric(reqs/float64(b.N), "lookups/s")
	b.ReportMetric(p99, "p99-ms")
	b.ReportMetric(non2xx/float64(b.N), "non2xx/run")
}

// lookupLua is the wrk script: random pairs from the file PAIRS ("code secret" per line), status counts
// summed over threads and printed by done as "status <code> <count>", and the exact 99th percentile as
// "p99_us <microseconds>".
const lookupLua = `
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  statuses = {}
  paths = {}
  for line in io.lines("PAIRS") do
    local code, secret = line:match("^(%S+) (%S+)$")
    paths[#paths + 1] = "/api/v1/public/dossiers/" .. code .. "?secret=" .. secret
  end
  math.randomseed(os.time() + #threads * 7919 + math.floor(os.clock() * 1000000))
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, count in pairs(t:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d %d\n", status, count))
  end
  io.write(string.format("p99_us %d\n", latency:percentile(99)))
end
`

var (
	wrkRate   = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkStatus = regexp.MustCompile(`(?m)^status (\d+) (\d+)$`)
	wrkP99    = regexp.MustCompile(`(?m)^p99_us (\d+)$`)
)

// parseWrk reads wrk's rate, the script's 99th percentile (ms) and status counts; it returns an error
// on a 5xx, on a status other than 200 and 404, or when a figure is missing.
func parseWrk(out string) (reqs, p99ms, non2xx float64, err error) {
	m := wrkRate.FindStringSubmatch(out)
	p := wrkP99.FindStringSubmatch(out)
	if m == nil || p == nil {
		return 0, 0, 0, fmt.Errorf("wrk output without Requests/sec or p99:\n%s", out)
	}
	reqs, _ = strconv.ParseFloat(m[1], 64)
	us, _ := strconv.ParseFloat(p[1], 64)
	var ok, notFound float64
	for _, s := range wrkStatus.FindAllStringSubmatch(out, -1) {
		status, _ := strconv.Atoi(s[1])
		count, _ := strconv.ParseFloat(s[2], 64)
		switch {
		case status >= 500:
			return 0, 0, 0, fmt.Errorf("%v responses with status %d", count, status)
		case status == 200:
			ok += count
		case status == 404:
			notFound += count
		default:
			return 0, 0, 0, fmt.Errorf("%v responses with unexpected status %d", count, status)
		}
	}
	if share := notFound / (ok + notFound); ok == 0 || share < 0.03 || share > 0.07 {
		return 0, 0, 0, fmt.Errorf("%v × 200 and %v × 404: wrong secrets are 5%% of the requests", ok, notFound)
	}
	return reqs, us / 1000, notFound, nil
}

// manyClients gives every request one of 65,536 client addresses in turn, so that the lookup
// throttle (30 failures per address in 10 minutes) never blocks the load generator.
func manyClients(h http.Handler) http.Handler {
	addrs := make([]string, 1<<16)
	for i := range addrs {
		addrs[i] = fmt.Sprintf("10.77.%d.%d:40000", i>>8, i&0xff)
	}
	var next atomic.Uint64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.RemoteAddr = addrs[next.Add(1)&(1<<16-1)]
		h.ServeHTTP(w, r)
	})
}

// checkLookups checks a few pairs before the load: right secrets give 200, wrong ones 404.
func checkLookups(b *testing.B, base, pairs string) {
	f, err := os.Open(pairs)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	right, wrong := 0, 0
	for sc.Scan() && (right < 5 || wrong < 5) {
		code, secret, _ := strings.Cut(sc.Text(), " ")
		resp, err := http.Get(base + "/api/v1/public/dossiers/" + code + "?secret=" + url.QueryEscape(secret))
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 {
			right++
		} else if resp.StatusCode == 404 {
			wrong++
		} else {
			b.Fatalf("lookup of %s: status %d", code, resp.StatusCode)
		}
	}
	if right == 0 || wrong == 0 {
		b.Fatalf("pairs file %s: %d found and %d not found among the first lines", pairs, right, wrong)
	}
}

// The units the synthetic dossiers are spread over, and how many each receives a day.
var lookupUnits = []account.UnitInput{
	{Code: "000.31.21.H06", Name: "Xã Tiên Du", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
	{Code: "000.32.21.H06", Name: "Xã Liên Bão", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
	{Code: "000.33.21.H06", Name: "Xã Phật Tích", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
	{Code: "000.34.21.H06", Name: "Phường Từ Sơn", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
}

const lookupPerDay = 500

// ensureLookupDB builds the database at path with n dossiers and the pairs file, unless a previous run
// completed them (its marker file path+".done" exists). Everything random is drawn from seeded ChaCha8
// generators, so a rebuild gives the same codes and secrets.
func ensureLookupDB(b *testing.B, path, pairs string, n int) error {
	marker := path + ".done"
	if m, err := os.ReadFile(marker); err == nil {
		if _, err := os.Stat(pairs); err == nil {
			b.Logf("reusing %s (%s)", path, strings.TrimSpace(string(m)))
			return nil
		}
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", marker, pairs} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	start := time.Now()
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return err
	}
	open := true // store.DB.Close must not be called twice
	defer func() {
		if open {
			db.Close()
		}
	}()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	templates, templateEvents, err := lookupTemplates(ctx, db)
	if err != nil {
		return err
	}

	rng := mrand.New(mrand.NewChaCha8([32]byte{'m', 'o', 't', 'c', 'u', 'a'}))
	secrets := mrand.NewChaCha8([32]byte{'s', 'e', 'c', 'r', 'e', 't'})
	chosen := map[int]bool{}
	for len(chosen) < min(n, 10000) {
		chosen[rng.IntN(n)] = true
	}
	pf, err := os.Create(pairs)
	if err != nil {
		return err
	}
	defer pf.Close()
	pw := bufio.NewWriter(pf)

	sys := account.System("bench")
	day0 := time.Date(2023, 1, 2, 0, 0, 0, 0, procedure.Location)
	const chunk = 50000
	ds := make([]dossier.Dossier, 0, chunk)
	evs := make([][]dossier.Event, 0, chunk)
	for first := 0; first < n; first += chunk {
		ds, evs = ds[:0], evs[:0]
		for i := first; i < min(first+chunk, n); i++ {
			unit := lookupUnits[(i/lookupPerDay)%len(lookupUnits)].Code
			seq := i%lookupPerDay + 1
			day := day0.AddDate(0, 0, i/(lookupPerDay*len(lookupUnits)))
			at := day.Add(7*time.Hour + 30*time.Minute + time.Duration(seq)*50*time.Second)
			secret, err := dossier.NewSecret(secrets)
			if err != nil {
				return err
			}
			t := i % len(templates)
			d, e := cloneDossier(templates[t], templateEvents[t], at, unit, dossier.Code("", unit, day, seq), secret, applicantFor(rng, t))
			ds, evs = append(ds, d), append(evs, e)
			if chosen[i] {
				typed := secret
				if rng.IntN(100) < 5 { // a wrong secret: must get 404
					for typed == secret {
						if typed, err = dossier.NewSecret(secrets); err != nil {
							return err
						}
					}
				}
				fmt.Fprintf(pw, "%s %s\n", d.Code, typed)
			}
		}
		if _, err := db.BulkInsertDossiers(ctx, sys, ds, evs); err != nil {
			return err
		}
	}
	if err := pw.Flush(); err != nil {
		return err
	}
	open = false
	if err := db.Close(); err != nil {
		return err
	}
	took := time.Since(start)
	size := int64(0)
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	note := fmt.Sprintf("%d dossiers built in %s, %.0f MB", n, took.Round(time.Millisecond), float64(size)/1e6)
	b.Logf("built %s: %s", path, note)
	return os.WriteFile(marker, []byte(note+"\n"), 0o644)
}

// lookupTemplates receives a few dossiers through processing.Service.Receive on the first commune and
// returns them as stored, with their events.
func lookupTemplates(ctx context.Context, db *store.DB) ([]dossier.Dossier, [][]dossier.Event, error) {
	sys := account.System("bench")
	acc := &account.Service{Store: db, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	units := append([]account.UnitInput{{Code: "000.00.00.H06", Name: "Tỉnh Bắc Ninh", Kind: "province", ValidFrom: "2000-01-01"}}, lookupUnits...)
	for _, in := range units {
		if _, err := acc.CreateUnit(ctx, sys, in, time.Now()); err != nil {
			return nil, nil, err
		}
	}
	if _, err := acc.CreateUser(ctx, sys, account.UserInput{Username: "tiepnhan", FullName: "Trần Văn Nam", UnitCode: lookupUnits[0].Code,
		Roles: []string{"reception"}, Password: "12345678"}); err != nil {
		return nil, nil, err
	}
	u, _, err := db.UserByUsername(ctx, "tiepnhan")
	if err != nil {
		return nil, nil, err
	}
	cat := &catalog.Service{Store: db}
	if _, _, err := cat.Import(ctx, sys, "catalog-sample.json", procedure.SampleCatalog, nil, time.Date(2025, 7, 1, 8, 0, 0, 0, procedure.Location)); err != nil {
		return nil, nil, err
	}
	svc := &processing.Service{Store: db, Catalog: cat, Calendar: &workcal.Service{Store: db}, Rand: rand.Reader}
	papers := []dossier.Paper{{Name: "Tờ khai cấp bản sao trích lục hộ tịch", Originals: 1}, {Name: "Giấy tờ tùy thân (xuất trình)"}}
	inputs := []processing.ReceiveInput{
		{Channel: "in_person", Applicant: dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: "Nguyễn Thị Lan", IDNumber: "027190001234",
			Phone: "0912345678", Email: "lan@example.vn", Address: "Thôn Lạc Vệ, xã Tiên Du"}},
		{Channel: "postal", ReturnMethod: string(dossier.ReturnByPost), ReturnAddress: "Số 12 đường Lý Thái Tổ, phường Từ Sơn",
			Applicant: dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: "Trần Văn Hùng", IDNumber: "027088004321", Phone: "0987654321",
				Address: "Số 12 đường Lý Thái Tổ, phường Từ Sơn"}},
		{Channel: "in_person", Sets: 2, Note: "Công dân xin hai bộ bản sao",
			Applicant: dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: "Lê Thị Hồng Nhung", IDNumber: "027195009876", Phone: "0345678912",
				Address: "Thôn Đình Cả, xã Phật Tích"}},
	}
	var ds []dossier.Dossier
	var evs [][]dossier.Event
	for _, in := range inputs {
		in.ProcedureCode, in.UnitCode, in.Components = "2.000635", lookupUnits[0].Code, papers
		d, err := svc.Receive(ctx, u.Principal(), in, time.Now())
		if err != nil {
			return nil, nil, fmt.Errorf("template reception: %w", err)
		}
		if d, err = db.DossierByCode(ctx, d.Code); err != nil {
			return nil, nil, err
		}
		e, err := db.DossierEvents(ctx, d.Code)
		if err != nil {
			return nil, nil, err
		}
		ds, evs = append(ds, d), append(evs, e)
	}
	return ds, evs, nil
}

// cloneDossier returns a copy of a template received at another instant and unit, with its own code,
// secret and applicant, and its events moved along.
func cloneDossier(t dossier.Dossier, events []dossier.Event, at time.Time, unit, code, secret string, a dossier.Applicant) (dossier.Dossier, []dossier.Event) {
	delta := at.Sub(t.ReceivedAt)
	move := func(x *time.Time) {
		if !x.IsZero() {
			*x = x.Add(delta)
		}
	}
	d := t
	d.Code, d.LookupSecret, d.ReceivingUnit, d.CompetentUnit = code, secret, unit, unit
	a.Email, a.Address = "", t.Applicant.Address
	d.Applicant = a
	for _, x := range []*time.Time{&d.SubmittedAt, &d.CorrectionDueAt, &d.CorrectionRequestedAt, &d.ReceivedAt, &d.ClockStart,
		&d.DueAt, &d.OriginalDueAt, &d.FinishedAt, &d.ReturnedAt} {
		move(x)
	}
	d.Steps = append([]dossier.Step(nil), t.Steps...)
	for i := range d.Steps {
		move(&d.Steps[i].Started)
		move(&d.Steps[i].Due)
		move(&d.Steps[i].Done)
	}
	d.DueHistory = append([]dossier.DueChange(nil), t.DueHistory...)
	for i := range d.DueHistory {
		move(&d.DueHistory[i].At)
		move(&d.DueHistory[i].From)
		move(&d.DueHistory[i].To)
	}
	out := append([]dossier.Event(nil), events...)
	for i := range out {
		move(&out[i].At)
		out[i].ActorUnit = unit
	}
	return d, out
}

var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middleNames = []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Hoài", "Xuân", "Bảo"}
	givenNames  = []string{"An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long",
		"Mai", "Minh", "Nam", "Ngọc", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến", "Đạt", "Ánh", "Ước"}
)

// applicantFor draws a citizen with a Vietnamese name, a 12-digit identity number and a mobile number.
func applicantFor(rng *mrand.Rand, variant int) dossier.Applicant {
	name := familyNames[rng.IntN(len(familyNames))] + " " + middleNames[rng.IntN(len(middleNames))] + " " + givenNames[rng.IntN(len(givenNames))]
	if variant%2 == 1 {
		name = familyNames[rng.IntN(len(familyNames))] + " " + name
	}
	return dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: name,
		IDNumber: fmt.Sprintf("027%d%02d%06d", rng.IntN(4), rng.IntN(100), rng.IntN(1000000)),
		Phone:    fmt.Sprintf("09%08d", rng.IntN(100000000))}
}
