package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/store"
)

// reportDB makes a database with a district and a commune under it, and dossiers of 2015: the
// district resolved 4 (3 on time), the commune 2 (both early) and has 1 pending, carried over.
func reportDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "report.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	svc := &account.Service{Store: db, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	sys := account.System("test")
	for _, in := range []account.UnitInput{
		{Code: "000.00.11.H27", Name: "Huyện Tiên Du", Kind: "district", ValidFrom: "2000-01-01"},
		{Code: "000.21.11.H27", Name: "Xã Lạc Vệ", Kind: "commune", ParentCode: "000.00.11.H27", ValidFrom: "2000-01-01"},
	} {
		if _, err := svc.CreateUnit(ctx, sys, in, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	at := func(m time.Month, d int) time.Time { return time.Date(2015, m, d, 9, 0, 0, 0, calendar.Location) }
	mk := func(i int, unit, field string, ch dossier.Channel, rec, fin time.Time, class dossier.Timeliness) dossier.Dossier {
		return dossier.Dossier{Code: fmt.Sprintf("T-%d", i), LookupSecret: "ABCDEF", ProcedureCode: "2.000635", ProcedureVersion: 1,
			FieldName: field, ReceivingUnit: unit, CompetentUnit: unit, Channel: ch, Status: dossier.StatusReturned,
			ReceivedAt: rec, DueAt: rec.AddDate(0, 0, 5), OriginalDueAt: rec.AddDate(0, 0, 5), FinishedAt: fin, Timeliness: class}
	}
	const dist, com = "000.00.11.H27", "000.21.11.H27"
	ds := []dossier.Dossier{
		mk(1, dist, "Hộ tịch", dossier.ChannelOnline, at(2, 2), at(2, 3), dossier.Early),
		mk(2, dist, "Hộ tịch", dossier.ChannelInPerson, at(3, 2), at(3, 3), dossier.OnTime),
		mk(3, dist, "Đất đai", dossier.ChannelPostal, at(4, 2), at(4, 3), dossier.OnTime),
		mk(4, dist, "", dossier.ChannelInPerson, at(5, 2), at(5, 30), dossier.Late),
		mk(5, com, "Hộ tịch", dossier.ChannelInPerson, at(6, 2), at(6, 3), dossier.Early),
		mk(6, com, "Hộ tịch", dossier.ChannelOnline, at(7, 2), at(7, 3), dossier.Early),
		mk(7, com, "Chứng thực", dossier.ChannelInPerson, time.Date(2014, 12, 2, 9, 0, 0, 0, calendar.Location), time.Time{}, ""),
	}
	ds[6].Status = dossier.StatusProcessing
	if _, err := db.BulkInsertDossiers(ctx, sys, ds, nil); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReportCommand(t *testing.T) {
	path := reportDB(t)
	dir := t.TempDir()
	base := []string{"report", "06a", "--db", path, "--unit", "000.00.11.H27", "--from", "2015-01-01", "--to", "2015-12-31"}

	// JSON: exactly the documented keys, and the figures.
	code, out, errs := runCmd(t, "", append(base, "--subtree", "--json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if keys := sortedKeys(got); !reflect.DeepEqual(keys, []string{"from", "rows", "subtree", "to", "total", "unit"}) {
		t.Errorf("keys = %v", keys)
	}
	var total map[string]any
	if err := json.Unmarshal(got["total"], &total); err != nil {
		t.Fatal(err)
	}
	wantRow := []string{"carried_over", "field", "on_time_rate", "pending", "pending_overdue", "pending_within", "received",
		"received_direct", "received_online", "resolved", "resolved_early", "resolved_late", "resolved_on_time"}
	if keys := sortedKeys(total); !reflect.DeepEqual(keys, wantRow) {
		t.Errorf("row keys = %v", keys)
	}
	want := map[string]any{"received": 7.0, "received_online": 2.0, "received_direct": 4.0, "carried_over": 1.0, "resolved": 6.0,
		"resolved_early": 3.0, "resolved_on_time": 2.0, "resolved_late": 1.0, "pending": 1.0, "pending_within": 0.0,
		"pending_overdue": 1.0, "on_time_rate": 83.33}
	for k, v := range want {
		if total[k] != v {
			t.Errorf("total %s = %v, want %v", k, total[k], v)
		}
	}
	var rows []map[string]any
	if err := json.Unmarshal(got["rows"], &rows); err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, r := range rows {
		fields = append(fields, r["field"].(string))
	}
	if !reflect.DeepEqual(fields, []string{"Chứng thực", "Đất đai", "Hộ tịch", "Khác"}) {
		t.Errorf("fields = %v", fields)
	}
	if string(got["from"]) != `"2015-01-01"` || string(got["to"]) != `"2015-12-31"` || string(got["subtree"]) != "true" {
		t.Errorf("header = %s %s %s", got["from"], got["to"], got["subtree"])
	}

	// The table, without the subtree, and the workbook.
	xlsx := filepath.Join(dir, "06a.xlsx")
	code, out, errs = runCmd(t, "", append(base, "--xlsx", xlsx)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, s := range []string{"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Huyện Tiên Du (000.00.11.H27)",
		"từ ngày 01/01/2015 đến ngày 31/12/2015", "Đất đai", "Khác", "Tỷ lệ đúng hạn", "100,00%", "75,00%", "0,00%"} {
		if !strings.Contains(out, s) {
			t.Errorf("table lacks %q:\n%s", s, out)
		}
	}
	if strings.Contains(out, "Chứng thực") {
		t.Errorf("the commune's field shows without --subtree:\n%s", out)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("II.06a", "A2"); v != "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" {
		t.Errorf("workbook title = %q", v)
	}

	errCases := []struct {
		name string
		args []string
		text string
	}{
		{"backwards period", []string{"report", "06a", "--db", path, "--unit", "000.00.11.H27", "--from", "2015-12-31", "--to", "2015-01-01",
			"--xlsx", filepath.Join(dir, "none.xlsx")},
			"--to: Ngày kết thúc kỳ báo cáo phải từ ngày bắt đầu trở đi. / The report period must end on or after its first day."},
		{"bad date", []string{"report", "06a", "--db", path, "--unit", "000.00.11.H27", "--from", "2015-13-01", "--to", "2015-12-31"}, "--from"},
		{"unknown unit", []string{"report", "06a", "--db", path, "--unit", "000.99.99.H27", "--from", "2015-01-01", "--to", "2015-12-31"}, "--unit: Không tìm thấy đơn vị"},
		{"unknown report", []string{"report", "07", "--db", path}, "usage: motcua report 06a"},
	}
	for _, c := range errCases {
		code, _, errs := runCmd(t, "", c.args...)
		if code != 2 || !strings.Contains(errs, c.text) {
			t.Errorf("%s: exit %d, stderr %q, want 2 and %q", c.name, code, errs, c.text)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "none.xlsx")); err == nil {
		t.Error("a failed report wrote a workbook")
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
