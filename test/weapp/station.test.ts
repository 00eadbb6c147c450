/**
 * Station detail (pages/station/index?id=…) on the weapp build: name, the
 * breadcrumb of parent stations from 市级 down, the brand project, children.
 */
import type { StationDetail } from '../../contract/types'
import { mountPage, reply, type MountedPage } from './harness'
import { DALIAN, DONGSHAN, JINPU, MINXIN, XIANJIN, XIANJIN_DETAIL } from './fixtures'
import { FESTIVAL, JIEQI } from './activity-fixtures'
import { FEW_RATINGS, STATION_RATINGS } from './rating-fixtures'

const ROUTE = 'pages/station/index'
/** 本站活动: the station's upcoming activities (activity-fixtures.ts), none for other stations. */
const activities = (req: { query: Record<string, string> }) => ({ items: req.query.stationId === XIANJIN.id ? [JIEQI, FESTIVAL] : [] })
const routes = {
  'GET /api/stations/:id': (req: { params: Record<string, string> }) =>
    req.params.id === XIANJIN.id ? XIANJIN_DETAIL : reply(404, { code: 'NOT_FOUND', message: '没有找到这个社工站' }),
  'GET /api/activities': activities,
  'GET /api/stations/:id/ratings': FEW_RATINGS,
  'GET /api/stations/:id/bookable': { items: [] },
}

async function open(query: Record<string, string>, detail?: StationDetail, ratings: object = FEW_RATINGS) {
  const page = await mountPage(ROUTE, query, {
    routes: detail
      ? {
          'GET /api/stations/:id': detail,
          'GET /api/activities': activities,
          'GET /api/stations/:id/ratings': ratings,
          'GET /api/stations/:id/bookable': { items: [] },
        }
      : { ...routes, 'GET /api/stations/:id/ratings': ratings },
  })
  // Past the loading state: the station, or an empty/error message.
  await page.waitFor(
    () => page.find('station-head__name') ?? page.find('empty-state') ?? page.find('error-state'),
    'the station or a message',
  )
  return page
}

const texts = (page: MountedPage, cls: string) => page.querySelectorAll(cls).map((n) => page.text(n))

describe('先进街道社工站', () => {
  let page: MountedPage
  beforeEach(async () => {
    page = await open({ id: XIANJIN.id })
  })

  test('fetches the station by id and shows its name', () => {
    // The station, then its bookable services (预约服务), its activities (本站活动) and 居民评价.
    expect(page.requests.map((r) => r.path)).toEqual([
      `/api/stations/${XIANJIN.id}`,
      `/api/stations/${XIANJIN.id}/bookable`,
      '/api/activities',
      `/api/stations/${XIANJIN.id}/ratings`,
    ])
    expect(page.requests[2]!.query).toEqual({ stationId: XIANJIN.id })
    expect(page.find('page-station')).toBeDefined()
    expect(page.text(page.get('station-head__name'))).toBe(XIANJIN.name)
    expect(page.callsOf('setNavigationBarTitle')).toEqual([expect.objectContaining({ title: XIANJIN.name })])
    expect(page.consoleErrors).toEqual([])
  })

  test('the breadcrumb runs from 市级 down to the direct parent', () => {
    const crumbs = texts(page, 'breadcrumb__item')
    expect(crumbs).toHaveLength(2)
    expect(crumbs[0]).toContain(DALIAN.name)
    expect(crumbs[1]).toContain(JINPU.name)
  })

  test('tapping a breadcrumb item opens that station', async () => {
    await page.tap(page.querySelectorAll('breadcrumb__item')[0]!)
    expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/pages/station/index?id=${DALIAN.id}`])
  })

  test('shows the brand project 东山小学堂 with its classes', () => {
    expect(texts(page, 'brand-project__name')).toEqual(['东山小学堂'])
    expect(page.text(page.get('brand-project'))).toContain('节气美育')
  })

  test('lists the child stations', () => {
    const children = page.get('station-children')
    expect(page.text(children)).toContain('下设站点（2）')
    expect(texts(page, 'station-card__name')).toEqual([MINXIN.name, DONGSHAN.name])
  })

  test('打电话 and 导航 use this station’s phone and coordinates', async () => {
    // The contact section's buttons come first; the children's cards have their own.
    await page.tap(page.querySelectorAll('btn-call')[0]!)
    await page.tap(page.querySelectorAll('btn-navigate')[0]!)
    expect(page.callsOf('makePhoneCall').map((o) => o.phoneNumber)).toEqual([XIANJIN.phone])
    expect(page.callsOf('openLocation')).toEqual([
      expect.objectContaining({ latitude: XIANJIN.location.lat, longitude: XIANJIN.location.lng, name: XIANJIN.name }),
    ])
  })

  test('shows the opening hours and the address', () => {
    expect(page.text(page.get('station-hours'))).toBe('周一至周五 08:30-11:30、13:30-17:30；周六 09:00-11:30')
    // Each range is one unbreakable run (in 长辈模式 the row broke as 「08:30-」 / 「11:30」).
    const hours = page.querySelectorAll('nowrap').filter((n) => /^\d\d:\d\d-\d\d:\d\d$/.test(page.text(n)))
    expect(hours.map((n) => page.text(n))).toEqual(['08:30-11:30', '13:30-17:30', '09:00-11:30'])
    expect(page.text()).toContain(XIANJIN.address)
  })
})

test('本站活动 lists the station’s upcoming activities, each opening its detail', async () => {
  const page = await open({ id: XIANJIN.id })
  await page.waitFor(() => page.querySelectorAll('activity-card').length === 2, 'two activity cards')
  const section = page.get('station-activities')
  expect(page.text(section)).toContain('本站活动（2）')
  expect(texts(page, 'activity-card__title')).toEqual(['东山小学堂·节气美育', `东山小学堂·${FESTIVAL.title}`])
  expect(page.text(page.querySelectorAll('activity-card')[0])).toContain('余 5 个名额')
  await page.tap(page.querySelectorAll('activity-card')[0]!)
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/packages/activity/detail/index?id=${JIEQI.id}`])
})

