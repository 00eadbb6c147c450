-- Residents' station search answers from memory (server/services/stationIndex.ts):
-- every instance keeps the open stations and reads, at each search, only the
-- rows changed since it last looked (change_seq > what it holds: an index
-- range scan that finds nothing almost always).
--
-- For "changed since" to miss nothing, change_seq must grow in commit order:
-- a statement that writes stations first takes the one row of station_writes
-- (held to its commit), and only then do its rows draw their numbers. Station
-- writes are rare (administration, imports), so serialising them costs nothing
-- residents feel. A change to a station's exceptions (闭站, 调整时间) counts as a
-- change of the station.

CREATE SEQUENCE stations_change_seq;
ALTER TABLE stations ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('stations_change_seq');
CREATE INDEX stations_change_seq_idx ON stations (change_seq);

CREATE TABLE station_writes (
  id integer PRIMARY KEY CHECK (id = 1),
  writes bigint NOT NULL DEFAULT 0
);
INSERT INTO station_writes (id) VALUES (1);

CREATE FUNCTION stations_write_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE station_writes SET writes = writes + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER stations_write_lock BEFORE INSERT OR UPDATE OR DELETE ON stations
  FOR EACH STATEMENT EXECUTE FUNCTION stations_write_lock();

CREATE FUNCTION stations_change_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('stations_change_seq');
  RETURN NEW;
END
$$;
CREATE TRIGGER stations_change_stamp BEFORE INSERT OR UPDATE ON stations
  FOR EACH ROW EXECUTE FUNCTION stations_change_stamp();

CREATE FUNCTION station_exceptions_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE stations SET change_seq = 0 WHERE id = OLD.station_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE stations SET change_seq = 0 WHERE id = NEW.station_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER station_exceptions_touch AFTER INSERT OR UPDATE OR DELETE ON station_exceptions
  FOR EACH ROW EXECUTE FUNCTION station_exceptions_touch();
