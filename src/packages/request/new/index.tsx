import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import Taro from '@tarojs/taro'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { CATEGORY_QUESTIONS, RELATIONSHIPS, REQUESTER_LABELS, URGENCY_LABELS } from '@contract/requests'
import { PRIVACY_POLICY_VERSION } from '@contract/consents'
import { LIMITS } from '@contract/limits'
import { PHONE_FORMAT } from '@domain/phone'
import { HELP_REQUEST_NOTICE, HELP_REQUEST_NOTICE_TITLE, HELP_REQUEST_NOTICE_VERSION_LABEL } from '@/content/consents'
import { CheckItem } from '@/components/CheckItem'
import { ContactFields } from '@/components/ContactFields'
import { Field } from '@/components/Field'
import { InfoRow } from '@/components/InfoRow'
import { OptionGroup } from '@/components/OptionGroup'
import { TextBox } from '@/components/TextBox'
import { STEPS, useNewRequest } from './useNewRequest'
import './index.scss'

export default function NewRequest() {
  const pageClass = usePageClass('page-request-new')
  const f = useNewRequest()
  const { draft: d, errors: e, update } = f

  if (f.result) {
    const r = f.result
    return (
      <View className={pageClass}>
        <View className='card request-success' ariaRole='status'>
          <Text className='request-success__title'>已提交，社工会尽快联系您</Text>
          <InfoRow label='求助编号' valueClassName='request-success__number'>
            {r.number}
          </InfoRow>
          <InfoRow label='受理站点' valueClassName='request-success__station'>
            {r.station.name}
          </InfoRow>
          <InfoRow label='为什么' valueClassName='request-success__reason'>
            {r.routingReason}
          </InfoRow>
          <InfoRow label='响应时限' valueClassName='request-success__expected'>
            {r.expectedResponse}受理
          </InfoRow>
          <Text className='muted'>如果情况紧急，请直接拨打站点电话 {r.station.phone}</Text>
          <View className='btn-row'>
            <Button
              className='btn btn--primary btn--main btn-view-request'
              onClick={() => Taro.redirectTo({ url: `/packages/request/detail/index?id=${r.id}` })}
            >
              查看进度
            </Button>
            <Button className='btn btn--main' onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
              返回首页
            </Button>
          </View>
        </View>
      </View>
    )
  }

  if (f.consentAsk) {
    const notice = f.consentAsk.includes('help_requests')
    const policy = f.consentAsk.includes('privacy_policy')
    return (
      <View className={pageClass}>
        <View className='card consent-panel' ariaRole='dialog' ariaLabel={notice ? HELP_REQUEST_NOTICE_TITLE : '隐私政策已更新'}>
          <Text className='consent-panel__title'>{notice ? '发送求助前，请阅读并同意' : '隐私政策已更新，请阅读并同意'}</Text>
          {notice && (
            <View className='consent-panel__notice'>
              <Text className='consent-panel__name'>《{HELP_REQUEST_NOTICE_TITLE}》</Text>
              {HELP_REQUEST_NOTICE.map((s) => (
                <View key={s.title} className='consent-panel__section'>
                  <Text className='consent-panel__heading'>{s.title}</Text>
                  <Text className='consent-panel__text'>{s.text}</Text>
                </View>
              ))}
              <Text className='muted consent-panel__version'>{HELP_REQUEST_NOTICE_VERSION_LABEL}</Text>
            </View>
          )}
          {policy && (
            <Text className='consent-panel__link' onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })}>
              同意即表示您同意《社工站居民服务隐私政策》（版本 {PRIVACY_POLICY_VERSION}），点此阅读
            </Text>
          )}
          <View className='btn-row'>
            <Button className='btn btn--main btn-consent-cancel' onClick={f.declineConsent}>
              取消
            </Button>
            <Button className='btn btn--primary btn--main btn-consent-agree' {...busyProps(f.submitting)} onClick={f.agreeAndSubmit}>
              同意并继续
            </Button>
          </View>
        </View>
      </View>
    )
  }

  if (f.showEmergency) {
    return (
      <View className={pageClass}>
        <View className='card emergency-panel' ariaRole='alert'>
          <Text className='emergency-panel__title'>如果有人现在有危险，请先拨打电话</Text>
          <Text className='emergency-panel__text'>社工站无法替代紧急救援。拨打以下电话会更快得到帮助：</Text>
          {f.hotlines.map((h) => (
            <Button
              key={h.number}
              className='btn btn--primary btn--main btn-hotline'
              onClick={() => Taro.makePhoneCall({ phoneNumber: h.number }).catch(() => undefined)}
            >
              拨打 {h.label}
            </Button>
          ))}
          <Button className='btn btn--main btn-send-anyway' onClick={f.sendAnyway}>
            我已拨打或暂时安全，仍要发送紧急求助
          </Button>
          <Button className='btn btn--text' onClick={f.closeEmergency}>
            返回修改
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className={pageClass}>
      <View className='steps' ariaLabel={`第 ${f.step + 1} 步，共 ${STEPS.length} 步：${STEPS[f.step]}`}>
        {STEPS.map((s, i) => (
          <Text key={s} className={`steps__item${i === f.step ? ' steps__item--active' : ''}${i < f.step ? ' steps__item--done' : ''}`}>
            {i + 1}. {s}
          </Text>
        ))}
      </View>

      <View className='card request-form'>
        {d.stationName && !f.defaultStationDropped && (
          <Text className='request-form__station'>
            {d.stationSource === 'nearest' ? `默认：离您最近的「${d.stationName}」` : `求助站点：${d.stationName}`}
          </Text>
        )}

        {f.step === 0 && (
          <Field
            label='您需要哪方面的帮助？'
            required
            hint={
              d.stationName
                ? `前 ${f.stationServices.length} 项是「${d.stationName}」提供的服务；选择其他服务时，会交给附近提供该服务的社工站`
                : undefined
            }
            error={e.category}
          >
            <OptionGroup
              name='服务类别'
              options={f.services.map((c) => ({ value: c, label: SERVICE_CATEGORY_LABELS[c] }))}
              value={d.category}
              onChange={(category) => update({ category, attributes: {}, emergencyAcknowledged: false })}
            />
          </Field>
        )}

        {f.step === 1 && d.category && (
          <View>
            {(CATEGORY_QUESTIONS[d.category] ?? []).map((q) => (
              <Field key={q.key} label={q.label} required={q.required} error={e[`attr:${q.key}`]}>
                <OptionGroup
                  name={q.label}
                  options={q.options}
                  value={d.attributes[q.key]}
                  onChange={(v) => update({ attributes: { ...d.attributes, [q.key]: v }, emergencyAcknowledged: false })}
                  columns={1}
                />
              </Field>
            ))}
            <Field label='遇到了什么问题？' required hint='可以用输入法的语音输入说出来' error={e.description}>
              <TextBox
                className='request-description'
                value={d.description}
                max={LIMITS.requestText}
                placeholder='例如：母亲独自在家，腿脚不便，想了解助餐和上门探访服务'
                ariaLabel='遇到了什么问题'
                onChange={(description) => update({ description })}
              />
            </Field>
            {f.emergency.length > 0 && (
              <View className='emergency-hint' ariaRole='alert'>
                看起来可能有人正处于危险中，下一步会先显示紧急电话。
              </View>
            )}
            <Field label={`照片（选填，最多 ${LIMITS.photosPerRequest} 张）`} error={e.photos}>
              <View className='photos'>
                {d.photos.map((p) => (
                  <View key={p.id} className='photos__item'>
                    <Image className='photos__img' src={p.localPath} mode='aspectFill' ariaLabel='已上传的照片' />
                    <Button className='btn btn--text photos__remove' onClick={() => f.removePhoto(p.id)}>
                      删除
                    </Button>
                  </View>
                ))}
                {d.photos.length < LIMITS.photosPerRequest && (
                  <Button className='btn photos__add btn-add-photo' {...busyProps(f.uploading)} onClick={f.addPhotos}>
                    + 添加照片
                  </Button>
                )}
              </View>
            </Field>
          </View>
        )}

        {f.step === 2 && (
          <View>
            <Field label='为谁求助？' required>
              <OptionGroup
                name='为谁求助'
                options={(['self', 'family'] as const).map((v) => ({ value: v, label: v === 'self' ? '为自己' : '为家人代办（如父母）' }))}
                value={d.requester}
                onChange={(requester) => update({ requester })}
              />
            </Field>
            {d.requester === 'family' && (
              <View className='helped'>
                <Field label='被帮助人的姓名' required error={e.helpedName}>
                  <Input
                    className='input helped-name'
                    value={d.helpedName}
                    maxlength={LIMITS.personName}
                    placeholder='例如：张秀兰'
                    onInput={(ev) => update({ helpedName: ev.detail.value })}
                  />
                </Field>
                <Field label='他/她是您的' required error={e.helpedRelationship}>
                  <OptionGroup
                    name='关系'
                    options={RELATIONSHIPS.map((r) => ({ value: r, label: r }))}
                    value={d.helpedRelationship}
                    onChange={(helpedRelationship) => update({ helpedRelationship })}
                  />
                </Field>
                <Field label='被帮助人的电话（选填）' hint={PHONE_FORMAT} error={e.helpedPhone}>
                  <Input
                    className='input helped-phone'
                    type='number'
                    value={d.helpedPhone}
                    maxlength={LIMITS.phone}
                    placeholder='社工可能需要直接联系老人'
                    onInput={(ev) => update({ helpedPhone: ev.detail.value })}
                  />
                </Field>
                <Field label='被帮助人的住址（选填）' error={e.helpedAddress}>
                  <Input
                    className='input helped-address'
                    value={d.helpedAddress}
                    maxlength={LIMITS.address}
                    placeholder='小区、楼号、单元、门牌'
                    onInput={(ev) => update({ helpedAddress: ev.detail.value })}
                  />
                </Field>
                <Field label='对方是否同意由您代为求助' required error={e.helpedConsent}>
                  <CheckItem
                    className='helped-consent'
                    label='已征得对方同意'
                    checked={d.helpedConsent}
                    onChange={(helpedConsent) => update({ helpedConsent })}
                  />
                </Field>
              </View>
            )}
          </View>
        )}

        {f.step === 3 && (
          <View>
            {d.requester === 'family' && (
              <Field label='被帮助人在哪里' required hint='求助会交给被帮助人所在地的社工站' error={e.helpedArea}>
                <Text className={`request-where__place helped-place${f.helpedPlaceLabel ? '' : ' request-where__place--empty'}`}>
                  {f.helpedPlaceLabel ?? '还没有选择地区'}
                </Text>
                <View className='btn-row btn-row--fit'>
                  <Button className='btn btn-pick-helped-area' onClick={f.pickHelpedArea}>
                    {d.helpedArea ? '更改地区' : '选择地区'}
                  </Button>
                  {f.helpedIsHere && !d.helpedHere && (
                    <Button className='btn btn-helped-here' onClick={f.helpedIsHere}>
                      就在我现在的位置
                    </Button>
                  )}
                </View>
              </Field>
            )}
            {d.stationName && (
              <Field label='交给哪个社工站'>
                <Text className='request-where__station'>
                  {f.defaultStationDropped
                    ? `按被帮助人所在地区分派（不用离您最近的「${d.stationName}」）`
                    : d.stationSource === 'nearest'
                      ? `默认：离您最近的「${d.stationName}」`
                      : `您选择的「${d.stationName}」`}
                </Text>
                {!f.defaultStationDropped && (
                  <Button className='btn btn--text btn-change-station' onClick={f.changeStation}>
                    不指定站点，按地区分派
                  </Button>
                )}
              </Field>
            )}
            <ContactFields
              fields={['contactName', 'contactPhone', 'preferredTime', 'address']}
              values={d}
              errors={e}
              onChange={update}
              labels={{ address: '需要帮助的地点' }}
              hints={{ contactPhone: '社工会打这个电话联系您', ...(f.locationLabel ? { address: `已使用：${f.locationLabel}` } : {}) }}
              required={{ address: true }}
              addressExtra={
                process.env.TARO_ENV === 'weapp' && (
                  <Button className='btn btn-choose-location' onClick={f.useCurrentLocation}>
                    在地图上选择位置
                  </Button>
                )
              }
            />
            <Field label='紧急程度' error={e.urgency}>
              <OptionGroup
                name='紧急程度'
                options={(['normal', 'urgent'] as const).map((u) => ({ value: u, label: URGENCY_LABELS[u] }))}
                value={d.urgency}
                onChange={(urgency) => update({ urgency })}
              />
            </Field>
            <Text className='muted'>
              {REQUESTER_LABELS[d.requester]} · {d.category ? SERVICE_CATEGORY_LABELS[d.category] : ''} ·
              提交后只有处理您求助的社工站能看到这些信息
            </Text>
          </View>
        )}

        {e.form && (
          <View className='field__error form-error' ariaRole='alert'>
            {e.form}
          </View>
        )}

        <View className='btn-row'>
          {f.step > 0 && (
            <Button className='btn btn--main btn-prev' onClick={f.back}>
              上一步
            </Button>
          )}
          {f.step < STEPS.length - 1 ? (
            <Button className='btn btn--primary btn--main btn-next' onClick={f.next}>
              下一步
            </Button>
          ) : (
            <Button className='btn btn--primary btn--main btn-submit' {...busyProps(f.submitting)} onClick={f.submit}>
              提交求助
            </Button>
          )}
        </View>
        <Text className='muted request-form__saved'>填写内容会自动保存，退出后再来也不会丢失。</Text>
      </View>
    </View>
  )
}
