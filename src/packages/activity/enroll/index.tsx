import { usePageClass } from '@/stores/elder'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { Picker } from '@/components/Picker'
import type { ActivityDetail, Enrollment, FamilyMember } from '@contract/types'
import { LIMITS } from '@contract/limits'
import { ageRefusal, enrollmentStatusText, formatSchedule, registrationText } from '@domain/activities'
import { cstDate, formatCstDateTime } from '@domain/chinaTime'
import { CheckItem } from '@/components/CheckItem'
import { ContactFields } from '@/components/ContactFields'
import { InfoRow } from '@/components/InfoRow'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { ErrorState, Loading } from '@/components/StateView'
import { activityTitle, audienceText } from '@/components/ActivityCard'
import { busyProps } from '@/utils/busy'
import { CallStation, openMyEnrollments, participantText } from '../shared'
import { LoginGate } from '@/components/LoginGate'
import { ageAtActivity, hasAgeRange, needsChildConsent, useEnroll } from './useEnroll'
import { NoBreak } from '@/components/NoBreak'
import '../shared.scss'
import './index.scss'

const memberLabel = (m: FamilyMember, a: ActivityDetail) => `${m.name}（${m.relationship}，活动时 ${ageAtActivity(m.birthDate, a)} 岁）`

/** What happened, and what happens next. */
function Result({ enrollment: e, activity: a }: { enrollment: Enrollment; activity: ActivityDetail }) {
  const title = enrollmentStatusText(e)
  return (
    <View className='card enroll-result' ariaRole='status'>
      <Text className={`enroll-result__title enroll-result__title--${e.status}`}>
        {e.status === 'confirmed' ? '✓ ' : ''}
        {title}
      </Text>
      <InfoRow label='活动'>{activityTitle(a)}</InfoRow>
      <InfoRow label='参加人' valueClassName='enroll-result__participant'>
        {participantText(e.participant)}
      </InfoRow>
      <InfoRow label='时间'>
        <NoBreak text={formatSchedule(a.sessionCount, new Date(a.startsAt), new Date(a.endsAt))} />
      </InfoRow>
      <InfoRow label='地点'>{a.place}</InfoRow>
      <View className='enroll-result__next'>
        <Text className='station-section__title'>接下来</Text>
        {e.status === 'confirmed' && (
          <View>
            <Text className='enroll-result__line'>1. 签到码已放在“我的报名”里，到场后出示给社工扫码签到。</Text>
            <Text className='enroll-result__line'>2. 活动前一天会提醒您{a.bring ? `，请记得携带：${a.bring}` : ''}。</Text>
            <Text className='enroll-result__line'>
              3. 如果不能参加，请在 {formatCstDateTime(new Date(e.cancelDeadline))} 前到“我的报名”中取消，把名额让给候补的家庭。
            </Text>
          </View>
        )}
        {e.status === 'waitlisted' && (
          <View>
            <Text className='enroll-result__line'>1. 名额已满，您已排在候补名单中。有人取消时，按报名先后递补。</Text>
            <Text className='enroll-result__line'>
              2.{' '}
              {a.confirmWithinHours
                ? `轮到您时会通知您，请在 ${a.confirmWithinHours} 小时内到“我的报名”中确认参加，逾期名额将让给下一位。`
                : '轮到您时自动转为报名成功，并通知您。'}
            </Text>
            <Text className='enroll-result__line'>3. 在“我的报名”中可以随时查看候补位次，或取消候补。</Text>
          </View>
        )}
        {e.status === 'offered' && e.offerExpiresAt && (
          <Text className='enroll-result__line'>请在 {formatCstDateTime(new Date(e.offerExpiresAt))} 前到“我的报名”中确认参加。</Text>
        )}
      </View>
      <View className='btn-row'>
        <Button
          className='btn btn--primary btn--main btn-view-mine'
          onClick={() => Taro.redirectTo({ url: '/packages/activity/mine/index' })}
        >
          查看我的报名
        </Button>
        <Button className='btn btn--main btn-back' onClick={() => Taro.navigateBack().catch(() => undefined)}>
          返回活动
        </Button>
      </View>
      <CallStation name={a.station.name} phone={a.station.phone} />
    </View>
  )
}

