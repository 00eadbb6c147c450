/**
 * 常用回复 (canned replies), pure: the placeholders a station's templates may
 * hold, filling them in for one request, and the defaults every station starts
 * with (a head edits, adds and deletes them in the workbench).
 */
import type { ServiceCategory } from '../contract/enums'

/** The placeholders, as a worker types them. */
export const REPLY_PLACEHOLDERS = ['{居民称呼}', '{站点电话}', '{社工}'] as const

export interface ReplyValues {
  /** How the resident is addressed: the contact's name (李女士). */
  resident: string
  stationPhone: string
  /** The worker who sends it. */
  worker: string
}

/** A template with its placeholders filled in; an unknown `{…}` stays as typed. */
export function fillReply(template: string, v: ReplyValues): string {
  // split/join rather than replaceAll: the mini-program's oldest supported runtimes lack it.
  return template.split('{居民称呼}').join(v.resident).split('{站点电话}').join(v.stationPhone).split('{社工}').join(v.worker)
}

/** The placeholders a template uses that are not among REPLY_PLACEHOLDERS (a typo like {居民}). */
export function unknownPlaceholders(template: string): string[] {
  return [...new Set(template.match(/\{[^{}]*\}/g) ?? [])].filter((p) => !(REPLY_PLACEHOLDERS as readonly string[]).includes(p))
}

export interface DefaultReply {
  /** null: for every category. */
  category: ServiceCategory | null
  title: string
  body: string
  /** The release of the defaults that shipped it (DEFAULTS_VERSION when added): a station seeded earlier gets it once. */
  since?: number
}

/** The defaults' current release: 1, the first set; 2 added 社区治理, 婚姻家庭, 青少年 and 职工. */
export const DEFAULTS_VERSION = 2

/** The defaults a station seeded at release `version` has not been given yet (all of them for 0). */
export const defaultsAfter = (version: number): DefaultReply[] => DEFAULT_REPLIES.filter((d) => (d.since ?? 1) > version)

/** What a station starts with: a few for every request, and one or two per category. */
export const DEFAULT_REPLIES: readonly DefaultReply[] = [
  {
    category: null,
    title: '已收到，尽快联系',
    body: '{居民称呼}您好，我是{社工}，您的求助我们已经收到，会在今天之内给您回电。如有急事，请拨打站里电话{站点电话}。',
  },
  {
    category: null,
    title: '约上门时间',
    body: '{居民称呼}您好，我是{社工}，想和您约一个上门了解情况的时间，请回复方便的日期和时段，或拨打{站点电话}。',
  },
  {
    category: null,
    title: '办结说明',
    body: '{居民称呼}您好，您反映的问题已经处理完毕。如还有需要，可以随时在小程序里留言，或拨打{站点电话}找{社工}。',
  },
  {
    category: 'elderly_care',
    title: '助餐服务',
    body: '{居民称呼}您好，社区长者食堂工作日中午供餐，行动不便的老人可以申请送餐上门。{社工}会把申请表带上门，请准备好老人的身份证。',
  },
  {
    category: 'elderly_care',
    title: '居家探访',
    body: '{居民称呼}您好，{社工}会在约定时间上门探访老人，了解身体和生活情况，并介绍适合的居家养老服务。',
  },
  {
    category: 'social_assistance',
    title: '救助申请材料',
    body: '{居民称呼}您好，申请临时救助需要身份证、户口本和家庭收入情况说明。{社工}可以协助您填写材料，有疑问请拨打{站点电话}。',
  },
  {
    category: 'policy',
    title: '政策咨询答复',
    body: '{居民称呼}您好，关于您咨询的政策，{社工}已整理好相关文件和办理流程，会电话向您详细说明。',
  },
  {
    category: 'child_protection',
    title: '儿童关爱跟进',
    body: '{居民称呼}您好，孩子的情况我们已经记下，{社工}会和学校、社区一起跟进。如遇紧急情况，请立即拨打 110。',
  },
  {
    category: 'psychological',
    title: '心理疏导预约',
    body: '{居民称呼}您好，我是{社工}，想和您约一次面谈，时间和地点您来定；谈话内容会严格保密。',
  },
  {
    category: 'disability',
    title: '残疾人服务',
    body: '{居民称呼}您好，残疾人两项补贴和辅具申请可以由{社工}帮您代办，请准备好残疾证和身份证。',
  },
  {
    category: 'community_governance',
    title: '居民议事协商',
    body: '{居民称呼}您好，您反映的问题{社工}已经转给社区，会请居民代表、物业一起商量解决办法，有进展会及时告诉您。如有疑问请拨打{站点电话}。',
    since: 2,
  },
  {
    category: 'marriage_family',
    title: '家庭关系咨询',
    body: '{居民称呼}您好，我是{社工}，家里的事可以约个时间当面慢慢聊，谈话内容会严格保密。需要婚姻家庭辅导或调解，也可以拨打{站点电话}预约。',
    since: 2,
  },
  {
    category: 'youth',
    title: '青少年成长帮扶',
    body: '{居民称呼}您好，孩子的情况{社工}已经记下，会和学校、社区一起想办法，需要时安排心理辅导或课业帮扶。方便时请拨打{站点电话}详谈。',
    since: 2,
  },
  {
    category: 'employee',
    title: '职工服务对接',
    body: '{居民称呼}您好，困难帮扶、劳动权益和心理疏导方面的问题，{社工}可以帮您对接工会和相关部门。请约个时间当面谈，或拨打{站点电话}。',
    since: 2,
  },
]
