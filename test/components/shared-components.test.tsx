/**
 * The shared components of both sides: Chip (a status in words), InfoRow (a
 * label and its value) and ContactFields (the contact inputs of every form),
 * as a screen reader and a resident meet them.
 */
import { useState } from 'react'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { LIMITS } from '@contract/limits'
import { Chip } from '@/components/Chip'
import { ContactFields, type ContactFieldsProps, type ContactValues } from '@/components/ContactFields'
import { InfoRow } from '@/components/InfoRow'

test('Chip: the words, with the tone (and filled) as classes only', () => {
  render(
    <Chip tone='warn' filled className='rating-due-badge'>
      待评价
    </Chip>,
  )
  const chip = screen.getByText('待评价')
  expect(chip).toHaveClass('status-chip', 'status-chip--warn', 'status-chip--filled', 'rating-due-badge')
})

test('InfoRow: the label, then the value', () => {
  render(
    <InfoRow label='联系电话' valueClassName='station-phone'>
      0411-87589365
    </InfoRow>,
  )
  expect(screen.getByText('联系电话')).toHaveClass('info-row__label')
  expect(screen.getByText('0411-87589365')).toHaveClass('info-row__value', 'station-phone')
})

function Form(props: Partial<ContactFieldsProps> & { initial?: ContactValues }) {
  const [values, setValues] = useState<ContactValues>(props.initial ?? {})
  return (
    <>
      <ContactFields
        fields={['contactName', 'contactPhone', 'preferredTime', 'address']}
        {...props}
        values={values}
        onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
      />
      <output data-testid='values'>{JSON.stringify(values)}</output>
    </>
  )
}

describe('ContactFields', () => {
  test('a resident’s labels, the limits of contract/limits.ts, and what is typed', () => {
    render(<Form />)
    const name = screen.getByRole('textbox', { name: '怎么称呼您' })
    expect(name).toHaveAttribute('maxLength', String(LIMITS.personName))
    expect(screen.getByRole('textbox', { name: '联系电话' })).toHaveAttribute('maxLength', String(LIMITS.phone))
    expect(screen.getByRole('textbox', { name: '地址' })).toHaveAttribute('maxLength', String(LIMITS.address))
    fireEvent.change(name, { target: { value: '李女士' } })
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '方便联系的时间' })).getByRole('radio', { name: '周末' }))
    expect(JSON.parse(screen.getByTestId('values').textContent!)).toEqual({ contactName: '李女士', preferredTime: '周末' })
    expect(screen.getByRole('radio', { name: '✓ 周末' })).toHaveAttribute('aria-checked', 'true')
  })

  test('a worker entering for a resident: 居民称呼', () => {
    render(<Form by='staff' fields={['contactName', 'contactPhone']} />)
    expect(screen.getByRole('textbox', { name: '居民称呼' })).toBeInTheDocument()
    expect(screen.queryByRole('textbox', { name: '地址' })).toBeNull()
  })

  test('a time typed earlier (not one of the choices) stays a choice, and chosen', () => {
    render(<Form initial={{ preferredTime: '工作日18点后' }} />)
    const group = screen.getByRole('radiogroup', { name: '方便联系的时间' })
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.textContent),
    ).toEqual(['随时都可以', '工作日上午', '工作日下午', '工作日晚上', '周末', '✓ 工作日18点后'])
  })

  test('each error under its own input, as an alert; classes told apart by a prefix', () => {
    render(<Form classPrefix='correct-' errors={{ contactPhone: '请填写 11 位手机号，或带区号的固定电话' }} />)
    expect(screen.getByRole('alert')).toHaveTextContent('请填写 11 位手机号，或带区号的固定电话')
    expect(screen.getByRole('textbox', { name: '联系电话' })).toHaveClass('correct-contact-phone')
    expect(screen.getByRole('alert').closest('.field')).toContainElement(screen.getByRole('textbox', { name: '联系电话' }))
  })
})
