package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"sync"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/api"
	"motcua/internal/catalog"
	"motcua/internal/procedure"
	"motcua/internal/store/storetest"
)

// catalogOf makes n procedures with realistic Vietnamese names from the sample catalog.
func catalogOf(b *testing.B, n int) []procedure.Procedure {
	rows, err := procedure.ParseSampleJSON(procedure.SampleCatalog)
	if err != nil {
		b.Fatal(err)
	}
	actions := []string{"Cấp", "Cấp lại", "Điều chỉnh", "Gia hạn", "Thu hồi", "Đăng ký", "Xác nhận", "Chứng thực", "Thẩm định", "Phê duyệt"}
	objects := []string{"giấy phép xây dựng", "giấy chứng nhận quyền sử dụng đất", "giấy phép kinh doanh", "hộ khẩu", "khai sinh",
		"kết hôn", "khai tử", "giấy phép lái xe", "chứng chỉ hành nghề", "hồ sơ đất đai", "giấy phép môi trường", "nhà ở", "hộ kinh doanh",
		"tàu cá", "trợ cấp xã hội", "người có công", "di tích", "lễ hội", "quảng cáo", "điện lực"}
	fields := []string{"Hộ tịch", "Đất đai", "Xây dựng", "Kinh doanh", "Lao động", "Văn hóa", "Thủy sản", "Giao thông", "Môi trường", "Y tế"}
	var out []procedure.Procedure
	for i := 0; i < n; i++ {
		p := rows[i%len(rows)].Procedure.Clone()
		p.Code = fmt.Sprintf("1.%06d", 100000+i)
		p.Name = fmt.Sprintf("%s %s %s (mẫu %d)", actions[i%len(actions)], objects[(i/len(actions))%len(objects)], fields[i%len(fields)], i)
		p.Field = procedure.Field{Code: fmt.Sprintf("H06-%02d", i%len(fields)), Name: fields[i%len(fields)]}
		p.Status, p.Version = procedure.Published, 1
		p.EffectiveFrom = time.Date(2025, 7, 1, 0, 0, 0, 0, procedure.Location)
		out = append(out, p)
	}
	return out
}

// BenchmarkCatalogSearchHTTP measures public catalog searches through HTTP with 5,000 procedures on
// SQLite, reporting the 50th and 99th percentile latency of the requests (target: p99 < 20 ms).
func BenchmarkCatalogSearchHTTP(b *testing.B) {
	e := storetest.SQLite(b, storetest.Options{})
	ctx, sys := context.Background(), account.System("bench")
	acc := &account.Service{Store: e.DB, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	for _, in := range []account.UnitInput{
		{Code: "000.00.00.H06", Name: "Tỉnh Bắc Ninh", Kind: "province", ValidFrom: "2000-01-01"},
		{Code: "000.31.21.H06", Name: "Xã Tiên Du", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
	} {
		if _, err := acc.CreateUnit(ctx, sys, in, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	procs := catalogOf(b, 5000)
	for _, p := range procs {
		if err := e.DB.SaveProcedureVersion(ctx, sys, p, nil); err != nil {
			b.Fatal(err)
		}
	}
	var codes []string
	for _, p := range procs[:2500] {
		codes = append(codes, p.Code)
	}
	for _, c := range codes {
		if err := e.DB.AddProcedureUnits(ctx, sys, c, []string{"000.31.21.H06"}); err != nil {
			b.Fatal(err)
		}
	}
	srv := api.New(api.Config{Accounts: acc, Catalog: &catalog.Service{Store: e.DB}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	queries := []string{"q=" + url.QueryEscape("dang ky khai sinh"), "q=" + url.QueryEscape("giay phep xay dung"), "q=" + url.QueryEscape("Cấp lại"),
		"q=1.102345", "field=" + url.QueryEscape("Đất đai"), "unit=000.31.21.H06&q=ho+tich", "q=khong+co+gi", "", "q=" + url.QueryEscape("thu hoi") + "&offset=100"}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	if testing.Verbose() {
		for _, q := range queries {
			var ds []time.Duration
			for i := 0; i < 30; i++ {
				start := time.Now()
				resp, err := client.Get(ts.URL + "/api/v1/procedures?" + q)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				ds = append(ds, time.Since(start))
			}
			sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
			b.Logf("%-60s median %v", q, ds[len(ds)/2])
		}
	}
	for _, concurrency := range []int{1, 8} {
		b.Run(fmt.Sprintf("clients=%d", concurrency), func(b *testing.B) {
			lat := make([]time.Duration, b.N)
			var next int64
			var mu sync.Mutex
			var wg sync.WaitGroup
			b.ResetTimer()
			for w := 0; w < concurrency; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						mu.Lock()
						i := next
						next++
						mu.Unlock()
						if i >= int64(b.N) {
							return
						}
						start := time.Now()
						resp, err := client.Get(ts.URL + "/api/v1/procedures?" + queries[i%int64(len(queries))])
						if err != nil {
							b.Error(err)
							return
						}
						_, _ = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != 200 {
							b.Errorf("status %d", resp.StatusCode)
						}
						lat[i] = time.Since(start)
					}
				}()
			}
			wg.Wait()
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}
