package history_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/history"
	"motcua/internal/i18n"
	"motcua/internal/procedure"
)

const unit = "000.00.15.H06"

var ict = calendar.Location

// lookup knows one unit and one procedure (3 working days, field Hộ tịch).
func lookup() history.Lookup {
	p := procedure.Procedure{Code: "9.990004", Name: "Xác nhận tình trạng hôn nhân", Version: 2,
		Field:    procedure.Field{Code: "H06-01", Name: "Hộ tịch"},
		Channels: []procedure.Channel{{Kind: procedure.InPerson, Time: 3, Unit: procedure.WorkingDay}}}
	return history.Lookup{
		Unit: func(c string) bool { return c == unit },
		Procedure: func(c string, _ time.Time) (procedure.Procedure, bool) {
			return p, c == p.Code
		},
	}
}

// good is a valid finished row.
func good() history.Row {
	return history.Row{Line: 2, Unit: unit, Procedure: "9.990004", Channel: "in_person",
		ReceivedAt: "2015-03-02T08:30:00+07:00", DueAt: "2015-03-05T08:30:00+07:00",
		FinishedAt: "2015-03-04T10:00:00+07:00", ReturnedAt: "2015-03-04T15:00:00+07:00", Outcome: "result",
		ApplicantName: "Nguyễn Thị Lan"}
}

func TestBuildRejects(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *history.Row)
		want   map[string]string // column → message key
	}{
		{"unknown unit", func(r *history.Row) { r.Unit = "000.99.99.H06" }, map[string]string{"unit": "history.unit.unknown"}},
		{"no unit", func(r *history.Row) { r.Unit = "" }, map[string]string{"unit": "history.required"}},
		{"unknown procedure", func(r *history.Row) { r.Procedure = "1.000000" }, map[string]string{"procedure": "history.procedure.unknown"}},
		{"unknown channel", func(r *history.Row) { r.Channel = "fax" }, map[string]string{"channel": "history.channel.invalid"}},
		{"no channel", func(r *history.Row) { r.Channel = "" }, map[string]string{"channel": "history.channel.invalid"}},
		{"unknown outcome", func(r *history.Row) { r.Outcome = "closed" }, map[string]string{"outcome": "history.outcome.invalid"}},
		{"no receipt", func(r *history.Row) { r.ReceivedAt = "" }, map[string]string{"received_at": "history.date.required"}},
		{"no due", func(r *history.Row) { r.DueAt = "" }, map[string]string{"due_at": "history.date.required"}},
		{"impossible date", func(r *history.Row) { r.ReceivedAt = "2015-02-30T08:00:00+07:00" }, map[string]string{"received_at": "history.date.invalid"}},
		{"date without offset", func(r *history.Row) { r.DueAt = "2015-03-05 08:30" }, map[string]string{"due_at": "history.date.invalid"}},
		{"date out of range", func(r *history.Row) { r.FinishedAt = "1800-03-04T10:00:00+07:00" }, map[string]string{"finished_at": "history.date.invalid"}},
		{"end before receipt", func(r *history.Row) { r.FinishedAt, r.ReturnedAt = "2015-03-01T10:00:00+07:00", "" },
			map[string]string{"finished_at": "history.finished.before_received"}},
		{"due before receipt", func(r *history.Row) { r.DueAt = "2015-03-02T08:29:59+07:00" }, map[string]string{"due_at": "history.due.before_received"}},
		{"returned before finished", func(r *history.Row) { r.ReturnedAt = "2015-03-04T09:00:00+07:00" },
			map[string]string{"returned_at": "history.returned.before_finished"}},
		{"returned without finished", func(r *history.Row) { r.FinishedAt, r.Outcome = "", "" },
			map[string]string{"returned_at": "history.returned.without_finished"}},
		{"outcome without finished_at", func(r *history.Row) { r.FinishedAt, r.ReturnedAt = "", "" },
			map[string]string{"finished_at": "history.finished.required"}},
		{"finished_at without outcome", func(r *history.Row) { r.Outcome, r.ReturnedAt = "", "" },
			map[string]string{"outcome": "history.outcome.required"}},
		{"several problems", func(r *history.Row) { r.Unit, r.Channel, r.DueAt = "X.Y", "email", "" },
			map[string]string{"unit": "history.unit.unknown", "channel": "history.channel.invalid", "due_at": "history.date.required"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, bad := good(), good()
			ok.Line, bad.Line = 2*i+2, 2*i+3
			tt.change(&bad)
			recs, rej := history.Build([]history.Row{ok, bad}, lookup())
			if len(recs) != 1 || recs[0].Line != ok.Line {
				t.Fatalf("the good row was not kept: %+v", recs)
			}
			if len(rej) != 1 || rej[0].Line != bad.Line {
				t.Fatalf("rejections = %+v, want row %d", rej, bad.Line)
			}
			got := map[string]string{}
			for _, p := range rej[0].Problems {
				got[p.Column] = p.Message.Key
				for _, l := range i18n.Langs {
					if !i18n.Has(l, p.Message.Key) {
						t.Errorf("%s.json lacks %q", l, p.Message.Key)
					}
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("row %d problems = %v, want %v", bad.Line, got, tt.want)
			}
		})
	}
}

