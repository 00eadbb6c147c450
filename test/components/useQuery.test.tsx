/**
 * useQuery (src/hooks/useQuery.ts), the one way pages load their data:
 * loading → ok / error / notFound, retry, the latest answer only (an older
 * one still in flight is dropped), enabled, refresh on show and pull-down,
 * and local updates after an action; a load started ahead (prefetchQuery) is
 * taken by the first load of its key, once.
 */
import { act, renderHook, waitFor } from '@testing-library/react'
import { ApiError } from '@/api/client'
import { PREFETCH_MAX_AGE_MS, prefetchQuery, useQuery, type QueryOptions } from '@/hooks/useQuery'
import Taro from '../shims/taro'

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** A loader whose calls the test answers one by one, in any order. */
function loader<T>() {
  const calls: { key: string; d: ReturnType<typeof deferred<T>> }[] = []
  const load = (key: string) => () => {
    const d = deferred<T>()
    calls.push({ key, d })
    return d.promise
  }
  return { calls, load }
}

const render = <T,>(load: (key: string) => () => Promise<T>, initial: { k: string; options?: QueryOptions }) =>
  renderHook(({ k, options }: { k: string; options?: QueryOptions }) => useQuery(['thing', k], load(k), options), { initialProps: initial })

test('loading, then the answer', async () => {
  const l = loader<string>()
  const { result } = render(l.load, { k: 'a' })
  expect(result.current).toMatchObject({ status: 'loading', data: undefined, error: null })
  expect(l.calls).toHaveLength(1)
  await act(async () => l.calls[0]!.d.resolve('A'))
  expect(result.current).toMatchObject({ status: 'ok', data: 'A', error: null, fetching: false })
})

