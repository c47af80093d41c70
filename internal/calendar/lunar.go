package calendar

import "math"

// This file is Hồ Ngọc Đức's published algorithm for the Vietnamese lunar
// calendar ("Âm lịch Việt Nam", astronomical formulas after Jean Meeus,
// Astronomical Algorithms, 1998), written out in Go. The functions keep his
// names and steps so that they can be read against the published description;
// lunartable.go runs them once to build a table of month starts, and the tests
// compare that table with convertSolar2Lunar for every day of 1900–2100.
//
// Julian day numbers (jd) are integers counting local days; timeZone is in hours
// (7.0 for Vietnam, 8.0 for China).

// Time zones of the Vietnamese calendar: UTC+7 from 1968 (vnReformYear), UTC+8
// (the meridian shared with the Chinese calendar) before; see calendarEras.
const (
	vnTimeZone   = 7.0
	oldTimeZone  = 8.0
	vnReformYear = 1968
)

// intPart is INT() of the published algorithm: the floor of d.
func intPart(d float64) int { return int(math.Floor(d)) }

// jdFromDate returns the Julian day number of dd/mm/yy (Gregorian calendar from
// 15 October 1582, Julian before).
func jdFromDate(dd, mm, yy int) int {
	a := (14 - mm) / 12
	y := yy + 4800 - a
	m := mm + 12*a - 3
	jd := dd + (153*m+2)/5 + 365*y + y/4 - y/100 + y/400 - 32045
	if jd < 2299161 {
		jd = dd + (153*m+2)/5 + 365*y + y/4 - 32083
	}
	return jd
}

// jdToDate converts a Julian day number back to day, month, year.
func jdToDate(jd int) (dd, mm, yy int) {
	var b, c int
	if jd > 2299160 { // after 5/10/1582, Gregorian calendar
		a := jd + 32044
		b = (4*a + 3) / 146097
		c = a - (b*146097)/4
	} else {
		b = 0
		c = jd + 32082
	}
	d := (4*c + 3) / 1461
	e := c - (1461*d)/4
	m := (5*e + 2) / 153
	dd = e - (153*m+2)/5 + 1
	mm = m + 3 - 12*(m/10)
	yy = b*100 + d - 4800 + m/10
	return dd, mm, yy
}

// getNewMoonDay returns the local day number of the k-th new moon after the one
// of 1 January 1900.
func getNewMoonDay(k int, timeZone float64) int {
	kf := float64(k)
	T := kf / 1236.85 // time in Julian centuries from 1900 January 0.5
	T2 := T * T
	T3 := T2 * T
	dr := math.Pi / 180
	Jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*T2 - 0.000000155*T3
	Jd1 += 0.00033 * math.Sin((166.56+132.87*T-0.009173*T2)*dr)      // mean new moon
	M := 359.2242 + 29.10535608*kf - 0.0000333*T2 - 0.00000347*T3    // Sun's mean anomaly
	Mpr := 306.0253 + 385.81691806*kf + 0.0107306*T2 + 0.00001236*T3 // Moon's mean anomaly
	F := 21.2964 + 390.67050646*kf - 0.0016528*T2 - 0.00000239*T3    // Moon's argument of latitude
	C1 := (0.1734-0.000393*T)*math.Sin(M*dr) + 0.0021*math.Sin(2*dr*M)
	C1 = C1 - 0.4068*math.Sin(Mpr*dr) + 0.0161*math.Sin(dr*2*Mpr)
	C1 = C1 - 0.0004*math.Sin(dr*3*Mpr)
	C1 = C1 + 0.0104*math.Sin(dr*2*F) - 0.0051*math.Sin(dr*(M+Mpr))
	C1 = C1 - 0.0074*math.Sin(dr*(M-Mpr)) + 0.0004*math.Sin(dr*(2*F+M))
	C1 = C1 - 0.0004*math.Sin(dr*(2*F-M)) - 0.0006*math.Sin(dr*(2*F+Mpr))
	C1 = C1 + 0.0010*math.Sin(dr*(2*F-Mpr)) + 0.0005*math.Sin(dr*(2*Mpr+M))
	var deltat float64
	if T < -11 {
		deltat = 0.001 + 0.000839*T + 0.0002261*T2 - 0.00000845*T3 - 0.000000081*T*T3
	} else {
		deltat = -0.000278 + 0.000265*T + 0.000262*T2
	}
	JdNew := Jd1 + C1 - deltat
	return intPart(JdNew + 0.5 + timeZone/24)
}

