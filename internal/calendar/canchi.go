package calendar

// Can chi (the sexagenary cycle) names in Vietnamese: the ten heavenly stems
// (thiên can) and the twelve earthly branches (địa chi).
var (
	can = [10]string{"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"}
	chi = [12]string{"Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"}
)

func mod(a, n int) int {
	r := a % n
	if r < 0 {
		r += n
	}
	return r
}

// YearCanChi returns the can chi name of lunar year y, e.g. 1985 → "Ất Sửu",
// 2026 → "Bính Ngọ". It never fails (the cycle is defined for any year).
func YearCanChi(y int) string {
	return can[mod(y+6, 10)] + " " + chi[mod(y+8, 12)]
}

// MonthCanChi returns the can chi name of the lunar month of l, e.g. month 1 of
// 2026 → "Canh Dần". A leap month has the name of the month it repeats. It
// never fails; the month is taken as given (1–12 expected).
func MonthCanChi(l LunarDate) string {
	return can[mod(l.Year*12+l.Month+3, 10)] + " " + chi[mod(l.Month+1, 12)]
}

// DayCanChi returns the can chi name of solar date d, computed from its Julian
// day number, e.g. 2000-01-01 → "Mậu Ngọ", 2026-02-17 → "Nhâm Tuất". It never
// fails.
func DayCanChi(d Date) string {
	jd := int(d.days()) + julianOf1970
	return can[mod(jd+9, 10)] + " " + chi[mod(jd+1, 12)]
}

// Zodiac returns the Vietnamese zodiac animal of lunar year y (con giáp), e.g.
// 2026 → "Ngựa", 2023 → "Mèo" (Vietnam's cat, where China has the rabbit). It
// never fails.
func Zodiac(y int) string {
	return zodiac[mod(y+8, 12)]
}

var zodiac = [12]string{"Chuột", "Trâu", "Hổ", "Mèo", "Rồng", "Rắn", "Ngựa", "Dê", "Khỉ", "Gà", "Chó", "Lợn"}
