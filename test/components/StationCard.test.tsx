/**
 * StationCard: a station as a resident sees it in a list or as 首页's big
 * card, with one tap to call and one to navigate.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import { StationCard } from '@/components/StationCard'
import Taro from '../shims/taro'
import { MINXIN, MONDAY_10AM, MONDAY_NOON, XIANJIN } from './fixtures'

describe('StationCard', () => {
  test('shows the name, the kind, the distance and the address', () => {
    render(<StationCard station={MINXIN} now={MONDAY_10AM} />)
    expect(screen.getByText('民馨社区社会工作室')).toBeInTheDocument()
    expect(screen.getByText('村（社区）社会工作室')).toBeInTheDocument()
    expect(screen.getByText('300米')).toBeInTheDocument() // 298 m, as people say it
    expect(screen.getByText('大连市金普新区先进街道民馨社区居委会1楼')).toBeInTheDocument()
  })

  test('a street station farther away: 乡镇（街道）社工站, 1.3公里', () => {
    render(<StationCard station={XIANJIN} now={MONDAY_10AM} />)
    expect(screen.getByText('乡镇（街道）社工站')).toBeInTheDocument()
    expect(screen.getByText('1.3公里')).toBeInTheDocument()
  })

  test('no distance is shown when none is known', () => {
    const { distanceMeters: _omit, ...withoutDistance } = MINXIN
    render(<StationCard station={withoutDistance} now={MONDAY_10AM} />)
    expect(screen.queryByText(/米|公里/)).not.toBeInTheDocument()
  })

  test('开放中 during opening hours, 已休息 at lunch time', () => {
    const { rerender } = render(<StationCard station={MINXIN} now={MONDAY_10AM} />)
    expect(screen.getByText('● 开放中')).toBeInTheDocument()
    rerender(<StationCard station={MINXIN} now={MONDAY_NOON} />)
    expect(screen.getByText('○ 已休息')).toBeInTheDocument()
    expect(screen.queryByText('● 开放中')).not.toBeInTheDocument()
  })

  test('the hero card shows the first brand project; a list row does not', () => {
    const { rerender } = render(<StationCard station={XIANJIN} variant='hero' now={MONDAY_10AM} />)
    expect(screen.getByText('东山小学堂')).toBeInTheDocument()
    expect(screen.getByText('节气美育 · 小小主播')).toBeInTheDocument()
    rerender(<StationCard station={XIANJIN} now={MONDAY_10AM} />)
    expect(screen.queryByText('东山小学堂')).not.toBeInTheDocument()
  })

  test('tapping 打电话 dials the station', () => {
    render(<StationCard station={MINXIN} now={MONDAY_10AM} />)
    fireEvent.click(screen.getByRole('button', { name: '打电话给民馨社区社会工作室，0411-87589365' }))
    expect(Taro.makePhoneCall).toHaveBeenCalledTimes(1)
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0411-87589365' })
    expect(Taro.navigateTo).not.toHaveBeenCalled() // the tap does not also open the station page
  })

  test('tapping the card opens the station page', () => {
    render(<StationCard station={MINXIN} now={MONDAY_10AM} />)
    fireEvent.click(screen.getByRole('link', { name: /^民馨社区社会工作室/ }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/station/index?id=${MINXIN.id}` })
  })

  test('地图 appears only when the list can show the station on the map', () => {
    const onLocate = jest.fn()
    const { rerender } = render(<StationCard station={MINXIN} now={MONDAY_10AM} />)
    expect(screen.queryByRole('button', { name: '地图上显示民馨社区社会工作室' })).not.toBeInTheDocument()
    rerender(<StationCard station={MINXIN} now={MONDAY_10AM} onLocate={onLocate} />)
    fireEvent.click(screen.getByRole('button', { name: '地图上显示民馨社区社会工作室' }))
    expect(onLocate).toHaveBeenCalledTimes(1)
    expect(Taro.navigateTo).not.toHaveBeenCalled() // the button does not also open the station
  })

  test('导航 in the browser opens the AMap marker page for the station (GCJ-02)', () => {
    const open = jest.spyOn(window, 'open').mockImplementation(() => null)
    render(<StationCard station={MINXIN} now={MONDAY_10AM} />)
    fireEvent.click(screen.getByRole('button', { name: '导航到民馨社区社会工作室' }))
    expect(open).toHaveBeenCalledTimes(1)
    const [url, target] = open.mock.calls[0]!
    const u = new URL(String(url))
    expect(u.origin + u.pathname).toBe('https://uri.amap.com/marker')
    expect(u.searchParams.get('position')).toBe('121.7716,39.0566') // lng,lat
    expect(u.searchParams.get('name')).toBe('民馨社区社会工作室')
    expect(u.searchParams.get('coordinate')).toBe('gaode')
    expect(target).toBe('_blank')
    expect(Taro.openLocation).not.toHaveBeenCalled()
  })

  test('导航 in the mini-program opens WeChat’s map at the station', () => {
    process.env.TARO_ENV = 'weapp' // restored to 'h5' after each test (test/shims/setup.components.ts)
    const open = jest.spyOn(window, 'open').mockImplementation(() => null)
    let WeappCard!: typeof StationCard
    jest.isolateModules(() => {
      WeappCard = (require('@/components/StationCard') as typeof import('@/components/StationCard')).StationCard
    })
    render(<WeappCard station={MINXIN} now={MONDAY_10AM} />)
    fireEvent.click(screen.getByRole('button', { name: '导航到民馨社区社会工作室' }))
    expect(Taro.openLocation).toHaveBeenCalledTimes(1)
    expect(Taro.openLocation).toHaveBeenCalledWith(
      expect.objectContaining({ latitude: 39.0566, longitude: 121.7716, name: '民馨社区社会工作室', address: MINXIN.address }),
    )
    expect(open).not.toHaveBeenCalled()
  })
})
