package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/history"
	"motcua/internal/processing"
	"motcua/internal/store/storetest"
)

// The units of a province made by "generate --province-units 4": a district and a commune.
const (
	districtDesk = "000.00.01.H35"
	communeDesk  = "000.01.21.H35"
)

// mustRun runs a command that must succeed and returns its standard output.
func mustRun(t testing.TB, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(context.Background(), args, testEnv(nil), strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("%v: exit %d\n%s\n%s", args, code, out.String(), errb.String())
	}
	return out.String()
}

// province loads the generated province and the sample catalog, without dossiers.
func province(t testing.TB, dsn string) {
	t.Helper()
	mustRun(t, "generate", "--dossiers", "0", "--province-units", "4", "--db", dsn)
}

func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportDossiers(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			province(t, e.DSN)
			csvText := strings.Join([]string{
				"applicant_name,unit,procedure,channel,received_at,due_at,finished_at,returned_at,outcome,field",
				// 2: returned, early
				"Nguyễn Thị Lan," + districtDesk + ",9.990004,in_person,2015-03-02T08:30:00+07:00,2015-03-05T08:30:00+07:00,2015-03-04T10:00:00+07:00,2015-03-04T15:00:00+07:00,result,",
				// 3: unknown unit
				"Trần Văn Bình,000.99.99.H35,9.990004,in_person,2015-03-02T09:00:00+07:00,2015-03-05T09:00:00+07:00,,,,",
				// 4: late refusal, field overridden
				"Lê Thị Hoa," + districtDesk + ",9.990005,online,2015-03-02T10:00:00+07:00,2015-03-05T10:00:00+07:00,2015-03-06T10:00:00+07:00,,refused,Kinh doanh",
				// 5: end before receipt and an unknown outcome
				"Phạm Minh Đức," + communeDesk + ",9.990001,postal,2015-03-02T10:00:00+07:00,2015-03-02T17:00:00+07:00,2015-03-01T10:00:00+07:00,,lost,",
				// 6: pending
				"Vũ Thị Mai," + communeDesk + ",9.990001,in_person,2015-03-02T14:00:00+07:00,2015-03-02T17:00:00+07:00,,,,",
				// 7: impossible date
				"Hoàng Văn Nam," + communeDesk + ",9.990001,in_person,2015-02-29T14:00:00+07:00,2015-03-02T17:00:00+07:00,,,,",
			}, "\n") + "\n"
			path := writeFile(t, "sổ 2015.csv", []byte(csvText))
			code, stdout, stderr := runCmd(t, "", "import", "dossiers", path, "--db", e.DSN)
			if code != 0 {
				t.Fatalf("exit %d: %s %s", code, stdout, stderr)
			}
			for _, want := range []string{
				"dòng 3 / row 3:\n  unit: Không có đơn vị nào có mã định danh “000.99.99.H35”. / No unit has the identifier “000.99.99.H35”.",
				"dòng 5 / row 5:\n  finished_at: Thời điểm xử lý xong trước thời điểm tiếp nhận. / Finished before it was received.\n  outcome: Kết quả xử lý “lost”",
				"dòng 7 / row 7:\n  received_at: Ngày giờ “2015-02-29T14:00:00+07:00” không hợp lệ",
				"đã đọc 6 dòng, đã nhập 3, từ chối 3 / 6 rows read, 3 imported, 3 rejected",
			} {
				if !strings.Contains(stdout, want) {
					t.Errorf("output lacks %q:\n%s", want, stdout)
				}
			}
			if strings.Contains(stdout, "row 2:") || strings.Contains(stdout, "row 4:") || strings.Contains(stdout, "row 6:") {
				t.Errorf("a good row was reported:\n%s", stdout)
			}
			list, total, err := e.DB.ListDossiers(ctx, processing.Query{Units: []string{districtDesk, communeDesk}, Limit: 50})
			if err != nil || total != 3 {
				t.Fatalf("stored %d dossiers, %v", total, err)
			}
			got := map[string]dossier.Dossier{}
			for _, d := range list {
				got[d.Applicant.Name] = d
			}
			lan, hoa, mai := got["Nguyễn Thị Lan"], got["Lê Thị Hoa"], got["Vũ Thị Mai"]
			if lan.Code != districtDesk+"-150302-0001" || lan.Status != dossier.StatusReturned || lan.Timeliness != dossier.Early ||
				!dossier.ValidSecret(lan.LookupSecret) || lan.ProcedureName != "Xác nhận tình trạng hôn nhân" || lan.FieldName != "Hộ tịch" {
				t.Errorf("returned dossier = %+v", lan)
			}
			if hoa.Code != districtDesk+"-150302-0002" || hoa.Status != dossier.StatusDone || hoa.Outcome != dossier.OutcomeRefused ||
				hoa.Timeliness != dossier.Late || hoa.FieldName != "Kinh doanh" || hoa.Channel != dossier.ChannelOnline {
				t.Errorf("refused dossier = %+v", hoa)
			}
			if mai.Code != communeDesk+"-150302-0001" || mai.Status != dossier.StatusProcessing || mai.Timeliness != "" || !mai.FinishedAt.IsZero() {
				t.Errorf("pending dossier = %+v", mai)
			}
			events, err := e.DB.DossierEvents(ctx, lan.Code)
			if err != nil || len(events) != 4 || events[0].Actor != history.Actor || events[3].Action != dossier.ActReturn {
				t.Errorf("events = %+v, %v", events, err)
			}

			// The same book as a workbook: the codes continue after those taken.
			f := excelize.NewFile()
			for i, line := range strings.Split(strings.TrimSpace(csvText), "\n") {
				row := []any{}
				for _, c := range strings.Split(line, ",") {
					row = append(row, c)
				}
				cell, _ := excelize.CoordinatesToCellName(1, i+1)
				if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
					t.Fatal(err)
				}
			}
			var buf bytes.Buffer
			if err := f.Write(&buf); err != nil {
				t.Fatal(err)
			}
			out := mustRun(t, "import", "dossiers", writeFile(t, "book.xlsx", buf.Bytes()), "--db", e.DSN)
			if !strings.Contains(out, "6 rows read, 3 imported, 3 rejected") || !strings.Contains(out, "dòng 7 / row 7:") {
				t.Fatalf("xlsx import:\n%s", out)
			}
			if d, err := e.DB.DossierByCode(ctx, districtDesk+"-150302-0004"); err != nil || d.Applicant.Name != "Lê Thị Hoa" {
				t.Fatalf("second import's code: %+v, %v", d, err)
			}

			// A reception later that day continues after the imported numbers.
			seq, err := e.DB.DossierSequences(ctx, []string{districtDesk})
			if err != nil || seq[districtDesk+"-150302"] != 4 {
				t.Fatalf("sequences = %v, %v", seq, err)
			}

			for _, c := range []struct{ name, file, data, want string }{
				{"missing column", "a.csv", "unit,procedure\n", "Dòng tiêu đề thiếu cột “channel”. / The header lacks the column “channel”."},
				{"other format", "a.ods", "x", "Chỉ nhập được tệp .csv hoặc .xlsx"},
			} {
				code, _, stderr := runCmd(t, "", "import", "dossiers", writeFile(t, c.file, []byte(c.data)), "--db", e.DSN)
				if code != 2 || !strings.Contains(stderr, c.want) {
					t.Errorf("%s: exit %d, %s", c.name, code, stderr)
				}
			}
			if code, _, stderr := runCmd(t, "", "import", "units", path, "--db", e.DSN); code != 2 || !strings.Contains(stderr, "usage") {
				t.Errorf("import units: %d %s", code, stderr)
			}
		})
	}
}

