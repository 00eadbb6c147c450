/**
 * ActivityCard: an activity's title as residents read it — the brand project
 * before the title (东山小学堂·节气美育), never twice when the title already
 * begins with it (守好养老钱·防诈骗讲座, as the demo data names it).
 */
import { render, screen } from '@testing-library/react'
import { ActivityCard, activityTitle } from '@/components/ActivityCard'
import { ANTI_FRAUD, JIEQI } from '../weapp/activity-fixtures'

describe('ActivityCard title', () => {
  test('the project goes before a title that does not name it', () => {
    render(<ActivityCard activity={{ ...JIEQI, project: '东山小学堂', title: '节气美育' }} />)
    expect(screen.getByText('东山小学堂·节气美育')).toBeInTheDocument()
  })

  test.each([
    ['守好养老钱', '守好养老钱·防诈骗讲座'],
    ['心灵有约', '心灵有约·青少年成长小组'],
  ])('a title that already begins with its project (%s) is shown once: %s', (project, title) => {
    render(<ActivityCard activity={{ ...ANTI_FRAUD, project, title }} />)
    expect(screen.getByText(title)).toBeInTheDocument()
    expect(screen.queryByText(`${project}·${title}`)).not.toBeInTheDocument()
  })

  test('no project: the title alone', () => {
    expect(activityTitle({ title: '识破养老骗局 守好养老钱', project: null })).toBe('识破养老骗局 守好养老钱')
  })
})
