package fold

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"already folded", "dang ky khai sinh", "dang ky khai sinh"},
		{"procedure name", "Đăng ký khai sinh", "dang ky khai sinh"},
		{"upper case", "ĐĂNG KÝ KẾT HÔN", "dang ky ket hon"},
		{"all tone marks", "a à á ả ã ạ", "a a a a a a"},
		{"hooked and horned vowels", "ă â ê ô ơ ư Ă Â Ê Ô Ơ Ư", "a a e o o u a a e o o u"},
		{"stacked marks", "ặ ẫ ệ ổ ợ ử ỹ Ỵ", "a a e o o u y y"},
		{"d with stroke", "đđĐ", "ddd"},
		{"eth look-alike", "Ðăng ký", "dang ky"},
		{"decomposed input", norm.NFD.String("Chứng thực bản sao"), "chung thuc ban sao"},
		{"spaces collapsed", "  Cấp \t bản\nsao\u00a0 ", "cap ban sao"},
		{"only spaces", " \t\n ", ""},
		{"upper ASCII", "ABC  def", "abc def"},
		{"trailing space", "abc ", "abc"},
		{"punctuation and digits kept", "Mã 2.000635 (bản sao)", "ma 2.000635 (ban sao)"},
		{"other latin", "Crème brûlée Ñandú", "creme brulee nandu"},
		{"ligature kept lower", "Æther", "æther"},
		{"greek", "Ά", "α"},
		{"cjk untouched", "漢字", "漢字"},
		{"invalid utf-8 dropped", "a\xffb", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := String(String(tt.in)); got != tt.want {
				t.Errorf("String is not idempotent on %q: %q", tt.in, got)
			}
		})
	}
}

// Every Vietnamese letter folds to a single ASCII letter.
func TestVietnameseAlphabet(t *testing.T) {
	groups := map[byte]string{
		'a': "aàáảãạăằắẳẵặâầấẩẫậAÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ",
		'e': "eèéẻẽẹêềếểễệEÈÉẺẼẸÊỀẾỂỄỆ",
		'i': "iìíỉĩịIÌÍỈĨỊ",
		'o': "oòóỏõọôồốổỗộơờớởỡợOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ",
		'u': "uùúủũụưừứửữựUÙÚỦŨỤƯỪỨỬỮỰ",
		'y': "yỳýỷỹỵYỲÝỶỸỴ",
		'd': "dđDĐ",
	}
	for base, letters := range groups {
		for _, r := range letters {
			if got := String(string(r)); got != string(base) {
				t.Errorf("String(%q) = %q, want %q", r, got, string(base))
			}
			if got := String(norm.NFD.String(string(r))); got != string(base) {
				t.Errorf("String(NFD %q) = %q, want %q", r, got, string(base))
			}
		}
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		haystack, needle string
		want             bool
	}{
		{"Đăng ký khai sinh", "dang ky khai sinh", true},
		{"Đăng ký khai sinh", "khai  sinh", true},
		{"Đăng ký khai sinh", "DANG KY", true},
		{"Đăng ký khai sinh", "đăng ký", true},
		{"Đăng ký khai sinh", "ket hon", false},
		{"Cấp bản sao từ sổ gốc", "", true},
		{"2.000635 Cấp bản sao trích lục hộ tịch", "2.000635", true},
	}
	for _, tt := range tests {
		if got := Contains(tt.haystack, tt.needle); got != tt.want {
			t.Errorf("Contains(%q, %q) = %v, want %v", tt.haystack, tt.needle, got, tt.want)
		}
	}
	if !Equal("Đăng ký khai sinh", "dang  ky KHAI sinh") {
		t.Error("Equal should ignore case, marks and spacing")
	}
}

func TestFoldedInputDoesNotAllocate(t *testing.T) {
	s := "dang ky khai sinh"
	if n := testing.AllocsPerRun(100, func() { _ = String(s) }); n != 0 {
		t.Errorf("String on folded input allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = String("Đăng ký khai sinh") }); n > 1 {
		t.Errorf("String allocates %v times, want at most 1", n)
	}
}

func BenchmarkString(b *testing.B) {
	inputs := map[string]string{
		"vietnamese": "Cấp giấy phép xây dựng nhà ở riêng lẻ (trường hợp được miễn giấy phép)",
		"ascii":      "cap giay phep xay dung nha o rieng le",
		"long":       strings.Repeat("Thẩm định, kiểm tra thực địa và trình ký; ", 50),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				_ = String(in)
			}
		})
	}
}

// BenchmarkNFDBaseline is the naive approach the tables replace, for comparison.
func BenchmarkNFDBaseline(b *testing.B) {
	in := "Cấp giấy phép xây dựng nhà ở riêng lẻ (trường hợp được miễn giấy phép)"
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		var sb strings.Builder
		for _, r := range norm.NFD.String(strings.ToLower(in)) {
			if r < 0x300 || r > 0x36f {
				sb.WriteRune(r)
			}
		}
		_ = sb.String()
	}
}
