package procedure

import "motcua/internal/fold"

// SearchKey returns the text a procedure is found by: the fold of its code
// and name ("2.000635 cap ban sao trich luc ho tich"), for a column that SQL
// searches with LIKE after folding the query with [fold.String].
func SearchKey(p Procedure) string {
	return fold.String(p.Code + " " + p.Name)
}