export default function Enroll() {
  const pageClass = usePageClass('page-activity-enroll')
  const s = useEnroll()
  const { form: f, errors: e, update } = s

  if (s.activity.status === 'error' || s.activity.status === 'notFound')
    return (
      <View className={pageClass}>
        <ErrorState message={s.activity.error.message} onRetry={s.activity.reload} />
      </View>
    )
  if (!s.activity.data)
    return (
      <View className={pageClass}>
        <Loading />
      </View>
    )
  const a = s.activity.data

  if (s.result)
    return (
      <View className={pageClass}>
        <Result enrollment={s.result} activity={a} />
      </View>
    )

  const head = (
    <View className='card enroll-activity'>
      <Text className='enroll-activity__title'>{activityTitle(a)}</Text>
      <Text className='muted'>
        {a.station.name} · {formatSchedule(a.sessionCount, new Date(a.startsAt), new Date(a.endsAt))}
      </Text>
      <Text className='muted'>对象：{audienceText(a)}</Text>
      {a.registration === 'open' && a.seatsLeft === 0 && (
        <Text className='notice-box enroll-activity__full'>名额已满，现在报名将进入候补</Text>
      )}
      {a.registration !== 'open' && <Text className='notice-box notice-box--warn enroll-activity__closed'>{registrationText(a)}</Text>}
    </View>
  )

  if (!s.token) {
    return (
      <View className={pageClass}>
        {head}
        <LoginGate reason='报名需要先登录，以便您查看报名结果、签到码和候补进度' />
      </View>
    )
  }

  const member = f.participant && f.participant !== 'self' ? s.familyMembers.find((m) => m.id === f.participant) : undefined
  // Warn as soon as someone is chosen who does not fit (the server would refuse with the same words).
  const memberAgeWarning = member ? ageRefusal(a, ageAtActivity(member.birthDate, a), member.name) : null
  const photoSubject = f.participant === 'self' ? '我' : member && !member.isChild ? member.name : '孩子'
  const today = cstDate(new Date())

  return (
    <View className={pageClass}>
      {head}
      <View className='card enroll-form'>
        <Field
          label='谁参加'
          required
          hint={hasAgeRange(a) ? `这个活动面向 ${audienceText(a)}，按活动第一天的年龄计算` : undefined}
          error={e.participant}
        >
          {s.family.status === 'loading' && <Text className='muted'>正在读取我的家人…</Text>}
          {s.family.status === 'error' && (
            <View className='notice-box notice-box--warn' ariaRole='alert'>
              {s.family.error.message}
              <Button className='btn btn--text btn-retry-family' onClick={s.family.reload}>
                重试
              </Button>
            </View>
          )}
          <OptionGroup
            name='谁参加'
            columns={1}
            options={s.eligible.map((choice) => {
              const familyMember = s.familyMembers.find((x) => x.id === choice.value)
              return { value: choice.value, label: familyMember ? memberLabel(familyMember, a) : choice.name }
            })}
            value={f.participant}
            onChange={(participant) => update({ participant, photoConsent: false })}
          />
          {memberAgeWarning && !e.participant && (
            <View className='field__error' ariaRole='alert'>
              {memberAgeWarning}
            </View>
          )}
          {s.eligible.length === 0 && s.family.status !== 'loading' && (
            <Text className='muted participants-none'>您和已添加的家人都不符合这个活动的要求。</Text>
          )}
          {s.excluded.length > 0 && (
            <View className='participants-excluded'>
              <Text className='participants-excluded__title'>不能报名：</Text>
              {s.excluded.map((choice) => (
                <Text key={choice.value} className='participants-excluded__item'>
                  {choice.name}：{choice.refusal}
                </Text>
              ))}
            </View>
          )}
          {member && needsChildConsent(member) && (
            <Button className='btn btn-fix-member' onClick={() => s.fixMember(member.id)}>
              去“我的家人”重新同意
            </Button>
          )}
          <Button className='btn btn-add-family' onClick={s.addFamily}>
            + 添加家人（如孩子、老人）
          </Button>
        </Field>

        {f.participant === 'self' && (
          <View className='enroll-self'>
            <Field label='参加人姓名' required error={e.selfName}>
              <Input
                className='input self-name'
                value={f.selfName}
                maxlength={LIMITS.personName}
                placeholder='请填写真实姓名，签到时核对'
                onInput={(ev) => update({ selfName: ev.detail.value })}
              />
            </Field>
            {(hasAgeRange(a) || f.selfBirthDate) && (
              <Field label='出生日期' required={hasAgeRange(a)} hint='用于核对活动的年龄要求' error={e.selfBirthDate}>
                <Picker
                  className='self-birth-picker'
                  mode='date'
                  value={f.selfBirthDate || '1960-01-01'}
                  start='1900-01-01'
                  end={today}
                  onChange={(ev) => update({ selfBirthDate: String(ev.detail.value) })}
                >
                  <View
                    className={`input picker-value${f.selfBirthDate ? '' : ' picker-value--empty'}`}
                    ariaRole='button'
                    ariaLabel={`出生日期：${f.selfBirthDate || '点按选择出生日期'}`}
                  >
                    {f.selfBirthDate || '点按选择出生日期'}
                  </View>
                </Picker>
              </Field>
            )}
          </View>
        )}

        <ContactFields
          fields={['contactPhone']}
          values={f}
          errors={e}
          onChange={update}
          hints={{ contactPhone: '社工会打这个电话通知活动变动' }}
        />

        {a.photoConsentRequired && (
          <Field label='拍照与宣传（选填）' hint='不同意也可以正常报名；不同意的，拍照时会避开参加人或遮挡面部。'>
            <CheckItem
              className='photo-consent'
              checked={f.photoConsent}
              onChange={(photoConsent) => update({ photoConsent })}
              label={`同意活动中拍摄${photoSubject}的照片并用于社工站公开宣传`}
            />
          </Field>
        )}

        {e.form && (
          <View className='field__error form-error' ariaRole='alert'>
            {e.form}
          </View>
        )}

        <Button className='btn btn--primary btn--main btn-submit-enroll' {...busyProps(s.submitting)} onClick={s.submit}>
          {a.seatsLeft === 0 ? '提交报名（进入候补）' : '提交报名'}
        </Button>
        <Text className='muted enroll-form__privacy'>报名信息只提供给主办的社工站，用于组织本次活动。</Text>
        <Button className='btn btn--text btn-my-enrollments' onClick={openMyEnrollments}>
          查看我的报名
        </Button>
      </View>
    </View>
  )
}
