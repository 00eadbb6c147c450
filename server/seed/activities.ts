/**
 * Demo activities, from the source reports (../shared/seeds): 东山小学堂's five
 * courses at 先进街道社工站, health lectures at 太平街道社工站, the anti-fraud
 * talk 守好养老钱 at 六道大社区, a handicraft day at 塘桥村 and 心灵有约 at
 * 四平路街道. Dates are relative to the week the server starts in (China
 * Standard Time), so the demo always has open registrations: the lectures and
 * the handicraft afternoon fall later this same week (本周 is never empty), the
 * courses start the week after. Each week's run has its own code, so earlier
 * runs (and their enrollments) stay as history.
 */
import type { ActivityBody } from '../../contract/types'
import { cstDate, cstDayStart, cstWeekday } from '../../domain/chinaTime'

export interface SeedActivity {
  /** Stable key; the week is appended to make each run's code. */
  key: string
  stationCode: string
  /**
   * Days after the week's Monday of the first session; `weeks` sessions a week apart.
   * With `thisWeek`, the weekday wished for (0 = Monday … 6 = Sunday) of a session later
   * this week: never earlier than tomorrow, or today while it is at least LEAD_HOURS away.
   */
  day: number
  thisWeek?: true
  start: string
  end: string
  weeks: number
  /** Registration opens this many days before the week's Monday (negative: after). */
  opensDaysBefore?: number
  activity: Omit<ActivityBody, 'sessions' | 'opensAt' | 'closesAt' | 'cancelDeadline'>
}

const XJ_PLACE = '先进街道东山路18号 街道党群服务中心2楼 东山小学堂教室'

