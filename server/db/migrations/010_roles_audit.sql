-- Roles for a city that runs the portal itself: 站长 (head) and 管理员 (admin)
-- beside 社工 (staff) and 督导 (supervisor); and the audit log of every change
-- staff make to stations, accounts and the calendar.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('resident', 'staff', 'head', 'supervisor', 'admin'));

-- Who changed what, when: one row per change, each field before and after.
-- station_id is the station the change concerns (for an account, its
-- station), so admins and supervisors read the log of their subtree.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  actor_name text NOT NULL,
  station_id uuid REFERENCES stations (id) ON DELETE SET NULL,
  entity text NOT NULL,
  entity_id text,
  action text NOT NULL,
  -- [{ "field": "phone", "before": "…", "after": "…" }]
  changes jsonb NOT NULL DEFAULT '[]',
  summary text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_station_idx ON audit_log (station_id, at DESC);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
