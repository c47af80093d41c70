package procedure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"motcua/internal/fold"
)

// ParseNationalJSON reads procedures in the national procedure database's
// JSON shape and returns one [ImportRow] per procedure, Row being its 1-based
// position. The feed's exact contract is not published with the project, so
// the reading is liberal and follows what integrations are seen to consume:
//
//   - The file is an array of procedures, an object holding the array under
//     "result" (as the LayThuTuc service answers), "data" or "items", or one
//     procedure object. Keys match in any letter case.
//   - MATTHC is the code, TENTTHC the name, LINHVUCTHUCHIEN[0] {MALINHVUC,
//     TENLINHVUC} the field, CAPTHUCHIEN [{CAPTHUCHIEN}] the levels (1 or
//     "Cấp Tỉnh" province, 2 district, 3 commune; 0, the ministry, is skipped).
//   - TRINHTUTHUCHIEN is text, or [{TRUONGHOP, TRINHTU:[{TENTRINHTU}]}]
//     flattened to lines. YEUCAU is the requirements, MOTADOITUONGTHUCHIEN the
//     subject note; subjects come from DOITUONGTHUCHIEN [{TENDOITUONG}] by
//     name, or else by words in the note (công dân, doanh nghiệp, cơ quan...).
//   - CACHTHUCTHUCHIEN [{KENH, THOIGIAN:[{THOIGIANGIAIQUYET, DONVITINH, MOTA,
//     PHILEPHI:[{SOTIEN, DONVI, MOTA}]}]}] are the channels. KENH is 1, 2, 3
//     (number or string) or a name ("Trực tiếp", "Trực tuyến", "Dịch vụ bưu
//     chính"). The first THOIGIAN gives the time; the others are kept in the
//     channel's note, with a warning. THOIGIANGIAIQUYET may be a string or a
//     decimal: 0.5 working days becomes 4 working hours; other fractions are
//     rounded up, with a warning. DONVITINH "Ngày làm việc", "Giờ", "Ngày",
//     "Tháng" (and "Tuần", as 7 days) map to the units; empty means working
//     days, with a warning; anything else is rejected. Fees of every THOIGIAN
//     (and a PHILEPHI beside THOIGIAN) belong to the channel: SOTIEN as a
//     number or text ("50.000", "Miễn phí"), named by TENPHILEPHI or "Phí, lệ
//     phí", described by MOTA; a DONVI of "%" keeps the rate in the
//     description with amount 0. Two entries for one KENH are merged.
//   - THANHPHANHOSO [{TRUONGHOP, GIAYTO:[{TENGIAYTO, SOBANCHINH, SOBANSAO,
//     TENMAUDON, URL}]}] are the components, TRUONGHOP being the case.
//     SOBANSAO counts certified copies when the paper's name says "chứng
//     thực", plain copies otherwise. A paper is mandatory unless BATBUOC says
//     no or its name says "(nếu có)". The form template is URL, else TENMAUDON.
//   - KETQUATHUCHIEN [{MAKETQUA, TENKETQUA}] are results, on paper unless the
//     name says "điện tử". CANCUPHAPLY [{SOVANBAN, TENVANBAN, NGAYBANHANH,
//     COQUANBANHANH}] is the legal basis; an unreadable date is left empty,
//     with a warning. COQUANTHUCHIEN and COQUANPHOIHOP [{TENDONVI}] are the
//     competent and coordinating agencies.
//   - MUCDO ("Toàn trình", "Một phần", or the old levels 4, 3, 2) is the
//     online level; SOQUYETDINH the publishing decision. Other keys are ignored.
//
// The error is for a file that is not JSON or holds no procedure list.
func ParseNationalJSON(data []byte) ([]ImportRow, error) {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("procedure: reading national JSON: %w", err)
	}
	items, ok := nationalList(upperKeys(v))
	if !ok {
		return nil, fmt.Errorf("procedure: national JSON holds no procedure list")
	}
	rows := make([]ImportRow, len(items))
	for i, item := range items {
		rows[i].Row = i + 1
		m, ok := item.(map[string]any)
		if !ok {
			rows[i].Errors = append(rows[i].Errors, ImportError{Row: i + 1,
				FieldError: FieldError{Key: keyImportMalformed, Args: []any{"not an object"}}})
			continue
		}
		np := nationalParser{row: i + 1}
		p := np.procedure(nobj(m))
		rows[i].Code, rows[i].Procedure = p.Code, &p
		rows[i].Errors, rows[i].Warnings = np.errors, np.warnings
	}
	return finish(rows, atRow), nil
}

