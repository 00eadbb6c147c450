/** The workbench's permission table and the rules for granting roles. */
import { STAFF_ROLES } from '../../contract/enums'
import { can, canGrant, capabilitiesOf, capabilityRefusal, CAPABILITIES, grantableRoles, scopeKind } from '../../domain/permissions'

describe('capabilities per role', () => {
  test('社工 work the queue but manage nobody', () => {
    expect(can('staff', 'queue.work')).toBe(true)
    expect(can('staff', 'accounts.manage')).toBe(false)
    expect(can('staff', 'station.edit')).toBe(false)
    expect(can('staff', 'queue.assign')).toBe(false)
  })

  test('站长 work the queue, edit their station and manage its workers', () => {
    for (const c of ['queue.work', 'queue.assign', 'station.edit', 'accounts.manage', 'replies.manage'] as const)
      expect(can('head', c)).toBe(true)
    expect(can('head', 'stations.admin')).toBe(false)
  })

  test('督导 work their own station and oversee the stations below', () => {
    expect(can('supervisor', 'queue.view')).toBe(true)
    expect(can('supervisor', 'queue.work')).toBe(true)
    expect(can('supervisor', 'reports.view')).toBe(true)
    expect(can('supervisor', 'station.edit')).toBe(false)
    expect(can('supervisor', 'accounts.manage')).toBe(false)
  })

  test('管理员 administer stations and accounts but do not work queues', () => {
    expect(can('admin', 'stations.admin')).toBe(true)
    expect(can('admin', 'accounts.manage')).toBe(true)
    expect(can('admin', 'queue.work')).toBe(false)
    expect(can('admin', 'queue.view')).toBe(false)
    expect(can('admin', 'reports.view')).toBe(false)
  })

  test('every role has only known capabilities, and every capability belongs to some role', () => {
    const used = new Set(STAFF_ROLES.flatMap((r) => capabilitiesOf(r)))
    expect([...used].every((c) => (CAPABILITIES as readonly string[]).includes(c))).toBe(true)
    expect(CAPABILITIES.filter((c) => !used.has(c))).toEqual([])
  })

  test('scope: own station, or the subtree', () => {
    expect(scopeKind('staff')).toBe('station')
    expect(scopeKind('head')).toBe('station')
    expect(scopeKind('supervisor')).toBe('subtree')
    expect(scopeKind('admin')).toBe('subtree')
  })
})

describe('granting roles', () => {
  test('a 站长 creates 社工 only', () => {
    expect(grantableRoles('head')).toEqual(['staff'])
    expect(canGrant('head', 'head')).toBe(false)
    expect(canGrant('head', 'admin')).toBe(false)
  })

  test('an admin grants any role up to admin; staff and supervisors grant none', () => {
    expect(grantableRoles('admin')).toEqual(['staff', 'head', 'supervisor', 'admin'])
    expect(grantableRoles('staff')).toEqual([])
    expect(grantableRoles('supervisor')).toEqual([])
  })
})

test('a refusal names who may use the feature', () => {
  expect(capabilityRefusal('reports.view')).toBe('站点统计报表仅限督导使用')
  expect(capabilityRefusal('accounts.manage')).toBe('账号管理仅限站长、管理员使用')
  expect(capabilityRefusal('queue.work')).toBe('处理求助仅限社工、站长、督导使用')
})
