/**
 * Which SQL texts run as named (prepared) statements (server/db/statements.ts):
 * from the second sighting on, plain DML only, short texts only, a capped number
 * of names that never change text, and a fresh start after a schema change.
 */
import { changesSchema, StatementNames } from '../../server/db/statements'

test('a text is named from its second run on, and keeps its name', () => {
  const names = new StatementNames()
  const sql = 'SELECT id FROM users WHERE id = $1'
  expect(names.nameFor(sql)).toBeUndefined()
  const name = names.nameFor(sql)
  expect(name).toMatch(/^sgz_\d+_\d+$/)
  expect(names.nameFor(sql)).toBe(name)
  expect(names.nameFor('  WITH x AS (SELECT 1) SELECT * FROM x')).toBeUndefined()
  const other = names.nameFor('  WITH x AS (SELECT 1) SELECT * FROM x')
  expect(other).toBeDefined()
  expect(other).not.toBe(name)
  expect(names.size).toBe(2)
})

test('utility statements and generated long texts stay unnamed', () => {
  const names = new StatementNames()
  const long = `INSERT INTO t (a) VALUES ${Array.from({ length: 2000 }, (_, i) => `($${i + 1})`).join(', ')}`
  for (const sql of ['SET LOCAL enable_seqscan = off', 'LOCK TABLE help_requests IN SHARE MODE', 'ANALYZE stations', 'BEGIN', long]) {
    names.nameFor(sql)
    expect(names.nameFor(sql)).toBeUndefined()
  }
  expect(names.size).toBe(0)
  for (const sql of ['insert into t values ($1)', 'UPDATE t SET a = 1', 'DELETE FROM t', 'select 1']) {
    names.nameFor(sql)
    expect(names.nameFor(sql)).toBeDefined()
  }
})

test('past the cap new texts stay unnamed and the named ones keep their names', () => {
  const names = new StatementNames(3)
  const texts = ['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 4']
  const twice = (sql: string) => {
    names.nameFor(sql)
    return names.nameFor(sql)
  }
  const got = texts.map(twice)
  expect(got.slice(0, 3).every((n) => n !== undefined)).toBe(true)
  expect(got[3]).toBeUndefined()
  expect(texts.slice(0, 3).map((sql) => names.nameFor(sql))).toEqual(got.slice(0, 3))
})

test('after a schema change every text starts over under a new name', () => {
  const names = new StatementNames()
  const sql = 'SELECT * FROM stations WHERE id = $1'
  names.nameFor(sql)
  const before = names.nameFor(sql)
  names.forget()
  expect(names.size).toBe(0)
  expect(names.nameFor(sql)).toBeUndefined()
  const after = names.nameFor(sql)
  expect(after).toBeDefined()
  expect(after).not.toBe(before)
  expect(
    ['ALTER TABLE t ADD COLUMN x int', ' create index i on t (a)', 'DROP TABLE t', 'TRUNCATE t', 'COMMENT ON TABLE t IS $$x$$'].every(
      changesSchema,
    ),
  ).toBe(true)
  expect(['SELECT 1', 'INSERT INTO t VALUES (1)', 'ANALYZE t'].some(changesSchema)).toBe(false)
})
