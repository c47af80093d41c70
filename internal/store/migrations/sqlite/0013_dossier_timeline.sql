-- The public timeline of a dossier, kept on its row so that the public lookup reads one row instead
-- of joining the events: each public (not private) event as ";at,action,from,to" (at in Unix
-- milliseconds), in order, appended in the same statement that stores the dossier (store/lookup.go).
-- Rows stored before this migration keep '' and the lookup reads their events instead: every dossier
-- has at least one public event, so '' always means "not kept".
ALTER TABLE dossiers ADD COLUMN timeline TEXT NOT NULL DEFAULT '';
