-- Privacy: accounts can be deleted (personal data erased, anonymous
-- statistics kept), and every time staff see a request's personal data it is
-- recorded for the supervisors.

ALTER TABLE users ADD COLUMN deleted_at timestamptz;

CREATE TABLE staff_access_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES users (id),
  request_id uuid NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
  accessed_at timestamptz NOT NULL
);
CREATE INDEX staff_access_log_request_idx ON staff_access_log (request_id, accessed_at);
