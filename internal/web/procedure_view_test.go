package web

import (
	"testing"

	"motcua/internal/i18n"
)

func TestProcedureViewHelpers(t *testing.T) {
	vi := i18n.For(i18n.VI)
	for _, c := range []struct{ got, want string }{
		{fieldPath("channels", 2, "fees", 1, "amount_vnd"), "channels[2].fees[1].amount_vnd"},
		{fieldPath("code"), "code"},
		{changeLabel(vi, "channels[online].fees"), "Trực tuyến — Phí, lệ phí"},
		{changeLabel(vi, "components[Tờ khai (mẫu 01.TK)]"), "Thành phần hồ sơ: Tờ khai (mẫu 01.TK)"},
		{changeLabel(vi, "field.code"), "Mã lĩnh vực"},
		{changeLabel(vi, "name"), "Tên thủ tục"},
		{changeLabel(vi, "mystery"), "mystery"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	ri := rowIndex{rows: map[string][]int{"channels": {1, 2}, "workflow": {0, 3}}, fees: map[int][]int{1: {1}}}
	for in, want := range map[string]string{
		"channels[1].fees[0].amount_vnd": "channels[2].fees[1].amount_vnd",
		"channels[0].time":               "channels[1].time",
		"workflow[1].hours":              "workflow[3].hours",
		"levels[0]":                      "levels",
		"workflow":                       "workflow",
		"code":                           "code",
	} {
		if got := ri.formName(in); got != want {
			t.Errorf("formName(%q) = %q, want %q", in, got, want)
		}
	}
	s := &Server{cfg: Config{FormsDir: "/srv/forms"}}
	for in, want := range map[string]string{
		"https://dichvucong.gov.vn/mau/to-khai.docx": "https://dichvucong.gov.vn/mau/to-khai.docx",
		"To khai 01.docx":     "/forms/To%20khai%2001.docx",
		"../etc/passwd.pdf":   "",
		"javascript:alert(1)": "",
		"Mẫu số 01/TP-HT":     "",
	} {
		if got := s.formLink(in); got != want {
			t.Errorf("formLink(%q) = %q, want %q", in, got, want)
		}
	}
}
