package dossier

import (
	"encoding/json"
	"testing"

	"motcua/internal/procedure"
)

func TestStatusNames(t *testing.T) {
	want := []string{"Mới đăng ký", "Được tiếp nhận", "Không được tiếp nhận", "Đang xử lý", "Yêu cầu bổ sung giấy tờ",
		"Yêu cầu thực hiện nghĩa vụ tài chính", "Công dân yêu cầu rút hồ sơ", "Dừng xử lý", "Đã xử lý xong", "Đã trả kết quả"}
	ss := Statuses()
	if len(ss) != 10 {
		t.Fatalf("%d statuses", len(ss))
	}
	for i, s := range ss {
		if int(s) != i+1 || !s.Valid() || s.NameVI() != want[i] || s.NameEN() == "" {
			t.Errorf("status %d: %d %q %q", i+1, int(s), s.NameVI(), s.NameEN())
		}
	}
	if None.Valid() || Status(11).Valid() || Status(11).NameVI() != "" || Status(-1).NameEN() != "" {
		t.Error("invalid statuses")
	}
	if StatusProcessing.String() != "4 Processing" {
		t.Errorf("String = %q", StatusProcessing.String())
	}
	for _, a := range Actions() {
		if a.NameVI() == "" || a.NameEN() == "" {
			t.Errorf("action %s has no name", a)
		}
	}
}

func TestChannelsAndApplicantKinds(t *testing.T) {
	for i, s := range []string{"in_person", "online", "postal"} {
		c, err := ParseChannel(s)
		if err != nil || int(c) != i+1 || c.String() != s || c.Kind() != procedure.ChannelKinds()[i] {
			t.Errorf("channel %q: %v %v", s, c, err)
		}
		if c.Kind().NationalCode() != int(c) {
			t.Errorf("national code of %s", s)
		}
	}
	if c, err := ParseChannel("2"); err != nil || c != ChannelOnline {
		t.Error("national code 2")
	}
	_, err := ParseChannel("fax")
	wantField(t, err, "channel", "dossier.channel.invalid")

	for i, s := range []string{"citizen", "business", "agency", "other"} {
		k, err := ParseApplicantKind(" " + s)
		if err != nil || int(k) != i+1 || k.String() != s || k.NameVI() == "" {
			t.Errorf("kind %q: %v %v", s, k, err)
		}
	}
	_, err = ParseApplicantKind("alien")
	wantField(t, err, "applicant.kind", "dossier.applicant.kind.invalid")

	b, err := json.Marshal(Applicant{Kind: ApplicantBusiness, Name: "Công ty A"})
	if err != nil || string(b) != `{"kind":"business","name":"Công ty A"}` {
		t.Errorf("JSON %s %v", b, err)
	}
	var back struct {
		Channel Channel       `json:"channel"`
		Kind    ApplicantKind `json:"kind"`
	}
	if err := json.Unmarshal([]byte(`{"channel":"postal","kind":"agency"}`), &back); err != nil || back.Channel != ChannelPostal || back.Kind != ApplicantAgency {
		t.Errorf("unmarshal %+v %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"channel":"fax"}`), &back); err == nil {
		t.Error("unknown channel accepted")
	}
	if _, err := json.Marshal(Dossier{}); err != nil {
		t.Errorf("the zero Dossier must marshal: %v", err)
	}
	if m, err := ParseReturnMethod(""); err != nil || m != ReturnAtDesk {
		t.Error("default return method")
	}
}
