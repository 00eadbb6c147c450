/**
 * The check-in QR code (src/components/CheckinQr): a real QR image of the
 * code, named for screen readers, with whose it is in words.
 */
import { render, screen } from '@testing-library/react'
import { CheckinQr, qrDataUrl } from '@/components/CheckinQr'

test('renders the code as a GIF data URL with an accessible name and the participant', () => {
  render(<CheckinQr code='CK1.9c4d1e70-0000-4000-8000-000000000001.Jx7sQm2Lw0c' participantName='张小明' />)
  const img = screen.getByRole('img', { name: /张小明的签到二维码/ })
  expect(img.getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
  expect(screen.getByText('签到码 · 张小明')).toBeInTheDocument()
})

test('different codes give different images; the same code the same image', () => {
  expect(qrDataUrl('CK1.a')).toBe(qrDataUrl('CK1.a'))
  expect(qrDataUrl('CK1.a')).not.toBe(qrDataUrl('CK1.b'))
})
