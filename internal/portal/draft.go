package portal

import (
	"strconv"
	"strings"
	"time"

	"motcua/internal/attachment"
)

// Draft is an online filing being prepared by its applicant, or already filed (DossierCode set).
type Draft struct {
	// Token is the draft's random name: whoever holds it may read and change the draft.
	Token         string
	ProcedureCode string
	// UnitCode is the receiving unit the applicant chose ("" until chosen).
	UnitCode  string
	Data      Data
	CreatedAt time.Time
	UpdatedAt time.Time
	// DossierCode and LookupSecret are those of the dossier filed from the draft, once submitted.
	DossierCode  string
	LookupSecret string
	SubmittedAt  time.Time
}

// Submitted reports whether the draft has been filed.
func (d Draft) Submitted() bool { return d.DossierCode != "" }

// Data is what the applicant entered, kept as typed (even when not valid yet) so that the form shows
// it again.
type Data struct {
	Kind          string   `json:"kind"` // citizen, business, agency, other
	Name          string   `json:"name"`
	IDNumber      string   `json:"id_number"`
	Phone         string   `json:"phone"`
	Email         string   `json:"email"`
	Address       string   `json:"address"`
	ReturnMethod  string   `json:"return_method"` // desk, post, electronic
	ReturnAddress string   `json:"return_address"`
	Uploads       []Upload `json:"uploads,omitempty"`
}

// Upload is a file uploaded for one component of the procedure's checklist; its content is in the
// attachment blobs under File.ID.
type Upload struct {
	Component int             `json:"component"` // index in the procedure's component list
	Name      string          `json:"name"`      // the component's name when uploaded
	File      attachment.File `json:"file"`
}

// Upload returns the file uploaded for component j, if any.
func (d Data) Upload(j int) (Upload, bool) {
	for _, u := range d.Uploads {
		if u.Component == j {
			return u, true
		}
	}
	return Upload{}, false
}

// UploadFor returns the file uploaded for component j when it was uploaded for a component of that
// name: a new version of the procedure that reorders or renames its papers does not carry a file
// over to another paper.
func (d Data) UploadFor(j int, name string) (Upload, bool) {
	u, ok := d.Upload(j)
	if !ok || !strings.EqualFold(strings.TrimSpace(u.Name), strings.TrimSpace(name)) {
		return Upload{}, false
	}
	return u, true
}

// setUpload records u, replacing the file uploaded earlier for the same component.
func (d *Data) setUpload(u Upload) {
	for i := range d.Uploads {
		if d.Uploads[i].Component == u.Component {
			d.Uploads[i] = u
			return
		}
	}
	d.Uploads = append(d.Uploads, u)
}

// Field names, as the form names its inputs and the errors name the fields.
const (
	FieldKind          = "applicant.kind"
	FieldName          = "applicant.name"
	FieldIDNumber      = "applicant.id_number"
	FieldPhone         = "applicant.phone"
	FieldEmail         = "applicant.email"
	FieldAddress       = "applicant.address"
	FieldUnit          = "unit"
	FieldReturnMethod  = "return_method"
	FieldReturnAddress = "return_address"
)

// ComponentField is the name of the file input (and of its errors) of component j.
func ComponentField(j int) string { return "component." + strconv.Itoa(j) }
