package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/report"
)

func TestOnTimeRate(t *testing.T) {
	tests := []struct {
		early, onTime, resolved int64
		want                    float64
	}{
		{7000, 5200, 12450, 97.99},      // the seed example: 97.991…
		{150000, 110855, 262930, 99.21}, // 99.210…, whatever a press release says
		{0, 0, 0, 0},
		{3, 0, 4, 75},
		{1, 1, 3, 66.67},   // 66.666… rounds up
		{1, 0, 3, 33.33},   // 33.333… rounds down
		{1, 0, 800, 0.13},  // 0.125 exactly: half up
		{0, 1, 1600, 0.06}, // 0.0625 exactly: half up
		{5, 5, 10, 100},
	}
	for _, tc := range tests {
		if got := report.OnTimeRate(tc.early, tc.onTime, tc.resolved); got != tc.want {
			t.Errorf("OnTimeRate(%d, %d, %d) = %v, want %v", tc.early, tc.onTime, tc.resolved, got, tc.want)
		}
	}
}

func TestTabulateMergesAndSortsInVietnamese(t *testing.T) {
	counts := []report.Row{
		{Field: "Y tế", Received: 1, ReceivedDirect: 1, Pending: 1, PendingOverdue: 1},
		{Field: "Đất đai", Received: 2, ReceivedOnline: 2, Resolved: 2, ResolvedEarly: 1, ResolvedLate: 1},
		{Field: "", Received: 1, CarriedOver: 1, Resolved: 1, ResolvedOnTime: 1},
		{Field: "Dân tộc", Received: 1, ReceivedDirect: 1, Pending: 1, PendingWithin: 1},
		{Field: "Khác", Received: 1, ReceivedDirect: 1, Resolved: 1, ResolvedLate: 1},
		{Field: "Giáo dục", Received: 3, ReceivedOnline: 3, Resolved: 3, ResolvedOnTime: 3},
	}
	rows, total := report.Tabulate(counts)
	var names []string
	for _, r := range rows {
		names = append(names, r.Field)
	}
	// Đ sorts after D and before E in Vietnamese (in byte order it would come last).
	if want := []string{"Dân tộc", "Đất đai", "Giáo dục", "Khác", "Y tế"}; !reflect.DeepEqual(names, want) {
		t.Errorf("order = %q, want %q", names, want)
	}
	khac := rows[3]
	if khac.Received != 2 || khac.Resolved != 2 || khac.OnTimeRate != 50 {
		t.Errorf("Khác = %+v: the empty field and Khác must merge", khac)
	}
	want := report.Row{Field: "Tổng cộng", Received: 9, ReceivedOnline: 5, ReceivedDirect: 3, CarriedOver: 1, Resolved: 7,
		ResolvedEarly: 1, ResolvedOnTime: 4, ResolvedLate: 2, Pending: 2, PendingWithin: 1, PendingOverdue: 1, OnTimeRate: 71.43}
	if total != want {
		t.Errorf("total = %+v\nwant    %+v", total, want)
	}
	if rows, total := report.Tabulate(nil); len(rows) != 0 || total.Received != 0 || total.OnTimeRate != 0 {
		t.Errorf("empty = %v, %+v", rows, total)
	}
}

// fakeStore serves one unit tree and fixed counts, and records the units and period asked for.
type fakeStore struct {
	units        []account.Unit
	counts       []report.Row
	asked        []string
	from, before time.Time
}

func (f *fakeStore) UnitByCode(_ context.Context, code string) (account.Unit, error) {
	for _, u := range f.units {
		if u.Code == code {
			return u, nil
		}
	}
	return account.Unit{}, fault.New(fault.NotFound, "unit.not_found", code)
}

func (f *fakeStore) Units(context.Context) ([]account.Unit, error) { return f.units, nil }

func (f *fakeStore) SettlementCounts(_ context.Context, units []string, from, before time.Time) ([]report.Row, error) {
	f.asked, f.from, f.before = units, from, before
	return f.counts, nil
}