// seedExample returns the rows of the seed example (domain.md §8): a district desk resolving 12,450
// dossiers in 2015, 12,200 early or on time and 250 late.
func seedExample(t testing.TB) []history.Row {
	t.Helper()
	cal := calendar.Default()
	const total, late = 12450, 250
	rows := make([]history.Row, 0, total)
	day := time.Date(2015, 1, 1, 7, 0, 0, 0, calendar.Location)
	for len(rows) < total {
		if !cal.IsWorkingDay(calendar.DateOf(day)) {
			day = day.AddDate(0, 0, 1)
			continue
		}
		for k := 0; k < 55 && len(rows) < total; k++ {
			i := len(rows)
			at := day.Add(time.Duration(k*8) * time.Minute)
			due, err := cal.Due(calendar.DueRequest{Received: at, Amount: 3, Unit: calendar.WorkingDay})
			if err != nil {
				t.Fatal(err)
			}
			var end time.Time
			switch {
			case i%(total/late) == 0 && i/(total/late) < late: // one in 49: late by half a day
				end = cal.AddWorkingHours(due.At, 4*time.Hour)
			case i%3 == 0: // on time: the due day itself
				end = due.At.Add(-30 * time.Minute)
			default: // early
				end = cal.AddWorkingHours(due.Start, 12*time.Hour)
			}
			rows = append(rows, history.Row{Line: i + 2, Unit: districtDesk, Procedure: "9.990004", Channel: "in_person",
				ReceivedAt: at.Format(time.RFC3339), DueAt: due.At.Format(time.RFC3339), FinishedAt: end.Format(time.RFC3339),
				ReturnedAt: cal.AddWorkingHours(end, time.Hour).Format(time.RFC3339), Outcome: "result",
				ApplicantName: fmt.Sprintf("Nguyễn Văn An %d", i)})
		}
		day = day.AddDate(0, 0, 1)
	}
	if rows[len(rows)-1].ReceivedAt[:4] != "2015" {
		t.Fatalf("the example does not fit in 2015: %s", rows[len(rows)-1].ReceivedAt)
	}
	return rows
}

