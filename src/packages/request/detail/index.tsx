import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import { REQUEST_STATUS_LABELS } from '@contract/requests'
import { cancelRequest, fetchRequest, sendMessage } from '@/api/requests'
import { Chip, REQUEST_STATUS_TONES } from '@/components/Chip'
import { ErrorState, Loading } from '@/components/StateView'
import { Field } from '@/components/Field'
import { TextBox } from '@/components/TextBox'
import { Timeline } from '@/components/Timeline'
import { LoginGate } from '@/components/LoginGate'
import { useQuery } from '@/hooks/useQuery'
import { alertError, describeError } from '@/services/errors'
import { callStation } from '@/services/stationActions'
import { useSession } from '@/stores/session'
import { ContactDetails } from './ContactDetails'
import { RequestRating } from './RequestRating'
import { BookingProposals } from './BookingProposals'
import './index.scss'

export default function RequestDetail() {
  const pageClass = usePageClass('page-request-detail')
  const { params } = useRouter()
  const id = params.id ?? ''
  // Back from the rating page (or from another app): show what changed since it was loaded.
  // Opened cold (a link, a subscribe message, a reload): no call goes out before the resident is logged in.
  const token = useSession((s) => s.token)
  const request = useQuery(['request', id, token], () => fetchRequest(id), { enabled: !!token, refreshOnShow: true, pullDownRefresh: true })
  const [message, setMessage] = useState('')
  const [messageError, setMessageError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  if (!token)
    return (
      <View className={pageClass}>
        <LoginGate reason='登录后可以查看这条求助的办理进度' />
      </View>
    )
  if (request.status === 'error')
    return (
      <View className={pageClass}>
        <ErrorState message={request.error.message} onRetry={request.reload} />
      </View>
    )
  if (!request.data)
    return (
      <View className={pageClass}>
        <Loading />
      </View>
    )
  const r = request.data
  const show = (next: typeof r) => request.setData(() => next)

  const messageProblem = (m: string) =>
    !m.trim() ? '请输入要补充的内容' : m.length > LIMITS.requestText ? `补充说明不能超过 ${LIMITS.requestText} 字` : null
  /** The message's error goes as soon as the message is fine. */
  const editMessage = (m: string) => {
    setMessage(m)
    if (messageError && !messageProblem(m)) setMessageError(null)
  }
  const send = async () => {
    const problem = messageProblem(message)
    if (problem) {
      setMessageError(problem)
      return
    }
    setBusy(true)
    try {
      show(await sendMessage(r.id, message.trim()))
      setMessage('')
      setMessageError(null)
    } catch (err) {
      setMessageError(describeError(err).message) // the text stays in the box
    } finally {
      setBusy(false)
    }
  }

  const cancel = async () => {
    const ok = await Taro.showModal({
      title: '取消求助',
      content: '确定不再需要社工帮助了吗？',
      confirmText: '确定取消',
      cancelText: '再想想',
    })
    if (!ok.confirm) return
    try {
      show(await cancelRequest(r.id))
    } catch (err) {
      alertError('无法取消', err)
      void request.reload()
    }
  }

  return (
    <View className={pageClass}>
      <View className='card'>
        <View className='request-detail__head'>
          <Text className='request-detail__title'>{SERVICE_CATEGORY_LABELS[r.category]}</Text>
          <Chip tone={REQUEST_STATUS_TONES[r.status]} className={`request-status request-status--${r.status}`}>
            {r.mergedInto ? '已合并' : REQUEST_STATUS_LABELS[r.status]}
          </Chip>
        </View>
        <Text className='muted'>求助编号 {r.number}</Text>
        {r.mergedInto && (
          <View className='request-detail__merged'>
            <Text>与求助 {r.mergedInto.number} 是同一件事，已合并，社工会在那条求助中继续跟进</Text>
            {r.mergedInto.own && (
              <Button
                className='btn btn-open-merged'
                onClick={() => void Taro.navigateTo({ url: `/packages/request/detail/index?id=${r.mergedInto!.id}` })}
              >
                查看求助 {r.mergedInto.number}
              </Button>
            )}
          </View>
        )}
        <Text className='request-detail__desc'>{r.description}</Text>
        {r.helped && (
          <Text className='muted'>
            为{r.helped.relationship}
            {r.helped.name}代办
          </Text>
        )}
        <View className='request-detail__station'>
          <Text>受理站点：{r.station.name}</Text>
          <Text className='muted request-detail__reason'>{r.routingReason}</Text>
          {r.status === 'submitted' && <Text className='muted'>响应时限：{r.expectedResponse}受理</Text>}
        </View>
        <View className='btn-row btn-row--fit'>
          <Button className='btn btn-call' onClick={() => callStation(r.station.phone)}>
            打电话给社工站
          </Button>
          {r.canCancel && (
            <Button className='btn btn-cancel-request' onClick={cancel}>
              取消求助
            </Button>
          )}
        </View>
      </View>

      <BookingProposals request={r} onChanged={() => void request.reload()} />

      <ContactDetails request={r} onCorrected={show} />

      <RequestRating request={r} />

      <Text className='section-title'>办理进度</Text>
      <View className='card'>
        <Timeline events={r.events} viewer='resident' />
      </View>

      {r.status !== 'cancelled' && (
        <View className='card'>
          <Field label='补充说明' hint='社工会看到您补充的内容' error={messageError}>
            <TextBox
              className='request-message'
              value={message}
              max={LIMITS.requestText}
              placeholder='例如：上午 9 点后家里有人'
              ariaLabel='补充说明'
              onChange={editMessage}
            />
          </Field>
          <Button className='btn btn--primary btn--main btn-send-message' {...busyProps(busy)} onClick={send}>
            发送
          </Button>
        </View>
      )}
    </View>
  )
}
