-- The workbench as a tool for the whole day (issue 16): how many open requests
-- a station head lets each worker carry at once (null: no cap), and the index
-- that counts a worker's open requests.
ALTER TABLE users ADD COLUMN workload_cap integer CHECK (workload_cap IS NULL OR workload_cap BETWEEN 1 AND 500);
CREATE INDEX help_requests_assignee_idx ON help_requests (assignee_id) WHERE status IN ('submitted', 'accepted', 'in_progress');

-- 常用回复: a station's reply templates with placeholders ({居民称呼}, {站点电话},
-- {社工}). The defaults (domain/cannedReplies.ts) are copied into a station the
-- first time its list is read; canned_reply_seeds remembers that, so a head who
-- deletes them does not get them back.
CREATE TABLE canned_replies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  station_id uuid NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  -- null: for every category
  category text,
  title text NOT NULL,
  body text NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX canned_replies_station_idx ON canned_replies (station_id);
CREATE TABLE canned_reply_seeds (
  station_id uuid PRIMARY KEY REFERENCES stations (id) ON DELETE CASCADE,
  seeded_at timestamptz NOT NULL
);
