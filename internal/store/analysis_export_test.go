package store

// FactDoc and DecodeFactDoc expose the analysis document decoder to the tests of package store_test.
type FactDoc = factDoc

// DecodeFactDoc is decodeFactDoc.
var DecodeFactDoc = decodeFactDoc
