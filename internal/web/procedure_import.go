package web

import (
	"bytes"
	"io"
	"net/http"
	"path/filepath"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// maxImportBytes bounds an uploaded catalog file.
const maxImportBytes = 20 << 20

// importData is the import page and, after an upload, its report row by row.
type importData struct {
	Done     bool
	Filename string
	Format   procedure.Format
	Results  []catalog.ImportResult
	Counts   map[string]int
	Actions  []string
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !s.canEditCatalog(w, r, p) {
		return
	}
	page := s.newPage(r, "proc.import.title")
	page.Data = importData{}
	s.render(w, r, http.StatusOK, "procedure_import", page)
}

func (s *Server) importUpload(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !s.canEditCatalog(w, r, p) {
		return
	}
	page := s.newPage(r, "proc.import.title")
	page.Data = importData{}
	if err := r.ParseMultipartForm(maxImportBytes); err != nil {
		s.renderForm(w, r, "procedure_import", page, requiredField("file"))
		return
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		s.renderForm(w, r, "procedure_import", page, requiredField("file"))
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxImportBytes+1))
	if err != nil || len(data) > maxImportBytes {
		s.renderForm(w, r, "procedure_import", page, fault.New(fault.Invalid, "proc.import.too_large", maxImportBytes>>20))
		return
	}
	name := filepath.Base(header.Filename)
	format, results, err := s.cfg.Catalog.Import(r.Context(), p, name, data, splitList(r.PostFormValue("apply_to")), s.now())
	if err != nil {
		s.renderForm(w, r, "procedure_import", page, err)
		return
	}
	d := importData{Done: true, Filename: name, Format: format, Results: results, Counts: map[string]int{},
		Actions: []string{catalog.Created, catalog.Updated, catalog.Unchanged, catalog.Rejected}}
	for _, res := range results {
		d.Counts[res.Action]++
	}
	page.Data = d
	page.Form = formFrom(r)
	s.render(w, r, http.StatusOK, "procedure_import", page)
}

// exportCatalog downloads the published catalog as an Excel workbook or JSON file.
func (s *Server) exportCatalog(w http.ResponseWriter, r *http.Request, p account.Principal) {
	procs, err := s.cfg.Catalog.Export(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var buf bytes.Buffer
	name := "danh-muc-tthc-" + s.now().In(procedure.Location).Format("20060102")
	contentType := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	switch r.URL.Query().Get("format") {
	case "json":
		err = procedure.ExportJSON(&buf, procs)
		name += ".json"
		contentType = "application/json; charset=utf-8"
	case "", "xlsx":
		err = procedure.ExportXLSX(&buf, procs)
		name += ".xlsx"
	default:
		var f fault.Fields
		f.Add("format", "proc.export.format")
		err = f.Err()
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(buf.Bytes())
}
