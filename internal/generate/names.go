package generate

import (
	"math/rand/v2"
	"strings"
)

// weighted is a value and its relative frequency.
type weighted struct {
	v string
	w float64
}

// familyNames are the common Vietnamese family names with rough shares of the population.
var familyNames = []weighted{{"Nguyễn", 38}, {"Trần", 11}, {"Lê", 9.5}, {"Phạm", 7}, {"Hoàng", 4}, {"Huỳnh", 2},
	{"Phan", 4.5}, {"Vũ", 3}, {"Võ", 2}, {"Đặng", 2.1}, {"Bùi", 2}, {"Đỗ", 1.4}, {"Hồ", 1.3}, {"Ngô", 1.3},
	{"Dương", 1}, {"Lý", 0.5}}

var (
	maleMiddle   = []string{"Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Xuân", "Thành", "Đình", "Ngọc"}
	femaleMiddle = []string{"Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Minh", "Phương", "Kim", "Bích"}
	maleGiven    = []string{"An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khánh",
		"Khoa", "Long", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành",
		"Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh"}
	femaleGiven = []string{"Anh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huệ", "Hương",
		"Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Tâm",
		"Thảo", "Thơ", "Thủy", "Trang", "Tuyết", "Vân", "Vy", "Yến"}
)

// familyTotal is the sum of the family names' weights.
var familyTotal = func() float64 {
	t := 0.0
	for _, f := range familyNames {
		t += f.w
	}
	return t
}()

// Name returns a Vietnamese full name drawn from r: family, middle and given name, female or male
// with equal odds.
func Name(r *rand.Rand) string {
	x := r.Float64() * familyTotal
	family := familyNames[len(familyNames)-1].v
	for _, f := range familyNames {
		if x < f.w {
			family = f.v
			break
		}
		x -= f.w
	}
	middle, given := maleMiddle, maleGiven
	if r.IntN(2) == 0 {
		middle, given = femaleMiddle, femaleGiven
	}
	var b strings.Builder
	b.WriteString(family)
	b.WriteByte(' ')
	b.WriteString(middle[r.IntN(len(middle))])
	b.WriteByte(' ')
	b.WriteString(given[r.IntN(len(given))])
	return b.String()
}
