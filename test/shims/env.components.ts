/** Before any module loads: the pages take their h5 branches, as in the browser build. */
process.env.TARO_ENV = 'h5'
;(globalThis as unknown as { APP_VERSION: string }).APP_VERSION = '0.0.0-test'
