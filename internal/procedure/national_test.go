package procedure

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseNationalFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/national-sample.json")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ParseNationalJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("got %d rows, want 4", len(rows))
	}

	// Row 1: the full upper-case shape.
	r := rows[0]
	if !r.OK() {
		t.Fatalf("row 1 rejected: %v", r.Errors)
	}
	p := r.Procedure
	if p.Code != "1.001193" || p.Name != "Thủ tục đăng ký khai sinh" ||
		p.Field != (Field{Code: "G09-TP08", Name: "Hộ tịch"}) || p.PublishDecision != "1872/QĐ-BTP" {
		t.Errorf("identity read as %q %q %+v %q", p.Code, p.Name, p.Field, p.PublishDecision)
	}
	if len(p.Levels) != 1 || p.Levels[0] != Commune {
		t.Errorf("levels = %v", p.Levels)
	}
	if len(p.Subjects) != 1 || p.Subjects[0] != Citizen {
		t.Errorf("subjects = %v (both kinds of person are citizens)", p.Subjects)
	}
	if !strings.HasPrefix(p.Steps, "Bước 1:") || strings.Count(p.Steps, "\n") != 2 {
		t.Errorf("steps = %q", p.Steps)
	}
	if p.OnlineLevel != OnlineFull || p.Requirements != "Không" || len(p.Competent) != 1 {
		t.Errorf("online %q requirements %q competent %v", p.OnlineLevel, p.Requirements, p.Competent)
	}
	if len(p.Channels) != 3 {
		t.Fatalf("channels = %+v", p.Channels)
	}
	in, online, post := p.Channels[0], p.Channels[1], p.Channels[2]
	if in.Kind != InPerson || in.Time != 0 || in.Unit != WorkingDay || len(in.Fees) != 2 ||
		in.Fees[0].AmountVND != 0 || in.Fees[1].AmountVND != 8000 || !strings.Contains(in.Note, "15 giờ") {
		t.Errorf("in person = %+v", in)
	}
	if online.Kind != Online || online.Time != 0 || len(online.Fees) != 1 {
		t.Errorf("online = %+v", online)
	}
	// 0.5 working days is 4 working hours; "Miễn phí" is 0.
	if post.Kind != Postal || post.Time != 4 || post.Unit != WorkingHour || post.Fees[0].AmountVND != 0 {
		t.Errorf("postal = %+v", post)
	}
	if len(p.Components) != 3 {
		t.Fatalf("components = %+v", p.Components)
	}
	c0, c1, c2 := p.Components[0], p.Components[1], p.Components[2]
	if c0.Case != "Đăng ký khai sinh đúng hạn" || c0.Originals != 1 || !c0.Mandatory ||
		!strings.HasPrefix(c0.FormTemplate, "https://") {
		t.Errorf("component 0 = %+v", c0)
	}
	if c1.Originals != 1 || c1.Copies != 0 || c1.FormTemplate != "" {
		t.Errorf("component 1 = %+v", c1)
	}
	if c2.Mandatory || c2.CertifiedCopies != 1 || c2.Copies != 0 {
		t.Errorf("component 2 (optional, certified) = %+v", c2)
	}
	if len(p.Results) != 1 || p.Results[0] != (Result{Code: "KQ1", Name: "Giấy khai sinh (bản chính)", Paper: true}) {
		t.Errorf("results = %+v", p.Results)
	}
	if len(p.LegalBasis) != 2 ||
		!p.LegalBasis[0].Date.Equal(time.Date(2014, 11, 20, 0, 0, 0, 0, Location)) || p.LegalBasis[0].Issuer != "Quốc hội" ||
		!p.LegalBasis[1].Date.Equal(time.Date(2015, 11, 15, 0, 0, 0, 0, Location)) {
		t.Errorf("legal basis = %+v", p.LegalBasis)
	}

	// Row 2: mixed-case keys, channel names, "75,000", calendar days.
	r = rows[1]
	if !r.OK() {
		t.Fatalf("row 2 rejected: %v", r.Errors)
	}
	p = r.Procedure
	if p.Code != "2.002189" || len(p.Channels) != 2 || p.Channels[0].Kind != InPerson || p.Channels[1].Kind != Online ||
		p.Channels[0].Unit != Day || p.Channels[0].Time != 15 || p.Channels[0].Fees[0].AmountVND != 75000 {
		t.Errorf("row 2 = %+v", p)
	}
	if len(p.Levels) != 1 || p.Levels[0] != Commune {
		t.Errorf("row 2 levels = %v", p.Levels)
	}
	if got := p.Subjects; len(got) != 2 || got[0] != Citizen || got[1] != OtherSubject {
		t.Errorf("subjects guessed from the note = %v", got)
	}

	// Row 3: bad code. Row 4: a unit that does not exist and a negative fee.
	if r := rows[2]; r.OK() || r.Code != "1.00123" || !hasImportError(r.Errors, "code", "procedure.code.invalid") {
		t.Errorf("row 3 = %+v", r)
	}
	r = rows[3]
	if r.OK() || !hasImportError(r.Errors, "channels[0].unit", "procedure.unit.invalid") ||
		!hasImportError(r.Errors, "channels[0].fees[0].amount_vnd", "procedure.fee.negative") {
		t.Errorf("row 4 errors = %v", r.Errors)
	}
	for _, e := range r.Errors {
		if e.Row != 4 {
			t.Errorf("row 4 error placed at row %d", e.Row)
		}
		if e.Field == "channels[0].unit" && (len(e.Args) != 1 || e.Args[0] != "Năm") {
			t.Errorf("unit error should name the unit read: %v", e.Args)
		}
	}
}

