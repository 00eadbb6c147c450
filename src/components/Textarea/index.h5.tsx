import type { TextareaProps } from '@tarojs/components'

type Props = Pick<TextareaProps, 'value' | 'maxlength' | 'placeholder' | 'autoHeight' | 'disabled' | 'ariaLabel'> & {
  className?: string
  onInput?: (event: { detail: { value: string } }) => void
}

/**
 * A plain <textarea> for h5 (see index.ts), in the frame Taro's element drew: the frame carries the page's
 * classes (`.textarea …`), the <textarea> inside is `.taro-textarea`, so styles, tests and h5a11y see the same
 * shape. It grows with its text by CSS (`field-sizing`, components/Field), so `autoHeight` has nothing to do.
 * Changes come as `{ detail: { value } }`, as from Taro's.
 */
export function Textarea({ className, value, maxlength, placeholder, disabled, ariaLabel, onInput }: Props) {
  return (
    <div className={className}>
      <textarea
        className='taro-textarea'
        value={value ?? ''}
        // Taro's -1 (or none) is no limit.
        maxLength={maxlength !== undefined && maxlength > 0 ? maxlength : undefined}
        placeholder={placeholder}
        disabled={disabled}
        aria-label={ariaLabel}
        onChange={(event) => onInput?.({ detail: { value: event.target.value } })}
      />
    </div>
  )
}
