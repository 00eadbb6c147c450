import { TABS, tabIconPath } from './tabs'

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/stations/index',
    'pages/activities/index',
    'pages/mine/index',
    'pages/station/index',
    'pages/area/index',
    'pages/privacy/index',
  ],
  subPackages: [
    { root: 'packages/request', pages: ['new/index', 'mine/index', 'detail/index'] },
    { root: 'packages/activity', pages: ['detail/index', 'enroll/index', 'mine/index', 'family/index'] },
    { root: 'packages/account', pages: ['data/index'] },
    { root: 'packages/rating', pages: ['new/index'] },
    { root: 'packages/booking', pages: ['new/index', 'mine/index'] },
    {
      root: 'packages/workbench',
      pages: [
        'login/index',
        'queue/index',
        'request/index',
        'new/index',
        'activities/index',
        'activity-edit/index',
        'roster/index',
        'ratings/index',
        'report/index',
        'team/index',
        'stations/index',
        'station-edit/index',
        'station-import/index',
        'calendar/index',
        'accounts/index',
        'account/index',
        'audit/index',
        'me/index',
        'replies/index',
        'bookings/index',
        'bookable/index',
        'booking-desk/index',
        'followups/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0a7d5a',
    navigationBarTitleText: '社工站居民服务',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f2f4f5',
    // h5: Taro's title bar on every page, with 返回 on a subpage (首页 when it was opened directly); the
    // mini-program has WeChat's own. Its size follows 长辈模式 (src/styles/chrome.scss).
    navigationStyle: 'default',
  },
  tabBar: {
    // Drawn by the portal itself, following 长辈模式: in the mini-program as WeChat's custom tab bar
    // (src/custom-tab-bar; WeChat's own keeps its small type), in h5 as plain elements (src/components/TabBar,
    // sized by src/styles/chrome.scss; Taro's own is a custom element that needs Stencil's runtime at start-up).
    custom: true,
    color: '#4a5563',
    selectedColor: '#075c43',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TABS.map((t) => ({
      pagePath: t.pagePath,
      text: t.text,
      iconPath: tabIconPath(t, false),
      selectedIconPath: tabIconPath(t, true),
    })),
  },
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的社工站' },
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