export const SEED_ACTIVITIES: SeedActivity[] = [
  {
    key: 'DSXT-JQMY',
    stationCode: 'DL-JP-XJ',
    day: 12,
    start: '09:30',
    end: '11:00',
    weeks: 8,
    activity: {
      title: '节气美育',
      project: '东山小学堂',
      category: 'class',
      audience: 'children',
      minAge: 6,
      maxAge: 12,
      description:
        '跟着二十四节气认识自然和传统文化：每周一个节气，听节气故事，用画笔、剪纸和树叶拼贴做一件作品。由社工和志愿服务队带领，困境儿童优先，对辖区儿童全面开放。共 8 次课，每周六上午。',
      bring: '彩笔一盒；家长接送',
      place: XJ_PLACE,
      capacity: 20,
      photoConsentRequired: false,
      confirmWithinHours: null,
    },
  },
  {
    key: 'DSXT-ZYQ',
    stationCode: 'DL-JP-XJ',
    day: 13,
    start: '09:00',
    end: '10:30',
    weeks: 4,
    activity: {
      title: '朝有趣',
      project: '东山小学堂',
      category: 'class',
      audience: 'children',
      minAge: 6,
      maxAge: 12,
      description: '周日早上的阅读与游戏时光：绘本共读、合作游戏和小组分享，帮助不爱说话的孩子慢慢和同龄人玩到一起。共 4 次课。',
      bring: '喜欢的一本书（可选）',
      place: XJ_PLACE,
      capacity: 15,
      photoConsentRequired: false,
      confirmWithinHours: null,
    },
  },
  {
    key: 'DSXT-XXZB',
    stationCode: 'DL-JP-XJ',
    day: 12,
    start: '14:00',
    end: '15:30',
    weeks: 6,
    activity: {
      title: '小小主播',
      project: '东山小学堂',
      category: 'class',
      audience: 'children',
      minAge: 8,
      maxAge: 13,
      description:
        '学习朗读、讲故事和面对镜头表达，最后一次课录制“东山小主播”节目。节目和活动照片会在社工站公众号发布，报名时请单独选择是否同意拍摄和公开。共 6 次课。',
      bring: '水杯',
      place: XJ_PLACE,
      capacity: 12,
      photoConsentRequired: true,
      confirmWithinHours: 24,
    },
  },
  {
    key: 'DSXT-XXXCY',
    stationCode: 'DL-JP-XJ',
    day: 13,
    start: '14:00',
    end: '15:30',
    weeks: 4,
    activity: {
      title: '小小宣传员',
      project: '东山小学堂',
      category: 'class',
      audience: 'children',
      minAge: 8,
      maxAge: 13,
      description:
        '孩子们跟社工一起走进社区，学做垃圾分类、防溺水、防诈骗的小宣传员，制作宣传海报并向邻居讲解。活动照片会用于社区宣传，报名时请单独选择是否同意。共 4 次课。',
      bring: '帽子、水杯',
      place: XJ_PLACE,
      capacity: 15,
      photoConsentRequired: true,
      confirmWithinHours: 24,
    },
  },
  {
    key: 'DSXT-SJHLJ',
    stationCode: 'DL-JP-XJ',
    day: 19,
    start: '09:00',
    end: '11:30',
    weeks: 1,
    activity: {
      title: '四季欢乐节·冬日游园会',
      project: '东山小学堂',
      category: 'festival',
      audience: 'children',
      minAge: 3,
      maxAge: 14,
      description: '东山小学堂的季节主题游园会：冬日手工、亲子游戏和孩子们的作品展。欢迎家长陪同参加。',
      bring: '家长陪同',
      place: '先进街道东山社区文化广场',
      capacity: 40,
      photoConsentRequired: false,
      confirmWithinHours: null,
    },
  },
  {
    key: 'TP-GXY',
    stationCode: 'DL-PLD-TP',
    day: 2,
    thisWeek: true,
    start: '09:00',
    end: '10:30',
    weeks: 1,
    activity: {
      title: '预防高血压健康讲座',
      project: '健康知识讲座',
      category: 'health',
      audience: 'elderly',
      minAge: null,
      maxAge: null,
      description: '社工站联合区中心医院的医生，讲解高血压的早期信号、日常饮食和用药注意事项，现场免费测量血压。老年人及家属均可报名。',
      bring: '近期的体检报告或常用药清单（可选）',
      place: '太平街道社工站 二楼活动室',
      capacity: 60,
      photoConsentRequired: false,
      confirmWithinHours: null,
    },
  },
  {
    key: 'TP-TNB',
    stationCode: 'DL-PLD-TP',
    day: 16,
    start: '09:00',
    end: '10:30',
    weeks: 1,
    activity: {
      title: '防治糖尿病健康讲座',
      project: '健康知识讲座',
      category: 'health',
      audience: 'elderly',
      minAge: null,
      maxAge: null,
      description: '医生讲解糖尿病的预防、血糖监测和饮食控制，解答老人和家属的问题。',
      bring: '',
      place: '太平街道社工站 二楼活动室',
      capacity: 60,
      photoConsentRequired: false,
      confirmWithinHours: null,
    },
  },
  {
    key: 'TP-ZYYS',
    stationCode: 'DL-PLD-TP',
    day: 23,
    start: '09:00',
    end: '10:30',
    weeks: 1,
    activity: {
      title: '中医养生健康讲座',
      project: '健康知识讲座',
      category: 'health',
      audience: 'elderly',
      minAge: null,
      maxAge: null,
      description: '冬季中医养生：作息、饮食和八段锦练习，中医师现场答疑。',
      bring: '宽松衣服',
      place: '太平街道社工站 二楼活动室',
      capacity: 50,
      photoConsentRequired: false,
      confirmWithinHours: null,
    },
  },
  {
    key: 'LD-SHYLQ',
    stationCode: 'SY-JY-LD',
    day: 3,
    thisWeek: true,
    start: '15:00',
    end: '16:30',
    weeks: 1,
    activity: {
      title: '守好养老钱·防诈骗讲座',
      project: '守好养老钱',
      category: 'anti_fraud',
      audience: 'elderly',
      minAge: null,
      maxAge: null,
      description:
        '志愿者用通俗易懂的语言讲解发生在身边的养老诈骗套路、类型及其特点：陌生短信和电话、保健品、以房养老、投资理财。提醒老年人看好自己的“钱袋子”，守好“养老钱”。子女可陪同参加。',
      bring: '',
      place: '六道大社区社工站 一楼会议室',
      capacity: 80,
      photoConsentRequired: false,
      confirmWithinHours: null,
    },
  },
  {
    key: 'TQ-GSSG',
    stationCode: 'TC-SX-TQ',
    day: 4,
    thisWeek: true,
    start: '14:00',
    end: '16:00',
    weeks: 1,
    activity: {
      title: '新春挂饰手工制作',
      project: '岳西礼堂老年人日间照料',
      category: 'handicraft',
      audience: 'elderly',
      minAge: null,
      maxAge: null,
      description: '延续深受老人喜爱的“龙年挂饰手工制作活动”：在社工带领下动手制作新春挂饰，材料由社工站准备，空巢、独居老人优先。',
      bring: '老花镜',
      place: '塘桥村岳西礼堂老年人日间照料中心',
      capacity: 30,
      photoConsentRequired: false,
      confirmWithinHours: null,
    },
  },
  {
    key: 'SPL-XLYY',
    stationCode: 'YP-SPL',
    day: 14,
    start: '15:00',
    end: '16:30',
    weeks: 4,
    activity: {
      title: '心灵有约·青少年成长小组',
      project: '心灵有约',
      category: 'mental_health',
      audience: 'youth',
      minAge: 12,
      maxAge: 18,
      description: '“心灵有约”青少年心理服务计划的成长小组：情绪认识、压力应对和人际沟通，由专业社工带领，小组内容保密。共 4 次。',
      bring: '',
      place: '四平路街道综合社工站 团体活动室',
      capacity: 12,
      photoConsentRequired: false,
      confirmWithinHours: null,
    },
  },
]

