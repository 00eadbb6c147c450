-- The workbench after its review (issue 16).
--
-- 常用回复: which shipped defaults a station has been given. Defaults are
-- copied into a station the first time its list is read (017); when a release
-- ships more (version 2: 社区治理, 婚姻家庭, 青少年, 职工), a station that was
-- given an earlier set gets only the newer ones, on its next read — never the
-- ones its head deleted, and nothing it has changed is touched. Stations
-- seeded before this migration had version 1.
ALTER TABLE canned_reply_seeds ADD COLUMN version integer NOT NULL DEFAULT 1;

-- The 办结 clock of a request reopened after its resolution (a 回访 that finds
-- the resident still needs help, the resident's 未解决, a worker's 重新处理)
-- runs again from that moment, not from the submission. NULL: from
-- created_at (never reopened).
ALTER TABLE help_requests ADD COLUMN resolution_from timestamptz;
