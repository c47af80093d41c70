-- Satisfaction ratings of dossiers (Decree 118/2025 Art. 33(1), package rating): one per dossier, given
-- on the portal, by the receipt's QR code or at the desk's kiosk. Each criterion (a) to (i) is scored
-- 1 to 3 or NULL when skipped; the overall score is required. Times are Unix milliseconds.
CREATE TABLE ratings (
	dossier_code TEXT NOT NULL UNIQUE,
	receiving_unit TEXT NOT NULL,
	rated_at BIGINT NOT NULL,
	channel TEXT NOT NULL CHECK (channel IN ('portal', 'qr', 'kiosk')),
	overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 3),
	c_a INTEGER CHECK (c_a BETWEEN 1 AND 3),
	c_b INTEGER CHECK (c_b BETWEEN 1 AND 3),
	c_c INTEGER CHECK (c_c BETWEEN 1 AND 3),
	c_d INTEGER CHECK (c_d BETWEEN 1 AND 3),
	c_dd INTEGER CHECK (c_dd BETWEEN 1 AND 3),
	c_e INTEGER CHECK (c_e BETWEEN 1 AND 3),
	c_g INTEGER CHECK (c_g BETWEEN 1 AND 3),
	c_h INTEGER CHECK (c_h BETWEEN 1 AND 3),
	c_i INTEGER CHECK (c_i BETWEEN 1 AND 3),
	comment TEXT NOT NULL DEFAULT ''
);
-- The satisfaction report reads a list of desks over a period.
CREATE INDEX ratings_unit_time ON ratings(receiving_unit, rated_at);
