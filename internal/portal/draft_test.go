package portal_test

import (
	"testing"

	"motcua/internal/attachment"
	"motcua/internal/portal"
)

// A file follows its paper: by position and name, so a new version of the procedure that reorders or
// renames its papers does not count a file for another paper.
func TestUploadFor(t *testing.T) {
	d := portal.Data{Uploads: []portal.Upload{{Component: 0, Name: "Tờ khai đăng ký khai sinh", File: attachment.File{Name: "to-khai.pdf"}}}}
	tests := []struct {
		j    int
		name string
		ok   bool
	}{
		{0, "Tờ khai đăng ký khai sinh", true},
		{0, " tờ khai đăng ký khai sinh ", true},
		{0, "Giấy chứng sinh", false},
		{1, "Tờ khai đăng ký khai sinh", false},
	}
	for _, tt := range tests {
		if u, ok := d.UploadFor(tt.j, tt.name); ok != tt.ok || (ok && u.File.Name != "to-khai.pdf") {
			t.Errorf("UploadFor(%d, %q) = %+v, %v; want found %v", tt.j, tt.name, u, ok, tt.ok)
		}
	}
	if portal.ComponentField(12) != "component.12" {
		t.Errorf("ComponentField(12) = %q", portal.ComponentField(12))
	}
}
