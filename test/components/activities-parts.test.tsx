/**
 * 活动 draws a long list in parts (useDrawnInParts): the first cards with the page, the rest a few per task
 * after it, so that no single render draws them all; 我的报名, below the list, comes once the list is whole,
 * so the arriving cards never push it down.
 */
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import Activities from '@/pages/activities/index'
import { useDrawnInParts } from '@/hooks/useDrawnInParts'
import { fakeApi } from '../shims/fakeApi'
import { JIEQI } from '../weapp/activity-fixtures'

test('useDrawnInParts: the first part at once, then one step per task, never more than there are', () => {
  jest.useFakeTimers()
  try {
    const { result, rerender } = renderHook(({ total }) => useDrawnInParts(total, 3, 4), { initialProps: { total: 11 } })
    expect(result.current).toBe(3)
    act(() => jest.advanceTimersByTime(0))
    expect(result.current).toBe(7)
    act(() => jest.advanceTimersByTime(0))
    expect(result.current).toBe(11)
    act(() => jest.runAllTimers())
    expect(result.current).toBe(11)
    // A shorter list (another filter) is drawn whole at once.
    rerender({ total: 2 })
    expect(result.current).toBe(2)
  } finally {
    jest.useRealTimers()
  }
})

test('活动 with 11 activities: 3 cards first, then all 11; 我的报名 only once all are drawn', async () => {
  const items = Array.from({ length: 11 }, (_, i) => ({ ...JIEQI, id: `activity-${i}`, title: `第${i + 1}个活动` }))
  fakeApi({ 'GET /api/activities': { items } })
  const seen: { cards: number; mine: boolean }[] = []
  const { container } = render(<Activities />)
  const look = () => {
    const state = { cards: container.querySelectorAll('.activity-card').length, mine: !!container.querySelector('.btn-my-enrollments') }
    seen.push(state)
    return state
  }
  await waitFor(() => expect(look().cards).toBe(11))
  await waitFor(() => expect(look().mine).toBe(true))
  expect(screen.getByText('第11个活动', { exact: false })).toBeInTheDocument()
  // Never all at once from nothing, and never 我的报名 under a list still growing.
  expect(seen.filter((s) => s.cards > 0)[0]!.cards).toBeLessThan(11)
  expect(seen.filter((s) => s.mine).every((s) => s.cards === 11)).toBe(true)
})
