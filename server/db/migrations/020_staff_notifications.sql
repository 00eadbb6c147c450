-- Notifications for staff (issue 16, item 7): a station account opts in to
-- 「接收新求助提醒」 from 我的账号. In the mini-program the opt-in also brings
-- the worker's openid (from Taro.login's code), kept here and not in
-- users.openid, which belongs to the resident account the same WeChat user
-- may have. seen_at is when the worker last looked at the queue: the
-- workbench's badge counts what entered it since.
CREATE TABLE staff_notification_settings (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  enabled boolean NOT NULL DEFAULT false,
  openid text,
  seen_at timestamptz,
  updated_at timestamptz NOT NULL
);
CREATE INDEX staff_notification_settings_enabled_idx ON staff_notification_settings (user_id) WHERE enabled;

-- A message keyed by what it announces (one per worker per event), so a
-- job's second run or a retried transaction never sends it twice.
ALTER TABLE outbox ADD COLUMN dedup_key text;
CREATE UNIQUE INDEX outbox_dedup_key_idx ON outbox (dedup_key) WHERE dedup_key IS NOT NULL;
