/**
 * The forms' shared patterns (issue 15, items 6–8) as the h5 build renders them: a text box keeps all
 * that is pasted into it and says by how much it is too long; an error goes as soon as its field is
 * valid; the same kind of input looks and speaks the same everywhere (a phone's format hint, consent as
 * a checkbox).
 */
import { useState } from 'react'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { LIMITS } from '@contract/limits'
import { TextBox } from '@/components/TextBox'
import NewRequest from '@/packages/request/new/index'
import { useRequestDraft } from '@/stores/requestDraft'
import { settleErrors } from '@/services/errors'
import { keepTogether } from '@/utils/keepTogether'

function Box({ max = 10 }: { max?: number }) {
  const [value, setValue] = useState('')
  return <TextBox value={value} onChange={setValue} max={max} ariaLabel='问题描述' />
}

describe('TextBox', () => {
  test('5,000 characters pasted into a 1,000-character box stay; it says by how much it is too long, and nothing is cut until the resident decides', () => {
    render(<Box max={LIMITS.requestText} />)
    const box = screen.getByRole('textbox', { name: '问题描述' })
    expect(screen.getByText(`0/${LIMITS.requestText}`)).toBeInTheDocument()
    const pasted = '母亲独自在家腿脚不便'.repeat(500)
    fireEvent.change(box, { target: { value: pasted } })

    expect(box).toHaveValue(pasted) // all 5,000 kept
    expect(screen.getByRole('alert')).toHaveTextContent(`已有 5000 字，超出 ${5000 - LIMITS.requestText} 字`)
    // The resident decides: keep only the first 1,000 characters.
    fireEvent.click(screen.getByRole('button', { name: `只保留前 ${LIMITS.requestText} 字` }))
    expect(box).toHaveValue(pasted.slice(0, LIMITS.requestText))
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.getByText(`${LIMITS.requestText}/${LIMITS.requestText}`)).toBeInTheDocument()
  })

  test('the box itself sets no limit (a browser or WeChat would drop what goes beyond it, silently)', () => {
    render(<Box />)
    expect(screen.getByRole('textbox', { name: '问题描述' }).getAttribute('maxlength')).toBe('-1')
  })
})

describe('the request form', () => {
  const next = () => fireEvent.click(screen.getByRole('button', { name: '下一步' }))
  const option = (group: string, label: string) =>
    within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name: new RegExp(label) })

  test('「请回答：老人是否独居」 goes as soon as 独居 is chosen, while the unanswered question keeps its own', () => {
    render(<NewRequest />)
    fireEvent.click(option('服务类别', '养老服务'))
    next()
    next() // nothing answered yet
    expect(screen.getByText('请回答：老人是否独居')).toBeInTheDocument()
    expect(screen.getByText('请回答：行动是否方便')).toBeInTheDocument()

    fireEvent.click(option('老人是否独居', '^✓? ?独居$'))
    expect(option('老人是否独居', '独居')).toHaveAttribute('aria-checked', 'true')
    expect(screen.queryByText('请回答：老人是否独居')).not.toBeInTheDocument()
    expect(screen.getByText('请回答：行动是否方便')).toBeInTheDocument()
  })

  test('为家人代办: the consent is a checkbox, as the child consent is; the phone says its format before and in its error', () => {
    act(() =>
      useRequestDraft.setState({ step: 2, draft: { ...useRequestDraft.getState().draft, category: 'elderly_care', requester: 'family' } }),
    )
    render(<NewRequest />)

    const consent = screen.getByRole('checkbox', { name: '已征得对方同意' })
    expect(consent).toHaveAttribute('aria-checked', 'false')
    expect(screen.queryByRole('radiogroup', { name: '同意' })).not.toBeInTheDocument()
    expect(screen.getByText('11 位手机号，或带区号的固定电话')).toBeInTheDocument() // the hint, before anything is typed

    fireEvent.change(screen.getByPlaceholderText('社工可能需要直接联系老人'), { target: { value: '1381234' } })
    next()
    expect(screen.getByText('请填写 11 位手机号，或带区号的固定电话；不填也可以')).toBeInTheDocument()
    expect(screen.getByText('请先确认被帮助人同意由您代为求助')).toBeInTheDocument()

    fireEvent.click(consent)
    expect(consent).toHaveAttribute('aria-checked', 'true')
    expect(screen.queryByText('请先确认被帮助人同意由您代为求助')).not.toBeInTheDocument()
    // Still wrong while typing: the message stays (in the same words) until the number is whole.
    fireEvent.change(screen.getByPlaceholderText('社工可能需要直接联系老人'), { target: { value: '13812345' } })
    expect(screen.getByText('请填写 11 位手机号，或带区号的固定电话；不填也可以')).toBeInTheDocument()
    fireEvent.change(screen.getByPlaceholderText('社工可能需要直接联系老人'), { target: { value: '13812345678' } })
    expect(screen.queryByText('请填写 11 位手机号，或带区号的固定电话；不填也可以')).not.toBeInTheDocument()
  })
})

test('settleErrors: a changed field’s error goes once it is valid, takes the new words while it is not; others stay; the form-wide one goes', () => {
  const shown = { contactName: '请填写居民称呼', contactPhone: '旧的话', address: '服务器说地址不对', form: '没有保存成功' }
  expect(settleErrors(shown, ['contactName', 'contactPhone'], { contactPhone: '请填写 11 位手机号，或带区号的固定电话' })).toEqual({
    contactPhone: '请填写 11 位手机号，或带区号的固定电话',
    address: '服务器说地址不对',
  })
})

test('keepTogether: times, dates and time ranges are whole pieces; the words around them may break', () => {
  expect(keepTogether('11月25日（周二）09:30–11:00')).toEqual([
    { text: '11月25日（周二）', whole: true },
    { text: '09:30–11:00', whole: true },
  ])
  expect(keepTogether('取消截止：2026年12月2日 12:00。')).toEqual([
    { text: '取消截止：', whole: false },
    { text: '2026年12月2日', whole: true },
    { text: ' ', whole: false },
    { text: '12:00', whole: true },
    { text: '。', whole: false },
  ])
  expect(keepTogether('共 8 次课')).toEqual([{ text: '共 8 次课', whole: false }])
})