// nationalList finds the list of procedures in the decoded file.
func nationalList(v any) ([]any, bool) {
	switch v := v.(type) {
	case []any:
		return v, true
	case map[string]any:
		for _, k := range []string{"RESULT", "DATA", "ITEMS"} {
			if inner, ok := v[k]; ok {
				return nationalList(inner)
			}
		}
		if _, ok := v["MATTHC"]; ok {
			return []any{v}, true
		}
		if _, ok := v["TENTTHC"]; ok {
			return []any{v}, true
		}
	}
	return nil, false
}

// upperKeys returns v with every object key in upper case.
func upperKeys(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[strings.ToUpper(strings.TrimSpace(k))] = upperKeys(x)
		}
		return m
	case []any:
		for i := range v {
			v[i] = upperKeys(v[i])
		}
		return v
	}
	return v
}

// nobj is a decoded national object with upper-case keys.
type nobj map[string]any

// str returns the value of key as trimmed text, whatever its JSON type.
func (o nobj) str(key string) string {
	switch v := o[key].(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(v)
	case json.Number:
		return v.String()
	case bool, map[string]any:
		return fmt.Sprint(v)
	case []any: // a list of texts or of objects: their text values, one a line
		var lines []string
		for _, x := range v {
			switch x := x.(type) {
			case map[string]any:
				for _, k := range slices.Sorted(maps.Keys(x)) {
					if s, ok := x[k].(string); ok && strings.TrimSpace(s) != "" {
						lines = append(lines, strings.TrimSpace(s))
					}
				}
			default:
				if s := (nobj{"": x}).str(""); s != "" {
					lines = append(lines, s)
				}
			}
		}
		return strings.Join(lines, "\n")
	}
	return fmt.Sprint(o[key])
}

// list returns the objects under key: a list's objects, or a lone object.
func (o nobj) list(key string) []nobj {
	switch v := o[key].(type) {
	case map[string]any:
		return []nobj{v}
	case []any:
		out := make([]nobj, 0, len(v))
		for _, x := range v {
			if m, ok := x.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// names returns the text under sub of each object under key, or the items
// of a text list under key.
func (o nobj) names(key, sub string) []string {
	var out []string
	if _, isText := o[key].(string); isText {
		return splitList(o.str(key))
	}
	for _, x := range o.list(key) {
		if s := x.str(sub); s != "" {
			out = append(out, s)
		}
	}
	if arr, ok := o[key].([]any); ok {
		for _, x := range arr {
			if s, ok := x.(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimSpace(s))
			}
		}
	}
	return out
}

// nationalParser collects the problems of one procedure.
type nationalParser struct {
	row              int
	errors, warnings []ImportError
}

func (np *nationalParser) fail(field, key string, args ...any) {
	np.errors = append(np.errors, ImportError{Row: np.row, FieldError: FieldError{Field: field, Key: key, Args: args}})
}

func (np *nationalParser) warn(field, key string, args ...any) {
	np.warnings = append(np.warnings, ImportError{Row: np.row, FieldError: FieldError{Field: field, Key: key, Args: args}})
}

// decimalTime converts a decimal time to a whole one, per the rules of
// ParseNationalJSON.
func (np *nationalParser) decimalTime(field string, t float64, unit TimeUnit) (int, TimeUnit) {
	if t == math.Trunc(t) {
		return int(t), unit
	}
	if unit == WorkingDay && t*8 == math.Trunc(t*8) {
		return int(t * 8), WorkingHour
	}
	n := int(math.Ceil(t))
	np.warn(field, keyTimeRounded, fmt.Sprint(t), n)
	return n, unit
}

// nationalUnit reads DONVITINH; weeks become days with factor 7.
func nationalUnit(s string) (unit TimeUnit, factor int, ok bool) {
	if strings.HasPrefix(fold.String(s), "tuan") {
		return Day, 7, true
	}
	u, ok := match(unitTerms, s)
	return u, 1, ok
}