func TestParseNationalShapes(t *testing.T) {
	one := `{"MATTHC": "1.000001", "TENTTHC": "A", "CACHTHUCTHUCHIEN": [{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 3, "DONVITINH": "Ngày làm việc"}]}]}`
	tests := []struct {
		name string
		in   string
		rows int
		err  bool
	}{
		{"array", "[" + one + "," + one + "]", 2, false},
		{"result wrapper", `{"result": [` + one + `]}`, 1, false},
		{"data wrapper", `{"data": {"items": [` + one + `]}}`, 1, false},
		{"single object", one, 1, false},
		{"BOM", "\ufeff[" + one + "]", 1, false},
		{"not json", `MATTHC`, 0, true},
		{"no list", `{"foo": 1}`, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := ParseNationalJSON([]byte(tt.in))
			if (err != nil) != tt.err || len(rows) != tt.rows {
				t.Fatalf("got %d rows, err %v", len(rows), err)
			}
			if tt.rows > 0 && !rows[0].OK() {
				t.Errorf("row rejected: %v", rows[0].Errors)
			}
		})
	}
}

func TestParseNationalLiberal(t *testing.T) {
	parse := func(t *testing.T, channel string) ImportRow {
		t.Helper()
		rows, err := ParseNationalJSON([]byte(`[{"MATTHC": "1.000001", "TENTTHC": "A", "CACHTHUCTHUCHIEN": [` + channel + `]}, 7]`))
		if err != nil {
			t.Fatal(err)
		}
		if rows[1].OK() || !hasImportError(rows[1].Errors, "", "import.row.malformed") {
			t.Errorf("a non-object row: %+v", rows[1])
		}
		return rows[0]
	}
	tests := []struct {
		name    string
		channel string
		want    Channel
		warn    string
	}{
		{"code as string", `{"KENH": "3", "THOIGIAN": [{"THOIGIANGIAIQUYET": "5", "DONVITINH": "Ngày làm việc"}]}`,
			Channel{Kind: Postal, Time: 5, Unit: WorkingDay}, ""},
		{"hours", `{"KENH": "Trực tuyến", "THOIGIAN": [{"THOIGIANGIAIQUYET": 4, "DONVITINH": "Giờ"}]}`,
			Channel{Kind: Online, Time: 4, Unit: WorkingHour}, ""},
		{"months", `{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": "1", "DONVITINH": "Tháng"}]}`,
			Channel{Kind: InPerson, Time: 1, Unit: Month}, ""},
		{"weeks", `{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": "2", "DONVITINH": "Tuần"}]}`,
			Channel{Kind: InPerson, Time: 14, Unit: Day}, ""},
		{"long unit text", `{"KENH": "Nộp trực tiếp", "THOIGIAN": [{"THOIGIANGIAIQUYET": "10", "DONVITINH": "Ngày làm việc kể từ ngày nhận đủ hồ sơ"}]}`,
			Channel{Kind: InPerson, Time: 10, Unit: WorkingDay}, ""},
		{"no unit", `{"KENH": 2, "THOIGIAN": [{"THOIGIANGIAIQUYET": "3"}]}`,
			Channel{Kind: Online, Time: 3, Unit: WorkingDay}, "import.unit.assumed"},
		{"fraction of a calendar day", `{"KENH": 2, "THOIGIAN": [{"THOIGIANGIAIQUYET": "1,5", "DONVITINH": "Ngày"}]}`,
			Channel{Kind: Online, Time: 2, Unit: Day}, "import.time.rounded"},
		{"fee beside THOIGIAN, rate", `{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 1, "DONVITINH": "Ngày làm việc"}],
			"PHILEPHI": [{"SOTIEN": "0,5", "DONVI": "%", "MOTA": "giá trị tài sản"}]}`,
			Channel{Kind: InPerson, Time: 1, Unit: WorkingDay, Fees: []Fee{{Name: "Phí, lệ phí", Description: "0,5% giá trị tài sản"}}}, ""},
		{"two times", `{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 3, "DONVITINH": "Ngày làm việc", "MOTA": "a"},
			{"THOIGIANGIAIQUYET": 5, "DONVITINH": "Ngày làm việc", "MOTA": "b"}]}`,
			Channel{Kind: InPerson, Time: 3, Unit: WorkingDay, Note: "a\n5 Ngày làm việc: b"}, "import.time.extra"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, tt.channel)
			if !r.OK() {
				t.Fatalf("rejected: %v", r.Errors)
			}
			got := r.Procedure.Channels[0]
			if got.Kind != tt.want.Kind || got.Time != tt.want.Time || got.Unit != tt.want.Unit ||
				got.Note != tt.want.Note || len(got.Fees) != len(tt.want.Fees) {
				t.Errorf("channel = %+v, want %+v", got, tt.want)
			}
			for i := range got.Fees {
				if got.Fees[i] != tt.want.Fees[i] {
					t.Errorf("fee = %+v, want %+v", got.Fees[i], tt.want.Fees[i])
				}
			}
			if (tt.warn == "") != (len(r.Warnings) == 0) || (tt.warn != "" && r.Warnings[0].Key != tt.warn) {
				t.Errorf("warnings = %v, want %q", r.Warnings, tt.warn)
			}
		})
	}
	bad := []struct {
		name, channel, field, key string
	}{
		{"unknown channel", `{"KENH": 9, "THOIGIAN": [{"THOIGIANGIAIQUYET": 1, "DONVITINH": "Giờ"}]}`, "channels[0].channel", "procedure.channel.invalid"},
		{"no time", `{"KENH": 1}`, "channels[0].time", "procedure.required"},
		{"time not a number", `{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": "ba", "DONVITINH": "Giờ"}]}`, "channels[0].time", "procedure.time.invalid"},
		{"amount not a number", `{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 1, "DONVITINH": "Giờ", "PHILEPHI": [{"SOTIEN": "tùy"}]}]}`, "channels[0].fees[0].amount_vnd", "procedure.fee.amount.invalid"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, tt.channel)
			if r.OK() || !hasImportError(r.Errors, tt.field, tt.key) {
				t.Errorf("errors = %v, want %s %s", r.Errors, tt.field, tt.key)
			}
		})
	}
}