// getSunLongitude returns the sector (0..11, of 30 degrees each) of the Sun's
// apparent longitude at local midnight starting day jdn. Sector 9 holds the
// winter solstice; a lunar month without a change of sector has no major solar
// term (trung khí) and is the leap month.
func getSunLongitude(jdn int, timeZone float64) int {
	T := (float64(jdn) - 2451545.5 - timeZone/24) / 36525 // Julian centuries from 2000-01-01 12:00 TT
	T2 := T * T
	dr := math.Pi / 180
	M := 357.52910 + 35999.05030*T - 0.0001559*T2 - 0.00000048*T*T2 // mean anomaly, degrees
	L0 := 280.46645 + 36000.76983*T + 0.0003032*T2                  // mean longitude, degrees
	DL := (1.914600 - 0.004817*T - 0.000014*T2) * math.Sin(dr*M)
	DL += (0.019993-0.000101*T)*math.Sin(dr*2*M) + 0.000290*math.Sin(dr*3*M)
	L := (L0 + DL) * dr // true longitude, radians
	L -= math.Pi * 2 * float64(intPart(L/(math.Pi*2)))
	return intPart(L / math.Pi * 6)
}

// getLunarMonth11 returns the day number of the start of lunar month 11 of solar
// year yy: the month that contains the winter solstice.
func getLunarMonth11(yy int, timeZone float64) int {
	off := float64(jdFromDate(31, 12, yy)) - 2415021
	k := intPart(off / 29.530588853)
	nm := getNewMoonDay(k, timeZone)
	if getSunLongitude(nm, timeZone) >= 9 { // sun longitude at the new moon
		nm = getNewMoonDay(k-1, timeZone)
	}
	return nm
}

// getLeapMonthOffset returns, for a year of 13 months starting with month 11 at
// a11, the offset (in months after a11) of the leap month: the first month with
// no major solar term.
func getLeapMonthOffset(a11 int, timeZone float64) int {
	k := intPart((float64(a11)-2415021.076998695)/29.530588853 + 0.5)
	i := 1 // start with the month following lunar month 11
	arc := getSunLongitude(getNewMoonDay(k+i, timeZone), timeZone)
	for {
		last := arc
		i++
		arc = getSunLongitude(getNewMoonDay(k+i, timeZone), timeZone)
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// convertSolar2Lunar converts the solar date dd/mm/yy to the lunar date
// (day, month, year, leap). It is the direct, slow form; ToLunar uses a table.
func convertSolar2Lunar(dd, mm, yy int, timeZone float64) (lunarDay, lunarMonth, lunarYear int, lunarLeap bool) {
	dayNumber := jdFromDate(dd, mm, yy)
	k := intPart((float64(dayNumber) - 2415021.076998695) / 29.530588853)
	monthStart := getNewMoonDay(k+1, timeZone)
	if monthStart > dayNumber {
		monthStart = getNewMoonDay(k, timeZone)
	}
	a11 := getLunarMonth11(yy, timeZone)
	b11 := a11
	if a11 >= monthStart {
		lunarYear = yy
		a11 = getLunarMonth11(yy-1, timeZone)
	} else {
		lunarYear = yy + 1
		b11 = getLunarMonth11(yy+1, timeZone)
	}
	lunarDay = dayNumber - monthStart + 1
	diff := intPart(float64(monthStart-a11) / 29)
	lunarMonth = diff + 11
	if b11-a11 > 365 {
		leapMonthDiff := getLeapMonthOffset(a11, timeZone)
		if diff >= leapMonthDiff {
			lunarMonth = diff + 10
			if diff == leapMonthDiff {
				lunarLeap = true
			}
		}
	}
	if lunarMonth > 12 {
		lunarMonth -= 12
	}
	if lunarMonth >= 11 && diff < 4 {
		lunarYear--
	}
	return lunarDay, lunarMonth, lunarYear, lunarLeap
}

// convertLunar2Solar converts a lunar date to the solar date. ok is false when
// the lunar date does not exist (leap flag on a month that is not leap that
// year); it does not check the day against the month's length.
func convertLunar2Solar(lunarDay, lunarMonth, lunarYear int, lunarLeap bool, timeZone float64) (dd, mm, yy int, ok bool) {
	var a11, b11 int
	if lunarMonth < 11 {
		a11 = getLunarMonth11(lunarYear-1, timeZone)
		b11 = getLunarMonth11(lunarYear, timeZone)
	} else {
		a11 = getLunarMonth11(lunarYear, timeZone)
		b11 = getLunarMonth11(lunarYear+1, timeZone)
	}
	k := intPart(0.5 + (float64(a11)-2415021.076998695)/29.530588853)
	off := lunarMonth - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leapOff := getLeapMonthOffset(a11, timeZone)
		leapMonth := leapOff - 2
		if leapMonth < 0 {
			leapMonth += 12
		}
		if lunarLeap && lunarMonth != leapMonth {
			return 0, 0, 0, false
		} else if lunarLeap || off >= leapOff {
			off++
		}
	} else if lunarLeap {
		return 0, 0, 0, false
	}
	monthStart := getNewMoonDay(k+off, timeZone)
	dd, mm, yy = jdToDate(monthStart + lunarDay - 1)
	return dd, mm, yy, true
}
