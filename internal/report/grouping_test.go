package report_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/report"
)

// treeStore is the demo's province before and after the 2025 reform: the district Tiên Du with the
// communes Phật Tích and Đại Đồng until 30 June 2025, then Xã Tiên Du (their successor) and Phường
// Kinh Bắc. counts are each receiving unit's rows (Field: the field, Code: the procedure).
type treeStore struct {
	units  []account.Unit
	hist   []account.UnitVersion
	counts map[string][]report.Row
	names  map[string]string
	asked  []string
}

const (
	province = "000.00.00.H06"
	officeP  = "000.00.01.H06"
	district = "000.00.15.H06"
	phatTich = "000.15.21.H06"
	daiDong  = "000.15.22.H06"
	officeD  = "000.15.01.H06"
	tienDu   = "000.31.21.H06"
	officeT  = "000.31.01.H06"
	kinhBac  = "000.32.21.H06"
)

// mk is a row of one field and procedure: online, direct and carried over received; early, on time
// and late resolved; within and overdue pending.
func mk(field, proc string, online, direct, carried, early, onTime, late, within, overdue int64) report.Row {
	return report.Row{Field: field, Code: proc, Received: online + direct + carried, ReceivedOnline: online, ReceivedDirect: direct,
		CarriedOver: carried, Resolved: early + onTime + late, ResolvedEarly: early, ResolvedOnTime: onTime, ResolvedLate: late,
		Pending: within + overdue, PendingWithin: within, PendingOverdue: overdue}
}

func demoTree() *treeStore {
	type seed struct {
		id                        int64
		code, name                string
		kind                      account.UnitKind
		parent                    int64
		from, to, successor, path string
	}
	seeds := []seed{
		{1, province, "Tỉnh Bắc Ninh", account.Province, 0, "1997-01-01", "", "", "/1/"},
		{2, officeP, "Văn phòng UBND tỉnh Bắc Ninh", account.Office, 1, "1997-01-01", "", "", "/1/2/"},
		{3, district, "Huyện Tiên Du", account.District, 1, "1999-08-01", "2025-07-01", "", "/1/3/"},
		{4, phatTich, "Xã Phật Tích", account.Commune, 3, "1999-08-01", "2025-07-01", tienDu, "/1/3/4/"},
		{5, daiDong, "Xã Đại Đồng", account.Commune, 3, "1999-08-01", "2025-07-01", tienDu, "/1/3/5/"},
		{6, officeD, "Văn phòng HĐND và UBND huyện Tiên Du", account.Office, 3, "1999-08-01", "2025-07-01", "", "/1/3/6/"},
		{7, tienDu, "Xã Tiên Du", account.Commune, 1, "2025-07-01", "", "", "/1/7/"},
		{8, officeT, "Văn phòng HĐND và UBND xã Tiên Du", account.Office, 7, "2025-07-01", "", "", "/1/7/8/"},
		{9, kinhBac, "Phường Kinh Bắc", account.Commune, 1, "2025-07-01", "", "", "/1/9/"},
	}
	s := &treeStore{counts: map[string][]report.Row{
		phatTich: {mk("Hộ tịch", "1.000894", 0, 10, 0, 4, 5, 1, 0, 0)},
		daiDong:  {mk("Đất đai", "1.004227", 1, 4, 0, 0, 0, 0, 3, 2)},
		district: {mk("Chứng thực", "2.000635", 0, 2, 0, 0, 2, 0, 0, 0)},
		tienDu:   {mk("Hộ tịch", "1.000894", 3, 4, 1, 0, 6, 0, 2, 0)},
		kinhBac:  {mk("", "1.004227", 0, 1, 0, 0, 0, 0, 0, 1)},
	}, names: map[string]string{"1.000894": "Đăng ký khai sinh", "2.000635": "Chứng thực bản sao từ bản chính"}}
	codes := map[int64]string{}
	for _, x := range seeds {
		codes[x.id] = x.code
	}
	for _, x := range seeds {
		s.units = append(s.units, account.Unit{ID: x.id, Code: x.code, Name: x.name, Kind: x.kind, ParentID: x.parent,
			ParentCode: codes[x.parent], Path: x.path, ValidFrom: x.from, ValidTo: x.to, SuccessorCode: x.successor})
		s.hist = append(s.hist, account.UnitVersion{UnitID: x.id, ValidFrom: x.from, Name: x.name, ParentID: x.parent})
	}
	// The province office was renamed at the reform.
	s.hist = append(s.hist, account.UnitVersion{UnitID: 2, ValidFrom: "2025-07-01", Name: "Văn phòng UBND tỉnh", ParentID: 1})
	return s
}

