import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useCallback, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import type { ActivityDetail, ActivitySession, Roster, RosterEntry } from '@contract/types'
import { currentSession, formatAgeRange, formatSessionTime, registrationText } from '@domain/activities'
import { cstDate, formatCstDateTime } from '@domain/chinaTime'
import { ApiError } from '@/api/client'
import { checkIn, closeRegistration, fetchRoster, reopenRegistration, rosterCsvPath } from '@/api/activities'
import { shareCsv } from '../shareCsv'
import { ErrorState, Loading } from '@/components/StateView'
import { callStation } from '@/services/stationActions'
import { useStaffSession } from '@/stores/staffSession'
import { useStaffPage } from '../useStaffPage'
import './index.scss'

/** What the last check-in did, said in words (and not by colour alone). */
interface CheckinNotice {
  kind: 'ok' | 'already' | 'error'
  text: string
}

const sessionName = (s: ActivitySession, count: number) => (count > 1 ? `第 ${s.seq} 次课` : '本次活动')

function sessionLine(s: ActivitySession, now: Date): string {
  const today = cstDate(new Date(s.startsAt)) === cstDate(now)
  return `${formatSessionTime(new Date(s.startsAt), new Date(s.endsAt))}${today ? '（今天）' : ''}`
}

/** The participant's own line: age, and who enrolled them. */
function whoLine(e: RosterEntry): string {
  const age = e.age !== null ? `${e.age} 岁` : '年龄未填'
  const by = e.relationship ? `报名人：${e.guardianName}（参加人是其${e.relationship}）` : '本人报名'
  return `${age} · ${by}`
}

function PhoneButton({ e }: { e: RosterEntry }) {
  return (
    <Button className='btn roster-call' onClick={() => void callStation(e.contactPhone)} ariaLabel={`拨打 ${e.participantName} 家的电话 ${e.contactPhone}`}>
      📞 {e.contactPhone}
    </Button>
  )
}

function PhotoConsent({ e, required }: { e: RosterEntry; required: boolean }) {
  if (!required) return null
  return e.photoConsent ? (
    <Text className='roster-photo roster-photo--yes'>同意拍照宣传</Text>
  ) : (
    <Text className='roster-photo roster-photo--no'>⚠ 不同意拍照：请勿拍摄或公开其照片</Text>
  )
}