func (f *fakeStore) SettlementCountsBy(ctx context.Context, units []string, from, before time.Time, _ report.Grouping) ([]report.Row, error) {
	return f.SettlementCounts(ctx, units, from, before)
}

func sample() *fakeStore {
	return &fakeStore{
		units: []account.Unit{{Code: "000.00.11.H27", Name: "Huyện Tiên Du", Path: "/1/"}, {Code: "000.21.11.H27", Name: "Xã Lạc Vệ", Path: "/1/2/"},
			{Code: "000.22.11.H27", Name: "Xã Hiên Vân", Path: "/1/3/"}, {Code: "000.00.12.H27", Name: "Huyện Quế Võ", Path: "/12/"}},
		counts: []report.Row{{Field: "Hộ tịch", Received: 12450, ReceivedDirect: 12450, Resolved: 12450, ResolvedEarly: 7000, ResolvedOnTime: 5200, ResolvedLate: 250}},
	}
}

func TestSettlementService(t *testing.T) {
	ctx := context.Background()
	inspector := account.Principal{Username: "tt", UnitPath: "/1/", Roles: []account.Role{account.Inspector}}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, calendar.Location) }
	f := sample()
	svc := &report.Service{Store: f}
	// Days given in UTC late in the evening are still the Vietnamese days.
	s, err := svc.Settlement(ctx, inspector, " 000.00.11.h27 ", time.Date(2014, 12, 31, 18, 0, 0, 0, time.UTC), day(2015, 12, 31), true)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f.asked, []string{"000.00.11.H27", "000.21.11.H27", "000.22.11.H27"}) ||
		!f.from.Equal(day(2015, 1, 1)) || !f.before.Equal(day(2016, 1, 1)) {
		t.Errorf("asked %v over [%v, %v)", f.asked, f.from, f.before)
	}
	if s.Total.OnTimeRate != 97.99 || len(s.Rows) != 1 || s.Rows[0].OnTimeRate != 97.99 {
		t.Errorf("report = %+v", s)
	}
	if _, err := svc.Settlement(ctx, inspector, "000.00.11.H27", day(2015, 1, 1), day(2015, 1, 1), false); err != nil ||
		!reflect.DeepEqual(f.asked, []string{"000.00.11.H27"}) || !f.before.Equal(day(2015, 1, 2)) {
		t.Errorf("one day without subtree: asked %v before %v, %v", f.asked, f.before, err)
	}

	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["from"] != "2015-01-01" || got["to"] != "2015-12-31" || got["subtree"] != true ||
		got["unit"].(map[string]any)["code"] != "000.00.11.H27" {
		t.Errorf("json = %s", b)
	}
	total := got["total"].(map[string]any)
	var keys []string
	for k := range total {
		keys = append(keys, k)
	}
	for _, k := range []string{"field", "received", "received_online", "received_direct", "carried_over", "resolved", "resolved_early",
		"resolved_on_time", "resolved_late", "pending", "pending_within", "pending_overdue", "on_time_rate"} {
		if _, ok := total[k]; !ok {
			t.Errorf("total lacks %q: %v", k, keys)
		}
	}
	if len(total) != 13 || total["on_time_rate"] != 97.99 {
		t.Errorf("total = %v", total)
	}
	if b, _ := json.Marshal(report.Settlement{}); !strings.Contains(string(b), `"rows":[]`) {
		t.Errorf("empty report json = %s", b)
	}

	errs := []struct {
		name     string
		p        account.Principal
		unit     string
		from, to time.Time
		kind     fault.Kind
		field    string
	}{
		{"backwards", inspector, "000.00.11.H27", day(2015, 2, 1), day(2015, 1, 31), fault.Invalid, "to"},
		{"unknown unit", inspector, "000.99.99.H27", day(2015, 1, 1), day(2015, 1, 31), fault.Invalid, "unit"},
		{"out of scope", inspector, "000.00.12.H27", day(2015, 1, 1), day(2015, 1, 31), fault.Forbidden, ""},
		{"no report right", account.Principal{Username: "tn", UnitPath: "/", Roles: []account.Role{account.Specialist}}, "000.00.11.H27", day(2015, 1, 1), day(2015, 1, 31), fault.Forbidden, ""},
	}
	for _, e := range errs {
		_, err := svc.Settlement(ctx, e.p, e.unit, e.from, e.to, false)
		fe := fault.As(err)
		if err == nil || fe.Kind != e.kind {
			t.Errorf("%s: %v, want %s", e.name, err, e.kind)
		} else if _, ok := fe.Fields[e.field]; e.field != "" && !ok {
			t.Errorf("%s: fields %v, want %q", e.name, fe.Fields, e.field)
		}
	}
}

