-- 预约服务 and privacy: a booking's personal fields (who comes, the contact, the
-- notes) are erased when its resident deletes the account, and by the retention
-- job once the booking ended `RETENTION_DAYS` ago — exactly as help requests.
-- purged_at says when; the booking stays as an anonymous statistic (service,
-- station, time, status) for the station's figures.
ALTER TABLE bookings ADD COLUMN purged_at timestamptz;
CREATE INDEX bookings_retention_idx ON bookings (ends_at) WHERE purged_at IS NULL;
