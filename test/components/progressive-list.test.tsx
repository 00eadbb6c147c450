/**
 * useProgressiveList: in h5 a long list is drawn a few items per task (the
 * first screen first), so no single task keeps the browser busy; in the end
 * every item is there, and a new list starts again from its first screen.
 */
import { act, render, screen } from '@testing-library/react'
import { useProgressiveList } from '@/hooks/useProgressiveList'

const drawnAtOnce: number[] = []
function List({ items }: { items: string[] }) {
  const shown = useProgressiveList(items)
  drawnAtOnce.push(shown.length)
  return <ul>{shown.map((s) => <li key={s}>{s}</li>)}</ul>
}

const ITEMS = Array.from({ length: 10 }, (_, i) => `站点${i + 1}`)

/** Each batch's timer is set once the previous batch is drawn: run them one task at a time. */
const drawTheRest = () => {
  for (let task = 0; task < 10; task++) act(() => jest.runOnlyPendingTimers())
}

beforeEach(() => jest.useFakeTimers())
afterEach(() => jest.useRealTimers())

test('three at first, three more per task, then all ten', () => {
  const { rerender } = render(<List items={ITEMS} />)
  expect(screen.getAllByRole('listitem')).toHaveLength(3)
  act(() => jest.advanceTimersToNextTimer())
  expect(screen.getAllByRole('listitem')).toHaveLength(6)
  drawTheRest()
  expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(ITEMS)
  // A new list (another filter): its first screen first again, never the whole list in one go.
  drawnAtOnce.length = 0
  rerender(<List items={ITEMS.slice(0, 5).reverse()} />)
  expect(screen.getAllByRole('listitem')).toHaveLength(3)
  expect(Math.max(...drawnAtOnce)).toBe(3)
  drawTheRest()
  expect(screen.getAllByRole('listitem')).toHaveLength(5)
})

test('in the mini-program the whole list is drawn at once', () => {
  process.env.TARO_ENV = 'weapp'
  try {
    render(<List items={ITEMS} />)
    expect(screen.getAllByRole('listitem')).toHaveLength(10)
  } finally {
    process.env.TARO_ENV = 'h5'
  }
})
