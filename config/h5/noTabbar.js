/**
 * What Taro's h5 router imports from `@tarojs/components` (config/index.ts points the router's import here):
 * the definition of Taro's tab bar, `taro-tabbar`, a Stencil custom element. The router defines it only when
 * the app has a tab bar and `tabBar.custom` is off; the portal's is custom (src/components/TabBar), so it is
 * never called, but the import alone kept Stencil's runtime (and the element) in the app's start-up script.
 */
export function defineCustomElementTaroTabbar() {
  throw new Error('The portal draws its own tab bar (tabBar.custom, src/components/TabBar)')
}
