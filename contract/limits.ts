/**
 * Input limits, one number per field kind: the schemas (server validation)
 * and the forms (maxlength, counters, hints) both read them from here.
 * Plain data only — safe for the mini-program bundle.
 */
export const LIMITS = {
  /** A person's name: 联系人, 被帮助人, 家人, 报名人. */
  personName: 20,
  /** A phone number as typed (spaces and dashes allowed before normalising). */
  phone: 20,
  /** 方便联系的时间. */
  preferredTime: 40,
  /** An address: 小区、楼号、门牌. */
  address: 100,
  /** A help request's description, a resident's message, a staff reply or note. */
  requestText: 1000,
  /** A resolution summary. */
  resolutionSummary: 1000,
  /** A reason: transfer, escalation, reopening. */
  reason: 500,
  /** A request number typed in to find it (QZ-20261123-000042). */
  requestNumber: 30,
  /** Photos attached to one help request. */
  photosPerRequest: 3,
  /** One photo, in bytes. */
  photoBytes: 5 * 1024 * 1024,
  /** A category question's key and answer. */
  attributeText: 40,
  attributeCount: 10,
  /** A family member's notes (allergies, needs). */
  memberNotes: 200,
  /** An activity. */
  activityTitle: 40,
  activityProject: 30,
  activityDescription: 2000,
  activityBring: 200,
  activityPlace: 100,
  activityCapacity: 2000,
  activitySessions: 60,
  activityConfirmHours: 168,
  age: 120,
  /** Staff login. */
  username: 40,
  usernameMin: 3,
  password: 200,
  /** A new password (an account's own, set at first login or later). */
  passwordMin: 10,
  /** Ratings. */
  ratingComment: 500,
  ratingReply: 300,
  ratingTags: 7,
  /** A station account's nickname, a resident's nickname. */
  nickname: 32,
  /** Stars of a rating: 1 to this. */
  stars: 5,
  /** A province's, city's or district's name as a resident picks it; a street's or community's. */
  areaName: 20,
  streetName: 30,
  /** The communities and streets one station covers (服务范围), each a streetName. */
  coverageAreas: 40,
  /** Searching stations by name, and by area name. */
  stationSearch: 50,
  areaSearch: 100,
  /** Results per list: nearby stations, the station list, the activity list (the most one may ask for, and the default). */
  nearbyResults: 100,
  nearbyResultsDefault: 20,
  stationResults: 200,
  stationResultsDefault: 50,
  activityResults: 100,
  activityResultsDefault: 30,
  /** The code `Taro.login` returns. */
  loginCode: 128,
  /** The version of a consent text as the client sends it. */
  consentVersion: 20,
  /** A check-in QR code's content. */
  checkinCode: 200,
  /** Family members one resident manages. */
  familyMembers: 20,
  /** The longest period of a station report, in days. */
  reportDays: 366,
  /** The most open requests a head may let one worker carry at once (assignment). */
  workloadCap: 500,
  /** 常用回复: a template's title and text, and how many a station keeps. */
  replyTitle: 20,
  replyBody: 500,
  repliesPerStation: 100,
  /** 站点管理: a station's code, name, introduction and hours note; brand projects; a date exception's reason; a holiday's name. */
  stationCode: 40,
  stationName: 50,
  stationIntro: 2000,
  hoursNote: 100,
  brandName: 30,
  brandSummary: 500,
  brandItem: 30,
  exceptionReason: 40,
  holidayName: 20,
  /** An import of stations: the file's size in bytes, and its rows (besides the header). */
  importBytes: 10 * 1024 * 1024,
  importRows: 20000,
  /** 预约服务: a bookable service's name and description, the places of one slot, a booking's or an outcome's note. */
  bookableName: 40,
  bookableDescription: 500,
  bookableCapacity: 500,
  bookingNote: 200,
  /** 回访: the most days after resolving a call may be scheduled, and an outcome's note. */
  followUpDays: 60,
  followUpNote: 300,
  /** The staff queue: requests shown at first, and the most one call lists (「再显示 50 条」 asks for more). */
  queuePage: 50,
  queueMax: 200,
} as const

export type LimitName = keyof typeof LIMITS