test('a failure is an ApiError with the server’s words; reload tries again', async () => {
  const l = loader<string>()
  const { result } = render(l.load, { k: 'a' })
  await act(async () => l.calls[0]!.d.reject(new ApiError('UNAVAILABLE', '服务暂时不可用，请稍后重试', 503)))
  expect(result.current.status).toBe('error')
  expect(result.current.error).toMatchObject({ code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后重试' })

  let reloaded!: Promise<void>
  act(() => {
    reloaded = result.current.reload()
  })
  expect(result.current.status).toBe('loading')
  await act(async () => l.calls[1]!.d.resolve('A'))
  await reloaded
  expect(result.current).toMatchObject({ status: 'ok', data: 'A', error: null })
})

test('anything thrown becomes an ApiError too', async () => {
  const { result } = renderHook(() => useQuery(['x'], () => Promise.reject(new TypeError('boom'))))
  await waitFor(() => expect(result.current.status).toBe('error'))
  expect(result.current.error).toMatchObject({ code: 'UNKNOWN', message: '出了点问题，请稍后重试' })
})

test('only the latest answer lands: an older one arriving late is dropped', async () => {
  const l = loader<string>()
  const { result, rerender } = render(l.load, { k: 'old' })
  rerender({ k: 'new' })
  expect(l.calls.map((c) => c.key)).toEqual(['old', 'new'])
  await act(async () => l.calls[1]!.d.resolve('NEW'))
  expect(result.current.data).toBe('NEW')
  await act(async () => l.calls[0]!.d.resolve('OLD'))
  expect(result.current).toMatchObject({ status: 'ok', data: 'NEW' })
})

test('an older failure arriving late is dropped as well', async () => {
  const l = loader<string>()
  const { result, rerender } = render(l.load, { k: 'old' })
  rerender({ k: 'new' })
  await act(async () => l.calls[1]!.d.resolve('NEW'))
  await act(async () => l.calls[0]!.d.reject(new ApiError('NETWORK', '网络连接失败，请检查网络后重试', null)))
  expect(result.current).toMatchObject({ status: 'ok', data: 'NEW', error: null })
})

test('a new key: the previous answer stays while loading; a failure for the new key drops it', async () => {
  const l = loader<string>()
  const { result, rerender } = render(l.load, { k: 'a' })
  await act(async () => l.calls[0]!.d.resolve('A'))
  rerender({ k: 'b' })
  expect(result.current).toMatchObject({ status: 'loading', data: 'A', fetching: true })
  await act(async () => l.calls[1]!.d.reject(new ApiError('INTERNAL', '服务暂时不可用，请稍后重试', 500)))
  expect(result.current).toMatchObject({ status: 'error', data: undefined })
})

test('a failed refresh of the same key keeps what is on screen', async () => {
  const l = loader<string>()
  const { result } = render(l.load, { k: 'a' })
  await act(async () => l.calls[0]!.d.resolve('A'))
  act(() => void result.current.reload())
  expect(result.current).toMatchObject({ status: 'ok', data: 'A', fetching: true })
  await act(async () => l.calls[1]!.d.reject(new ApiError('NETWORK', '网络连接失败，请检查网络后重试', null)))
  expect(result.current).toMatchObject({ status: 'error', data: 'A' })
})

test('enabled: false loads nothing (idle) until it turns true; turning false again drops the data', async () => {
  const l = loader<string>()
  const { result, rerender } = render(l.load, { k: 'a', options: { enabled: false } })
  expect(result.current).toMatchObject({ status: 'idle', data: undefined })
  expect(l.calls).toHaveLength(0)
  rerender({ k: 'a', options: { enabled: true } })
  await act(async () => l.calls[0]!.d.resolve('A'))
  expect(result.current.data).toBe('A')
  rerender({ k: 'a', options: { enabled: false } })
  await waitFor(() => expect(result.current).toMatchObject({ status: 'idle', data: undefined }))
})

test('notFound: a 404 is its own status', async () => {
  const l = loader<string>()
  const { result } = render(l.load, { k: 'a', options: { notFound: true } })
  await act(async () => l.calls[0]!.d.reject(new ApiError('NOT_FOUND', '没有找到这个社工站', 404)))
  expect(result.current.status).toBe('notFound')
  expect(result.current.error?.message).toBe('没有找到这个社工站')
})

test('without notFound a 404 is an error like any other', async () => {
  const l = loader<string>()
  const { result } = render(l.load, { k: 'a' })
  await act(async () => l.calls[0]!.d.reject(new ApiError('NOT_FOUND', '没有找到', 404)))
  expect(result.current.status).toBe('error')
})

test('refreshOnShow: the page shown again loads again (not before the first answer)', async () => {
  const l = loader<string>()
  const { result } = render(l.load, { k: 'a', options: { refreshOnShow: true } })
  expect(l.calls).toHaveLength(1) // the first show is the first load
  await act(async () => void Taro.__show())
  expect(l.calls).toHaveLength(1)
  await act(async () => l.calls[0]!.d.resolve('A'))
  await act(async () => void Taro.__show())
  expect(l.calls).toHaveLength(2)
  await act(async () => l.calls[1]!.d.resolve('A2'))
  expect(result.current.data).toBe('A2')
})

test('without refreshOnShow, showing the page again loads nothing', async () => {
  const l = loader<string>()
  render(l.load, { k: 'a' })
  await act(async () => l.calls[0]!.d.resolve('A'))
  await act(async () => void Taro.__show())
  expect(l.calls).toHaveLength(1)
})

test('pullDownRefresh: loads again, then stops the indicator', async () => {
  const l = loader<string>()
  const { result } = render(l.load, { k: 'a', options: { pullDownRefresh: true } })
  await act(async () => l.calls[0]!.d.resolve('A'))
  let pulled!: Promise<void>
  act(() => {
    pulled = Taro.__pullDownRefresh()
  })
  expect(l.calls).toHaveLength(2)
  expect(Taro.stopPullDownRefresh).not.toHaveBeenCalled()
  await act(async () => l.calls[1]!.d.resolve('A2'))
  await act(() => pulled)
  expect(result.current.data).toBe('A2')
  expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
})

test('setData after an action: shown at once; a refresh that started earlier does not overwrite it', async () => {
  const l = loader<string[]>()
  const { result } = render(l.load, { k: 'a' })
  await act(async () => l.calls[0]!.d.resolve(['x']))
  act(() => void result.current.reload())
  act(() => result.current.setData((items) => [...items, 'y']))
  expect(result.current).toMatchObject({ status: 'ok', data: ['x', 'y'], fetching: false })
  await act(async () => l.calls[1]!.d.resolve(['x']))
  expect(result.current.data).toEqual(['x', 'y'])
})

describe('prefetchQuery: a load started before the page', () => {
  test('the first load of the same key takes the answer still in flight; its own load is not called', async () => {
    const ahead = deferred<string>()
    const started = jest.fn(() => ahead.promise)
    prefetchQuery(['thing', 'p1'], started)
    expect(started).toHaveBeenCalledTimes(1)
    const l = loader<string>()
    const { result } = render(l.load, { k: 'p1' })
    expect(result.current.status).toBe('loading')
    await act(async () => ahead.resolve('AHEAD'))
    expect(result.current).toMatchObject({ status: 'ok', data: 'AHEAD', fetching: false })
    expect(l.calls).toHaveLength(0)
    expect(started).toHaveBeenCalledTimes(1)
  })

  test('an answer already there lands the same way; a reload then asks again (taken once)', async () => {
    prefetchQuery(['thing', 'p2'], () => Promise.resolve('AHEAD'))
    const l = loader<string>()
    const { result } = render(l.load, { k: 'p2' })
    await waitFor(() => expect(result.current.data).toBe('AHEAD'))
    expect(l.calls).toHaveLength(0)
    act(() => void result.current.reload())
    expect(l.calls).toHaveLength(1)
    await act(async () => l.calls[0]!.d.resolve('AGAIN'))
    expect(result.current.data).toBe('AGAIN')
  })

  test('a failure started ahead is the page’s failure, and 重试 asks again', async () => {
    prefetchQuery(['thing', 'p3'], () => Promise.reject(new ApiError('UNAVAILABLE', '服务暂时不可用，请稍后重试', 503)))
    const l = loader<string>()
    const { result } = render(l.load, { k: 'p3' })
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current.error?.message).toBe('服务暂时不可用，请稍后重试')
    expect(l.calls).toHaveLength(0)
    act(() => void result.current.reload())
    await act(async () => l.calls[0]!.d.resolve('A'))
    expect(result.current).toMatchObject({ status: 'ok', data: 'A' })
  })

  test('the same key asked for ahead twice is loaded once', async () => {
    const started = jest.fn(() => Promise.resolve('AHEAD'))
    prefetchQuery(['thing', 'p4'], started)
    prefetchQuery(['thing', 'p4'], started)
    expect(started).toHaveBeenCalledTimes(1)
    const { result } = render(loader<string>().load, { k: 'p4' })
    await waitFor(() => expect(result.current.data).toBe('AHEAD'))
  })

  test('another key is not served from it; a page not enabled does not take it', async () => {
    prefetchQuery(['thing', 'p5'], () => Promise.resolve('AHEAD'))
    const l = loader<string>()
    const other = render(l.load, { k: 'other' })
    expect(l.calls.map((c) => c.key)).toEqual(['other'])
    await act(async () => l.calls[0]!.d.resolve('OTHER'))
    expect(other.result.current.data).toBe('OTHER')

    const waiting = render(l.load, { k: 'p5', options: { enabled: false } })
    expect(waiting.result.current.status).toBe('idle')
    waiting.rerender({ k: 'p5', options: { enabled: true } })
    await waitFor(() => expect(waiting.result.current.data).toBe('AHEAD'))
    expect(l.calls).toHaveLength(1)
  })

  test('an answer not taken within PREFETCH_MAX_AGE_MS is dropped: the page asks itself', async () => {
    const now = jest.spyOn(Date, 'now')
    now.mockReturnValue(1_000_000)
    prefetchQuery(['thing', 'p6'], () => Promise.resolve('STALE'))
    now.mockReturnValue(1_000_000 + PREFETCH_MAX_AGE_MS + 1)
    const l = loader<string>()
    const { result } = render(l.load, { k: 'p6' })
    expect(l.calls).toHaveLength(1)
    await act(async () => l.calls[0]!.d.resolve('FRESH'))
    expect(result.current.data).toBe('FRESH')
  })
})
