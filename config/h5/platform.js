/**
 * `platform` (a user-agent parser) for the h5 build, parsed on first use instead of on load.
 *
 * Taro's h5 APIs import it for one thing: getDeviceInfo / getSystemInfo read `manufacturer`,
 * `product` and `os`. The package parses the user agent as soon as it is loaded, and it is loaded
 * with the app's own script: about a fifth of the start-up script's time in our traces, before
 * anything is drawn, for an answer the portal never asks for. Here the package is loaded, and the
 * user agent parsed, the first time one of those three is read; the answers are the package's own.
 * (config/index.ts points `platform` here in the h5 build only; written in ES5 as it is not compiled.)
 */
var real = null

function load() {
  // The package's own file: the alias matches `platform` exactly, so this is not sent back here.
  if (!real) real = require('platform/platform.js')
  return real
}

module.exports = {
  get manufacturer() {
    return load().manufacturer
  },
  get product() {
    return load().product
  },
  get os() {
    return load().os
  },
}
