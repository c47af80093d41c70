package store

import "strconv"

// placeholder returns the n-th positional parameter, "$n", understood by both engines.
func placeholder(n int) string { return "$" + strconv.Itoa(n) }
