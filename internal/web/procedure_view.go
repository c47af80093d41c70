package web

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/procedure"
)

func init() {
	for name, f := range procedureFuncs {
		funcs[name] = f
	}
}

// procedureFuncs are the template helpers of the catalog pages.
var procedureFuncs = map[string]any{
	"timeText":    timeText,
	"changeLabel": changeLabel,
	"changeValue": changeValue,
	"msg":         func(p i18n.Printer, m fault.Message) string { return p.T(m.Key, m.Args...) },
	"has":         hasLine,
	"path":        fieldPath,
	"errorList":   errorList,
	"mainChannel": mainChannel,
	"add1":        func(i int) int { return i + 1 },
	"fld":         fld,
	"feeAmount":   feeAmount,
}

// feeAmount writes a fee's amount the reader's way ("8.000 ₫/bản"), or "Miễn phí" for none.
func feeAmount(p i18n.Printer, f procedure.Fee) string {
	if f.AmountVND == 0 {
		return p.T("proc.fee.free")
	}
	if f.Per != "" {
		return p.Money(f.AmountVND) + "/" + f.Per
	}
	return p.Money(f.AmountVND)
}

// fieldView is one input of a form with its label, value and error, for the "input" and "cell"
// templates.
type fieldView struct {
	ID, Name, Label, Type, Value, Error string
}

// fld describes the input named name of the page's form; typ is the input type ("" for text).
func fld(pg Page, name, label, typ string) fieldView {
	if typ == "" {
		typ = "text"
	}
	id := "f-" + strings.NewReplacer("[", "-", "]", "", ".", "-").Replace(name)
	return fieldView{ID: id, Name: name, Label: label, Type: typ, Value: pg.Form.Value(name), Error: pg.Form.Error(name)}
}

// timeText writes a channel's legal processing time in words: "3 ngày làm việc", or "Trong ngày" for
// a same-day procedure.
func timeText(p i18n.Printer, c procedure.Channel) string {
	if c.Time == 0 && (c.Unit == procedure.WorkingDay || c.Unit == procedure.Day) {
		return p.T("proc.time.same_day")
	}
	return p.T("proc.time."+string(c.Unit), c.Time)
}

// mainChannel is the channel a list shows: filing in person, or else the first one.
func mainChannel(proc procedure.Procedure) procedure.Channel {
	if c, ok := proc.Channel(procedure.InPerson); ok {
		return c
	}
	if len(proc.Channels) > 0 {
		return proc.Channels[0]
	}
	return procedure.Channel{}
}

// changeLabel names the field of a change between versions in the reader's language:
// "channels[online].fees" is "Trực tuyến — Phí, lệ phí", "components[Tờ khai]" is
// "Thành phần hồ sơ: Tờ khai"; a name without a label is shown as it is.
func changeLabel(p i18n.Printer, field string) string {
	root, key, sub := changePath(field)
	label := func(prefix, name string) string {
		if i18n.Has(p.Lang, prefix+name) {
			return p.T(prefix + name)
		}
		return name
	}
	out := label("proc.f.", root)
	if key != "" {
		if root == "channels" && procedure.ChannelKind(key).Valid() {
			out = p.T("proc.channel." + key)
		} else {
			out += ": " + key
		}
	}
	if sub != "" {
		out += " — " + label("proc.col.", sub)
	}
	return out
}

// changePath splits a change's field path ("channels[online].fees", "field.name") into its root, the
// key in brackets and the rest.
func changePath(field string) (root, key, sub string) {
	root = field
	if i := strings.IndexAny(field, "[."); i > 0 {
		root, sub = field[:i], field[i:]
		if sub[0] == '[' {
			if j := strings.LastIndexByte(sub, ']'); j > 0 {
				key, sub = sub[1:j], sub[j+1:]
			}
		}
		sub = strings.TrimPrefix(sub, ".")
	}
	if root == "field" && key == "" {
		root, sub = "field_"+sub, ""
	}
	return root, key, sub
}

// hasLine reports whether a newline-separated list of submitted values holds v (for checkboxes).
func hasLine(list, v string) bool { return slices.Contains(strings.Split(list, "\n"), v) }

// fieldPath builds a form field name in the JSON path style of the procedure's errors:
// path "channels" 0 "fees" 1 "amount_vnd" is "channels[0].fees[1].amount_vnd".
func fieldPath(parts ...any) string {
	var b strings.Builder
	for _, part := range parts {
		switch v := part.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", v)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

var rowField = regexp.MustCompile(`^([a-z_]+)\[(\d+)\](?:\.fees\[(\d+)\])?(?:\.([a-z_]+))?$`)

// errorList lists a form's field errors, each with a readable place ("Cách thức thực hiện, dòng 2"),
// in field order, for the summary above a long form.
func errorList(p i18n.Printer, errs map[string]string) []string {
	names := make([]string, 0, len(errs))
	for k := range errs {
		names = append(names, k)
	}
	// Simple fields first, as the form shows them, then the tables' cells.
	slices.SortFunc(names, func(a, b string) int {
		if ta, tb := strings.Contains(a, "["), strings.Contains(b, "["); ta != tb {
			if ta {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	out := make([]string, 0, len(names))
	for _, name := range names {
		place := changeLabel(p, name)
		if m := rowField.FindStringSubmatch(name); m != nil {
			place = changeLabel(p, m[1]) + ", " + p.T("proc.row", atoi(m[2])+1)
			if m[3] != "" {
				place += ", " + p.T("proc.fee_row", atoi(m[3])+1)
			}
			if m[4] != "" && i18n.Has(p.Lang, "proc.col."+m[4]) {
				place += " (" + p.T("proc.col."+m[4]) + ")"
			}
		}
		out = append(out, place+": "+errs[name])
	}
	return out
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// formLink returns where a component's form template can be downloaded: the address itself when it
// is a web address, /forms/NAME for a file name when a forms directory is configured, else "".
func (s *Server) formLink(template string) string {
	t := strings.TrimSpace(template)
	if u, err := url.Parse(t); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return t
	}
	if s.cfg.FormsDir != "" && looksLikeFile(t) {
		return "/forms/" + url.PathEscape(t)
	}
	return ""
}

// looksLikeFile reports whether s is a bare file name of a document.
func looksLikeFile(s string) bool {
	if s == "" || strings.ContainsAny(s, `/\`) || path.Base(s) != s {
		return false
	}
	switch strings.ToLower(path.Ext(s)) {
	case ".doc", ".docx", ".pdf", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".zip":
		return true
	}
	return false
}

// catalogUnits returns the current units that can apply procedures (provinces, districts,
// communes), read as the public sees them.
func (s *Server) catalogUnits(ctx context.Context) ([]account.Unit, map[string]account.Unit, error) {
	all, err := s.cfg.Accounts.Units(ctx, account.System("public"))
	if err != nil {
		return nil, nil, err
	}
	today := account.Today(s.now())
	byCode := make(map[string]account.Unit, len(all))
	var out []account.Unit
	for _, u := range all {
		byCode[u.Code] = u
		if u.ActiveOn(today) && procedure.Level(u.Kind).Valid() {
			out = append(out, u)
		}
	}
	return out, byCode, nil
}