const DAY_MS = 86_400_000

/** Monday 00:00 China Standard Time of the week containing `now`. */
export function weekStart(now: Date): Date {
  return new Date(cstDayStart(cstDate(now)).getTime() - (cstWeekday(now) - 1) * DAY_MS)
}

/** A session later this week starts at least this long after the run is created. */
export const LEAD_HOURS = 3
/** This week's sessions close for registration (and for cancelling) this long before they start. */
const THIS_WEEK_CLOSE_HOURS = 2

const at = (base: Date, day: number, hhmm: string) =>
  new Date(base.getTime() + day * DAY_MS + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60_000)
const iso = (base: Date, day: number, hhmm: string) => at(base, day, hhmm).toISOString()

/** The day (after this week's Monday) of the first session of the run created at `now`. */
export function firstSessionDay(s: SeedActivity, now: Date): number {
  if (!s.thisWeek) return s.day
  const base = weekStart(now)
  const today = Math.floor((now.getTime() - base.getTime()) / DAY_MS)
  const soonest = at(base, today, s.start).getTime() - now.getTime() >= LEAD_HOURS * 3600_000 ? today : today + 1
  const day = Math.max(s.day, soonest)
  // Too late in the week (Sunday afternoon on): the same weekday next week.
  return day <= 6 ? day : s.day + 7
}

/**
 * The activity of the run created at `now`: registration opened 3 days before this week's
 * Monday; it closes the day before the first session (the courses), or 2 hours before it
 * (this week's lectures and afternoons).
 */
export function seedRun(s: SeedActivity, now: Date): { code: string; body: ActivityBody } {
  const base = weekStart(now)
  const day = firstSessionDay(s, now)
  const sessions = Array.from({ length: s.weeks }, (_, w) => ({
    startsAt: iso(base, day + 7 * w, s.start),
    endsAt: iso(base, day + 7 * w, s.end),
  }))
  const week = base.toISOString().slice(0, 10).replace(/-/g, '')
  const closing = s.thisWeek ? new Date(at(base, day, s.start).getTime() - THIS_WEEK_CLOSE_HOURS * 3600_000).toISOString() : null
  return {
    code: `${s.key}-${week}`,
    body: {
      ...s.activity,
      sessions,
      opensAt: iso(base, -(s.opensDaysBefore ?? 3), '09:00'),
      closesAt: closing ?? iso(base, day - 1, '18:00'),
      cancelDeadline: closing ?? iso(base, day - 1, '12:00'),
    },
  }
}