// TestImportSeedExample loads the seed example and checks, by counting the stored rows, that the
// district desk resolved 12,200 dossiers early or on time and 250 late in 2015.
func TestImportSeedExample(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 12,450 dossiers")
	}
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			province(t, e.DSN)
			var buf bytes.Buffer
			if err := history.WriteCSV(&buf, seedExample(t)); err != nil {
				t.Fatal(err)
			}
			out := mustRun(t, "import", "dossiers", writeFile(t, "tien-du-2015.csv", buf.Bytes()), "--db", e.DSN)
			if !strings.Contains(out, "12450 rows read, 12450 imported, 0 rejected") {
				t.Fatalf("import:\n%s", out)
			}
			counts, err := e.DB.CountByTimeliness(context.Background(), districtDesk,
				time.Date(2015, 1, 1, 0, 0, 0, 0, calendar.Location), time.Date(2016, 1, 1, 0, 0, 0, 0, calendar.Location))
			if err != nil {
				t.Fatal(err)
			}
			if n := counts[dossier.Early] + counts[dossier.OnTime]; n != 12200 || counts[dossier.Late] != 250 || counts[""] != 0 ||
				counts[dossier.Early] == 0 || counts[dossier.OnTime] == 0 {
				t.Fatalf("counts = %v: %d early or on time, want 12200 and 250 late", counts, n)
			}
		})
	}
}

func TestGenerateCommand(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			out := mustRun(t, "generate", "--dossiers", "3000", "--from-year", "2024", "--seed", "7", "--province-units", "5", "--db", e.DSN)
			if !strings.Contains(out, "3000 dossiers at 5 units, 8 procedures, 2024–") || !strings.Contains(out, "dossiers/s") {
				t.Fatalf("generate:\n%s", out)
			}
			// Again: units and catalog are kept, codes continue.
			out = mustRun(t, "generate", "--dossiers", "1000", "--from-year", "2024", "--seed", "7", "--province-units", "5", "--db", e.DSN)
			if !strings.Contains(out, "1000 dossiers at 5 units") {
				t.Fatalf("second generate:\n%s", out)
			}
			_, total, err := e.DB.ListDossiers(context.Background(), processing.Query{Limit: 1})
			if err != nil || total != 4000 {
				t.Fatalf("%d dossiers stored, %v", total, err)
			}
			units, err := e.DB.Units(context.Background())
			if err != nil || len(units) != 1+2+5 {
				t.Fatalf("%d units, %v", len(units), err)
			}
			for _, args := range [][]string{{"generate"}, {"generate", "--dossiers", "5", "--from-year", "2030"}, {"generate", "--dossiers", "5", "--province-units", "0"}} {
				if code, _, _ := runCmd(t, "", append(args, "--db", e.DSN)...); code != 2 {
					t.Errorf("%v: exit %d", args, code)
				}
			}
		})
	}
}

func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progressBar{w: &buf, on: true, label: "import", total: 10000, now: func() time.Time { return clock }, start: clock}
	for i := 1; i <= 100; i++ {
		clock = clock.Add(10 * time.Millisecond) // 100 updates in one second
		p.set(i * 100)
	}
	p.finish()
	draws := strings.Count(buf.String(), "\r")
	if draws < 9 || draws > 12 {
		t.Fatalf("%d draws in one second: %q", draws, buf.String())
	}
	if !strings.Contains(buf.String(), "10000/10000 100% 10000/s ETA 0s") || !strings.HasSuffix(buf.String(), "\n") {
		t.Fatalf("last line: %q", buf.String()[strings.LastIndex(buf.String(), "\r"):])
	}
	p = &progressBar{w: &buf, total: 5, now: time.Now, start: time.Now()}
	buf.Reset()
	p.set(5)
	p.finish()
	if buf.Len() != 0 || isTerminal(&buf) {
		t.Fatal("a bar was drawn on a non-terminal")
	}
}
