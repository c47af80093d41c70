package procedure

import (
	"strings"
	"unicode"

	"motcua/internal/fold"
)

// term is an enum value with its Vietnamese label, written by the Excel
// export, and the folded words an import recognises it by.
type term[T ~string] struct {
	value T
	label string
	words []string // folded; the value, the label and national codes are added by match
}

var (
	channelTerms = []term[ChannelKind]{
		{InPerson, "Trực tiếp", []string{"1", "truc tiep", "nop truc tiep", "in person"}},
		{Online, "Trực tuyến", []string{"2", "truc tuyen", "nop truc tuyen", "dich vu cong truc tuyen"}},
		{Postal, "Bưu chính", []string{"3", "buu chinh", "dich vu buu chinh", "buu chinh cong ich", "qua buu chinh", "nop qua buu chinh"}},
	}
	unitTerms = []term[TimeUnit]{
		{WorkingDay, "Ngày làm việc", []string{"ngay lam viec", "working day", "ngay lv"}},
		{WorkingHour, "Giờ làm việc", []string{"gio", "gio lam viec", "working hour", "tieng"}},
		{Day, "Ngày", []string{"ngay", "ngay lich", "day", "calendar day"}},
		{Month, "Tháng", []string{"thang", "month"}},
	}
	levelTerms = []term[Level]{
		{Province, "Cấp tỉnh", []string{"1", "tinh", "cap tinh"}},
		{District, "Cấp huyện", []string{"2", "huyen", "cap huyen"}},
		{Commune, "Cấp xã", []string{"3", "xa", "cap xa", "phuong", "thi tran", "xa, phuong, thi tran"}},
	}
	subjectTerms = []term[Subject]{
		{Citizen, "Công dân", []string{"1", "cong dan", "ca nhan", "cong dan viet nam", "nguoi dan", "nguoi"}},
		{Business, "Doanh nghiệp", []string{"2", "doanh nghiep", "to chuc kinh te", "hop tac xa", "ho kinh doanh"}},
		{Agency, "Cơ quan nhà nước", []string{"3", "co quan nha nuoc", "co quan"}},
		{OtherSubject, "Tổ chức khác", []string{"4", "to chuc khac", "to chuc", "khac"}},
	}
	onlineTerms = []term[OnlineLevel]{
		{OnlineFull, "Toàn trình", []string{"toan trinh", "4", "muc do 4", "truc tuyen toan trinh"}},
		{OnlinePartial, "Một phần", []string{"mot phan", "3", "muc do 3", "truc tuyen mot phan"}},
		{OnlineNone, "Không", []string{"khong", "2", "1", "muc do 2", "muc do 1", "khong truc tuyen"}},
	}
	policyTerms = []term[SupplementPolicy]{
		{Restart, "Tính lại từ đầu", []string{"tinh lai", "tinh lai tu dau", "tinh lai thoi gian"}},
		{Pause, "Tạm dừng", []string{"tam dung", "khong tinh", "dung dong ho"}},
	}
	statusTerms = []term[Status]{
		{Draft, "Dự thảo", []string{"du thao", "nhap"}},
		{Published, "Đã công bố", []string{"cong bo", "da cong bo"}},
		{Amended, "Đã sửa đổi", []string{"sua doi", "da sua doi", "het hieu luc"}},
		{Abolished, "Đã bãi bỏ", []string{"bai bo", "da bai bo"}},
	}
)

// match finds the value s names: exactly (value, label or word, folded);
// failing that, by the longest word s starts with; failing that, by a word s
// contains, when only one term has such a word. An empty, unknown or
// ambiguous s gives ok false.
func match[T ~string](terms []term[T], s string) (v T, ok bool) {
	f := fold.String(s)
	if f == "" {
		return v, false
	}
	for _, t := range terms {
		if f == fold.String(string(t.value)) || f == fold.String(t.label) {
			return t.value, true
		}
		for _, w := range t.words {
			if f == w {
				return t.value, true
			}
		}
	}
	// Longest prefix wins: "ngay lam viec ke tu ..." is a working day, not a day.
	best := ""
	for _, t := range terms {
		for _, w := range t.words {
			if len(w) > len(best) && len(w) > 1 && strings.HasPrefix(f, w+" ") {
				best, v, ok = w, t.value, true
			}
		}
	}
	if ok {
		return v, true
	}
	// Then a word anywhere, if only one term has one: "Nộp hồ sơ qua dịch vụ
	// bưu chính công ích" is postal; "Nộp hồ sơ trực tiếp hoặc qua bưu chính" is unknown.
	padded := " " + strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, f) + " "
	found := 0
	for _, t := range terms {
		for _, w := range t.words {
			if len(w) > 2 && strings.Contains(padded, " "+w+" ") {
				v, found = t.value, found+1
				break
			}
		}
	}
	if found != 1 {
		var zero T
		return zero, false
	}
	return v, true
}

// label returns the Vietnamese label of v, or v itself if it has none.
func label[T ~string](terms []term[T], v T) string {
	for _, t := range terms {
		if t.value == v {
			return t.label
		}
	}
	return string(v)
}

// labels returns every label of terms, for drop-down lists.
func labels[T ~string](terms []term[T]) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.label
	}
	return out
}
