/** 常用回复 (domain/cannedReplies.ts): filling the placeholders, spotting unknown ones, and the shipped defaults. */
import { SERVICE_CATEGORIES } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import { DEFAULT_REPLIES, defaultsAfter, DEFAULTS_VERSION, fillReply, unknownPlaceholders } from '@domain/cannedReplies'

const values = { resident: '李女士', stationPhone: '0411-87654321', worker: '王社工' }

test('every placeholder is filled, as often as it appears; other braces stay as typed', () => {
  expect(fillReply('{居民称呼}您好，我是{社工}。请拨打{站点电话}，或找{社工}。', values)).toBe(
    '李女士您好，我是王社工。请拨打0411-87654321，或找王社工。',
  )
  expect(fillReply('没有占位符', values)).toBe('没有占位符')
  expect(fillReply('{居民}您好', values)).toBe('{居民}您好')
})

test('unknown placeholders are named once each', () => {
  expect(unknownPlaceholders('{居民称呼}{社工}{站点电话}')).toEqual([])
  expect(unknownPlaceholders('{居民}您好，{居民}，{电话}')).toEqual(['{居民}', '{电话}'])
})

test('the defaults: general ones and per category, within the limits, with known placeholders only', () => {
  expect(DEFAULT_REPLIES.filter((d) => d.category === null).length).toBeGreaterThanOrEqual(2)
  expect(new Set(DEFAULT_REPLIES.map((d) => d.category).filter(Boolean)).size).toBeGreaterThanOrEqual(4)
  for (const d of DEFAULT_REPLIES) {
    expect(d.category === null || SERVICE_CATEGORIES.includes(d.category)).toBe(true)
    expect(d.title.length).toBeLessThanOrEqual(LIMITS.replyTitle)
    expect(d.body.length).toBeLessThanOrEqual(LIMITS.replyBody)
    expect(unknownPlaceholders(d.body)).toEqual([])
  }
})

test('every category has a default of its own; a station seeded at an earlier release is owed only the later ones', () => {
  for (const category of SERVICE_CATEGORIES)
    expect([category, DEFAULT_REPLIES.some((d) => d.category === category)]).toEqual([category, true])
  expect(defaultsAfter(0)).toEqual(DEFAULT_REPLIES)
  expect(defaultsAfter(DEFAULTS_VERSION)).toEqual([])
  expect(
    defaultsAfter(1)
      .map((d) => d.category)
      .sort(),
  ).toEqual(['community_governance', 'employee', 'marriage_family', 'youth'])
  for (const d of DEFAULT_REPLIES) expect(d.since ?? 1).toBeLessThanOrEqual(DEFAULTS_VERSION)
})
