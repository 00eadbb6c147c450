import { Button, Text, View } from '@tarojs/components'
import { Textarea } from '../Textarea'
import '../Field/index.scss'
import './index.scss'

export interface TextBoxProps {
  value: string
  onChange: (value: string) => void
  /** The most characters the server takes (from contract/limits.ts). */
  max: number
  /** The textarea's own classes besides `textarea` (tests and pages find it by them). */
  className?: string
  placeholder?: string
  ariaLabel?: string
}

/** What the counter below a text box says: the count, or by how much it is too long. */
export function textBoxCount(length: number, max: number): { text: string; over: number } {
  const over = length - max
  if (over > 0) return { text: `已有 ${length} 字，超出 ${over} 字。超出的内容仍在框里，请删减到 ${max} 字以内`, over }
  return { text: `${length}/${max}`, over: 0 }
}

/**
 * A multi-line input: it fills its frame and grows with its text (then scrolls), in the page's type
 * (长辈模式 included). Nothing is cut: text pasted beyond `max` stays in the box, the counter says by how
 * much it is too long, and the resident decides — shorten it, or keep only the first `max` characters.
 * The form's own check refuses to send it until then.
 */
// Spread in, `ariaRole` is not renamed by Taro's compiler (it does that for JSX attributes only), and Text has no
// `ariaRole` attribute in its types: in h5 the element needs `role` itself.
const ALERT = process.env.TARO_ENV === 'h5' ? { role: 'alert' } : { ariaRole: 'alert' }

export function TextBox({ value, onChange, max, className = '', placeholder, ariaLabel }: TextBoxProps) {
  const count = textBoxCount(value.length, max)
  return (
    <View className={`text-box${count.over > 0 ? ' text-box--over' : ''}`}>
      <Textarea
        className={`textarea ${className}`}
        value={value}
        // -1: no limit in the box itself; WeChat and the browser would otherwise drop what is pasted beyond it, silently.
        maxlength={-1}
        autoHeight={process.env.TARO_ENV === 'weapp'}
        placeholder={placeholder}
        ariaLabel={ariaLabel}
        onInput={(ev) => onChange(ev.detail.value)}
      />
      <Text className={`field__hint text-box__count${count.over > 0 ? ' text-box__count--over' : ''}`} {...(count.over > 0 ? ALERT : {})}>
        {count.text}
      </Text>
      {count.over > 0 && (
        <Button className='btn text-box__trim' onClick={() => onChange(value.slice(0, max))}>
          只保留前 {max} 字
        </Button>
      )}
    </View>
  )
}

export default TextBox
