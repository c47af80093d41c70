package procedure

import (
	"bytes"
	"os"
	"reflect"
	"testing"
)

func TestParseSampleCatalog(t *testing.T) {
	data, err := os.ReadFile("testdata/catalog-sample.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, SampleCatalog) {
		t.Fatal("data/catalog-sample.json (embedded) and testdata/catalog-sample.json differ")
	}
	rows, err := ParseSampleJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 8 {
		t.Fatalf("got %d rows, want 8", len(rows))
	}
	for _, r := range rows {
		if !r.OK() {
			t.Errorf("row %d (%s) rejected: %v", r.Row, r.Code, r.Errors)
		}
	}
	by := rowsByCode(rows)
	p := by["2.000635"].Procedure
	if p == nil {
		t.Fatal("2.000635 missing")
	}
	if p.Name != "Cấp bản sao trích lục hộ tịch" || p.Field.Name != "Hộ tịch" || p.CutoffHour != "15:00" ||
		p.OnlineLevel != OnlineFull || len(p.Channels) != 3 || p.Channels[2].Kind != Postal ||
		p.Channels[0].Fees[0].AmountVND != 8000 || p.Channels[0].Fees[0].Per != "bản" ||
		len(p.Workflow) != 4 || p.Workflow[1].Role != "specialist" || p.Workflow[1].Hours != 4 {
		t.Errorf("2.000635 read wrong: %+v", p)
	}
	// Defaults applied.
	if p.SupplementPolicy != Restart || p.SupplementDays != 15 || p.Status != Draft || p.Version != 1 {
		t.Errorf("defaults: policy %q days %d status %q version %d", p.SupplementPolicy, p.SupplementDays, p.Status, p.Version)
	}
	if got := by["9.990006"].Procedure; got.SupplementPolicy != Pause || got.Channels[0].Unit != Day || got.Channels[0].Time != 15 {
		t.Errorf("9.990006: policy %q, channel %+v", got.SupplementPolicy, got.Channels[0])
	}
	if c := by["9.990003"].Procedure.Components[1]; c.Mandatory {
		t.Errorf("optional component read as mandatory: %+v", c)
	}
}

func TestParseSampleJSONKeepsGoodRows(t *testing.T) {
	data := []byte(`{"procedures": [
		{"code": "2.000635", "name": "Tốt", "channels": [{"channel": "in_person", "time": 1, "unit": "WORKING_DAY", "fees": []}]},
		{"code": "2.00063", "name": "Mã sai", "channels": [{"channel": "in_person", "time": 1, "unit": "WORKING_DAY"}]},
		{"code": "2.000636", "name": "Phí âm", "channels": [{"channel": "online", "time": 1, "unit": "WORKING_DAY",
			"fees": [{"name": "Lệ phí", "amount_vnd": -1000}]}]},
		{"code": "2.000637", "name": "Đơn vị lạ", "channels": [{"channel": "online", "time": 1, "unit": "WEEK"}]},
		{"code": "2.000638", "name": "Quá giờ", "channels": [{"channel": "online", "time": 1, "unit": "WORKING_DAY"}],
			"workflow": [{"step": "a", "role": "specialist", "hours": 6}, {"step": "b", "role": "leader", "hours": 3}]},
		{"code": "2.000639", "name": "Sai kiểu", "channels": [{"channel": "online", "time": "ba", "unit": "WORKING_DAY"}]},
		{"code": "2.000640", "name": "Ngày sai", "effective_from": "31/02/2025", "channels": [{"channel": "postal", "time": 0, "unit": "DAY"}]},
		{"code": "2.000635", "name": "Trùng mã", "channels": [{"channel": "in_person", "time": 1, "unit": "WORKING_DAY"}]},
		{"code": "2.000641", "name": "Cũng tốt", "field": {"code": "H56-HT", "name": "Hộ tịch"},
			"channels": [{"channel": "in_person", "time": 2, "unit": "WORKING_HOUR"}]}
	]}`)
	rows, err := ParseSampleJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		row        int
		code       string
		field, key string // empty: accepted
	}{
		{1, "2.000635", "", ""},
		{2, "2.00063", "code", "procedure.code.invalid"},
		{3, "2.000636", "channels[0].fees[0].amount_vnd", "procedure.fee.negative"},
		{4, "2.000637", "channels[0].unit", "procedure.unit.invalid"},
		{5, "2.000638", "workflow", "procedure.workflow.over_legal_time"},
		{6, "2.000639", "channels.time", "import.row.malformed"},
		{7, "2.000640", "effective_from", "procedure.date.invalid"},
		{8, "2.000635", "code", "import.code.duplicate"},
		{9, "2.000641", "", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		r := rows[i]
		if r.Row != w.row || r.Code != w.code {
			t.Errorf("row %d: got row %d code %q", i, r.Row, r.Code)
		}
		if w.key == "" {
			if !r.OK() {
				t.Errorf("row %d rejected: %v", w.row, r.Errors)
			}
			continue
		}
		if r.OK() || r.Procedure != nil {
			t.Errorf("row %d accepted, want %s %s", w.row, w.field, w.key)
		}
		if !hasImportError(r.Errors, w.field, w.key) {
			t.Errorf("row %d errors %v, want %s %s", w.row, r.Errors, w.field, w.key)
		}
		for _, e := range r.Errors {
			if e.Row != w.row {
				t.Errorf("row %d: error placed at row %d", w.row, e.Row)
			}
		}
	}
	if f := rows[8].Procedure.Field; f.Code != "H56-HT" || f.Name != "Hộ tịch" {
		t.Errorf("field object read as %+v", f)
	}
}

