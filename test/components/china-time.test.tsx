/**
 * Times shown to residents are China time whatever the phone's or browser's
 * time zone: the request timeline and the comments on a station's page, in a
 * browser on UTC (as a server-side or foreign browser would be).
 */
import { render, screen } from '@testing-library/react'
import { Timeline } from '@/components/Timeline'
import type { RequestEvent } from '@contract/types'

const ORIGINAL_TZ = process.env.TZ
beforeAll(() => {
  process.env.TZ = 'UTC'
})
afterAll(() => {
  process.env.TZ = ORIGINAL_TZ
})

test('the timeline says 12月2日 01:30 for 2026-12-01 17:30 UTC', () => {
  const events: RequestEvent[] = [
    {
      id: 1,
      type: 'submitted',
      body: '',
      actorName: null,
      stationName: null,
      toStationName: null,
      internal: false,
      createdAt: '2026-12-01T17:30:00.000Z',
    },
  ]
  render(<Timeline events={events} viewer='resident' />)
  expect(screen.getByText('12月2日 01:30')).toBeInTheDocument()
})
