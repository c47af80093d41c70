package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

const receiveBody = `{"procedure":"2.000635","unit":"000.31.21.H06","channel":"in_person",
	"applicant":{"kind":"citizen","name":"Nguyễn Thị Lan","id_number":"027190001234","phone":"0912345678","email":"lan@example.vn","address":"Thôn Lạc Vệ, xã Tiên Du"},
	"components":[{"name":"Tờ khai cấp bản sao trích lục hộ tịch","originals":1,"certified_copies":0,"copies":0},
	              {"name":"Giấy tờ tùy thân (xuất trình)","originals":0,"certified_copies":0,"copies":0}]}`

func call(t *testing.T, f *fixture, method, path, as, body string) (int, map[string]any, string) {
	t.Helper()
	req, _ := http.NewRequest(method, f.url+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if as != "" {
		req.Header.Set("Authorization", "Bearer "+f.tokens[as])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return resp.StatusCode, m, string(raw)
}

// TestReceiveAndLookupContract checks the two contract endpoints of the dossier API.
func TestReceiveAndLookupContract(t *testing.T) {
	f := newFixture(t)
	status, m, raw := call(t, f, "POST", "/api/v1/dossiers", "tiepnhan", receiveBody)
	if status != 201 {
		t.Fatalf("receive: %d %s", status, raw)
	}
	code, _ := m["code"].(string)
	if !regexp.MustCompile(`^000\.31\.21\.H06-\d{6}-0001$`).MatchString(code) || m["status"] != float64(2) {
		t.Fatalf("code %q status %v", code, m["status"])
	}
	secret, _ := m["lookup_secret"].(string)
	received, err1 := time.Parse(time.RFC3339, m["received_at"].(string))
	due, err2 := time.Parse(time.RFC3339, m["due_at"].(string))
	if len(secret) != 6 || err1 != nil || err2 != nil || due.Before(received) {
		t.Fatalf("secret %q received %v due %v", secret, m["received_at"], m["due_at"])
	}
	// A second reception the same day takes the next number.
	_, m2, _ := call(t, f, "POST", "/api/v1/dossiers", "tiepnhan", receiveBody)
	if !strings.HasSuffix(m2["code"].(string), "-0002") {
		t.Fatalf("second code %v", m2["code"])
	}

	status, pub, raw := call(t, f, "GET", "/api/v1/public/dossiers/"+code+"?secret="+strings.ToLower(secret), "", "")
	if status != 200 || pub["status_name"] != "Được tiếp nhận" || pub["procedure"] != "2.000635" || pub["due_at"] == nil {
		t.Fatalf("public lookup: %d %s", status, raw)
	}
	if strings.Contains(raw, "Nguyễn Thị Lan") || strings.Contains(raw, "0912345678") || strings.Contains(raw, "027190001234") {
		t.Fatalf("personal data not masked: %s", raw)
	}
	events, _ := pub["events"].([]any)
	if len(events) == 0 || events[0].(map[string]any)["status_name"] != "Được tiếp nhận" {
		t.Fatalf("public timeline: %s", raw)
	}
	s1, _, wrong := call(t, f, "GET", "/api/v1/public/dossiers/"+code+"?secret=ABCDEF", "", "")
	s2, _, unknown := call(t, f, "GET", "/api/v1/public/dossiers/000.31.21.H06-991231-0001?secret="+secret, "", "")
	if s1 != 404 || s2 != 404 || wrong != unknown {
		t.Fatalf("wrong secret and unknown code must answer alike: %d %s / %d %s", s1, wrong, s2, unknown)
	}

	// Bad input: every problem at once, nothing stored.
	bad := `{"procedure":"2.000635","unit":"000.31.21.H06","channel":"in_person","applicant":{"kind":"citizen","name":"","id_number":"12ab","phone":"12345"},"components":[]}`
	status, m, raw = call(t, f, "POST", "/api/v1/dossiers", "tiepnhan", bad)
	fields, _ := m["error"].(map[string]any)["fields"].(map[string]any)
	if status != 400 || fields["applicant.name"] == nil || fields["applicant.id_number"] == nil || fields["applicant.phone"] == nil || len(fields) < 5 {
		t.Fatalf("bad reception: %d %s", status, raw)
	}
	for _, c := range []struct {
		name, body, as, field string
		status                int
	}{
		{"unknown procedure", strings.Replace(receiveBody, "2.000635", "9.999999", 1), "tiepnhan", "procedure", 400},
		{"procedure not applied by the competent unit", strings.Replace(receiveBody, `"unit":"000.31.21.H06"`, `"unit":"000.31.21.H06","competent_unit":"000.00.00.H06"`, 1), "tiepnhan", "procedure", 400},
		{"another commune's desk", strings.Replace(receiveBody, `"unit":"000.31.21.H06"`, `"unit":"000.32.21.H06"`, 1), "tiepnhan", "", 403},
		{"an administrator is not a reception officer", receiveBody, "quantrixa", "", 403},
	} {
		status, m, raw := call(t, f, "POST", "/api/v1/dossiers", c.as, c.body)
		if status != c.status {
			t.Fatalf("%s: %d %s", c.name, status, raw)
		}
		if c.field != "" {
			if fields, _ := m["error"].(map[string]any)["fields"].(map[string]any); fields[c.field] == nil {
				t.Fatalf("%s: no error on %s: %s", c.name, c.field, raw)
			}
		}
	}
	_, list, _ := call(t, f, "GET", "/api/v1/dossiers", "tiepnhan", "")
	if list["total"] != float64(2) {
		t.Fatalf("bad receptions left dossiers behind: %v", list["total"])
	}
}

// TestConcurrentActionsConflict: two officers transferring the same dossier at once, one wins.
func TestConcurrentActionsConflict(t *testing.T) {
	f := newFixture(t)
	_, m, _ := call(t, f, "POST", "/api/v1/dossiers", "tiepnhan", receiveBody)
	code := m["code"].(string)
	results := make(chan int, 2)
	for i := 0; i < 2; i++ {
		go func() {
			status, _, _ := call(t, f, "POST", "/api/v1/dossiers/"+code+"/actions/transfer?version=1", "tiepnhan", `{}`)
			results <- status
		}()
	}
	a, b := <-results, <-results
	if !((a == 200 && b == 409) || (a == 409 && b == 200)) {
		t.Fatalf("concurrent transfers: %d and %d, want one 200 and one 409", a, b)
	}
	_, d, raw := call(t, f, "GET", "/api/v1/dossiers/"+code, "tiepnhan", "")
	if d["status"] != float64(4) || strings.Count(raw, `"action":"transfer"`) != 1 {
		t.Fatalf("after the race: %s", raw)
	}
}
