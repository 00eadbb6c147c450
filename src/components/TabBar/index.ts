/**
 * The tab bar in h5 (index.h5.ts). The mini-program draws its own as WeChat's custom tab bar
 * (src/custom-tab-bar), so here there is nothing to do.
 */
export function mountTabBar(): void {}
