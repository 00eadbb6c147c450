export default defineAppConfig({
  pages: ['pages/index/index', 'pages/stations/index', 'pages/activities/index', 'pages/mine/index', 'pages/station/index', 'pages/area/index', 'pages/privacy/index'],
  subPackages: [
    { root: 'packages/request', pages: ['new/index', 'mine/index', 'detail/index'] },
    { root: 'packages/activity', pages: ['detail/index', 'enroll/index', 'mine/index', 'family/index'] },
    { root: 'packages/account', pages: ['data/index'] },
    { root: 'packages/rating', pages: ['new/index'] },
    { root: 'packages/workbench', pages: ['login/index', 'queue/index', 'request/index', 'new/index', 'activities/index', 'activity-edit/index', 'roster/index', 'ratings/index', 'report/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0a7d5a',
    navigationBarTitleText: '社工站居民服务',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f2f4f5',
  },
  tabBar: {
    color: '#5c6670',
    selectedColor: '#0a7d5a',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/stations/index', text: '找社工站', iconPath: 'assets/tabbar/stations.png', selectedIconPath: 'assets/tabbar/stations-active.png' },
      { pagePath: 'pages/activities/index', text: '活动', iconPath: 'assets/tabbar/activities.png', selectedIconPath: 'assets/tabbar/activities-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tabbar/mine.png', selectedIconPath: 'assets/tabbar/mine-active.png' },
    ],
  },
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的社工站' },
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
