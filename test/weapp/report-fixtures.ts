/**
 * Fake answers of GET /api/staff/reports/trends (the supervisors' report's
 * pictures) for the period of REPORT (rating-fixtures.ts): 1 to 24 November
 * 2026, which touches five weeks (Mondays 26 October … 23 November).
 */
import type { ReportTrends } from '../../contract/types'

const week = (
  weekStart: string,
  received: number,
  resolved: number,
  accepted: number,
  acceptedOnTime: number,
  ratings: number,
  averageStars: number | null,
) => ({
  weekStart,
  received,
  resolved,
  accepted,
  acceptedOnTime,
  onTimeRate: accepted > 0 ? acceptedOnTime / accepted : null,
  ratings,
  averageStars,
})

export const TRENDS: ReportTrends = {
  from: '2026-11-01',
  to: '2026-11-24',
  weeks: [
    week('2026-10-26', 1, 0, 1, 1, 0, null),
    week('2026-11-02', 6, 3, 5, 4, 2, 4.5),
    week('2026-11-09', 9, 7, 8, 6, 3, 3.7),
    week('2026-11-16', 4, 6, 4, 4, 0, null),
    week('2026-11-23', 0, 1, 0, 0, 1, 5),
  ],
  categories: [
    { category: 'elderly_care', count: 8 },
    { category: 'social_assistance', count: 6 },
    { category: 'child_protection', count: 4 },
    { category: 'psychological', count: 2 },
  ],
}

/** A new station: five empty weeks, no category. */
export const TRENDS_EMPTY: ReportTrends = {
  ...TRENDS,
  weeks: TRENDS.weeks.map((w) => week(w.weekStart, 0, 0, 0, 0, 0, null)),
  categories: [],
}

/** Requests came in and were resolved, but nothing was accepted in the period and nobody rated it. */
export const TRENDS_UNRATED: ReportTrends = {
  ...TRENDS,
  weeks: TRENDS.weeks.map((w) => week(w.weekStart, w.received, w.resolved, 0, 0, 0, null)),
}
