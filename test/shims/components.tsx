/**
 * `@tarojs/components` for the components jest project: plain DOM elements,
 * as Taro's h5 build renders them (View → div, Text → span, Button → button).
 * Taro's compiler turns `ariaLabel`/`ariaRole` into `aria-label`/`role` in the
 * h5 build (see dist/h5); this shim does the same, so Testing Library's role
 * and name queries see what a browser's accessibility tree sees.
 *
 * (@tarojs/components-react is not used: its View/Button pass `ariaLabel` to
 * the DOM as is, and its other components are Stencil web components shipped
 * as ESM that jsdom cannot load without extra transforms.)
 */
import type { CSSProperties, ReactNode } from 'react'

type Props = {
  className?: string
  id?: string
  style?: CSSProperties | string
  onClick?: (e: any) => void
  ariaLabel?: string
  ariaRole?: string
  children?: ReactNode
  [key: string]: unknown
}

function domProps(p: Props) {
  return {
    className: p.className,
    id: p.id,
    style: typeof p.style === 'string' ? undefined : p.style,
    onClick: p.onClick,
    'aria-label': p.ariaLabel,
    // `role` itself passes through too (a spread `{ role }`, which the compiler leaves as it is), as in the h5 build.
    role: p.ariaRole ?? (typeof p.role === 'string' ? p.role : undefined),
    // aria-checked, aria-selected, aria-hidden… pass through, as in the h5 build.
    ...Object.fromEntries(Object.entries(p).filter(([k]) => k.startsWith('aria-'))),
  }
}

export const View = (p: Props) => <div {...domProps(p)}>{p.children}</div>
export const Text = (p: Props) => <span {...domProps(p)}>{p.children}</span>
export const ScrollView = (p: Props) => <div {...domProps(p)}>{p.children}</div>
export const Button = (p: Props & { disabled?: boolean; loading?: boolean; formType?: 'submit' | 'reset' }) => (
  <button
    {...domProps(p)}
    type={p.formType === 'submit' ? 'submit' : 'button'}
    disabled={!!p.disabled}
    aria-busy={p.loading ? true : undefined}
  >
    {p.children}
  </button>
)

export const Image = (p: Props & { src?: string; mode?: string }) => <img {...domProps(p)} src={p.src} alt={p.ariaLabel ?? ''} />

/** Taro's inputs report changes as `{ detail: { value } }`. */
export const Input = (
  p: Props & {
    value?: string
    placeholder?: string
    type?: string
    password?: boolean
    maxlength?: number
    disabled?: boolean
    onInput?: (e: any) => void
  },
) => (
  <input
    {...domProps(p)}
    type={p.password ? 'password' : 'text'}
    value={p.value ?? ''}
    placeholder={p.placeholder}
    disabled={!!p.disabled}
    maxLength={p.maxlength}
    inputMode={p.type === 'number' || p.type === 'digit' ? 'numeric' : undefined}
    onChange={(e) => p.onInput?.({ detail: { value: e.target.value } })}
  />
)

export const Textarea = (
  p: Props & { value?: string; placeholder?: string; maxlength?: number; disabled?: boolean; onInput?: (e: any) => void },
) => (
  <textarea
    {...domProps(p)}
    value={p.value ?? ''}
    placeholder={p.placeholder}
    disabled={!!p.disabled}
    maxLength={p.maxlength}
    onChange={(e) => p.onInput?.({ detail: { value: e.target.value } })}
  />
)

/** Taro's Switch: a checkbox with the switch role (as taro-switch-core's input), changes as `{ detail: { value } }`. */
export const Switch = (p: Props & { checked?: boolean; disabled?: boolean; onChange?: (e: any) => void }) => (
  <input
    {...domProps(p)}
    type='checkbox'
    role='switch'
    checked={!!p.checked}
    disabled={!!p.disabled}
    onChange={(e) => p.onChange?.({ detail: { value: e.target.checked } })}
  />
)

/** The weapp-only native map: a box with the markers' titles, for tests that take the weapp branch. */
export const Map = (p: Props & { markers?: { id: number; title?: string }[]; latitude?: number; longitude?: number }) => (
  <div {...domProps(p)} data-testid='map' data-latitude={p.latitude} data-longitude={p.longitude}>
    {(p.markers ?? []).map((m) => (
      <span key={m.id} data-marker-id={m.id}>
        {m.title}
      </span>
    ))}
  </div>
)
