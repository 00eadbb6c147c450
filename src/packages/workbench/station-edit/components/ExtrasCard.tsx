import { Button, Input, Switch, Text, View } from '@tarojs/components'
import { Textarea } from '@/components/Textarea'
import { Picker } from '@/components/Picker'
import { LIMITS } from '@contract/limits'
import { Field } from '@/components/Field'
import type { BrandForm, ExceptionForm } from '../form'
import type { StationEditState } from '../useStationEdit'

/** 品牌项目 (一站一品): name, summary and courses of each. */
export function BrandCard({ edit }: { edit: StationEditState }) {
  const { form, errors, update } = edit
  const set = (i: number, patch: Partial<BrandForm>) =>
    update({ brands: form.brands.map((b, k) => (k === i ? { ...b, ...patch } : b)) }, ['brands'])
  return (
    <View className='card station-form'>
      <Text className='station-section__title'>品牌项目（一站一品）</Text>
      <Field label='品牌项目' hint='选填，居民在站点页看到' error={errors.brands}>
        {form.brands.map((b, i) => (
          <View key={i} className='repeat-item brand-item'>
            <Input
              className='input brand-name'
              value={b.name}
              maxlength={LIMITS.brandName}
              ariaLabel={`第 ${i + 1} 个品牌项目的名称`}
              placeholder='项目名称，如：东山小学堂'
              onInput={(e) => set(i, { name: e.detail.value })}
            />
            <Textarea
              className='textarea brand-summary'
              value={b.summary}
              maxlength={LIMITS.brandSummary}
              ariaLabel='项目简介'
              placeholder='项目简介'
              onInput={(e) => set(i, { summary: e.detail.value })}
            />
            <Input
              className='input brand-items'
              value={b.items}
              ariaLabel='课程或子项目，用「、」分隔'
              placeholder='课程，用「、」分隔，如：节气美育、小小主播'
              onInput={(e) => set(i, { items: e.detail.value })}
            />
            <Button
              className='btn btn--text btn-brand-remove'
              onClick={() => update({ brands: form.brands.filter((_, k) => k !== i) }, ['brands'])}
            >
              删去这个项目
            </Button>
          </View>
        ))}
        {form.brands.length < 5 && (
          <Button
            className='btn btn-brand-add'
            onClick={() => update({ brands: [...form.brands, { name: '', summary: '', items: '' }] }, ['brands'])}
          >
            添加品牌项目
          </Button>
        )}
      </Field>
    </View>
  )
}

/** 特殊日期: the station closed (春节闭站), or open at other hours, for a date range. */
export function ExceptionsCard({ edit }: { edit: StationEditState }) {
  const { form, errors, update } = edit
  const set = (i: number, patch: Partial<ExceptionForm>) =>
    update({ exceptions: form.exceptions.map((e, k) => (k === i ? { ...e, ...patch } : e)) }, ['exceptions'])
  return (
    <View className='card station-form'>
      <Text className='station-section__title'>特殊日期</Text>
      <Field label='闭站或调整开放时间' hint='法定节假日和调休按国家安排自动处理，这里只填本站自己的安排' error={errors.exceptions}>
        {form.exceptions.map((e, i) => (
          <View key={i} className='repeat-item exception-item'>
            <View className='area-fields'>
              <Picker
                className='area-fields__item'
                mode='date'
                value={e.from}
                onChange={(ev) =>
                  set(i, { from: String(ev.detail.value), ...(e.to < String(ev.detail.value) ? { to: String(ev.detail.value) } : {}) })
                }
              >
                <View
                  className='input picker-value exception-from'
                  ariaRole='button'
                  ariaLabel={`开始日期：${e.from || '未选择'}，点按选择`}
                >
                  {e.from || '开始日期'}
                </View>
              </Picker>
              <Picker
                className='area-fields__item'
                mode='date'
                value={e.to}
                start={e.from}
                onChange={(ev) => set(i, { to: String(ev.detail.value) })}
              >
                <View className='input picker-value exception-to' ariaRole='button' ariaLabel={`结束日期：${e.to || '未选择'}，点按选择`}>
                  {e.to || '结束日期'}
                </View>
              </Picker>
            </View>
            <View className='switch-row'>
              <Text className='switch-row__text'>全天闭站</Text>
              <Switch
                className='exception-closed'
                checked={e.closed}
                onChange={(ev) => set(i, { closed: ev.detail.value })}
                ariaLabel='全天闭站'
              />
            </View>
            {!e.closed && (
              <Input
                className='input exception-hours'
                value={e.hours}
                ariaLabel='这几天的开放时间'
                placeholder='开放时间，如 09:00-12:00'
                onInput={(ev) => set(i, { hours: ev.detail.value })}
              />
            )}
            <Input
              className='input exception-reason'
              value={e.reason}
              maxlength={LIMITS.exceptionReason}
              ariaLabel='原因（居民会看到）'
              placeholder='原因，居民会看到，如：春节闭站'
              onInput={(ev) => set(i, { reason: ev.detail.value })}
            />
            <Button
              className='btn btn--text btn-exception-remove'
              onClick={() => update({ exceptions: form.exceptions.filter((_, k) => k !== i) }, ['exceptions'])}
            >
              删去这条
            </Button>
          </View>
        ))}
        <Button
          className='btn btn-exception-add'
          onClick={() =>
            update({ exceptions: [...form.exceptions, { from: '', to: '', closed: true, hours: '', reason: '' }] }, ['exceptions'])
          }
        >
          添加特殊日期
        </Button>
      </Field>
    </View>
  )
}

/** 关闭站点 / 重新开放 (admins, not their own station). */
export function CloseCard({ edit }: { edit: StationEditState }) {
  const station = edit.loaded.data
  if (!station || !edit.isAdmin || edit.isOwn) return null
  if (station.closed) {
    return (
      <View className='card station-form station-closed'>
        <Text className='station-section__title'>已停止服务</Text>
        <Text className='muted'>原因：{station.closed.reason}。居民搜不到该站点，求助不会分派到这里。</Text>
        <Button className='btn btn--primary btn-station-reopen' disabled={edit.busy} onClick={() => void edit.reopen()}>
          重新开放
        </Button>
      </View>
    )
  }
  return (
    <View className='card station-form'>
      <Text className='station-section__title'>关闭站点</Text>
      <Field label='关闭原因' hint='居民在转走的求助中会看到' error={edit.errors.reason}>
        <Input
          className='input station-close-reason'
          value={edit.reason}
          maxlength={LIMITS.exceptionReason}
          placeholder='如：撤并至先进街道社工站'
          onInput={(e) => edit.setReason(e.detail.value)}
        />
      </Field>
      <Button className='btn btn-station-close' disabled={edit.busy} onClick={() => void edit.close()}>
        关闭站点
      </Button>
    </View>
  )
}
