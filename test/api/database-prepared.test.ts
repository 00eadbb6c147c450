/**
 * The database layer's named (prepared) statements (server/db/statements.ts): a
 * text runs unnamed the first time it is seen and named from the second on, so
 * running the same statement three times compares the unnamed path with the
 * named one (first run of the name: Parse + Describe; later runs: Bind + Execute
 * only). Same rows and types, same rowCount, same errors, the database usable
 * after any error, in and out of a transaction, and on PGlite no other caller's
 * statement inside a transaction. On PGlite, or on PostgreSQL with TEST_DATABASE_URL.
 */
import { openDatabase, type Database } from '../../server/db'
import { backend, freshDatabase } from './helpers/server'

jest.setTimeout(120_000)

let db: Database

beforeAll(async () => {
  db = await openDatabase(await freshDatabase())
  await db.exec(`CREATE TABLE prep_types (
    id int PRIMARY KEY,
    at timestamptz,
    day date,
    doc jsonb,
    amount numeric(10, 2),
    big int8,
    tags text[],
    nums int[],
    note text,
    blob bytea,
    flag boolean,
    ratio float8
  )`)
})
afterAll(() => db?.close())

const INSERT = `INSERT INTO prep_types (id, at, day, doc, amount, big, tags, nums, note, blob, flag, ratio)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`
const SELECT_ONE = 'SELECT * FROM prep_types WHERE id = $1'

function row(id: number) {
  return [
    id,
    new Date(Date.UTC(2026, 11, 2, 8, 30, id)),
    '2026-12-02',
    { name: '王大娘', tags: ['助餐', id], nested: { ok: true } },
    '1234.50',
    '9007199254740993',
    ['一', 'two, "quoted"', ''],
    [1, 2, id],
    id % 2 ? null : '备注',
    new Uint8Array([0, 1, 254, 255, id]),
    id % 2 === 0,
    0.25,
  ]
}

/** Runs `sql` three times: the unnamed path, then the named one twice. */
async function thrice<T>(run: () => Promise<T>): Promise<T[]> {
  return [await run(), await run(), await run()]
}

test('rows, types and rowCount are the same on the unnamed and the named path', async () => {
  const inserted = [await db.query(INSERT, row(1)), await db.query(INSERT, row(2)), await db.query(INSERT, row(3))]
  expect(inserted.map((r) => r.rowCount)).toEqual([1, 1, 1])
  expect(inserted.map((r) => r.rows)).toEqual([[], [], []])

  for (const id of [1, 2, 3]) {
    const runs = await thrice(() => db.query<Record<string, unknown>>(SELECT_ONE, [id]))
    expect(runs[1]).toEqual(runs[0])
    expect(runs[2]).toEqual(runs[0])
    const [got] = runs[0]!.rows
    expect(got!.at).toBeInstanceOf(Date)
    expect((got!.at as Date).toISOString()).toBe(`2026-12-02T08:30:0${id}.000Z`)
    expect(got!.doc).toEqual({ name: '王大娘', tags: ['助餐', id], nested: { ok: true } })
    expect(got!.tags).toEqual(['一', 'two, "quoted"', ''])
    expect(got!.nums).toEqual([1, 2, id])
    expect(got!.note).toBe(id % 2 ? null : '备注')
    expect(Array.from(got!.blob as Uint8Array)).toEqual([0, 1, 254, 255, id])
    expect(got!.flag).toBe(id % 2 === 0)
    expect(got!.ratio).toBe(0.25)
    expect(String(got!.amount)).toMatch(/^1234\.5/)
    expect(String(got!.big)).toBe('9007199254740993')
  }

  // Several rows, an UPDATE's count, RETURNING, and a statement that matches nothing.
  const all = await thrice(() => db.query<{ id: number }>('SELECT id FROM prep_types WHERE id = ANY($1::int[]) ORDER BY id', [[1, 2, 3]]))
  // (A SELECT's rowCount is 0 on PGlite, its affectedRows, and the row count on PostgreSQL: as it always was.)
  for (const r of all) expect(r).toEqual({ rows: [{ id: 1 }, { id: 2 }, { id: 3 }], rowCount: backend === 'pglite' ? 0 : 3 })
  const updated = await thrice(() => db.query('UPDATE prep_types SET ratio = ratio + $1 WHERE id <= $2', [1, 2]))
  expect(updated.map((r) => [r.rowCount, r.rows.length])).toEqual([
    [2, 0],
    [2, 0],
    [2, 0],
  ])
  const returned = await thrice(() =>
    db.query<{ id: number; ratio: number }>('UPDATE prep_types SET ratio = ratio - 1 WHERE id = $1 RETURNING id, ratio', [1]),
  )
  expect(returned.map((r) => r.rows)).toEqual([[{ id: 1, ratio: 2.25 }], [{ id: 1, ratio: 1.25 }], [{ id: 1, ratio: 0.25 }]])
  expect(returned.map((r) => r.rowCount)).toEqual([1, 1, 1])
  const none = await thrice(() => db.query(SELECT_ONE, [404]))
  for (const r of none) expect(r).toEqual({ rows: [], rowCount: 0 })
  // A parameter without a value of its own (undefined) is NULL, as before.
  const nulls = await thrice(() => db.query<{ v: string | null }>('SELECT $1::text AS v', [undefined]))
  for (const r of nulls) expect(r.rows).toEqual([{ v: null }])
})

