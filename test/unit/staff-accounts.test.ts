/** 账号管理's rules (domain/staffAccounts): passwords, usernames, who may change which account, the last admin of a station. */
import {
  changeRefusal,
  creationRefusal,
  inReach,
  passwordRefusal,
  usernameRefusal,
  type AccountActor,
  type AccountState,
} from '../../domain/staffAccounts'

describe('passwords', () => {
  const ok = (p: string, username = 'xianjin-zhang') => passwordRefusal(p, username, 'newPassword')
  test('at least 10 characters, at most the limit', () => {
    expect(ok('Abc-12345')).toMatchObject({ code: 'FIELD_INVALID', field: 'newPassword', message: '密码至少 10 位' })
    expect(ok('Abc-123456')).toBeNull()
    expect(ok('x'.repeat(201))?.message).toContain('最多')
  })
  test('not the username, in any case, nor containing it', () => {
    expect(ok('Xianjin-Zhang')?.message).toBe('密码不能包含账号名')
    expect(ok('my-xianjin-zhang-1')?.message).toBe('密码不能包含账号名')
  })
  test('not common: the local list, runs and repeats, and the general list the server passes in', () => {
    for (const p of ['shegong2026', 'WOAINI1314', '1234567890', '0987654321', 'abcdefghij', 'aaaaaaaaaa', 'ababababab'])
      expect(ok(p)?.message).toContain('常见')
    expect(passwordRefusal('dragonfly2024', 'u', 'p', (x) => x === 'dragonfly2024')?.message).toContain('常见')
    expect(ok('Ling-shui-7-qiao')).toBeNull()
  })
})

test('usernames: 3 to 40 lower-case letters, digits and - . _', () => {
  expect(usernameRefusal('xianjin-zhang')).toBeNull()
  expect(usernameRefusal('ab')?.field).toBe('username')
  expect(usernameRefusal('Xianjin')?.field).toBe('username')
  expect(usernameRefusal('-lead')?.field).toBe('username')
  expect(usernameRefusal('张三')?.field).toBe('username')
})

describe('who may change which account', () => {
  const jinpuAdmin: AccountActor = { id: 'a1', role: 'admin', stationId: 'JP', scope: ['JP', 'XJ', 'MX'] }
  const head: AccountActor = { id: 'h1', role: 'head', stationId: 'XJ', scope: ['XJ'] }
  const worker: AccountState = { id: 'w1', role: 'staff', stationId: 'XJ', disabled: false }
  const supervisor: AccountState = { id: 's1', role: 'supervisor', stationId: 'XJ', disabled: false }
  const otherAdmin: AccountState = { id: 'a2', role: 'admin', stationId: 'JP', disabled: false }
  const self: AccountState = { id: 'a1', role: 'admin', stationId: 'JP', disabled: false }

  test('a head reaches the workers of their own station only', () => {
    expect(inReach(head, worker)).toBe(true)
    expect(inReach(head, supervisor)).toBe(false)
    expect(inReach(head, { ...worker, stationId: 'MX' })).toBe(false)
    expect(creationRefusal(head, { role: 'staff', stationId: 'XJ' })).toBeNull()
    expect(creationRefusal(head, { role: 'head', stationId: 'XJ' })?.field).toBe('role')
    expect(creationRefusal(head, { role: 'staff', stationId: 'MX' })?.field).toBe('stationId')
    expect(changeRefusal(head, worker, { role: 'supervisor' }, 1)?.field).toBe('role')
    expect(changeRefusal(head, supervisor, { disabled: true }, 1)?.code).toBe('NOT_FOUND')
  })

  test('an admin reaches every role up to their own in the subtree, and no further', () => {
    expect(changeRefusal(jinpuAdmin, supervisor, { role: 'admin', stationId: 'MX' }, 1)).toBeNull()
    expect(changeRefusal(jinpuAdmin, worker, { stationId: 'DL' }, 1)?.field).toBe('stationId')
    expect(changeRefusal(jinpuAdmin, { ...worker, stationId: 'DL' }, { disabled: true }, 1)?.code).toBe('NOT_FOUND')
  })

  test('nobody changes their own role, station or status', () => {
    expect(changeRefusal(jinpuAdmin, self, { role: 'supervisor' }, 3)?.message).toBe('不能修改自己的角色')
    expect(changeRefusal(jinpuAdmin, self, { stationId: 'XJ' }, 3)?.field).toBe('stationId')
    expect(changeRefusal(jinpuAdmin, self, { disabled: true }, 3)?.code).toBe('FORBIDDEN')
    expect(changeRefusal(jinpuAdmin, self, { role: 'admin' }, 0)).toBeNull() // not a change
  })

  test('the last active admin of a station is neither disabled, demoted nor moved away', () => {
    for (const change of [{ disabled: true }, { role: 'head' as const }, { stationId: 'XJ' }]) {
      expect(changeRefusal(jinpuAdmin, otherAdmin, change, 0)?.code).toBe('CONFLICT')
      expect(changeRefusal(jinpuAdmin, otherAdmin, change, 1)).toBeNull()
    }
    expect(changeRefusal(jinpuAdmin, { ...otherAdmin, disabled: true }, { stationId: 'XJ' }, 0)).toBeNull()
  })
})
