package dossier

import (
	"fmt"
	"strings"

	"motcua/internal/procedure"
)

// Status is a dossier's national status code (domain.md §4), the code
// exchanged with the National Public Service Portal. The zero Status, None,
// is the "status" of a dossier not recorded yet (the zero Dossier) and is not
// Valid.
type Status int

// The national status codes, 1–10.
const (
	None                     Status = 0  // not recorded yet: the zero Dossier
	StatusSubmitted          Status = 1  // Mới đăng ký: submitted online, awaiting reception
	StatusReceived           Status = 2  // Được tiếp nhận: received, the clock runs
	StatusRejected           Status = 3  // Không được tiếp nhận: refused at reception (Mẫu 03)
	StatusProcessing         Status = 4  // Đang xử lý
	StatusAwaitingSupplement Status = 5  // Yêu cầu bổ sung giấy tờ (Mẫu 02)
	StatusAwaitingFees       Status = 6  // Yêu cầu thực hiện nghĩa vụ tài chính
	StatusWithdrawalAsked    Status = 7  // Công dân yêu cầu rút hồ sơ
	StatusStopped            Status = 8  // Dừng xử lý (stopped, withdrawn or closed)
	StatusDone               Status = 9  // Đã xử lý xong: result or refusal back at the desk
	StatusReturned           Status = 10 // Đã trả kết quả
)

type names struct{ vi, en string }

var statusNames = [...]names{
	None:                     {"Chưa có hồ sơ", "Not recorded"},
	StatusSubmitted:          {"Mới đăng ký", "Submitted online"},
	StatusReceived:           {"Được tiếp nhận", "Received"},
	StatusRejected:           {"Không được tiếp nhận", "Not accepted"},
	StatusProcessing:         {"Đang xử lý", "Processing"},
	StatusAwaitingSupplement: {"Yêu cầu bổ sung giấy tờ", "Awaiting supplement"},
	StatusAwaitingFees:       {"Yêu cầu thực hiện nghĩa vụ tài chính", "Awaiting fees"},
	StatusWithdrawalAsked:    {"Công dân yêu cầu rút hồ sơ", "Withdrawal requested"},
	StatusStopped:            {"Dừng xử lý", "Stopped"},
	StatusDone:               {"Đã xử lý xong", "Processed"},
	StatusReturned:           {"Đã trả kết quả", "Result returned"},
}

// Statuses returns the ten valid statuses in code order.
func Statuses() []Status {
	out := make([]Status, 0, 10)
	for s := StatusSubmitted; s <= StatusReturned; s++ {
		out = append(out, s)
	}
	return out
}

// Valid reports whether s is one of the national codes 1–10.
func (s Status) Valid() bool { return s >= StatusSubmitted && s <= StatusReturned }

// NameVI returns the national Vietnamese name ("Mới đăng ký", ...), "Chưa có
// hồ sơ" for None, and "" for any other invalid status.
func (s Status) NameVI() string {
	if s < None || s > StatusReturned {
		return ""
	}
	return statusNames[s].vi
}

// NameEN returns the English name ("Submitted online", ...), "Not recorded"
// for None, and "" for any other invalid status.
func (s Status) NameEN() string {
	if s < None || s > StatusReturned {
		return ""
	}
	return statusNames[s].en
}

// String returns the code and English name, for logs: "4 Processing".
func (s Status) String() string { return fmt.Sprintf("%d %s", int(s), s.NameEN()) }

// Channel is how a dossier was filed, with the national codes 1–3. Its text
// form (MarshalText, the API's) is "in_person", "online" or "postal".
type Channel int

// The channels (kênh).
const (
	ChannelInPerson Channel = 1 // trực tiếp
	ChannelOnline   Channel = 2 // trực tuyến
	ChannelPostal   Channel = 3 // bưu chính công ích
)

var channelText = [...]string{"", "in_person", "online", "postal"}

// Valid reports whether c is 1, 2 or 3.
func (c Channel) Valid() bool { return c >= ChannelInPerson && c <= ChannelPostal }

// String returns "in_person", "online" or "postal", or "" if c is invalid.
func (c Channel) String() string {
	if !c.Valid() {
		return ""
	}
	return channelText[c]
}

// Kind returns the catalog's channel kind, to look up the procedure's time
// for this channel; "" if c is invalid.
func (c Channel) Kind() procedure.ChannelKind { return procedure.ChannelKind(c.String()) }

// ParseChannel reads "in_person", "online" or "postal" (any case) or a
// national code "1"–"3". It returns an Invalid fault on the field "channel"
// with key dossier.channel.invalid otherwise.
func ParseChannel(s string) (Channel, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	for c := ChannelInPerson; c <= ChannelPostal; c++ {
		if v == channelText[c] || v == fmt.Sprint(int(c)) {
			return c, nil
		}
	}
	return 0, fieldErr("channel", keyChannelInvalid, s)
}

// MarshalText returns the text form, empty for the zero (unset) channel. It
// never fails.
func (c Channel) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads what ParseChannel reads, and "" as the zero channel; it
// returns ParseChannel's error.
func (c *Channel) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = 0
		return nil
	}
	v, err := ParseChannel(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// ApplicantKind is the kind of applicant, with the national codes 1–4. Its
// text form is "citizen", "business", "agency" or "other".
type ApplicantKind int

// The applicant kinds (loại đối tượng).
const (
	ApplicantCitizen  ApplicantKind = 1 // công dân
	ApplicantBusiness ApplicantKind = 2 // doanh nghiệp
	ApplicantAgency   ApplicantKind = 3 // cơ quan nhà nước
	ApplicantOther    ApplicantKind = 4 // tổ chức khác
)

var kindText = [...]string{"", "citizen", "business", "agency", "other"}

var kindNames = [...]names{{}, {"Công dân", "Citizen"}, {"Doanh nghiệp", "Business"},
	{"Cơ quan nhà nước", "State agency"}, {"Tổ chức khác", "Other organisation"}}

// Valid reports whether k is 1–4.
func (k ApplicantKind) Valid() bool { return k >= ApplicantCitizen && k <= ApplicantOther }

// String returns "citizen", "business", "agency" or "other", or "" if k is
// invalid.
func (k ApplicantKind) String() string {
	if !k.Valid() {
		return ""
	}
	return kindText[k]
}

// NameVI returns the Vietnamese name ("Công dân", ...), or "" if k is invalid.
func (k ApplicantKind) NameVI() string {
	if !k.Valid() {
		return ""
	}
	return kindNames[k].vi
}

// NameEN returns the English name ("Citizen", ...), or "" if k is invalid.
func (k ApplicantKind) NameEN() string {
	if !k.Valid() {
		return ""
	}
	return kindNames[k].en
}

// ParseApplicantKind reads "citizen", "business", "agency" or "other" (any
// case) or a national code "1"–"4". It returns an Invalid fault on the field
// "applicant.kind" with key dossier.applicant.kind.invalid otherwise.
func ParseApplicantKind(s string) (ApplicantKind, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	for k := ApplicantCitizen; k <= ApplicantOther; k++ {
		if v == kindText[k] || v == fmt.Sprint(int(k)) {
			return k, nil
		}
	}
	return 0, fieldErr("applicant.kind", keyKindInvalid, s)
}

// MarshalText returns the text form, empty for the zero (unset) kind. It never
// fails.
func (k ApplicantKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads what ParseApplicantKind reads, and "" as the zero kind;
// it returns ParseApplicantKind's error.
func (k *ApplicantKind) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*k = 0
		return nil
	}
	v, err := ParseApplicantKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}
