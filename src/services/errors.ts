/**
 * What the app says when something fails. The server's sentence is shown as
 * it is (never parsed): next to the input its `field` names, for the form as a
 * whole, in a dialog or in a toast. The app branches on `code` and `field` only.
 */
import Taro from '@tarojs/taro'
import { toApiError, type ApiError } from '@/api/client'

/** The server's field paths (`contactPhone`, `helped.phone`, `sessions`) → a form's own keys. One map per form. */
export type FieldMap<K extends string> = Readonly<Partial<Record<string, K>>>

export interface ShownError<K extends string> {
  message: string
  /** The form field to say it next to; null: say it for the form (or the page) as a whole. */
  field: K | null
  error: ApiError
}

/** The form key of a field path: the path itself, else its nearest parent (`sessions.2.startsAt` → `sessions`). */
function fieldOf<K extends string>(path: string | null, fields: FieldMap<K> | undefined): K | null {
  if (!path || !fields) return null
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const key = fields[p]
    if (key) return key
  }
  return null
}

/** Any failure (an ApiError, a WeChat API failure, a bug) as what to show, and where. */
export function describeError<K extends string = never>(err: unknown, fields?: FieldMap<K>): ShownError<K> {
  const error = toApiError(err)
  return { message: error.message, field: fieldOf(error.field, fields), error }
}

/** A form's errors after a refusal: the message next to the field it names, else as the form's own error. */
export function formErrors<K extends string>(err: unknown, fields: FieldMap<K>): Partial<Record<K | 'form', string>> {
  const { message, field } = describeError(err, fields)
  return { [field ?? 'form']: message } as Partial<Record<K | 'form', string>>
}

/**
 * The errors still shown once some fields changed: a changed field's error goes as soon as the field is
 * valid (`now`: what the form's own check still finds wrong, whose words replace the old ones); the
 * other fields' errors stay, and a form-wide one goes.
 */
export function settleErrors<K extends string>(
  shown: Partial<Record<K | 'form', string>>,
  changed: readonly K[],
  now: Partial<Record<K, string>>,
): Partial<Record<K | 'form', string>> {
  const next = { ...shown }
  delete next.form
  for (const k of changed) {
    if (!(k in next)) continue
    const still = now[k]
    if (still) next[k] = still
    else delete next[k]
  }
  return next
}

/** An action that failed, said in a dialog with its title (没有取消成功, 操作未成功 …). */
export function alertError(title: string, err: unknown): void {
  void Taro.showModal({ title, content: describeError(err).message, showCancel: false })
}

/** An action that failed, said in a toast. */
export function toastError(err: unknown): void {
  void Taro.showToast({ title: describeError(err).message, icon: 'none' })
}

/** Worth trying again as it is: no answer, or the server busy or restarting. */
export function isRetryable(err: unknown): boolean {
  const e = toApiError(err)
  return e.code === 'NETWORK' || e.code === 'TIMEOUT' || e.code === 'UNAVAILABLE' || (e.status ?? 0) >= 500
}
