/**
 * 常用回复 over the API (in-process, helpers/server.ts), on PGlite and
 * PostgreSQL: a station starts with the shipped defaults; its head adds,
 * changes and deletes templates (unknown placeholders refused on the field);
 * workers read them and may not write; another station neither sees nor
 * touches them; deleted defaults do not come back; a station seeded with an
 * earlier release of the defaults gets the newer ones once, its edits kept.
 */
import type { CannedReply } from '../../contract/types'
import { DEFAULT_REPLIES, DEFAULTS_VERSION } from '../../domain/cannedReplies'
import { DEMO_STAFF_PASSWORD } from '../../server/seed'
import { api, backend, startApp, type TestApp } from './helpers/server'

jest.setTimeout(180_000)

let server: TestApp
type Client = ReturnType<typeof api>
const who: Record<string, Client> = {}
const login = async (username: string) =>
  api(server.url, (await api(server.url).post('/api/staff/login', { username, password: DEMO_STAFF_PASSWORD })).body.token)
const list = async (c: Client) => (await c.get('/api/staff/replies')).body.items as CannedReply[]

beforeAll(async () => {
  server = await startApp({ env: { JOB_INTERVAL_MS: '0' } })
  who.head = await login('xianjin-head')
  who.li = await login('xianjin-li')
  who.liu = await login('minxin-liu')
})
afterAll(() => server?.stop())

test(`a station starts with the defaults; the head adds, changes and deletes; workers read, on ${backend}`, async () => {
  const first = await list(who.li!)
  expect(first.map((r) => r.title).sort()).toEqual(DEFAULT_REPLIES.map((d) => d.title).sort())
  // Reading again copies nothing twice.
  expect((await list(who.head!)).length).toBe(DEFAULT_REPLIES.length)

  const created = await who.head!.post<CannedReply>('/api/staff/replies', {
    category: 'elderly_care',
    title: '  助浴服务  ',
    body: '{居民称呼}您好，{社工}会联系助浴服务队，电话{站点电话}。',
  })
  expect(created.status).toBe(201)
  expect(created.body).toMatchObject({ category: 'elderly_care', title: '助浴服务' })
  expect((await list(who.li!)).map((r) => r.id)).toContain(created.body.id)

  const changed = await who.head!.patch<CannedReply>(`/api/staff/replies/${created.body.id}`, { category: null, title: '助浴' })
  expect(changed.status).toBe(200)
  expect(changed.body).toMatchObject({ id: created.body.id, category: null, title: '助浴', body: created.body.body })

  const bad = await who.head!.patch(`/api/staff/replies/${created.body.id}`, { body: '{居民}您好' })
  expect(bad.status).toBe(400)
  expect(bad.body).toEqual({
    code: 'FIELD_INVALID',
    field: 'body',
    message: '不认识的占位符：{居民}；可用的有 {居民称呼}、{站点电话}、{社工}',
  })

  // A worker reads but does not write.
  expect((await who.li!.post('/api/staff/replies', { category: null, title: '我的', body: '您好' })).status).toBe(403)
  expect((await who.li!.patch(`/api/staff/replies/${created.body.id}`, { title: '改' })).status).toBe(403)
  expect((await who.li!.delete(`/api/staff/replies/${created.body.id}`)).status).toBe(403)

  // Deleting a default: it does not come back.
  const aDefault = first[0]!
  expect((await who.head!.delete(`/api/staff/replies/${aDefault.id}`)).status).toBe(200)
  expect((await who.head!.delete(`/api/staff/replies/${aDefault.id}`)).status).toBe(404)
  expect((await list(who.li!)).map((r) => r.id)).not.toContain(aDefault.id)
})

