import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import type { ActivityDetail, CheckinBody, RosterEntry } from '@contract/types'
import { formatCstDateTime } from '@domain/chinaTime'
import { checkIn, closeRegistration, fetchRoster, reopenRegistration, rosterCsvPath } from '@/api/activities'
import { alertError, describeError } from '@/services/errors'
import { shareCsv } from '../shareCsv'
import { useStaffQuery } from '../useStaffQuery'
import {
  checkinNotice,
  pickSession,
  registrationSwitch,
  rosterGroups,
  sessionLine,
  sessionName,
  withAttendance,
  type CheckinNotice,
} from './model'

const NOT_SCANNED = '没有扫到签到码，请对准居民出示的二维码再试一次'

/** The roster page's data and actions: the session checked in, check-in by name and by QR code, registration, export. */
export function useRoster() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const roster = useStaffQuery(['roster', id], () => fetchRoster(id))
  const [chosenSessionId, setChosenSessionId] = useState<string | null>(null)
  const [notice, setNotice] = useState<CheckinNotice | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const data = roster.data
  if (!data) return { query: roster, view: null }
  const a = data.activity
  const now = new Date()
  const session = pickSession(a.sessions, chosenSessionId, now)
  const groups = rosterGroups(data, session.id)

  /** Posts a check-in; marks the participant present, or says why not. */
  const record = async (body: CheckinBody, busyKey: string, whatWasShown: string | null) => {
    setBusy(busyKey)
    try {
      const result = await checkIn({ ...body, sessionId: session.id })
      roster.setData((r) => withAttendance(r, result.enrollmentId, result.session.id))
      const next = checkinNotice(result, a.sessions.length)
      setNotice(next)
      void Taro.showToast({
        title: next.kind === 'ok' ? `${result.participantName} 签到成功` : `${result.participantName} 已签到过`,
        icon: 'none',
      })
    } catch (err) {
      const { message, error } = describeError(err)
      // A code that belongs to no enrollment of this activity: say which activity's code it should be.
      const text = whatWasShown && error.status === 404 ? `${message}。请核对居民出示的是不是“${whatWasShown}”的签到码` : message
      setNotice({ kind: 'error', text: `签到未成功：${text}` })
      void Taro.showToast({ title: whatWasShown ? '签到未成功' : message, icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  const tickByName = async (e: RosterEntry) => {
    if (busy) return
    const { confirm } = await Taro.showModal({
      title: '确认签到',
      content: `为 ${e.participantName} 登记${sessionName(session, a.sessions.length)}签到？\n${sessionLine(session, now)}`,
      confirmText: '签到',
      cancelText: '取消',
    })
    if (confirm) await record({ enrollmentId: e.enrollmentId, sessionId: session.id }, `tick-${e.enrollmentId}`, null)
  }

  const scan = async () => {
    if (busy) return
    let code: string
    try {
      code = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
    } catch (err) {
      if (!/cancel/.test(String((err as { errMsg?: string })?.errMsg ?? ''))) setNotice({ kind: 'error', text: NOT_SCANNED })
      return
    }
    if (!code) setNotice({ kind: 'error', text: NOT_SCANNED })
    else await record({ code, sessionId: session.id }, 'scan', a.title)
  }

  const switchRegistration = async () => {
    if (busy) return
    const closing = a.status === 'open'
    if (!closing && new Date(a.closesAt) <= new Date()) {
      void Taro.showModal({
        title: '报名时间已过',
        content: `报名截止时间是 ${formatCstDateTime(new Date(a.closesAt))}。如需继续报名，请先点“编辑”把报名截止时间延后。`,
        showCancel: false,
      })
      return
    }
    const { confirm } = await Taro.showModal({
      title: closing ? '截止报名' : '重新开放报名',
      content: closing
        ? '截止后居民将不能再报名或候补；已报名和候补的名单不受影响。'
        : `重新开放后，居民可以继续报名，直到 ${formatCstDateTime(new Date(a.closesAt))}。`,
      confirmText: closing ? '截止报名' : '重新开放',
    })
    if (!confirm) return
    setBusy('registration')
    try {
      const updated: ActivityDetail = closing ? await closeRegistration(a.id) : await reopenRegistration(a.id)
      roster.setData((r) => ({ ...r, activity: updated }))
      void Taro.showToast({ title: closing ? '已截止报名' : '已重新开放', icon: 'success' })
    } catch (err) {
      alertError('操作未成功', err)
    } finally {
      setBusy(null)
    }
  }

  const exportCsv = async () => {
    if (busy) return
    setBusy('export')
    try {
      await shareCsv(rosterCsvPath(a.id), `${a.title}-名单.csv`, '名单')
    } finally {
      setBusy(null)
    }
  }

  const chooseSession = (sessionId: string) => {
    setChosenSessionId(sessionId)
    setNotice(null)
  }

  return {
    query: roster,
    view: {
      activity: a,
      session,
      now,
      groups,
      notice,
      busy,
      ...registrationSwitch(a),
      chooseSession,
      tickByName,
      scan,
      switchRegistration,
      exportCsv,
    },
  }
}

export type RosterView = NonNullable<ReturnType<typeof useRoster>['view']>
