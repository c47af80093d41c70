package procedure

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestXLSXRoundTrip(t *testing.T) {
	rows, err := ParseSampleJSON(SampleCatalog)
	if err != nil {
		t.Fatal(err)
	}
	var procs []Procedure
	for _, r := range rows {
		procs = append(procs, *r.Procedure)
	}
	full := validProcedure()
	full.Code = "1.000948.H38"
	full.Levels = []Level{Province, District, Commune}
	full.Subjects = Subjects()
	full.Competent = []string{"Sở Tư pháp", "UBND cấp xã"}
	full.Steps = "Bước 1: nộp hồ sơ.\nBước 2: nhận kết quả."
	full.Channels[0].Note = "Kể từ ngày nhận đủ hồ sơ"
	full.Channels[0].Fees = append(full.Channels[0].Fees, Fee{Name: "Lệ phí", AmountVND: 1_500_000, Description: "Miễn cho hộ nghèo"})
	full.Components = append(full.Components, Component{Case: "Ủy quyền", Name: "Văn bản ủy quyền", CertifiedCopies: 1})
	full.Results = append(full.Results, Result{Name: "Bản điện tử", Paper: false})
	full.OnlineLevel = OnlineNone
	full.SupplementPolicy = Pause
	full.Status = Abolished
	full.Version = 3
	full.AbolishedFrom = full.EffectiveFrom.AddDate(1, 0, 0)
	procs = append(procs, full)

	var buf bytes.Buffer
	if err := ExportXLSX(&buf, procs); err != nil {
		t.Fatal(err)
	}
	if got := DetectFormat("export.bin", buf.Bytes()); got != FormatXLSX {
		t.Errorf("DetectFormat(export) = %q", got)
	}
	again, err := ParseXLSX(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(procs) {
		t.Fatalf("read back %d, wrote %d", len(again), len(procs))
	}
	for i, r := range again {
		if !r.OK() {
			t.Fatalf("row %d rejected: %v", r.Row, r.Errors)
		}
		if r.Row != i+2 {
			t.Errorf("procedure %d read from row %d", i, r.Row)
		}
		if d := Diff(procs[i], *r.Procedure); len(d) > 0 {
			t.Errorf("%s changed on round trip: %v", procs[i].Code, d)
		}
		if !reflect.DeepEqual(normalize(procs[i]), normalize(*r.Procedure)) {
			t.Errorf("%s not equal after round trip:\n%+v\n%+v", procs[i].Code, procs[i], *r.Procedure)
		}
	}
}

// workbook builds a workbook from sheet name → rows, as an officer might.
func workbook(t *testing.T, sheets map[string][][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for name, rows := range sheets {
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseXLSXByHand(t *testing.T) {
	data := workbook(t, map[string][][]any{
		// Accents and case of headers and sheet names do not matter; columns may move.
		"thu tuc": {
			{"Tên thủ tục", "MÃ TTHC", "Cấp thực hiện", "Giờ chốt nhận (HH:MM)", "Hiệu lực từ ngày", "Ghi chú riêng"},
			{"Đăng ký khai sinh", "2.000001", "xã", 0.625, 45839, "bỏ qua"}, // 15:00 and 2025-07-01 as Excel keeps them
			{"Mã sai", "2.00001", "Cấp xã", "", "", ""},
			{},
			{"Quá giờ", "2.000003", "commune; province", "15h", "", ""},
			{"Ngày sai", "2.000004", "Cấp xã", "", "31/02/2025", ""},
			{"Trùng", "2.000001", "", "", "", ""},
			{"Cấp lạ", "2.000006", "Cấp thôn", "", "", ""},
		},
		"Kênh và phí": {
			{"Mã TTHC", "Kênh", "Thời gian giải quyết", "Đơn vị thời gian", "Tên phí, lệ phí", "Số tiền (đồng)"},
			{"2.000001", "Trực tiếp", 0, "Ngày làm việc", "Lệ phí", "8.000"},
			{"2.000001", "Trực tiếp", "", "", "Phí bản sao", 8000},
			{"2.000001", "Trực tuyến", 0, "WORKING_DAY"},
			{"2.00001", "Trực tiếp", 1, "Ngày làm việc"},
			{"2.000003", "Trực tiếp", 1, "Ngày làm việc"},
			{"2.000004", "Bưu chính", 2, "Tuần lễ", "Phí", -5000},
			{"2.000006", "Trực tiếp", 1, "Giờ làm việc"},
			{"9.999999", "Trực tiếp", 1, "Ngày làm việc"},
		},
		"Quy trình": {
			{"Mã TTHC", "Bước", "Vai trò", "Số giờ làm việc"},
			{"2.000001", "Tiếp nhận", "reception", 1},
			{"2.000003", "Tiếp nhận", "reception", 4},
			{"2.000003", "Xử lý", "specialist", 5},
		},
		"Thành phần hồ sơ": {
			{"Mã TTHC", "Tên giấy tờ", "Bản chính", "Bản sao", "Bắt buộc"},
			{"2.000001", "Tờ khai", 1, 0, "x"},
			{"2.000001", "Giấy chứng sinh", "một", 0, "Có"},
		},
	})
	rows, err := ParseXLSX(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := DetectFormat("catalog.XLSX", nil); got != FormatXLSX {
		t.Errorf("DetectFormat by name = %q", got)
	}
	type want struct {
		sheet  string
		row    int
		column string
		field  string
		key    string
	}
	tests := []struct {
		row  int
		code string
		want []want // nil: accepted
	}{
		{2, "2.000001", []want{{"Thành phần hồ sơ", 3, "C", "components[1].originals", "procedure.number.invalid"}}},
		{3, "2.00001", []want{{"thu tuc", 3, "B", "code", "procedure.code.invalid"}}},
		{5, "2.000003", []want{{"thu tuc", 5, "", "workflow", "procedure.workflow.over_legal_time"}}},
		{6, "2.000004", []want{
			{"thu tuc", 6, "E", "effective_from", "procedure.date.invalid"},
			{"Kênh và phí", 7, "D", "channels[0].unit", "procedure.unit.invalid"},
			{"Kênh và phí", 7, "F", "channels[0].fees[0].amount_vnd", "procedure.fee.negative"},
		}},
		{7, "2.000001", []want{ // child rows belong to the first row of a code
			{"thu tuc", 7, "B", "code", "import.code.duplicate"},
			{"thu tuc", 7, "", "channels", "procedure.channels.required"},
		}},
		{8, "2.000006", []want{{"thu tuc", 8, "C", "levels[0]", "procedure.level.invalid"}}},
		{0, "9.999999", []want{{"Kênh và phí", 9, "A", "code", "import.code.unknown"}}},
	}
	if len(rows) != len(tests) {
		for _, r := range rows {
			t.Logf("row %d %s %v", r.Row, r.Code, r.Errors)
		}
		t.Fatalf("got %d rows, want %d", len(rows), len(tests))
	}
	for i, tt := range tests {
		r := rows[i]
		if r.Row != tt.row || r.Code != tt.code {
			t.Errorf("row %d: got row %d code %q", i, r.Row, r.Code)
			continue
		}
		if len(r.Errors) != len(tt.want) {
			t.Errorf("row %d errors = %v, want %v", tt.row, r.Errors, tt.want)
			continue
		}
		for _, w := range tt.want {
			found := false
			for _, e := range r.Errors {
				if e.Sheet == w.sheet && e.Row == w.row && e.Column == w.column && e.Field == w.field && e.Key == w.key {
					found = true
				}
			}
			if !found {
				t.Errorf("row %d errors = %v, missing %v", tt.row, r.Errors, w)
			}
		}
	}
	// 2.000001 is rejected for its component but was otherwise read right.
	if rows[0].Procedure != nil {
		t.Error("a rejected row keeps its procedure")
	}
}

func TestParseXLSXGoodRowsSurvive(t *testing.T) {
	data := workbook(t, map[string][][]any{
		"Thủ tục": {
			{"Mã TTHC", "Tên thủ tục", "Cấp thực hiện", "Giờ chốt nhận (HH:MM)", "Hiệu lực từ ngày"},
			{"2.000001", "Đăng ký khai sinh", "xã", 0.625, 45839},
			{"2.00001", "Mã sai", "Cấp xã"},
		},
		"Kênh và phí": {
			{"Mã TTHC", "Kênh", "Thời gian giải quyết", "Đơn vị thời gian", "Tên phí, lệ phí", "Số tiền (đồng)"},
			{"2.000001", "Trực tiếp", 0, "Ngày làm việc", "Lệ phí", "8.000"},
			{"2.000001", "trực tiếp", "", "", "Phí bản sao", 8000},
			{"2.000001", "Online", 0, "WORKING_DAY"},
			{"2.00001", "Trực tiếp", 1, "Ngày làm việc"},
		},
	})
	rows, err := ParseXLSX(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || !rows[0].OK() || rows[1].OK() {
		t.Fatalf("rows = %+v", rows)
	}
	p := rows[0].Procedure
	if p.CutoffHour != "15:00" || FormatDate(p.EffectiveFrom) != "2025-07-01" || len(p.Levels) != 1 || p.Levels[0] != Commune {
		t.Errorf("cut-off %q effective %s levels %v", p.CutoffHour, FormatDate(p.EffectiveFrom), p.Levels)
	}
	if len(p.Channels) != 2 || len(p.Channels[0].Fees) != 2 || p.Channels[0].Fees[0].AmountVND != 8000 ||
		p.Channels[1].Kind != Online || len(p.Channels[1].Fees) != 0 {
		t.Errorf("channels = %+v", p.Channels)
	}
}

func TestParseXLSXFileErrors(t *testing.T) {
	noMain := workbook(t, map[string][][]any{"Sheet X": {{"Mã TTHC"}}})
	noCode := workbook(t, map[string][][]any{"Thủ tục": {{"Tên thủ tục"}, {"A"}}})
	conflict := workbook(t, map[string][][]any{
		"Thủ tục":     {{"Mã TTHC", "Tên thủ tục"}, {"2.000001", "A"}},
		"Kênh và phí": {{"Mã TTHC", "Kênh", "Thời gian giải quyết", "Đơn vị thời gian"}, {"2.000001", "Trực tiếp", 1, "Giờ"}, {"2.000001", "Trực tiếp", 2, "Giờ"}},
	})
	if _, err := ParseXLSX(bytes.NewReader([]byte("not a zip"))); err == nil {
		t.Error("garbage accepted")
	}
	if _, err := ParseXLSX(bytes.NewReader(noMain)); !fieldErrors(t, err).Has("", "import.sheet.missing") {
		t.Errorf("missing main sheet: %v", err)
	}
	if _, err := ParseXLSX(bytes.NewReader(noCode)); !fieldErrors(t, err).Has("code", "import.column.missing") {
		t.Errorf("missing code column: %v", err)
	}
	rows, err := ParseXLSX(bytes.NewReader(conflict))
	if err != nil || len(rows) != 1 || !hasImportError(rows[0].Errors, "channels[0].time", "import.channel.conflict") {
		t.Errorf("conflicting channel rows: %v %+v", err, rows)
	}
}
