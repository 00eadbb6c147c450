-- Duplicates (issue 16): 「可能重复」, merging a duplicate into the original,
-- and linking related requests.
--
-- Phones are sealed at rest (AES-GCM with a random IV), so equal phones never
-- look equal in the table. A blind index makes them comparable without
-- decrypting: an HMAC-SHA-256 of the normalized value under a key derived from
-- the current DATA_KEYS key (HKDF, never the encryption key itself), stored as
-- `<key id>:<base64url>` (server/services/blindIndex.ts). Written with every
-- insert and change of a phone; rows from before this migration, and rows
-- indexed under a key being rotated out, are (re)indexed at startup and by the
-- resealing job (server/repositories/reseal.ts). SQL cannot compute an HMAC
-- with a key it does not hold, so nothing is filled here.
ALTER TABLE help_requests ADD COLUMN contact_phone_bidx text;
-- The helped person: name and phone together.
ALTER TABLE help_requests ADD COLUMN helped_bidx text;
CREATE INDEX help_requests_contact_phone_bidx_idx ON help_requests (contact_phone_bidx, created_at) WHERE contact_phone_bidx IS NOT NULL;
CREATE INDEX help_requests_helped_bidx_idx ON help_requests (helped_bidx, created_at) WHERE helped_bidx IS NOT NULL;

-- A duplicate merged into its original is closed (status 'cancelled') and points to it.
ALTER TABLE help_requests ADD COLUMN merged_into_id uuid REFERENCES help_requests (id);
CREATE INDEX help_requests_merged_into_idx ON help_requests (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- 相关求助: an unordered pair, stored once with the smaller id first.
CREATE TABLE request_links (
  a_id uuid NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
  b_id uuid NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (a_id, b_id),
  CHECK (a_id < b_id)
);
CREATE INDEX request_links_b_idx ON request_links (b_id);
