package web

import (
	"testing"

	"motcua/internal/i18n"
)

// The change history shows stored codes and summaries by their names, in the reader's language.
func TestChangeValue(t *testing.T) {
	vi, en := i18n.For(i18n.VI), i18n.For(i18n.EN)
	tests := []struct {
		p         i18n.Printer
		field, in string
		want      string
	}{
		{vi, "levels", "commune; province", "Cấp xã; Cấp tỉnh"},
		{vi, "subjects", "citizen", "Công dân"},
		{vi, "online_level", "full", "Toàn trình"},
		{vi, "supplement_policy", "pause", "Tạm dừng trong thời gian chờ bổ sung"},
		{vi, "components[Tờ khai]", "originals=1 certified_copies=0 copies=2 mandatory=true", "Bản chính: 1; Bản sao chứng thực: 0; Bản sao: 2; Bắt buộc: Có"},
		{en, "components[Tờ khai]", "originals=1 certified_copies=0 copies=0 mandatory=false form=to-khai.docx", "Originals: 1; Certified copies: 0; Copies: 0; Mandatory: No; Form: to-khai.docx"},
		{vi, "results[Giấy chứng nhận]", "code= paper=true", "bản giấy"},
		{vi, "channels[online].time", "3 WORKING_DAY", "3 Ngày làm việc"},
		{vi, "workflow", "1. Tiếp nhận (reception, 2h); 2. Thẩm định (specialist, Phòng Kinh tế, 12h)", "1. Tiếp nhận (Cán bộ tiếp nhận, 2h); 2. Thẩm định (Chuyên viên xử lý, Phòng Kinh tế, 12h)"},
		{vi, "name", "Đăng ký hộ kinh doanh", "Đăng ký hộ kinh doanh"},
		{vi, "levels", "unknown_level", "unknown_level"},
	}
	for _, tt := range tests {
		if got := changeValue(tt.p, tt.field, tt.in); got != tt.want {
			t.Errorf("%s %s %q = %q, want %q", tt.p.Lang, tt.field, tt.in, got, tt.want)
		}
	}
}
