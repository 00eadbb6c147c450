-- The workbench as a tool for the whole day (issue 16): how many open requests
-- a station head lets each worker carry at once (null: no cap), and the index
-- that counts a worker's open requests.
ALTER TABLE users ADD COLUMN workload_cap integer CHECK (workload_cap IS NULL OR workload_cap BETWEEN 1 AND 500);
CREATE INDEX help_requests_assignee_idx ON help_requests (assignee_id) WHERE status IN ('submitted', 'accepted', 'in_progress');
