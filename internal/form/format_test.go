package form

import (
	"testing"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/procedure"
)

func TestFormats(t *testing.T) {
	d := &doc{set: sets[Set2025], spec: sets[Set2025].Forms[Receipt]}
	utc := time.Date(2026, time.January, 4, 20, 5, 0, 0, time.UTC) // 03:05 on 5 January in Vietnam
	tests := []struct{ name, got, want string }{
		{"date line, January", dateLine(d, "Bắc Ninh", utc), "Bắc Ninh, ngày 05 tháng 01 năm 2026"},
		{"date line, November", dateLine(d, "Hà Nội", at(2026, time.November, 26, 9, 0)), "Hà Nội, ngày 26 tháng 11 năm 2026"},
		{"long time", longTime(d, utc), "03 giờ 05 phút, ngày 05 tháng 01 năm 2026"},
		{"long time, zero", longTime(d, time.Time{}), "……………"},
		{"stamp", stamp(utc), "03:05 05/01/2026"},
		{"date", dateVN(utc), "05/01/2026"},
		{"money", money(1250000), "1.250.000 đồng"},
		{"money, small", money(8000), "8.000 đồng"},
		{"money, zero", money(0), "0 đồng"},
		{"working days", legalTime(d, dossier.Rules{Time: 3, Unit: procedure.WorkingDay}), "3 ngày làm việc"},
		{"hours", legalTime(d, dossier.Rules{Time: 4, Unit: procedure.WorkingHour}), "4 giờ làm việc"},
		{"same day", legalTime(d, dossier.Rules{Time: 0, Unit: procedure.WorkingDay}), "trong ngày"},
		{"months", legalTime(d, dossier.Rules{Time: 2, Unit: procedure.Month}), "2 tháng"},
		{"post", returnMethod(d, dossier.ReturnByPost, "Số 1 Lý Thái Tổ"), "qua dịch vụ bưu chính công ích, địa chỉ: Số 1 Lý Thái Tổ"},
		{"desk by default", returnMethod(d, "", ""), "Bộ phận Một cửa (nhận trực tiếp)"},
		{"fees", fees([]dossier.Fee{{Name: "Lệ phí", AmountVND: 8000}, {Name: "Phí sao", AmountVND: 3000}}), "Lệ phí: 8.000 đồng; Phí sao: 3.000 đồng"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if len(d.missing) > 0 {
		t.Errorf("missing wording: %v", d.missing)
	}
}
