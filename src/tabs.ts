/**
 * The four tabs, in order: app.config.ts builds the tab bar's configuration from this list, and the
 * mini-program's own tab bar (src/custom-tab-bar) draws it, so the two never differ.
 */
export const TABS = [
  { pagePath: 'pages/index/index', text: '首页', icon: 'home' },
  { pagePath: 'pages/stations/index', text: '找社工站', icon: 'stations' },
  { pagePath: 'pages/activities/index', text: '活动', icon: 'activities' },
  { pagePath: 'pages/mine/index', text: '我的', icon: 'mine' },
] as const

export type Tab = (typeof TABS)[number]

export const tabIconPath = (t: Tab, selected: boolean) => `assets/tabbar/${t.icon}${selected ? '-active' : ''}.png`