func TestBuildDossiers(t *testing.T) {
	rows := []history.Row{good(), good(), good(), good(), good(), good()}
	rows[1].Outcome, rows[1].ReturnedAt, rows[1].FinishedAt = "refused", "", "2015-03-06T09:00:00+07:00" // late
	rows[2].Outcome, rows[2].ReturnedAt, rows[2].FinishedAt = "", "", ""                                 // pending
	rows[3].Outcome, rows[3].ReturnedAt = "withdrawn", ""
	rows[4].Outcome, rows[4].ReturnedAt, rows[4].Field, rows[4].Channel = "stopped", "", "Chứng thực", "2"
	rows[5].ReturnedAt, rows[5].FinishedAt = "", "2015-03-05T08:30:00+07:00" // on time, not returned
	for i := range rows {
		rows[i].Line = i + 2
	}
	recs, rej := history.Build(rows, lookup())
	if len(rej) != 0 || len(recs) != len(rows) {
		t.Fatalf("build = %d records, rejected %+v", len(recs), rej)
	}
	want := []struct {
		status  dossier.Status
		class   dossier.Timeliness
		events  int
		outcome dossier.Outcome
	}{
		{dossier.StatusReturned, dossier.Early, 4, dossier.OutcomeResult},
		{dossier.StatusDone, dossier.Late, 3, dossier.OutcomeRefused},
		{dossier.StatusProcessing, "", 2, ""},
		{dossier.StatusStopped, dossier.Early, 4, dossier.OutcomeWithdrawn},
		{dossier.StatusStopped, dossier.Early, 3, dossier.OutcomeStopped},
		{dossier.StatusDone, dossier.OnTime, 3, dossier.OutcomeResult},
	}
	for i, w := range want {
		d := recs[i].Dossier
		if d.Status != w.status || d.Timeliness != w.class || len(recs[i].Events) != w.events || d.Outcome != w.outcome {
			t.Errorf("row %d: status %v, class %q, %d events, outcome %q; want %v %q %d %q", recs[i].Line, d.Status,
				d.Timeliness, len(recs[i].Events), d.Outcome, w.status, w.class, w.events, w.outcome)
		}
		for _, e := range recs[i].Events {
			if e.Actor != history.Actor || e.ActorUnit != unit {
				t.Errorf("row %d event %+v", recs[i].Line, e)
			}
		}
		if last := recs[i].Events[len(recs[i].Events)-1]; last.To != d.Status {
			t.Errorf("row %d: last event to %v, status %v", recs[i].Line, last.To, d.Status)
		}
	}
	d := recs[0].Dossier
	if d.ProcedureName != "Xác nhận tình trạng hôn nhân" || d.ProcedureVersion != 2 || d.FieldName != "Hộ tịch" ||
		d.FieldCode != "H06-01" || d.Applicant.Kind != dossier.ApplicantCitizen || d.Applicant.Name != "Nguyễn Thị Lan" ||
		d.CompetentUnit != unit || d.ReceivingUnit != unit || !d.OriginalDueAt.Equal(d.DueAt) ||
		d.Rules.Time != 3 || d.Rules.Unit != procedure.WorkingDay || d.ReceivedAt.Location() != ict {
		t.Errorf("dossier = %+v", d)
	}
	if f := recs[4].Dossier; f.FieldName != "Chứng thực" || f.FieldCode != "" || f.Channel != dossier.ChannelOnline {
		t.Errorf("field override = %q %q, channel %v", f.FieldName, f.FieldCode, f.Channel)
	}
}

