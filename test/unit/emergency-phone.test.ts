import { detectEmergency } from '../../domain/emergency'
import { isMainlandMobile, isMainlandPhone, normalizePhone } from '../../domain/phone'

describe('emergency diversion', () => {
  test('an answer that means danger now', () => {
    expect(detectEmergency('psychological', { selfHarm: 'now' }, '')).toEqual(['self_harm'])
    expect(detectEmergency('marriage_family', { violence: 'now' }, '')).toEqual(['violence'])
    expect(detectEmergency('elderly_care', { livesAlone: 'yes', mobility: 'fallen' }, '')).toEqual(['medical'])
    expect(detectEmergency('child_protection', { childSafe: 'danger' }, '')).toEqual(['child_at_risk'])
  })

  test('words in the description, whatever the category', () => {
    expect(detectEmergency('policy', {}, '我 不想活 了')).toEqual(['self_harm'])
    expect(detectEmergency(null, {}, '妈妈在家晕倒了')).toEqual(['medical'])
  })

  test('ordinary requests are not emergencies', () => {
    expect(detectEmergency('elderly_care', { livesAlone: 'yes', mobility: 'limited' }, '想申请助餐服务')).toEqual([])
    expect(detectEmergency('marriage_family', { violence: 'past' }, '想咨询离婚后孩子抚养')).toEqual([])
  })
})

describe('mainland phone numbers', () => {
  test.each(['13812345678', '+86 138 1234 5678', '0411-87654321', '02165432100', '0898-8812345'])('%s is valid', (p) => {
    expect(isMainlandPhone(p)).toBe(true)
  })
  test.each(['12345678901', '1381234567', '138123456789', '87654321', 'abc', ''])('%s is not', (p) => {
    expect(isMainlandPhone(p)).toBe(false)
  })
  test('mobiles only, and normalization', () => {
    expect(isMainlandMobile('0411-87654321')).toBe(false)
    expect(normalizePhone('+86 (138) 1234 5678')).toBe('13812345678')
  })
})
