// Package form prints the one-stop-shop's paper forms (biểu mẫu) for a
// dossier as PDF, and the register (sổ theo dõi hồ sơ) as PDF or XLSX.
//
// The forms of a circular are data: sets/2025.json holds the set of Circular
// 03/2025/TT-VPCP (in force since 15 September 2025) and sets/2018.json the
// set of Circular 01/2018/TT-VPCP before it. Each names, per Kind, the form's
// number, title, page size and the wording of its fixed sentences and field
// labels; the code only lays them out. SetFor picks the set a dossier's
// papers follow (the one in force when it was received), Applies says
// whether a form can be issued for a dossier now, and Render, RenderGuidance,
// RenderRegister and RegisterXLSX write the documents.
//
// Every form carries a QR code at the top left (Circular 01/2023) holding a
// compact JSON object {"code","procedure","applicant","document","url"}: the
// dossier code, procedure code, the applicant's identifier, the form's title
// and the public lookup address. The PDFs embed DejaVu Sans and DejaVu Sans
// Bold (subsets: fonts/LICENSE), which have every Vietnamese letter; italics
// are the regular face slanted, as DejaVu Sans Oblique is, because fpdf parses
// every font again for each document and a third font would cost each one a
// few milliseconds. Texts are normalised to NFC before they are printed, and
// a rune the font lacks prints as '?' rather than as an empty box.
//
// Errors are *fault.Error values with message keys listed by MessageKeys:
// Invalid (naming the field "form" or "set") for an unknown form or set,
// Conflict for a form that does not apply to the dossier, Internal for a
// failure to write. The package is pure apart from writing to the io.Writer
// it is given: it takes no clock (Context.Printed dates the papers).
package form
