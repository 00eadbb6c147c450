/**
 * The error vocabulary (contract/errors.ts) against what the server can send
 * and what its OpenAPI document promises:
 * - every code the server's sources put in an error answer — typed refusals,
 *   and the untyped bodies of the error handler, the rate limiter and Node's
 *   own refusals, where a typo would otherwise go unnoticed — is in
 *   ERROR_CODES;
 * - every code of ERROR_CODES is sent somewhere (none is dead), except the
 *   ones listed in UNSENT, each with why;
 * - every code has its one HTTP status, an error status (server/errors.ts);
 * - the document's Error schema lists exactly ERROR_CODES, with `field`, and
 *   every error answer of every operation is that schema.
 */
import fs from 'node:fs'
import path from 'node:path'
import { ERROR_CODES, type ErrorCode } from '../../contract/errors'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config'
import { openDatabase, type Database } from '../../server/db'
import { HTTP_STATUS } from '../../server/errors'
import { backend, freshDatabase } from './helpers/server'

jest.setTimeout(120_000)

const ROOT = path.resolve(__dirname, '../..')

/** Codes in the enum that no server path sends, and why; sending one of them makes this test ask to remove it from here. */
const UNSENT: Partial<Record<ErrorCode, string>> = {
  ALREADY_ENROLLED: 'a participant enrolled twice gets the first enrollment back (200), by design: a double tap is not an error',
}

/** The helpers of server/errors.ts and domain/refusal.ts that stand for one code each. */
const HELPERS: Record<string, ErrorCode> = {
  notFound: 'NOT_FOUND',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  badRequest: 'BAD_REQUEST',
  conflict: 'CONFLICT',
  fieldInvalid: 'FIELD_INVALID',
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'seed' ? [] : sources(p)
    return e.name.endsWith('.ts') ? [p] : []
  })
}

/** Every code the server's own sources put in an error answer, with where. */
function sentCodes(): Map<string, string[]> {
  const sent = new Map<string, string[]>()
  const add = (code: string, where: string) => sent.set(code, [...(sent.get(code) ?? []), where])
  for (const file of [...sources(path.join(ROOT, 'server')), ...sources(path.join(ROOT, 'domain'))]) {
    const text = fs.readFileSync(file, 'utf8')
    const where = path.relative(ROOT, file)
    // fail('X', …), refusal('X', …), and `code: 'X'` in the bodies written by hand.
    for (const m of text.matchAll(/\b(?:fail|failWith|refusal)\(\s*'([A-Z][A-Z_]*)'|\bcode: '([A-Z][A-Z_]*)'/g)) add(m[1] ?? m[2]!, where)
    for (const [helper, code] of Object.entries(HELPERS)) if (new RegExp(`\\b${helper}\\(`).test(text)) add(code, where)
  }
  return sent
}

let db: Database
let doc: {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>>
  components?: { schemas?: Record<string, Record<string, any>> }
}

beforeAll(async () => {
  const database = await freshDatabase()
  db = await openDatabase(database)
  const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', DATA_DIR: database.dataDir }), db, logger: false })
  try {
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as { port: number }
    doc = await (await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).json()
  } finally {
    await app.close()
  }
})
afterAll(() => db?.close())

describe(`error codes on ${backend}`, () => {
  test('every code the server sends is in ERROR_CODES', () => {
    const unknown = [...sentCodes()]
      .filter(([code]) => !(ERROR_CODES as readonly string[]).includes(code))
      .map(([code, where]) => `${code} (${where.join(', ')})`)
    expect(unknown).toEqual([])
  })

  test('every code of ERROR_CODES is sent by the server, except those listed as unsent, with why', () => {
    const sent = sentCodes()
    expect(ERROR_CODES.filter((c) => !sent.has(c) && !UNSENT[c])).toEqual([])
    expect(ERROR_CODES.filter((c) => sent.has(c) && UNSENT[c])).toEqual([])
  })

  test('each code has one HTTP status, an error status', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort())
    for (const code of ERROR_CODES) expect([code, HTTP_STATUS[code] >= 400 && HTTP_STATUS[code] < 600]).toEqual([code, true])
  })

  test('the OpenAPI document: every error answer of every operation is the Error schema — exactly ERROR_CODES, a message, an optional field', () => {
    const schemas = doc.components?.schemas ?? {}
    const resolve = (schema: Record<string, any>) => (typeof schema.$ref === 'string' ? schemas[schema.$ref.split('/').pop()!]! : schema)
    const codesOf = (code: { anyOf?: { const?: string; enum?: string[] }[]; enum?: string[] } | undefined) =>
      [...(code?.enum ?? (code?.anyOf ?? []).flatMap((c) => (c.const !== undefined ? [c.const] : (c.enum ?? []))))].sort()
    const shape = (schema: Record<string, any>) => {
      const s = resolve(schema)
      return {
        properties: Object.keys(s.properties ?? {}).sort(),
        required: [...(s.required ?? [])].sort(),
        codes: codesOf(resolve(s.properties?.code ?? {})),
      }
    }
    const expected = { properties: ['code', 'field', 'message'], required: ['code', 'message'], codes: [...ERROR_CODES].sort() }
    // An import refused says why row by row: its error answers are the Error schema plus `report`.
    const WITH_REPORT = new Set([
      'POST /api/admin/stations/import 413',
      'POST /api/admin/stations/import 415',
      'POST /api/admin/stations/import 422',
      'POST /api/admin/stations/import 503',
    ])
    const withReport = { ...expected, properties: ['code', 'field', 'message', 'report'], required: ['code', 'message', 'report'] }
    // A slot that just filled (409 SLOT_FULL) comes with the nearest free slots, where a slot is taken.
    const WITH_ALTERNATIVES = new Set([
      'POST /api/bookings 409',
      'POST /api/bookings/{id}/reschedule 409',
      'POST /api/staff/bookings 409',
      'POST /api/staff/bookings/{id}/reschedule 409',
      'POST /api/requests/{id}/booking-proposals/choose 409',
    ])
    const withAlternatives = { ...expected, properties: ['alternatives', 'code', 'field', 'message'] }
    const wrong: string[] = []
    let answers = 0
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          if (Number(status) < 400) continue
          answers++
          const schema = response.content?.['application/json']?.schema
          const answer = `${method.toUpperCase()} ${p} ${status}`
          const want = WITH_REPORT.has(answer) ? withReport : WITH_ALTERNATIVES.has(answer) ? withAlternatives : expected
          if (!schema || JSON.stringify(shape(schema)) !== JSON.stringify(want)) wrong.push(answer)
        }
      }
    }
    expect(wrong).toEqual([])
    expect(answers).toBeGreaterThan(200)
  })
})
