// Package fold turns Vietnamese text into a search key: lower case, no
// diacritics, đ folded to d, runs of white space collapsed to one space.
//
// Search in motcua is SQL over a column holding the folded name, so the same
// function must fold both what is stored and what a citizen types:
// "dang ky khai sinh", "ĐĂNG KÝ KHAI SINH" and "Đăng  ký khai sinh" all fold
// to "dang ky khai sinh".
//
// Folding is deliberately simple: it does not unify spelling variants such as
// "quý"/"quí" or "y"/"i", and it keeps punctuation. Latin letters are folded by
// a table built once from Unicode decomposition (NFD), so the common path does
// no normalisation work per call; other scripts fall back to NFD per rune.
package fold