func (s *treeStore) UnitByCode(_ context.Context, code string) (account.Unit, error) {
	for _, u := range s.units {
		if u.Code == code {
			return u, nil
		}
	}
	return account.Unit{}, fault.New(fault.NotFound, "unit.not_found", code)
}

func (s *treeStore) Units(context.Context) ([]account.Unit, error) { return s.units, nil }

func (s *treeStore) UnitHistory(context.Context) ([]account.UnitVersion, error) { return s.hist, nil }

func (s *treeStore) ProcedureNames(_ context.Context, codes []string) (map[string]string, error) {
	out := map[string]string{}
	for _, c := range codes {
		if n, ok := s.names[c]; ok {
			out[c] = n
		}
	}
	return out, nil
}

func (s *treeStore) SettlementCounts(ctx context.Context, units []string, from, before time.Time) ([]report.Row, error) {
	return s.SettlementCountsBy(ctx, units, from, before, report.ByField)
}

func (s *treeStore) SettlementCountsBy(_ context.Context, units []string, _, _ time.Time, by report.Grouping) ([]report.Row, error) {
	s.asked = append([]string(nil), units...)
	var out []report.Row
	for _, u := range units {
		for _, r := range s.counts[u] {
			switch by {
			case report.ByUnit:
				r.Field = u
			case report.ByProcedure:
				r.Field = r.Code
			}
			r.Code = ""
			out = append(out, r)
		}
	}
	return out, nil
}

func TestStructureAsOf(t *testing.T) {
	s := demoTree()
	tests := []struct {
		day                  string
		active               []string
		homePhatTich         string
		markDistrict, markTD report.Mark
		officeName           string
	}{
		{"2025-06-30", []string{province, officeP, district, phatTich, daiDong, officeD}, phatTich, report.MarkNone, report.MarkLater, "Văn phòng UBND tỉnh Bắc Ninh"},
		{"2025-07-01", []string{province, officeP, tienDu, officeT, kinhBac}, tienDu, report.MarkAbolished, report.MarkNone, "Văn phòng UBND tỉnh"},
		{"2026-11-26", []string{province, officeP, tienDu, officeT, kinhBac}, tienDu, report.MarkAbolished, report.MarkNone, "Văn phòng UBND tỉnh"},
	}
	for _, tc := range tests {
		st := report.NewStructure(s.units, s.hist, tc.day)
		var active []string
		for _, u := range st.ActiveUnits() {
			active = append(active, u.Code)
		}
		if !reflect.DeepEqual(active, tc.active) {
			t.Errorf("%s: active %v, want %v", tc.day, active, tc.active)
		}
		if got := st.Home(phatTich); got != tc.homePhatTich {
			t.Errorf("%s: home of Phật Tích = %s, want %s", tc.day, got, tc.homePhatTich)
		}
		if got := st.Home(district); got != district {
			t.Errorf("%s: the abolished district's home = %s", tc.day, got)
		}
		if st.Mark(district) != tc.markDistrict || st.Mark(tienDu) != tc.markTD {
			t.Errorf("%s: marks district %q, Tiên Du %q", tc.day, st.Mark(district), st.Mark(tienDu))
		}
		if u, _ := st.Unit(officeP); u.Name != tc.officeName {
			t.Errorf("%s: office named %q, want %q", tc.day, u.Name, tc.officeName)
		}
	}
	if got := report.NewStructure(s.units, s.hist, "2026-01-01").Mark(phatTich); got != report.MarkMerged {
		t.Errorf("Phật Tích in 2026 is %q, want merged", got)
	}
}

