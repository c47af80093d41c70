package store

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"io"
	"sync"
)

// Dossier documents are 2–5 KB of JSON. SQLite stores them as they come, so a 4 KB page held one
// or two and the documents made up nine tenths of the file: at a million dossiers the file passed
// the 2 GB that SQLite maps into memory, and every page past that mark was read with a system call,
// slowing the lookups and queues that never read a document. On SQLite a document is therefore
// stored packed: a marker byte, then DEFLATE with a preset dictionary of the keys and values every
// document repeats, about a third of the JSON. PostgreSQL compresses large values itself (TOAST),
// so it keeps the JSON text. Reads accept both forms, so rows written before packing still load.

// packedDocV1 marks a document packed with docDictV1; JSON text starts with '{' instead.
const packedDocV1 = 0x01

// docDictV1 is the preset dictionary of packedDocV1: the keys and common values of a dossier
// document, the most frequent last (DEFLATE reaches nearer text more cheaply). It must never change;
// a new dictionary needs a new marker.
const docDictV1 = `"consultations":null,"guidances":null,"fees":null,"results":null,"waits":null,"apologies":null,` +
	`"refusal":{"at":"0001-01-01T00:00:00Z"},"stop_notice":{"requested_at":"0001-01-01T00:00:00Z","at":"0001-01-01T00:00:00Z"},` +
	`"due_history":[{"at":"","from":"0001-01-01T00:00:00Z","to":"","reason":"received","by":""}],` +
	`"submitted_at":"0001-01-01T00:00:00Z","correction_due_at":"0001-01-01T00:00:00Z","correction_requested_at":"0001-01-01T00:00:00Z",` +
	`"correction_late":false,"received_at":"","clock_start":"","due_at":"","original_due_at":"","supplement_requests":0,` +
	`"late_supplement_request":false,"repeated_supplement_request":false,"rescheduled":false,` +
	`"finished_at":"0001-01-01T00:00:00Z","returned_at":"0001-01-01T00:00:00Z","version":1}` +
	`{"code":"","lookup_secret":"","procedure_code":"","procedure_version":1,"procedure_name":"Cấp ","field_code":"","field_name":"",` +
	`"rules":{"time":0,"unit":"WORKING_DAY","cutoff":"15:00","supplement_policy":"restart","supplement_days":15},` +
	`"receiving_unit":".H","competent_unit":".H","channel":"in_person","applicant":{"kind":"citizen","name":"","id_number":"","phone":"","address":"Thôn , xã "},` +
	`"components":[{"name":"Tờ khai ","originals":1,"certified_copies":0,"copies":0,"mandatory":true,"provided":true},` +
	`{"name":"Giấy tờ ","originals":0,"certified_copies":0,"copies":0,"mandatory":true,"provided":true}],"sets":1,"return_method":"desk","status":2,` +
	`"steps":[{"name":"Tiếp nhận, kiểm tra","role":"reception","hours":1,"started":"","due":"","done":"0001-01-01T00:00:00Z"},` +
	`{"name":"Xử lý, trình ký","role":"specialist","hours":4,"started":"0001-01-01T00:00:00Z","due":"0001-01-01T00:00:00Z","done":"0001-01-01T00:00:00Z"},` +
	`{"name":"Ký duyệt","role":"leader","hours":2,"started":"0001-01-01T00:00:00Z","due":"0001-01-01T00:00:00Z","done":"0001-01-01T00:00:00Z"},` +
	`{"name":"Trả kết quả","role":"reception","hours":1,"started":"0001-01-01T00:00:00Z","due":"0001-01-01T00:00:00Z","done":"0001-01-01T00:00:00Z"}],` +
	`"0001-01-01T00:00:00Z","+07:00","0001-01-01T00:00:00Z"`

var (
	packers   = sync.Pool{New: func() any { w, _ := flate.NewWriterDict(nil, flate.BestSpeed, []byte(docDictV1)); return w }}
	unpackers = sync.Pool{New: func() any { return flate.NewReaderDict(nil, []byte(docDictV1)) }}
)

// packDoc returns a document's JSON as the engine stores it: packed on SQLite, the text itself on
// PostgreSQL.
func (db *DB) packDoc(doc string) any {
	if db.Engine != SQLite {
		return doc
	}
	var buf bytes.Buffer
	buf.Grow(len(doc)/3 + 16)
	buf.WriteByte(packedDocV1)
	w := packers.Get().(*flate.Writer)
	defer packers.Put(w)
	w.Reset(&buf)
	// Writing to a bytes.Buffer cannot fail.
	_, _ = io.WriteString(w, doc)
	_ = w.Close()
	return buf.Bytes()
}

// docJSON returns the JSON of a stored document, unpacking it when packed.
func docJSON(stored []byte) ([]byte, error) {
	if len(stored) == 0 || stored[0] != packedDocV1 {
		return stored, nil
	}
	r := unpackers.Get().(io.ReadCloser)
	defer unpackers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(stored[1:]), []byte(docDictV1)); err != nil {
		return nil, err
	}
	out := bytes.NewBuffer(make([]byte, 0, 4*len(stored)))
	if _, err := out.ReadFrom(r); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// unmarshalDoc decodes a stored document, packed or not, into v.
func unmarshalDoc(stored []byte, v any) error {
	doc, err := docJSON(stored)
	if err != nil {
		return err
	}
	return json.Unmarshal(doc, v)
}