func TestParseSampleJSONFileErrors(t *testing.T) {
	for _, in := range []string{``, `[`, `{"procedures": 3}`, `"text"`} {
		if _, err := ParseSampleJSON([]byte(in)); err == nil {
			t.Errorf("ParseSampleJSON(%q) succeeded", in)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	rows, err := ParseSampleJSON(SampleCatalog)
	if err != nil {
		t.Fatal(err)
	}
	var procs []Procedure
	for _, r := range rows {
		procs = append(procs, *r.Procedure)
	}
	full := validProcedure() // every field filled
	full.Code = "1.000948.H38"
	full.AbolishedFrom = full.EffectiveFrom.AddDate(1, 0, 0)
	full.Coordinating = []string{"Công an xã"}
	full.SubjectNote = "Công dân Việt Nam"
	full.Channels[0].Note = "Kể từ ngày nhận đủ hồ sơ"
	full.Channels[0].Fees[0].Description = "Miễn cho hộ nghèo"
	full.Components[0].Case = "Đúng hạn"
	full.Components = append(full.Components, Component{Name: "Bản sao CCCD", CertifiedCopies: 1})
	full.Results = append(full.Results, Result{Name: "Thông báo điện tử"})
	full.SupplementPolicy = Pause
	full.SupplementDays = 30
	procs = append(procs, full)
	var buf bytes.Buffer
	if err := ExportJSON(&buf, procs); err != nil {
		t.Fatal(err)
	}
	again, err := ParseSampleJSON(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(procs) {
		t.Fatalf("read back %d, wrote %d", len(again), len(procs))
	}
	for i, r := range again {
		if !r.OK() {
			t.Fatalf("row %d rejected on re-import: %v", r.Row, r.Errors)
		}
		if d := Diff(procs[i], *r.Procedure); len(d) > 0 {
			t.Errorf("%s changed on round trip: %v", procs[i].Code, d)
		}
		if !reflect.DeepEqual(normalize(procs[i]), normalize(*r.Procedure)) {
			t.Errorf("%s not equal after round trip:\n%+v\n%+v", procs[i].Code, procs[i], *r.Procedure)
		}
	}
	// Exporting twice gives the same bytes.
	var buf2 bytes.Buffer
	_ = ExportJSON(&buf2, procs)
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("ExportJSON is not deterministic")
	}
}

// normalize makes empty slices nil, so that DeepEqual compares content.
func normalize(p Procedure) Procedure {
	q := p.Clone()
	nilIfEmpty(&q.Levels)
	nilIfEmpty(&q.Competent)
	nilIfEmpty(&q.Coordinating)
	nilIfEmpty(&q.Subjects)
	nilIfEmpty(&q.Channels)
	for i := range q.Channels {
		nilIfEmpty(&q.Channels[i].Fees)
	}
	nilIfEmpty(&q.Components)
	nilIfEmpty(&q.LegalBasis)
	nilIfEmpty(&q.Results)
	nilIfEmpty(&q.Workflow)
	return q
}

func nilIfEmpty[T any](s *[]T) {
	if len(*s) == 0 {
		*s = nil
	}
}
