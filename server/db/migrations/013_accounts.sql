-- Station accounts a city administers itself (账号管理): a phone number
-- (sealed at rest like every phone, enc:v1:…), disabling instead of deleting
-- (a disabled account's sessions stop at once and it cannot log in), and the
-- first password (or one an admin reset) that must be changed at the next
-- login.
ALTER TABLE users ADD COLUMN phone text;
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN created_by uuid REFERENCES users (id) ON DELETE SET NULL;

-- A station's accounts (账号管理 lists them per station of the subtree).
CREATE INDEX users_station_idx ON users (station_id) WHERE station_id IS NOT NULL;
-- The audit log filtered by who made the change.
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);