func TestXLSX(t *testing.T) {
	rows, total := report.Tabulate([]report.Row{
		{Field: "Hộ tịch", Received: 12450, ReceivedDirect: 12450, Resolved: 12450, ResolvedEarly: 7000, ResolvedOnTime: 5200, ResolvedLate: 250},
		{Field: "Đất đai", Received: 3, ReceivedOnline: 1, CarriedOver: 2, Resolved: 1, ResolvedLate: 1, Pending: 2, PendingWithin: 1, PendingOverdue: 1},
	})
	s := report.Settlement{Unit: account.Unit{Code: "000.00.11.H27", Name: "Huyện Tiên Du"}, Subtree: true,
		From: time.Date(2015, 1, 1, 0, 0, 0, 0, calendar.Location), To: time.Date(2015, 12, 31, 0, 0, 0, 0, calendar.Location), Rows: rows, Total: total}
	var buf bytes.Buffer
	if err := report.XLSX(&buf, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "II.06a"
	cell := func(ref string) string {
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	checks := map[string]string{
		"A2": report.Title, "A3": "Đơn vị: Huyện Tiên Du (000.00.11.H27), gồm các đơn vị trực thuộc",
		"A4": "Kỳ báo cáo: từ ngày 01/01/2015 đến ngày 31/12/2015",
		"A6": "STT", "B6": "Lĩnh vực", "C6": "Tổng số hồ sơ tiếp nhận", "D6": "Trong đó", "D7": "Trực tuyến",
		"E7": "Trực tiếp, dịch vụ bưu chính", "F7": "Từ kỳ trước chuyển qua", "G6": "Số hồ sơ đã giải quyết", "H7": "Trước hạn",
		"I7": "Đúng hạn", "J7": "Quá hạn", "K6": "Số hồ sơ đang giải quyết", "L7": "Trong hạn", "M7": "Quá hạn",
		"N6": "Tỷ lệ đúng hạn (%)", "A8": "(1)", "M8": "(13)",
		"A9": "1", "B9": "Đất đai", "C9": "3", "N9": "0.00", "B10": "Hộ tịch", "G10": "12,450", "N10": "97.99",
		"B11": "Tổng cộng", "C11": "12,453", "M11": "1", "N11": "97.98",
	}
	for ref, want := range checks {
		if got := cell(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	merged, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, m := range merged {
		refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"A2:N2", "A6:A7", "C6:C7", "D6:F6", "H6:J6", "L6:M6", "N6:N7"} {
		if !strings.Contains(strings.Join(refs, " "), want) {
			t.Errorf("merged cells %v lack %s", refs, want)
		}
	}
	st, err := f.GetCellStyle(sheet, "B11")
	if err != nil {
		t.Fatal(err)
	}
	if style, err := f.GetStyle(st); err != nil || style.Font == nil || !style.Font.Bold {
		t.Errorf("the total row is not bold: %+v, %v", style, err)
	}
}

func (f *fakeStore) UnitHistory(context.Context) ([]account.UnitVersion, error) { return nil, nil }

func (f *fakeStore) ProcedureNames(context.Context, []string) (map[string]string, error) {
	return map[string]string{}, nil
}
