-- Retention: personal fields of closed requests and past enrollments are
-- purged after a configurable period; the rows stay as anonymous statistics.
ALTER TABLE help_requests ADD COLUMN purged_at timestamptz;
ALTER TABLE enrollments ADD COLUMN purged_at timestamptz;
CREATE INDEX help_requests_retention_idx ON help_requests (updated_at) WHERE purged_at IS NULL AND status IN ('resolved', 'cancelled');