func TestReportGroupings(t *testing.T) {
	ctx := context.Background()
	inspector := account.Principal{Username: "tt", UnitPath: "/1/", Roles: []account.Role{account.Inspector}}
	year := report.Period{Kind: report.PeriodYear, Year: 2025, From: time.Date(2025, 1, 1, 0, 0, 0, 0, calendar.Location),
		To: time.Date(2025, 12, 31, 0, 0, 0, 0, calendar.Location)}
	tests := []struct {
		name    string
		unit    string
		by      report.Grouping
		subtree bool
		asOf    string
		merge   bool
		rows    []string // "name [mark] received"
		total   int64
	}{
		{"province by unit, today's structure", province, report.ByUnit, true, "", false,
			[]string{"Phường Kinh Bắc 1", "Xã Tiên Du 8", "Huyện Tiên Du [abolished] 17"}, 26},
		{"province by unit, merged into successors", province, report.ByUnit, true, "", true,
			[]string{"Phường Kinh Bắc 1", "Xã Tiên Du 23", "Huyện Tiên Du [abolished] 2"}, 26},
		{"province by unit, before the reform", province, report.ByUnit, true, "2025-06-30", false,
			[]string{"Huyện Tiên Du 17", "Phường Kinh Bắc [later] 1", "Xã Tiên Du [later] 8"}, 26},
		{"district by unit before the reform: its own desk and communes", district, report.ByUnit, false, "2025-06-30", false,
			[]string{"Huyện Tiên Du [own] 2", "Xã Đại Đồng 5", "Xã Phật Tích 10"}, 17},
		{"new commune by field", tienDu, report.ByField, true, "", false, []string{"Hộ tịch 8"}, 8},
		{"new commune by field with its predecessors", tienDu, report.ByField, true, "", true, []string{"Đất đai 5", "Hộ tịch 18"}, 23},
		{"new commune alone with its predecessors", tienDu, report.ByField, false, "", true, []string{"Đất đai 5", "Hộ tịch 18"}, 23},
		{"new commune by unit with its predecessors", tienDu, report.ByUnit, false, "", true, []string{"Xã Tiên Du [own] 23"}, 23},
		{"abolished district merged: its communes went elsewhere", district, report.ByField, true, "", true, []string{"Chứng thực 2"}, 2},
		{"province by procedure", province, report.ByProcedure, true, "", false,
			[]string{"Đăng ký khai sinh 18", "1.004227 6", "Chứng thực bản sao từ bản chính 2"}, 26},
		{"province by field: the empty field is Khác", province, report.ByField, true, "", false,
			[]string{"Chứng thực 2", "Đất đai 5", "Hộ tịch 18", "Khác 1"}, 26},
	}
	for _, tc := range tests {
		s := demoTree()
		svc := &report.Service{Store: s}
		got, err := svc.Report(ctx, inspector, report.Request{Unit: tc.unit, Period: year, Subtree: tc.subtree, By: tc.by, AsOf: tc.asOf, Merge: tc.merge})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var rows []string
		for _, r := range append(got.Rows, got.Total) {
			if r.Received != r.Resolved+r.Pending || r.Received != r.ReceivedOnline+r.ReceivedDirect+r.CarriedOver ||
				r.Resolved != r.ResolvedEarly+r.ResolvedOnTime+r.ResolvedLate || r.Pending != r.PendingWithin+r.PendingOverdue {
				t.Errorf("%s: row %+v breaks (3) = (7) + (11)", tc.name, r)
			}
		}
		for _, r := range got.Rows {
			mark := ""
			if r.Mark != report.MarkNone {
				mark = " [" + string(r.Mark) + "]"
			}
			rows = append(rows, fmt.Sprintf("%s%s %d", r.Field, mark, r.Received))
		}
		if !reflect.DeepEqual(rows, tc.rows) || got.Total.Received != tc.total {
			t.Errorf("%s:\n rows %q total %d\nwant %q total %d (asked %v)", tc.name, rows, got.Total.Received, tc.rows, tc.total, s.asked)
		}
		wantAsOf := tc.asOf
		if wantAsOf == "" {
			wantAsOf = "2025-12-31"
		}
		if got.AsOf != wantAsOf || got.By != tc.by {
			t.Errorf("%s: as of %q by %q", tc.name, got.AsOf, got.By)
		}
	}
}