test(`another station has its own; nobody and residents are refused; bad input is a 400, on ${backend}`, async () => {
  const xianjin = await list(who.head!)
  const minxin = await list(who.liu!)
  expect(minxin.map((r) => r.id).some((id) => xianjin.some((x) => x.id === id))).toBe(false)
  // 先进's head cannot touch 民馨's.
  const theirs = minxin[0]!
  expect((await who.head!.patch(`/api/staff/replies/${theirs.id}`, { title: '改' })).status).toBe(404)
  expect((await who.head!.delete(`/api/staff/replies/${theirs.id}`)).status).toBe(404)
  expect((await list(who.liu!)).find((r) => r.id === theirs.id)).toEqual(theirs)

  const resident = api(server.url, (await api(server.url).post('/api/auth/dev', { nickname: '回复居民' })).body.token)
  for (const c of [api(server.url), resident]) {
    expect([401, 403]).toContain((await c.get('/api/staff/replies')).status)
    expect([401, 403]).toContain((await c.post('/api/staff/replies', { category: null, title: 'x', body: 'y' })).status)
  }
  for (const body of [
    {},
    { category: null, title: '', body: '内容' },
    { category: 'nope', title: '标题', body: '内容' },
    { category: null, title: '标题', body: 'x'.repeat(501) },
    { category: null, title: '标题', body: '   ' },
  ]) {
    const res = await who.head!.post('/api/staff/replies', body)
    expect(res.status).toBe(400)
    expect(res.body.code).toMatch(/FIELD_INVALID|BAD_REQUEST/)
  }
  expect((await who.head!.patch(`/api/staff/replies/${xianjin[0]!.id}`, {})).status).toBe(400)
})

test(`a station seeded with the first release gets the later defaults once: its edits and deletions kept, on ${backend}`, async () => {
  const later = DEFAULT_REPLIES.filter((d) => (d.since ?? 1) > 1)
  expect(new Set(later.map((d) => d.category))).toEqual(new Set(['community_governance', 'marriage_family', 'youth', 'employee']))
  // 先进 as a station seeded with release 1, before these shipped: its head has added, edited and deleted (the
  // first test), and wrote a 青少年 template of the same title as the new default.
  const station = (await server.db.query<{ id: string }>(`SELECT station_id AS id FROM users WHERE username = 'xianjin-head'`)).rows[0]!.id
  const rows = async () =>
    (
      await server.db.query<{ id: string; category: string | null; title: string; body: string; updated_at: Date }>(
        'SELECT id, category, title, body, updated_at FROM canned_replies WHERE station_id = $1 ORDER BY id',
        [station],
      )
    ).rows
  await server.db.query('UPDATE canned_reply_seeds SET version = 1 WHERE station_id = $1', [station])
  await server.db.query('DELETE FROM canned_replies WHERE station_id = $1 AND title = ANY ($2::text[])', [
    station,
    later.map((d) => d.title),
  ])
  const youth = later.find((d) => d.category === 'youth')!
  await server.db.query(
    `INSERT INTO canned_replies (station_id, category, title, body, updated_at) VALUES ($1, 'youth', $2, '{居民称呼}您好，站长自己写的。', now())`,
    [station, youth.title],
  )
  const before = await rows()

  // The first read after the release: the other three appear; every template the station had is as it was.
  const read = await list(who.li!)
  const after = await rows()
  expect(read.map((r) => r.id).sort()).toEqual(after.map((r) => r.id).sort())
  const added = after.filter((r) => !before.some((b) => b.id === r.id))
  expect(added.map((r) => [r.category, r.title, r.body])).toEqual(
    expect.arrayContaining(later.filter((d) => d !== youth).map((d) => [d.category, d.title, d.body])),
  )
  expect(added).toHaveLength(later.length - 1)
  expect(after.filter((r) => !added.includes(r))).toEqual(before)
  expect(after.filter((r) => r.title === youth.title).map((r) => r.body)).toEqual(['{居民称呼}您好，站长自己写的。'])
  const seeds = await server.db.query<{ version: number }>('SELECT version FROM canned_reply_seeds WHERE station_id = $1', [station])
  expect(seeds.rows[0]!.version).toBe(DEFAULTS_VERSION)

  // Once: read again, nothing more; a later default deleted does not come back either.
  expect((await list(who.head!)).length).toBe(after.length)
  const governance = added.find((r) => r.category === 'community_governance')!
  expect((await who.head!.delete(`/api/staff/replies/${governance.id}`)).status).toBe(200)
  expect((await list(who.li!)).map((r) => r.id)).not.toContain(governance.id)
  expect(await rows()).toHaveLength(after.length - 1)
})
