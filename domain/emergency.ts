/**
 * Emergency diversion: does what the resident told us mean someone is in danger
 * right now? Then the form stops and shows 110 / 120 / 12356 first.
 */
import { CATEGORY_QUESTIONS, type EmergencyKind } from '../contract/requests'
import type { ServiceCategory } from '../contract/enums'

const KEYWORDS: { kind: EmergencyKind; words: string[] }[] = [
  { kind: 'self_harm', words: ['自杀', '轻生', '不想活', '活不下去', '割腕', '跳楼', '寻死', '结束生命'] },
  { kind: 'violence', words: ['正在打', '被打', '家暴', '殴打', '拿刀', '砍人', '威胁要杀'] },
  { kind: 'medical', words: ['昏迷', '晕倒', '不省人事', '呼吸困难', '胸口剧痛', '大出血', '抽搐', '中风'] },
  { kind: 'child_at_risk', words: ['孩子走失', '孩子被打', '虐待孩子', '拐卖', '孩子被锁'] },
]

export function detectEmergency(
  category: ServiceCategory | null,
  attributes: Record<string, string>,
  description: string,
): EmergencyKind[] {
  const found = new Set<EmergencyKind>()
  for (const q of (category && CATEGORY_QUESTIONS[category]) || []) {
    const option = q.options.find((o) => o.value === attributes[q.key])
    if (option?.emergency) found.add(option.emergency)
  }
  const text = description.replace(/\s+/g, '')
  for (const { kind, words } of KEYWORDS) {
    if (words.some((w) => text.includes(w))) found.add(kind)
  }
  return [...found]
}
