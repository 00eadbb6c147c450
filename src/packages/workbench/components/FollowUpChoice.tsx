import { FOLLOW_UP_DAY_CHOICES, followUpChoiceLabel } from '@contract/followups'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'

/** 「N 天后回访」 in the resolve form: 不回访, 3, 7 or 14 days (as the string of its days). */
export function FollowUpChoice({ value, onChange }: { value: string; onChange: (days: string) => void }) {
  return (
    <Field label='回访' hint='到期后这条求助会出现在「回访」列表中，提醒社工打电话问问居民'>
      <OptionGroup
        name='回访'
        options={FOLLOW_UP_DAY_CHOICES.map((d) => ({ value: String(d), label: followUpChoiceLabel(d) }))}
        value={value}
        onChange={onChange}
      />
    </Field>
  )
}

/** The resolve body's follow-up: nothing for 不回访. */
export const followUpBody = (days: string): { followUpDays?: number } => (Number(days) > 0 ? { followUpDays: Number(days) } : {})
