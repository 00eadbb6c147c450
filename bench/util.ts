import { performance } from 'node:perf_hooks'
import { openPostgres } from '../server/db/postgres'

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now()
  const value = await fn()
  return { ms: performance.now() - t0, value }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

export const fmt = (n: number, digits = 2) => n.toFixed(digits)

/** A new, empty database on the benchmark's PostgreSQL server. */
export async function newPgDatabase(url: string, name: string): Promise<string> {
  const admin = await openPostgres(url)
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`)
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.close()
  }
  return url.replace(/\/[^/]*$/, `/${name}`)
}
