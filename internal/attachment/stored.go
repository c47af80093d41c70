package attachment

// Stored returns a Staged standing for content already kept in the blobs under f.ID (an upload
// stored earlier, such as a file of an online draft), so that it can be attached to a record like a
// fresh upload: committing it does nothing and discarding it removes nothing.
func Stored(f File) *Staged { return &Staged{file: f, committed: true} }