func TestReportErrors(t *testing.T) {
	ctx := context.Background()
	inspector := account.Principal{Username: "tt", UnitPath: "/1/", Roles: []account.Role{account.Inspector}}
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, calendar.Location) }
	tests := []struct {
		name   string
		req    report.Request
		fields []string
	}{
		{"backwards", report.Request{Unit: province, Period: report.Period{From: day(3, 1), To: day(2, 1)}}, []string{"to"}},
		{"bad as-of and grouping", report.Request{Unit: province, Period: report.Period{From: day(1, 1), To: day(2, 1)}, AsOf: "2025-13-01", By: "officer"}, []string{"as_of", "by"}},
		{"unknown unit", report.Request{Unit: "000.99.99.H06", Period: report.Period{From: day(1, 1), To: day(2, 1)}}, []string{"unit"}},
	}
	for _, tc := range tests {
		_, err := (&report.Service{Store: demoTree()}).Report(ctx, inspector, tc.req)
		fe := fault.As(err)
		if err == nil || fe.Kind != fault.Invalid {
			t.Errorf("%s: %v, want invalid", tc.name, err)
			continue
		}
		var fields []string
		for f := range fe.Fields {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		if !reflect.DeepEqual(fields, tc.fields) {
			t.Errorf("%s: fields %v, want %v", tc.name, fields, tc.fields)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in       report.PeriodInput
		from, to string
		label    string
		fields   string
	}{
		{report.PeriodInput{Kind: "month", Year: "2025", Month: "2"}, "2025-02-01", "2025-02-28", "Tháng 2 năm 2025", ""},
		{report.PeriodInput{Kind: "month", Year: "2024", Month: "2"}, "2024-02-01", "2024-02-29", "Tháng 2 năm 2024", ""},
		{report.PeriodInput{Kind: "quarter", Year: "2025", Quarter: "2"}, "2025-04-01", "2025-06-30", "Quý II năm 2025", ""},
		{report.PeriodInput{Kind: "quarter", Year: "2025", Quarter: "4"}, "2025-10-01", "2025-12-31", "Quý IV năm 2025", ""},
		{report.PeriodInput{Kind: "year", Year: "2015"}, "2015-01-01", "2015-12-31", "Năm 2015", ""},
		{report.PeriodInput{Kind: "custom", From: "2025-03-05", To: "2025-03-05"}, "2025-03-05", "2025-03-05", "Từ ngày 05/03/2025 đến ngày 05/03/2025", ""},
		{report.PeriodInput{From: "2025-01-01", To: "2025-06-30"}, "2025-01-01", "2025-06-30", "Từ ngày 01/01/2025 đến ngày 30/06/2025", ""},
		{report.PeriodInput{Kind: "custom", From: "2025-03-05", To: "2025-03-04"}, "", "", "", "to"},
		{report.PeriodInput{Kind: "custom", From: "5/3/2025", To: "x"}, "", "", "", "from to"},
		{report.PeriodInput{Kind: "month", Year: "2025", Month: "13"}, "", "", "", "month"},
		{report.PeriodInput{Kind: "quarter", Year: "hai", Quarter: "0"}, "", "", "", "quarter year"},
		{report.PeriodInput{Kind: "week", Year: "2025"}, "", "", "", "period"},
	}
	for _, tc := range tests {
		p, err := report.ParsePeriod(tc.in)
		if tc.fields != "" {
			var fields []string
			for f := range fault.As(err).Fields {
				fields = append(fields, f)
			}
			sort.Strings(fields)
			if err == nil || strings.Join(fields, " ") != tc.fields {
				t.Errorf("%+v: %v, want fields %q", tc.in, err, tc.fields)
			}
			continue
		}
		if err != nil || p.From.Format("2006-01-02") != tc.from || p.To.Format("2006-01-02") != tc.to || p.Label() != tc.label {
			t.Errorf("%+v: %s..%s %q %v, want %s..%s %q", tc.in, p.From.Format("2006-01-02"), p.To.Format("2006-01-02"), p.Label(), err, tc.from, tc.to, tc.label)
		}
	}
}
