/**
 * The texts a resident agrees to, per purpose (contract/consents.ts holds the
 * purposes, their labels and the CURRENT version of each text: change a text
 * here, raise its version there, and everyone is asked again).
 */
import { HELP_REQUEST_NOTICE_VERSION, LOCATION_NOTICE_VERSION } from '@contract/consents'

/** Shown before the phone's location is first used (WeChat's privacy prompt, or ours when the text has changed). */
export const LOCATION_NOTICE = '为了帮您找到离您最近的社工站，我们需要使用您的位置信息。位置只用于本次查找，不会保存在服务器上。'
export const LOCATION_NOTICE_VERSION_LABEL = `版本 ${LOCATION_NOTICE_VERSION}`

/** 求助信息使用说明: shown before a resident's help request is sent, until they agree to this version. */
export const HELP_REQUEST_NOTICE_TITLE = '求助信息使用说明'
export const HELP_REQUEST_NOTICE_VERSION_LABEL = `版本 ${HELP_REQUEST_NOTICE_VERSION}`
export const HELP_REQUEST_NOTICE: { title: string; text: string }[] = [
  {
    title: '收集哪些信息',
    text: '您选择的服务类别、填写的问题和上传的照片；怎么称呼您、联系电话、方便接电话的时间；需要帮助的地点（地址，以及您选择使用的位置）。为家人代办时，还有被帮助人的姓名、与您的关系，以及您填写的电话和住址。',
  },
  {
    title: '用来做什么',
    text: '只用于把求助交给合适的社工站，由社工联系您并跟进处理。不用于其他目的，不做推送或广告。',
  },
  {
    title: '谁能看到',
    text: '受理这条求助的社工站工作人员；必要时，上级社工站的督导也能看到。涉及儿童关爱保护、婚姻家庭、心理疏导的求助，只有受理站点的工作人员能看到。工作人员每次查看都会留下记录。信息不会公开，也不会提供给其他单位或个人。',
  },
  {
    title: '保存多久',
    text: '电话和地址加密保存。求助办结或撤回后，个人信息最多保存 2 年，之后删除，只保留不含个人信息的统计数据。',
  },
  {
    title: '撤回同意',
    text: '您可以在“我的 → 个人信息”中撤回同意，再次求助时会重新询问；已经提交的求助仍由社工站继续处理。您也可以随时注销账号，个人信息会全部删除。',
  },
]
