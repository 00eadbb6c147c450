/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** Injected by config/index.ts from package.json. */
declare const APP_VERSION: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV?: 'weapp' | 'h5'
    TARO_APP_ID?: string
    /** API base URL for the mini-program build; the h5 portal calls its own origin. */
    TARO_APP_API?: string
    /** Subscribe-message template for request status changes (empty: don't ask). */
    TARO_APP_TEMPLATE_REQUEST_STATUS?: string
    /** Subscribe-message template for activity enrollment, waitlist offers and reminders (empty: don't ask). */
    TARO_APP_TEMPLATE_ACTIVITY?: string
    /** Subscribe-message template for the day-before reminder of a booking (预约提醒), asked with the activity one when booking. */
    TARO_APP_TEMPLATE_BOOKING_REMINDER?: string
    /** Subscribe-message template for staff alerts (新求助提醒); empty: the workbench asks for none. */
    TARO_APP_TEMPLATE_STAFF_ALERT?: string
  }
}
