package store

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"motcua/internal/dossier"
)

func TestDocPacking(t *testing.T) {
	at := time.Date(2026, 3, 4, 14, 25, 0, 0, icTime)
	d := dossier.Dossier{Code: "000.32.21.H06-260304-0498", LookupSecret: "H9Y8R2", ProcedureCode: "2.000635", ProcedureVersion: 1,
		ProcedureName: "Cấp bản sao trích lục hộ tịch", FieldName: "Hộ tịch", ReceivingUnit: "000.32.21.H06", CompetentUnit: "000.32.21.H06",
		Applicant:  dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: "Phan Thu Đạt", IDNumber: "027196261004", Phone: "0986836758", Address: "Thôn Đình Cả, xã Phật Tích"},
		Components: []dossier.Component{{Name: "Tờ khai cấp bản sao trích lục hộ tịch", Originals: 1, Mandatory: true, Provided: true}},
		Status:     dossier.StatusReceived, ReceivedAt: at, DueAt: at.Add(48 * time.Hour), OriginalDueAt: at.Add(48 * time.Hour), Version: 3}
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	sqlite, pg := &DB{Engine: SQLite}, &DB{Engine: Postgres}
	packed, ok := sqlite.packDoc(string(raw)).([]byte)
	if !ok || packed[0] != packedDocV1 {
		t.Fatalf("SQLite keeps %T, want a packed []byte", sqlite.packDoc(string(raw)))
	}
	if len(packed)*2 > len(raw) {
		t.Errorf("packed %d bytes of %d: want at most half", len(packed), len(raw))
	}
	if got := pg.packDoc(string(raw)); got != string(raw) {
		t.Errorf("PostgreSQL must keep the JSON text, got %T", got)
	}
	for name, stored := range map[string][]byte{"packed": packed, "JSON text written before packing": raw} {
		var back dossier.Dossier
		if err := unmarshalDoc(stored, &back); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if back.Code != d.Code || back.Applicant.Name != d.Applicant.Name || !back.DueAt.Equal(d.DueAt) || back.Version != 3 {
			t.Errorf("%s: read back %+v", name, back)
		}
	}
	if err := unmarshalDoc(append([]byte{packedDocV1}, "not deflate"...), &dossier.Dossier{}); err == nil {
		t.Error("a damaged packed document decoded without error")
	}
	if !strings.HasPrefix(string(raw), "{") {
		t.Fatal("JSON documents must start with '{' for the marker to be unambiguous")
	}
}
