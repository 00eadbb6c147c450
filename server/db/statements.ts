/**
 * Named (prepared) statements: which SQL texts get one. A named statement is
 * parsed and described once per session (PGlite) or connection (PostgreSQL);
 * each later run only binds and executes it, skipping parse and analysis.
 *
 * A text gets a name the second time it is seen, so a statement built once
 * (a one-off report, a migration's query) never takes a slot. Only plain
 * SELECT / INSERT / UPDATE / DELETE / WITH statements qualify: utility
 * statements (SET, LOCK, DDL) keep the unnamed path. Names are never reused
 * for another text, and their number is capped: the server's SQL is static
 * text (the import's 75-row INSERT is one text), so the cap is a guard against
 * generated SQL, not an eviction policy; past it, new texts stay unnamed.
 *
 * After a schema change (`exec`, or DDL through `query`) every name is
 * forgotten and texts start over under new names: a named statement keeps the
 * row description it was parsed with, and PostgreSQL refuses to run one whose
 * result columns changed ("cached plan must not change result type").
 * PostgreSQL re-plans a named statement by itself when the schema or the
 * statistics (ANALYZE) change, on PGlite as on a server.
 */

const PREPARABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i
/** Longer texts are generated (multi-row VALUES lists and the like): not worth a slot. */
const MAX_TEXT = 8_000
/** Texts seen once, remembered until a second sighting; cleared when full. */
const MAX_SEEN = 2_000
const DDL = /^\s*(ALTER|CREATE|DROP|TRUNCATE|COMMENT)\b/i

/** A statement that may change the schema, sent through `query` rather than `exec` (tests, tools). */
export const changesSchema = (sql: string) => DDL.test(sql)

export class StatementNames {
  readonly #names = new Map<string, string>()
  readonly #seen = new Set<string>()
  #generation = 1

  constructor(readonly max = 400) {}

  /** The name of `sql`'s statement, or undefined while it runs unnamed. */
  nameFor(sql: string): string | undefined {
    const name = this.#names.get(sql)
    if (name !== undefined || this.#names.size >= this.max) return name
    if (sql.length > MAX_TEXT || !PREPARABLE.test(sql)) return undefined
    if (!this.#seen.has(sql)) {
      if (this.#seen.size >= MAX_SEEN) this.#seen.clear()
      this.#seen.add(sql)
      return undefined
    }
    this.#seen.delete(sql)
    const next = `sgz_${this.#generation}_${this.#names.size + 1}`
    this.#names.set(sql, next)
    return next
  }

  /** After a schema change: every text starts over, under new names. */
  forget(): void {
    this.#names.clear()
    this.#seen.clear()
    this.#generation++
  }

  get size(): number {
    return this.#names.size
  }
}
