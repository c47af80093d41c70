package procedure

import (
	"strings"

	"motcua/internal/fold"
)

// The Excel workbook, as [ExportXLSX] writes it and [ParseXLSX] reads it.
// Row 1 of every sheet is a header; columns are found by header text (folded,
// so case and accents do not matter) or by the key in brackets below, in any
// order; unknown columns are ignored. Each child sheet refers to its
// procedure by "Mã TTHC". Lists in one cell (levels, agencies, subjects) are
// separated by ";" or new lines. Enumerations accept the Vietnamese label or
// the key ("Cấp xã" or "commune"); yes/no accepts "Có"/"Không", "x", 1/0.
const (
	sheetProcedures = "Thủ tục"          // one row per procedure
	sheetChannels   = "Kênh và phí"      // one row per fee; a channel without fees has one row with no fee
	sheetComponents = "Thành phần hồ sơ" // one row per paper, in order
	sheetLegal      = "Căn cứ pháp lý"   // one row per legal text, in order
	sheetResults    = "Kết quả"          // one row per result, in order
	sheetWorkflow   = "Quy trình"        // one row per internal step, in order
	sheetGuide      = "Hướng dẫn"        // instructions; not read
)

// column is one column of a sheet: the key it is known by, which is also the
// last element of the field path of its problems, and its header.
type column struct {
	key    string
	header string
}

var (
	procedureColumns = []column{
		{"code", "Mã TTHC"}, {"name", "Tên thủ tục"},
		{"field_code", "Mã lĩnh vực"}, {"field", "Lĩnh vực"},
		{"levels", "Cấp thực hiện"},
		{"competent", "Cơ quan thực hiện"}, {"coordinating", "Cơ quan phối hợp"},
		{"subjects", "Đối tượng thực hiện"}, {"subject_note", "Mô tả đối tượng"},
		{"steps", "Trình tự thực hiện"}, {"requirements", "Yêu cầu, điều kiện"},
		{"online_level", "Mức độ trực tuyến"},
		{"publish_decision", "Quyết định công bố"}, {"publish_effective", "Ngày hiệu lực quyết định"},
		{"cutoff_hour", "Giờ chốt nhận (HH:MM)"},
		{"supplement_policy", "Khi bổ sung hồ sơ"}, {"supplement_days", "Số ngày được bổ sung"},
		{"status", "Trạng thái"}, {"version", "Phiên bản"},
		{"effective_from", "Hiệu lực từ ngày"}, {"abolished_from", "Bãi bỏ từ ngày"},
	}
	channelColumns = []column{
		{"code", "Mã TTHC"}, {"channel", "Kênh"},
		{"time", "Thời gian giải quyết"}, {"unit", "Đơn vị thời gian"}, {"note", "Ghi chú thời gian"},
		{"name", "Tên phí, lệ phí"}, {"amount_vnd", "Số tiền (đồng)"}, {"per", "Tính theo"},
		{"description", "Mô tả phí"},
	}
	componentColumns = []column{
		{"code", "Mã TTHC"}, {"case", "Trường hợp"}, {"name", "Tên giấy tờ"},
		{"originals", "Bản chính"}, {"certified_copies", "Bản sao chứng thực"}, {"copies", "Bản sao"},
		{"mandatory", "Bắt buộc"}, {"form_template", "Mẫu đơn, tờ khai"},
	}
	legalColumns = []column{
		{"code", "Mã TTHC"}, {"number", "Số hiệu văn bản"}, {"name", "Tên văn bản"},
		{"date", "Ngày ban hành"}, {"issuer", "Cơ quan ban hành"},
	}
	resultColumns = []column{
		{"code", "Mã TTHC"}, {"result_code", "Mã kết quả"}, {"name", "Tên kết quả"}, {"paper", "Bản giấy"},
	}
	workflowColumns = []column{
		{"code", "Mã TTHC"}, {"step", "Bước"}, {"role", "Vai trò"}, {"office", "Phòng, ban"},
		{"hours", "Số giờ làm việc"},
	}
)

// headerIndex maps the keys of columns to their 0-based positions in a
// sheet's header row; a column absent from the header is absent from the map.
func headerIndex(columns []column, header []string) map[string]int {
	idx := map[string]int{}
	for i, h := range header {
		f := fold.String(h)
		f = strings.TrimSuffix(strings.TrimPrefix(f, "["), "]")
		for _, c := range columns {
			if _, seen := idx[c.key]; !seen && (f == fold.String(c.header) || f == c.key) {
				idx[c.key] = i
			}
		}
	}
	return idx
}

// headers returns the header texts of columns.
func headers(columns []column) []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.header
	}
	return out
}

// guideLines is the text of the instructions sheet.
var guideLines = []string{
	"Hướng dẫn điền danh mục thủ tục hành chính",
	"Dòng 1 của mỗi trang là tiêu đề cột; không đổi tên cột. Có thể đổi thứ tự cột hoặc thêm cột khác (sẽ bị bỏ qua).",
	"Trang \"" + sheetProcedures + "\": mỗi thủ tục một dòng. Mã TTHC có dạng 2.000635 hoặc 1.000948.H38 (nhập dạng văn bản).",
	"Các trang khác ghi Mã TTHC ở cột đầu để gắn với thủ tục; thứ tự các dòng là thứ tự hiển thị.",
	"Trang \"" + sheetChannels + "\": mỗi khoản phí một dòng; kênh không thu phí ghi một dòng, để trống các cột phí.",
	"Nhiều giá trị trong một ô (cấp thực hiện, cơ quan, đối tượng) cách nhau bằng dấu chấm phẩy (;).",
	"Ngày ghi dạng 2025-07-01 hoặc 01/07/2025. Giờ chốt nhận ghi dạng 15:00. Số tiền ghi bằng số (đồng).",
	"Tổng số giờ các bước ở trang \"" + sheetWorkflow + "\" không được vượt thời gian giải quyết theo quy định.",
}
