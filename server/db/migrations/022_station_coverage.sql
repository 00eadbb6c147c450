-- The communities and streets a station covers beyond the area it stands in
-- (issue 14, 服务范围): names within the station's district, e.g. a street
-- station serving the communities that have no room of their own, or a room
-- serving the next community too. Routing sends a request from a covered
-- community or street to the station before looking at distance.
ALTER TABLE stations ADD COLUMN coverage text[] NOT NULL DEFAULT '{}';
