/**
 * The one way a page loads its data.
 *
 *   const station = useQuery(['station', id], () => fetchStation(id), { notFound: true })
 *   if (station.status === 'loading') return <Loading />
 *   if (station.status === 'error') return <ErrorState message={station.error.message} onRetry={station.reload} />
 *
 * It loads when the key changes (or `enabled` turns true), again on
 * `reload()`, when the page is shown again (`refreshOnShow`) and on pull-down
 * (`pullDownRefresh`). Only the answer to the latest call lands: an older one
 * still in flight (the position or a filter changed meanwhile) is dropped.
 *
 * `prefetchQuery(key, load)` starts a page's first load before the page is drawn
 * (src/services/firstScreen.ts, at launch): the page's first load of that key
 * takes the answer, in flight or done, instead of asking again.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { toApiError, type ApiError } from '@/api/client'

export type QueryKey = readonly unknown[]

export interface QueryOptions {
  /** false: nothing is loaded (no login, no position yet): status 'idle', no data. Default true. */
  enabled?: boolean
  /** Load again each time the page is shown again (back from another page, or from another app). */
  refreshOnShow?: boolean
  /** Load again when the page is pulled down, then stop the indicator. */
  pullDownRefresh?: boolean
  /** A 404 (or a 400: a malformed id) is status 'notFound' rather than 'error'. */
  notFound?: boolean
}

interface Idle {
  status: 'idle'
  data: undefined
  error: null
}
interface Loading<T> {
  status: 'loading'
  /** The answer to an earlier key (or an earlier failed try), shown meanwhile if the page wants. */
  data: T | undefined
  error: null
}
interface Ok<T> {
  status: 'ok'
  data: T
  error: null
}
interface Failed<T> {
  status: 'error' | 'notFound'
  /** What was shown before a refresh of the same key failed (undefined after a new key failed). */
  data: T | undefined
  error: ApiError
}
export type QueryState<T> = (Idle | Loading<T> | Ok<T> | Failed<T>) & {
  /** A load is in flight (the first one, or a refresh while the data stays on screen). */
  fetching: boolean
}

export type Query<T> = QueryState<T> & {
  /** Loads again; resolves once the answer (or failure) has landed. Never rejects. */
  reload: () => Promise<void>
  /** The data after an action returned its new version; a load still in flight (older) is dropped. */
  setData: (update: (data: T) => T) => void
}

type Inner<T> = QueryState<T> & { key: string | null }

/** How long an answer asked for ahead waits for its page; a page drawn later asks again. */
export const PREFETCH_MAX_AGE_MS = 60_000

/** Loads started ahead (`prefetchQuery`), by key, until a page's load of that key takes them. */
const prefetched = new Map<string, { answer: Promise<unknown>; at: number }>()

const hashKey = (key: QueryKey) => JSON.stringify(key)

/**
 * Starts loading `key` before a page reads it: the first load of the same key by `useQuery` takes this answer
 * (in flight or done, a failure included) instead of calling its own `load`. Taken once: a reload, a refresh
 * on show or pull-down asks again; not taken within PREFETCH_MAX_AGE_MS, it is dropped. A key already
 * waiting is not asked for twice.
 */
export function prefetchQuery<T>(key: QueryKey, load: () => Promise<T>): void {
  const hash = hashKey(key)
  const waiting = prefetched.get(hash)
  if (waiting && Date.now() - waiting.at <= PREFETCH_MAX_AGE_MS) return
  const answer = load()
  // Its failure is the page's to show, when it takes it; nobody else waits for it.
  answer.catch(() => undefined)
  prefetched.set(hash, { answer, at: Date.now() })
}

/** The answer asked for ahead for this key, if one is waiting (and not too old); it is taken, not shared. */
function takePrefetched(hash: string): Promise<unknown> | undefined {
  const waiting = prefetched.get(hash)
  if (!waiting) return undefined
  prefetched.delete(hash)
  return Date.now() - waiting.at <= PREFETCH_MAX_AGE_MS ? waiting.answer : undefined
}

export function useQuery<T>(key: QueryKey, load: () => Promise<T>, options: QueryOptions = {}): Query<T> {
  const { enabled = true, refreshOnShow = false, pullDownRefresh = false, notFound = false } = options
  const hash = hashKey(key)
  const [state, setState] = useState<Inner<T>>(() =>
    enabled
      ? { status: 'loading', data: undefined, error: null, fetching: false, key: null }
      : { status: 'idle', data: undefined, error: null, fetching: false, key: null },
  )
  const latest = useRef({ load, hash, enabled, notFound })
  latest.current = { load, hash, enabled, notFound }
  const seq = useRef(0)
  const settled = useRef(false)

  const run = useCallback(async () => {
    const { load: fetch, hash: runKey, enabled: on } = latest.current
    const mine = ++seq.current
    if (!on) {
      setState({ status: 'idle', data: undefined, error: null, fetching: false, key: null })
      return
    }
    // The data on screen for this key stays 'ok' while it is refreshed.
    setState((s) =>
      s.status === 'ok' && s.key === runKey
        ? { ...s, fetching: true }
        : { status: 'loading', data: s.data, error: null, fetching: true, key: s.key },
    )
    try {
      const data = await ((takePrefetched(runKey) as Promise<T> | undefined) ?? fetch())
      if (mine !== seq.current) return
      setState({ status: 'ok', data, error: null, fetching: false, key: runKey })
    } catch (err) {
      if (mine !== seq.current) return
      const error = toApiError(err)
      const missing = latest.current.notFound && (error.status === 404 || error.status === 400)
      setState((s) => ({
        status: missing ? 'notFound' : 'error',
        data: s.key === runKey ? s.data : undefined,
        error,
        fetching: false,
        key: s.key === runKey ? runKey : null,
      }))
    } finally {
      if (mine === seq.current) settled.current = true
    }
  }, [])

  useEffect(() => {
    void run()
  }, [hash, enabled, run])

  // The first show is the first load (above); later ones refresh, once something has landed.
  useDidShow(() => {
    if (refreshOnShow && settled.current) void run()
  })
  usePullDownRefresh(async () => {
    if (!pullDownRefresh) return
    await run()
    Taro.stopPullDownRefresh()
  })

  const current = useRef(state)
  current.current = state
  const setData = useCallback((update: (data: T) => T) => {
    if (current.current.data === undefined) return
    seq.current++
    setState((s) =>
      s.data === undefined ? s : { status: 'ok', data: update(s.data), error: null, fetching: false, key: latest.current.hash },
    )
  }, [])

  const { key: _key, ...shown } = state
  return { ...shown, reload: run, setData } as Query<T>
}
