/** zustand's persist storage over Taro's synchronous storage (wx.setStorageSync / localStorage in h5). */
import Taro from '@tarojs/taro'
import { createJSONStorage, type StateStorage } from 'zustand/middleware'

export const taroStateStorage: StateStorage = {
  getItem: (name) => {
    const value = Taro.getStorageSync(name)
    return typeof value === 'string' && value !== '' ? value : null
  },
  setItem: (name, value) => Taro.setStorageSync(name, value),
  removeItem: (name) => Taro.removeStorageSync(name),
}

export const taroStorage = createJSONStorage(() => taroStateStorage)