test('an error outside a transaction is the same on both paths and leaves the database usable', async () => {
  await db.query(INSERT, row(10))
  for (let i = 0; i < 3; i++) {
    await expect(db.query(INSERT, row(10))).rejects.toMatchObject({ code: '23505', constraint: 'prep_types_pkey' })
    await expect(db.query('SELECT id FROM prep_types WHERE id = $1::int', ['not a number'])).rejects.toMatchObject({ code: '22P02' })
    await expect(db.query('SELECT nope FROM prep_types WHERE id = $1', [1])).rejects.toMatchObject({ code: '42703' })
    expect((await db.query<{ id: number }>('SELECT id FROM prep_types WHERE id = $1', [10])).rows).toEqual([{ id: 10 }])
  }
})

test('an error inside a transaction rolls it back, and the next transaction works', async () => {
  for (let i = 0; i < 3; i++) {
    const id = 20 + i
    await expect(
      db.transaction(async (tx) => {
        await tx.query(INSERT, row(id))
        await tx.query(INSERT, row(id))
      }),
    ).rejects.toMatchObject({ code: '23505' })
    expect((await db.query(SELECT_ONE, [id])).rows).toEqual([])
  }
  // A statement first named inside a transaction that rolls back stays usable afterwards.
  const fresh = 'SELECT count(*)::int AS n FROM prep_types WHERE id > $1'
  await db.query(fresh, [0])
  await expect(
    db.transaction(async (tx) => {
      await tx.query(fresh, [0])
      throw new Error('rolled back on purpose')
    }),
  ).rejects.toThrow('rolled back on purpose')
  expect((await db.query<{ n: number }>(fresh, [0])).rows[0]!.n).toBeGreaterThan(0)
  const committed = await db.transaction(async (tx) => {
    await tx.query(INSERT, row(30))
    return (await tx.query<{ id: number }>(SELECT_ONE, [30])).rows.map((r) => r.id)
  })
  expect(committed).toEqual([30])
  expect((await db.query<{ id: number }>(SELECT_ONE, [30])).rows.map((r) => r.id)).toEqual([30])
})

test('a rolled-back transaction leaves nothing behind', async () => {
  for (let i = 0; i < 3; i++) {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(INSERT, row(40 + i))
        await tx.query('UPDATE prep_types SET note = $1 WHERE id = $2', ['改过', 10])
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
  }
  expect((await db.query('SELECT id FROM prep_types WHERE id >= 40 AND id < 50')).rows).toEqual([])
  expect((await db.query<{ note: string | null }>('SELECT note FROM prep_types WHERE id = $1', [10])).rows).toEqual([{ note: '备注' }])
})

test('no other caller sees inside a transaction; on PGlite no other statement runs inside it', async () => {
  const probe = 'SELECT count(*)::int AS n FROM prep_types WHERE id = $1'
  await thrice(() => db.query(probe, [50])) // named and described before the race
  const events: string[] = []
  let inside = false
  const seen: number[] = []
  let readers: Promise<void>[] = []
  const read = async () => {
    const { rows } = await db.query<{ n: number }>(probe, [50])
    seen.push(rows[0]!.n)
    if (inside) events.push('read inside')
  }
  const tx = db.transaction(async (q) => {
    inside = true
    await q.query(INSERT, row(50))
    // Other requests arrive while the transaction holds its uncommitted row.
    readers = Array.from({ length: 20 }, read)
    await new Promise((r) => setTimeout(r, 30))
    await q.query(probe, [50])
    await q.query('DELETE FROM prep_types WHERE id = $1', [50])
    inside = false
    events.push('tx done')
  })
  await tx
  await Promise.all(readers)
  expect(seen).toHaveLength(20)
  expect(seen.every((n) => n === 0)).toBe(true)
  if (backend === 'pglite') expect(events).toEqual(['tx done'])
})

test('a schema change: the same text after ALTER TABLE gives the new columns', async () => {
  const before = await thrice(() => db.query<Record<string, unknown>>(SELECT_ONE, [10]))
  expect(Object.keys(before[2]!.rows[0]!)).not.toContain('extra')
  await db.exec(`ALTER TABLE prep_types ADD COLUMN extra text NOT NULL DEFAULT '新列'`)
  const after = await thrice(() => db.query<Record<string, unknown>>(SELECT_ONE, [10]))
  for (const r of after) expect(r.rows[0]!.extra).toBe('新列')
  // The same through query (DDL outside exec), on a statement that is named by now.
  await db.query('ALTER TABLE prep_types DROP COLUMN extra')
  const dropped = await thrice(() => db.query<Record<string, unknown>>(SELECT_ONE, [10]))
  for (const r of dropped) expect(Object.keys(r.rows[0]!)).not.toContain('extra')
})

// Another instance on the same PostgreSQL (a rolling deploy) changes a table under this one's named statements.
const onPostgres = backend === 'postgres' ? test : test.skip
onPostgres('another instance changing the schema: a lone statement still answers, a transaction fails once', async () => {
  const location = await freshDatabase()
  const mine = await openDatabase(location)
  const other = await openDatabase(location)
  try {
    await mine.exec('CREATE TABLE shared_t (id int PRIMARY KEY, a text)')
    await mine.query('INSERT INTO shared_t VALUES (1, $1)', ['一'])
    const sql = 'SELECT * FROM shared_t WHERE id = $1'
    await thrice(() => mine.query(sql, [1]))
    await other.exec(`ALTER TABLE shared_t ADD COLUMN b text NOT NULL DEFAULT '二'`)
    expect((await mine.query(sql, [1])).rows).toEqual([{ id: 1, a: '一', b: '二' }])
    await thrice(() => mine.query(sql, [1]))
    await other.exec('ALTER TABLE shared_t DROP COLUMN b')
    const inTx = () => mine.transaction(async (tx) => (await tx.query(sql, [1])).rows)
    await expect(inTx()).rejects.toMatchObject({ code: '0A000' })
    expect(await inTx()).toEqual([{ id: 1, a: '一' }])
  } finally {
    await mine.close()
    await other.close()
  }
})
