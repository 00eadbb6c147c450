/** 回访 (follow-up calls): the choices offered when resolving, and the words of an outcome. Plain data. */

/** 「N 天后回访」 in the resolve form; 0 is 不回访. */
export const FOLLOW_UP_DAY_CHOICES = [0, 3, 7, 14] as const

export const followUpChoiceLabel = (days: number) => (days === 0 ? '不回访' : `${days} 天后回访`)
