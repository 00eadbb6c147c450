/** The privacy policy shown in the app (versioned: a new version asks for consent again; the version lives in contract/consents.ts). */
export { PRIVACY_POLICY_VERSION } from '@contract/consents'

export const PRIVACY_POLICY: { title: string; paragraphs: string[] }[] = [
  {
    title: '我们是谁',
    paragraphs: [
      '“社工站居民服务”帮助居民找到身边的社工站（市级社工站指导中心、区县社工总站、乡镇（街道）社工站、村（社区）社会工作室及各类专项社工站），并与社工联系。',
    ],
  },
  {
    title: '我们收集哪些信息、用来做什么',
    paragraphs: [
      '位置信息：仅在您同意后，用于计算离您最近的社工站。位置只随本次查询发送，服务器不保存，也不写入日志。您可以拒绝定位，改为手动选择所在地区。',
      '微信登录标识：您登录时，我们通过微信获得一个只属于本小程序的用户标识（openid），用来识别您的账号。我们不获取您的微信昵称、头像或手机号，也不保存微信的会话密钥。',
      '您主动提供的信息：您求助时填写的联系电话、地址和问题描述，只提供给处理您求助的社工站。',
    ],
  },
  {
    title: '谁能看到您的信息',
    paragraphs: [
      '只有负责处理的社工站工作人员能看到您的求助；涉及儿童保护、家庭暴力和心理健康的求助，只有受理站点的工作人员能看到。任何信息都不会公开。',
    ],
  },
  {
    title: '您的权利',
    paragraphs: [
      '依据《中华人民共和国个人信息保护法》，您有权查阅、复制、更正、删除您的个人信息，有权撤回同意、注销账号。您可以拨打所在社工站的电话提出，社工站会在 15 个工作日内答复。',
    ],
  },
  {
    title: '联系我们',
    paragraphs: ['如对本政策有疑问，请联系您所在地区的社工站，或所在城市的社工站指导中心。'],
  },
]
