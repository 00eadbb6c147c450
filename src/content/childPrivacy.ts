/**
 * 《儿童个人信息保护规则》: shown to a guardian who adds a child under 14 in
 * 我的家人, and agreed to by an explicit tick. Its version is
 * CHILD_NOTICE_VERSION (contract/activities.ts): a new version asks again.
 */
import { CHILD_AGE_LIMIT, CHILD_NOTICE_VERSION } from '@contract/activities'

export const CHILD_NOTICE_TITLE = '儿童个人信息保护规则'

export const CHILD_NOTICE: { title: string; text: string }[] = [
  {
    title: '为什么请您阅读',
    text: `您添加的家人未满 ${CHILD_AGE_LIMIT} 周岁。依照《个人信息保护法》和《儿童个人信息网络保护规定》，孩子的个人信息需要您作为监护人同意后才能保存。`,
  },
  {
    title: '收集哪些信息',
    text: '孩子的姓名、出生日期、与您的关系，以及您自愿填写的特殊需要（如过敏、行动不便）。我们不收集孩子的照片、身份证号或学校信息。',
  },
  {
    title: '用来做什么',
    text: '只用于为孩子报名社工站的活动：核对活动的年龄要求、生成报名名单和签到码，以及让社工提前照顾孩子的特殊需要。不用于其他目的，不做推送或广告。',
  },
  {
    title: '谁能看到',
    text: '只有您为孩子报名的活动所属的社工站工作人员能看到，且只能看到报名这个活动所需的信息。我们不向任何其他单位或个人提供。',
  },
  {
    title: '保存多久',
    text: '您在“我的家人”中删除孩子后，孩子的信息立即清除，尚未开始的报名一并取消；已结束活动的签到记录只保留姓名，保存不超过 1 年，用于社工站的服务统计。',
  },
  {
    title: '您的权利',
    text: '您可以随时在“我的家人”中查看、更正或删除孩子的信息，也可以撤回同意（删除孩子即撤回）。撤回不影响此前已经进行的处理。',
  },
  {
    title: '联系我们',
    text: '如有疑问或投诉，请联系孩子报名活动的社工站（电话见活动页面），或所在城市的社工站指导中心，我们会在 15 个工作日内答复。',
  },
]

export const CHILD_NOTICE_VERSION_LABEL = `版本 ${CHILD_NOTICE_VERSION}`
