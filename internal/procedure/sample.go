package procedure

import _ "embed"

// SampleCatalog is catalog-sample.json, a small catalog of commune-level
// procedures in the sample JSON shape, for demos and tests; read it with
// [ParseSampleJSON]. Codes 9.99xxxx in it are placeholders no real procedure
// uses.
//
//go:embed data/catalog-sample.json
var SampleCatalog []byte
