/**
 * The CPU slowdown the Lighthouse benchmark scores with beside Lighthouse's default 4×: Lighthouse's own
 * calculator, anchored at 150 → 1×, 800 → 2×, 1,300 → 3×, 1,533 → 4×, 2,000 → 6×.
 */
import { calibratedCpuSlowdown } from '../../bench/lighthouse'

describe('calibratedCpuSlowdown', () => {
  it.each([
    [150, 1],
    [800, 2],
    [1050, 2.5],
    [1300, 3],
    [1533, 4],
    [2000, 6],
  ])('BenchmarkIndex %d → %d×', (index, multiplier) => {
    expect(calibratedCpuSlowdown(index)).toBeCloseTo(multiplier, 1)
  })

  it('never goes below 1× on a very slow machine', () => {
    expect(calibratedCpuSlowdown(60)).toBe(1)
  })

  it("keeps Lighthouse's default when the index is missing", () => {
    expect(calibratedCpuSlowdown(NaN)).toBe(4)
    expect(calibratedCpuSlowdown(0)).toBe(4)
  })
})