/** The roster of one activity: seats, offers and the waitlist, check-in by QR code or by name, and the tools to run it. */
export default function StaffRoster() {
  const pageClass = usePageClass('page-roster')
  const { params } = useRouter()
  const id = params.id ?? ''
  const token = useStaffSession((s) => s.token)
  const [roster, setRoster] = useState<Roster | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [sessionId, setSessionId] = useState<string | null>(null)
  const [notice, setNotice] = useState<CheckinNotice | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const load = useCallback(async () => {
    try {
      const r = await fetchRoster(id)
      setRoster(r)
      setSessionId((current) => (current && r.activity.sessions.some((s) => s.id === current) ? current : currentSession(r.activity.sessions, new Date())?.id ?? null))
      setError(null)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败，请稍后重试')
    }
  }, [id])

  useStaffPage(load)

  if (!token) return <View className={pageClass} />
  if (error && !roster) return <View className={pageClass}><ErrorState message={error} onRetry={() => void load()} /></View>
  if (!roster) return <View className={pageClass}><Loading /></View>

  const a = roster.activity
  const now = new Date()
  const session = a.sessions.find((s) => s.id === sessionId) ?? a.sessions[0]!
  const confirmed = roster.entries.filter((e) => e.status === 'confirmed')
  const offered = roster.entries.filter((e) => e.status === 'offered')
  const waitlisted = roster.entries
    .filter((e) => e.status === 'waitlisted')
    .sort((x, y) => (x.waitlistPosition ?? Infinity) - (y.waitlistPosition ?? Infinity))
  const present = confirmed.filter((e) => e.attendedSessionIds.includes(session.id))
  const noPhotos = a.photoConsentRequired ? confirmed.filter((e) => !e.photoConsent) : []
  const isCourse = a.sessions.length > 1

  /** Records a check-in in the roster on screen (the server has it already). */
  const markAttended = (enrollmentId: string, attendedSessionId: string) =>
    setRoster((r) => r && {
      ...r,
      entries: r.entries.map((e) => (e.enrollmentId === enrollmentId && !e.attendedSessionIds.includes(attendedSessionId) ? { ...e, attendedSessionIds: [...e.attendedSessionIds, attendedSessionId] } : e)),
    })

  const showResult = (participantName: string, s: ActivitySession, alreadyCheckedIn: boolean) => {
    const which = sessionName(s, a.sessions.length)
    if (alreadyCheckedIn) {
      setNotice({ kind: 'already', text: `${participantName} 已签到过（${which}），不用重复签到` })
      void Taro.showToast({ title: `${participantName} 已签到过`, icon: 'none' })
    } else {
      setNotice({ kind: 'ok', text: `✓ ${participantName} 签到成功（${which}）` })
      void Taro.showToast({ title: `${participantName} 签到成功`, icon: 'none' })
    }
  }

  const tickByName = async (e: RosterEntry) => {
    if (busy) return
    const which = sessionName(session, a.sessions.length)
    const { confirm } = await Taro.showModal({
      title: '确认签到',
      content: `为 ${e.participantName} 登记${which}签到？\n${sessionLine(session, now)}`,
      confirmText: '签到',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(`tick-${e.enrollmentId}`)
    try {
      const result = await checkIn({ enrollmentId: e.enrollmentId, sessionId: session.id })
      markAttended(result.enrollmentId, result.session.id)
      showResult(result.participantName, result.session, result.alreadyCheckedIn)
    } catch (err) {
      const message = err instanceof ApiError ? err.message : '签到失败，请稍后重试'
      setNotice({ kind: 'error', text: `签到未成功：${message}` })
      void Taro.showToast({ title: message, icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  const scan = async () => {
    if (busy) return
    let code: string
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      code = res.result
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? '')
      if (!/cancel/.test(msg)) setNotice({ kind: 'error', text: '没有扫到签到码，请对准居民出示的二维码再试一次' })
      return
    }
    if (!code) {
      setNotice({ kind: 'error', text: '没有扫到签到码，请对准居民出示的二维码再试一次' })
      return
    }
    setBusy('scan')
    try {
      const result = await checkIn({ code, sessionId: session.id })
      markAttended(result.enrollmentId, result.session.id)
      showResult(result.participantName, result.session, result.alreadyCheckedIn)
    } catch (err) {
      let message = err instanceof ApiError ? err.message : '签到失败，请稍后重试'
      if (err instanceof ApiError && err.status === 404) message = `${message}。请核对居民出示的是不是“${a.title}”的签到码`
      setNotice({ kind: 'error', text: `签到未成功：${message}` })
      void Taro.showToast({ title: '签到未成功', icon: 'none' })
    } finally {
      setBusy(null)
    }
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
      setRoster((r) => r && { ...r, activity: updated })
      void Taro.showToast({ title: closing ? '已截止报名' : '已重新开放', icon: 'success' })
    } catch (err) {
      void Taro.showModal({ title: '操作未成功', content: err instanceof ApiError ? err.message : '请稍后重试', showCancel: false })
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

  const canClose = a.status === 'open' && (a.registration === 'open' || a.registration === 'upcoming')
  const canReopen = a.status === 'closed' && a.registration !== 'ended'
  return (
    <View className={pageClass}>
      <View className='card roster-head'>
        <Text className='roster-head__title'>{a.project ? `${a.project}·` : ''}{a.title}</Text>
        <Text className='muted'>{isCourse ? `共 ${a.sessions.length} 次课 · ` : ''}{a.place} · {formatAgeRange(a)}</Text>
        <Text className={`roster-head__registration roster-head__registration--${a.registration}`}>
          {registrationText(a)}
        </Text>
        <View className='roster-counts' ariaRole='status'>
          <View className='roster-count roster-count--seats'>
            <Text className='roster-count__label'>已报名</Text>
            <Text className='roster-count__value'>{confirmed.length}/{a.capacity}</Text>
          </View>
          <View className='roster-count roster-count--waitlist'>
            <Text className='roster-count__label'>候补</Text>
            <Text className='roster-count__value'>{waitlisted.length}</Text>
          </View>
          <View className='roster-count roster-count--present'>
            <Text className='roster-count__label'>本次已签到</Text>
            <Text className='roster-count__value'>{present.length}</Text>
          </View>
        </View>
        {offered.length > 0 && <Text className='muted roster-offered-count'>另有 {offered.length} 人的名额在等待家长确认</Text>}
        <View className='btn-row'>
          <Button className='btn btn-edit-activity' onClick={() => Taro.navigateTo({ url: `/packages/workbench/activity-edit/index?id=${a.id}` })}>编辑</Button>
          {canClose && <Button className='btn btn-close-registration' {...busyProps(busy === 'registration')} onClick={switchRegistration}>截止报名</Button>}
          {canReopen && <Button className='btn btn-reopen-registration' {...busyProps(busy === 'registration')} onClick={switchRegistration}>重新开放报名</Button>}
          <Button className='btn btn-export-roster' {...busyProps(busy === 'export')} onClick={exportCsv}>导出名单</Button>
        </View>
        <Text className='muted roster-privacy'>名单含居民和儿童的个人信息，仅用于本站组织活动，请勿转发到群聊。</Text>
      </View>

      <View className='card roster-checkin'>
        <Text className='station-section__title'>签到</Text>
        {isCourse ? (
          <>
            <Text className='field__label'>签到的课次</Text>
            <View ariaRole='radiogroup' ariaLabel='签到的课次'>
              <ScrollView scrollX className='chip-row roster-sessions'>
                {a.sessions.map((s) => (
                  <View
                    key={s.id}
                    className={`chip roster-session${s.id === session.id ? ' chip--active' : ''}`}
                    onClick={() => { setSessionId(s.id); setNotice(null) }}
                    ariaRole='radio'
                    ariaLabel={`${sessionName(s, a.sessions.length)}，${sessionLine(s, now)}`}
                    {...{ 'aria-checked': s.id === session.id }}
                  >
                    {s.id === session.id ? '✓ ' : ''}第{s.seq}次 {formatSessionTime(new Date(s.startsAt), new Date(s.endsAt)).split('（')[0]}
                  </View>
                ))}
              </ScrollView>
            </View>
          </>
        ) : null}
        <Text className='roster-session-line'>{sessionName(session, a.sessions.length)}：{sessionLine(session, now)}</Text>
        <Text className='roster-present-line'>已签到 {present.length} 人，未签到 {confirmed.length - present.length} 人</Text>
        <Button className='btn btn--primary btn--main btn-scan-checkin' {...busyProps(busy === 'scan')} onClick={scan}>📷 扫码签到</Button>
        <Text className='muted'>扫居民在“我的报名”里出示的签到码；也可以在下方名单中按姓名签到。</Text>
        {notice && (
          <View className={`checkin-notice checkin-notice--${notice.kind}`} ariaRole='alert'>
            <Text className='checkin-notice__text'>{notice.text}</Text>
            {notice.kind !== 'error' && <Button className='btn btn-scan-next' onClick={scan}>继续扫码</Button>}
          </View>
        )}
      </View>

      {a.photoConsentRequired ? (
        noPhotos.length > 0 && (
          <View className='card roster-no-photo' ariaRole='note'>
            <Text className='roster-no-photo__title'>⚠ 不同意拍照（{noPhotos.length} 人）</Text>
            <Text className='roster-no-photo__names'>{noPhotos.map((e) => e.participantName).join('、')}</Text>
            <Text className='muted'>拍照和发布宣传时请避开以上参加者，不要公开其照片。</Text>
          </View>
        )
      ) : (
        <Text className='muted roster-photo-note'>本活动没有设置拍照宣传同意：请勿公开发布参加者的照片。</Text>
      )}

      <Text className='section-title'>报名成功（{confirmed.length}）</Text>
      {confirmed.length === 0 && <View className='card'><Text className='muted'>还没有人报名</Text></View>}
      {confirmed.map((e) => {
        const here = e.attendedSessionIds.includes(session.id)
        return (
          <View key={e.enrollmentId} className={`card roster-entry roster-entry--confirmed${here ? ' roster-entry--present' : ''}`}>
            <View className='roster-entry__head'>
              <Text className='roster-entry__name'>{e.participantName}</Text>
              {here ? (
                <Text className='roster-entry__present'>✓ 已签到</Text>
              ) : (
                <Button className='btn btn--primary roster-tick' {...busyProps(busy === `tick-${e.enrollmentId}`)} onClick={() => void tickByName(e)} ariaLabel={`为 ${e.participantName} 签到`}>
                  签到
                </Button>
              )}
            </View>
            <Text className='roster-entry__who'>{whoLine(e)}</Text>
            {e.notes ? <Text className='roster-entry__notes'>特殊需要：{e.notes}</Text> : null}
            <PhotoConsent e={e} required={a.photoConsentRequired} />
            {isCourse && <Text className='muted roster-entry__attendance'>已出勤 {e.attendedSessionIds.length}/{a.sessions.length} 次</Text>}
            <PhoneButton e={e} />
          </View>
        )
      })}

      {offered.length > 0 && (
        <>
          <Text className='section-title'>待确认（{offered.length}）</Text>
          {offered.map((e) => (
            <View key={e.enrollmentId} className='card roster-entry roster-entry--offered'>
              <View className='roster-entry__head'>
                <Text className='roster-entry__name'>{e.participantName}</Text>
                <Text className='roster-entry__status'>名额保留中，待家长确认</Text>
              </View>
              <Text className='roster-entry__who'>{whoLine(e)}</Text>
              {e.notes ? <Text className='roster-entry__notes'>特殊需要：{e.notes}</Text> : null}
              <PhotoConsent e={e} required={a.photoConsentRequired} />
              <PhoneButton e={e} />
            </View>
          ))}
        </>
      )}

      <Text className='section-title'>候补名单（{waitlisted.length}）</Text>
      {waitlisted.length === 0 && <View className='card'><Text className='muted'>没有人候补</Text></View>}
      {waitlisted.map((e, i) => (
        <View key={e.enrollmentId} className='card roster-entry roster-entry--waitlisted'>
          <View className='roster-entry__head'>
            <Text className='roster-entry__name'>{e.participantName}</Text>
            <Text className='roster-entry__position'>候补第 {e.waitlistPosition ?? i + 1} 位</Text>
          </View>
          <Text className='roster-entry__who'>{whoLine(e)}</Text>
          {e.notes ? <Text className='roster-entry__notes'>特殊需要：{e.notes}</Text> : null}
          <PhotoConsent e={e} required={a.photoConsentRequired} />
          <PhoneButton e={e} />
        </View>
      ))}
      {waitlisted.length > 0 && <Text className='muted roster-waitlist-note'>有人取消或增加名额时，候补按以上顺序{a.confirmWithinHours ? `转为待确认（需在 ${a.confirmWithinHours} 小时内确认）` : '自动转为报名成功'}。</Text>}
    </View>
  )
}
