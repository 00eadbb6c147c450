/** After the test framework: jest-dom matchers, and a clean slate after every test. */
import '@testing-library/jest-dom'
import { cleanup } from '@testing-library/react'
import Taro from './taro'
import { resetStores } from './stores'

afterEach(() => {
  cleanup() // unmount first, so nothing re-renders while the stores are reset
  resetStores()
  Taro.__reset() // after the stores: also drops what resetting them persisted
  process.env.TARO_ENV = 'h5'
  jest.restoreAllMocks()
})