test('本站活动 says when the station has none', async () => {
  const page = await open(
    { id: DALIAN.id },
    { ...XIANJIN_DETAIL, ...DALIAN, parentId: null, ancestors: [], children: [], brandProjects: [] },
  )
  await page.waitFor(() => page.text(page.get('station-activities')).includes('本站近期没有活动'))
})

test('向本站求助 starts a help request to this station', async () => {
  const page = await open({ id: XIANJIN.id })
  await page.tap('btn-help')
  expect(page.callsOf('navigateTo').map((o) => o.url)).toEqual([`/packages/request/new/index?stationId=${XIANJIN.id}`])
})

test('a station without parents or children shows no breadcrumb and no children list', async () => {
  const page = await open(
    { id: DALIAN.id },
    { ...XIANJIN_DETAIL, ...DALIAN, parentId: null, ancestors: [], children: [], brandProjects: [] },
  )
  expect(page.text(page.get('station-head__name'))).toBe(DALIAN.name)
  expect(page.querySelectorAll('breadcrumb__item')).toEqual([])
  expect(page.find('station-children')).toBeUndefined()
  expect(page.find('brand-project__name')).toBeUndefined()
})

test('an unknown id shows the API’s message, not a blank page', async () => {
  const page = await open({ id: '0b7c1a52-0000-4000-8000-00000000ffff' })
  expect(page.text()).toContain('没有找到这个社工站')
  expect(page.find('station-head__name')).toBeUndefined()
})

test('no id at all says so without calling the API', async () => {
  const page = await open({})
  expect(page.text()).toContain('缺少站点编号')
  expect(page.requests).toEqual([])
})

describe('居民评价', () => {
  test('fewer than 5 ratings: no figures, says when they will show and how many there are', async () => {
    const page = await open({ id: XIANJIN.id })
    await page.waitFor(() => page.find('ratings-few'), 'the ratings section')
    expect(page.text(page.get('station-ratings'))).toContain('居民评价（3）')
    expect(page.text(page.get('ratings-few'))).toBe('评价满 5 条后显示统计（目前 3 条）')
    expect(page.find('ratings-average')).toBeUndefined()
    expect(page.find('rating-comment-card')).toBeUndefined()
  })

  test('enough ratings: the average to one decimal, the count, five bars, the 已解决 share, and public comments with the reply', async () => {
    const page = await open({ id: XIANJIN.id }, undefined, STATION_RATINGS)
    await page.waitFor(() => page.find('ratings-average'), 'the summary')
    expect(page.text(page.get('ratings-average__value'))).toBe('4.3')
    expect(page.text(page.get('ratings-average__count'))).toBe('共 12 条评价')
    expect(page.querySelectorAll('ratings-bar').map((n) => page.text(n).replace(/\s+/g, ''))).toEqual([
      '5星7',
      '4星3',
      '3星1',
      '2星0',
      '1星1',
    ])
    expect(page.text(page.get('ratings-resolved'))).toContain('83%')
    const comments = page.querySelectorAll('rating-comment-card')
    expect(comments).toHaveLength(2)
    expect(page.text(comments[0]!)).toContain('当天就有社工上门')
    expect(page.text(comments[0]!)).toContain('求助服务 · 养老服务')
    expect(page.text(comments[0]!)).toContain(`${XIANJIN.name}回复：感谢您的认可`)
    expect(page.text(comments[1]!)).toContain('活动 · 东山小学堂·节气美育')
    expect(page.find('ratings-few')).toBeUndefined()
    expect(page.consoleErrors).toEqual([])
  })

  test('the ratings failing to load leaves the station on screen, with 重试', async () => {
    const page = await open({ id: XIANJIN.id }, undefined, reply(500, { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' }))
    await page.waitFor(() => page.find('btn-retry-ratings'), 'the retry button')
    expect(page.text(page.get('station-head__name'))).toBe(XIANJIN.name)
    expect(page.text(page.get('station-ratings'))).toContain('居民评价暂时没有加载出来')
  })
})
