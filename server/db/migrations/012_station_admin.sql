-- Stations a city runs itself (issue 14): a station can be closed — it leaves
-- the residents' search, its page and routing at once, while its row, its
-- history and its accounts stay — and reopened.
ALTER TABLE stations ADD COLUMN closed_at timestamptz;
ALTER TABLE stations ADD COLUMN closed_reason text CHECK (closed_reason IS NULL OR length(closed_reason) BETWEEN 1 AND 40);
