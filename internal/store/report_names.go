package store

import (
	"context"
	"strings"
)

// ProcedureNames returns the name of each of the procedure codes known to the catalog, taken from
// its latest version; unknown codes are left out. It returns an Internal error when the query fails.
func (db *DB) ProcedureNames(ctx context.Context, codes []string) (map[string]string, error) {
	out := map[string]string{}
	if len(codes) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(codes))
	ph := make([]string, 0, len(codes))
	for _, c := range codes {
		args = append(args, c)
		ph = append(ph, placeholder(len(args)))
	}
	rows, err := db.readQuery(ctx, `SELECT code, name FROM procedures WHERE code IN (`+strings.Join(ph, ", ")+`)
		ORDER BY code, version`, args...)
	if err != nil {
		return nil, mapErr(err, "procedure names")
	}
	defer rows.Close()
	for rows.Next() {
		var code, name string
		if err := rows.Scan(&code, &name); err != nil {
			return nil, mapErr(err, "procedure names")
		}
		out[code] = name // the latest version comes last
	}
	return out, mapErr(rows.Err(), "procedure names")
}
