/**
 * Times, dates, time ranges and ages are read as one word: a line may break between them, never inside
 * ("09:30–11:00", "11月25日（周二）", "2026年12月2日", "8 岁", "6–13 岁"). Browsers and WeChat break after a dash and between
 * any two Chinese characters, so these runs are kept whole by the UI (components/NoBreak).
 */
const RUN =
  /\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日(?:（周[一二三四五六日]）)?|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(?:\s*[–~-]\s*\d{1,2}:\d{2})?|\d{1,3}(?:–\d{1,3})? 岁/g

export interface TextPiece {
  text: string
  /** A time, date or range, drawn without a break inside. */
  whole: boolean
}

export function keepTogether(text: string): TextPiece[] {
  const pieces: TextPiece[] = []
  let at = 0
  for (const run of text.matchAll(RUN)) {
    const start = run.index ?? 0
    if (start > at) pieces.push({ text: text.slice(at, start), whole: false })
    pieces.push({ text: run[0], whole: true })
    at = start + run[0].length
  }
  if (at < text.length) pieces.push({ text: text.slice(at), whole: false })
  return pieces
}