func TestNumber(t *testing.T) {
	rows := []history.Row{good(), good(), good()}
	rows[0].ReceivedAt = "2015-03-02T15:00:00+07:00" // later the same day: numbered after row 3
	rows[1].ReceivedAt, rows[1].DueAt = "2015-03-03T08:00:00+07:00", "2015-03-06T08:00:00+07:00"
	for i := range rows {
		rows[i].Line = i + 2
	}
	recs, rej := history.Build(rows, lookup())
	if len(rej) != 0 {
		t.Fatal(rej)
	}
	last := map[string]int{unit + "-150302": 7}
	got, err := history.Number(recs, last, bytes.NewReader(bytes.Repeat([]byte{5, 9, 200, 14, 33, 2}, 100)))
	if err != nil {
		t.Fatal(err)
	}
	codes := []string{recs[0].Dossier.Code, recs[1].Dossier.Code, recs[2].Dossier.Code}
	if want := []string{unit + "-150302-0009", unit + "-150303-0001", unit + "-150302-0008"}; !reflect.DeepEqual(codes, want) {
		t.Fatalf("codes = %v, want %v", codes, want)
	}
	if got[unit+"-150302"] != 9 || got[unit+"-150303"] != 1 {
		t.Fatalf("highest = %v", got)
	}
	for _, r := range recs {
		if !dossier.ValidSecret(r.Dossier.LookupSecret) {
			t.Fatalf("secret %q", r.Dossier.LookupSecret)
		}
	}
	if _, err := history.Number(recs, nil, strings.NewReader("")); err == nil {
		t.Fatal("a failing secret source was not reported")
	}
}

func TestRead(t *testing.T) {
	csvText := "\uFEFFApplicant_Name,unit,procedure,channel,received_at,due_at,finished_at,returned_at,outcome,extra\n" +
		"\"Trần Văn Bình, con\"," + unit + ",9.990004,in_person,2015-03-02T08:30:00+07:00,2015-03-05T08:30:00+07:00,,,,x\n" +
		",,,,,,,,,\n" +
		"Lê Thị Hoa," + unit + ",9.990004,online,2015-03-02T09:30:00+07:00,2015-03-05T09:30:00+07:00,,,\n"
	rows, err := history.Read("sổ 2015.CSV", []byte(csvText))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Line != 2 || rows[1].Line != 4 || rows[0].ApplicantName != "Trần Văn Bình, con" ||
		rows[1].Channel != "online" || rows[1].Field != "" {
		t.Fatalf("rows = %+v", rows)
	}

	f := excelize.NewFile()
	for i, v := range []string{"field", "outcome", "unit", "procedure", "channel", "received_at", "due_at", "finished_at", "returned_at", "applicant_name"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		_ = f.SetCellStr("Sheet1", cell, v)
	}
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"Chứng thực", "result", unit, "9.990004", "postal", "2015-03-02T08:30:00+07:00",
		"2015-03-05T08:30:00+07:00", "2015-03-03T08:30:00+07:00", "", "Phạm Minh Đức"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err = history.Read("book.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Line != 2 || rows[0].Field != "Chứng thực" || rows[0].Outcome != "result" || rows[0].Channel != "postal" {
		t.Fatalf("xlsx rows = %+v", rows)
	}

	// A book kept in Excel: the times are date cells (a serial number shown with a date format), one
	// date only; the procedure code is a number cell.
	f = excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"unit", "procedure", "channel", "received_at", "due_at", "finished_at", "returned_at", "outcome", "applicant_name"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{unit, 9.990004, "in_person", time.Date(2015, 3, 2, 8, 30, 0, 0, time.UTC),
		time.Date(2015, 3, 5, 0, 0, 0, 0, time.UTC), time.Date(2015, 3, 4, 16, 45, 30, 0, time.UTC), "", "result", "Đỗ Thị Lan"})
	buf.Reset()
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err = history.Read("book.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Procedure != "9.990004" || rows[0].ReceivedAt != "2015-03-02T08:30:00+07:00" ||
		rows[0].DueAt != "2015-03-05T00:00:00+07:00" || rows[0].FinishedAt != "2015-03-04T16:45:30+07:00" || rows[0].ReturnedAt != "" {
		t.Fatalf("xlsx rows with date cells = %+v", rows)
	}

	for name, c := range map[string]struct {
		file, data, key string
	}{
		"missing column": {"a.csv", "unit,procedure\n", "history.column.missing"},
		"empty file":     {"a.csv", "", "history.column.missing"},
		"bad quotes":     {"a.csv", "unit,\"procedure\n", "history.file.unreadable"},
		"not a workbook": {"a.xlsx", "unit,procedure\n", "history.file.unreadable"},
		"other format":   {"a.ods", "", "history.format.unknown"},
	} {
		if _, err := history.Read(c.file, []byte(c.data)); fault.As(err).Message.Key != c.key {
			t.Errorf("%s: %v, want %s", name, err, c.key)
		}
	}
}
