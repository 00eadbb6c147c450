import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { Textarea } from '@/components/Textarea'
import { Picker } from '@/components/Picker'
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, STATION_KIND_LABELS, STATION_KINDS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { SHEET_KIND_LABELS } from '@domain/stationSheet'
import { busyProps } from '@/utils/busy'
import { BrandCard, CloseCard, ExceptionsCard } from './components/ExtrasCard'
import { LocationCard } from './components/LocationCard'
import { useStationEdit, type StationTarget } from './useStationEdit'
import './index.scss'
import '../workbench.scss'

/**
 * Everything a resident sees of a station, as a form; saved, it is live at once. For the station `target` names (站点管理
 * beside its tree), else the one the page's address names.
 */
export function StationEditor({ target }: { target?: StationTarget }) {
  const edit = useStationEdit(target)
  const { form, errors, update, loaded, tree, isAdmin } = edit
  if (!edit.me) return null
  if (!edit.filled && loaded.status !== 'error' && edit.parentStatus !== 'error') return <Loading />
  if (loaded.status === 'error') return <ErrorState message={loaded.error.message} onRetry={loaded.reload} />
  if (!edit.id && !isAdmin) return <EmptyState text='新建站点仅限管理员' />

  // Where it may hang: any open station of the subtree except itself and what is below it.
  const below = new Set<string>(edit.id ? [edit.id] : [])
  for (const node of tree.data ?? []) if (node.parentId && below.has(node.parentId)) below.add(node.id)
  const parents = (tree.data ?? []).filter((n) => !n.closed && !below.has(n.id))
  const parentIndex = parents.findIndex((n) => n.id === form.parentId)
  const parentName = parents[parentIndex]?.name ?? loaded.data?.parentName ?? '（无）'
  const toggleService = (c: (typeof SERVICE_CATEGORIES)[number]) =>
    update({
      services: form.services.includes(c)
        ? form.services.filter((x) => x !== c)
        : SERVICE_CATEGORIES.filter((x) => x === c || form.services.includes(x)),
    })

  return (
    <>
      {loaded.data?.closed && (
        <View className='station-closed-notice' ariaRole='status'>
          该站点已停止服务（{loaded.data.closed.reason}），居民搜不到它。
        </View>
      )}
      <View className='card station-form'>
        <Text className='station-section__title'>基本信息</Text>
        <Field label='站点名称' required error={errors.name}>
          <Input
            className='input station-name'
            value={form.name}
            maxlength={LIMITS.stationName}
            placeholder='如：东山社区社会工作室'
            onInput={(e) => update({ name: e.detail.value })}
          />
        </Field>
        {edit.id ? (
          <Field label='站点编码' hint='导入表格按编码匹配站点，建好后不再改变'>
            <Text className='station-code'>{form.code}</Text>
          </Field>
        ) : (
          <Field label='站点编码' required hint='唯一，建好后不再改变；字母、数字、- 和 _，如 DL-JP-XJ-DS' error={errors.code}>
            <Input
              className='input station-code-input'
              value={form.code}
              maxlength={LIMITS.stationCode}
              onInput={(e) => update({ code: e.detail.value })}
            />
          </Field>
        )}
        <Field label='层级' required error={errors.kind}>
          {isAdmin ? (
            <OptionGroup
              name='层级'
              options={STATION_KINDS.map((k) => ({ value: k, label: SHEET_KIND_LABELS[k] }))}
              value={form.kind}
              onChange={(kind) => update({ kind })}
            />
          ) : (
            <Text>{STATION_KIND_LABELS[form.kind]}</Text>
          )}
        </Field>
        <Field
          label='上级站点'
          required={!edit.id}
          hint={edit.isOwn ? '您所在站点的上级由上级管理员调整' : undefined}
          error={errors.parentId}
        >
          {isAdmin && !edit.isOwn && parents.length > 0 ? (
            <Picker
              className='station-parent'
              mode='selector'
              range={parents.map((n) => `${'　'.repeat(n.depth)}${n.name}`)}
              value={Math.max(parentIndex, 0)}
              onChange={(e) => update({ parentId: parents[Number(e.detail.value)]?.id ?? form.parentId })}
            >
              <View className='input picker-value station-parent__value' ariaRole='button' ariaLabel={`上级站点：${parentName}，点按更换`}>
                {parentName}
              </View>
            </Picker>
          ) : (
            <Text>{parentName}</Text>
          )}
        </Field>
      </View>

      <LocationCard edit={edit} />

      <View className='card station-form'>
        <Text className='station-section__title'>联系与开放时间</Text>
        <Field label='电话' required error={errors.phone}>
          <Input
            className='input station-phone'
            type='text'
            value={form.phone}
            maxlength={LIMITS.phone}
            placeholder='如 0411-87612345'
            onInput={(e) => update({ phone: e.detail.value })}
          />
        </Field>
        <Field
          label='每周开放时间'
          hint='如「周一至周五 08:30-11:30、13:30-17:30；周六 09:00-11:30」。法定节假日自动休息，调休上班日按工作日开放'
          error={errors.hours}
        >
          <Textarea
            className='textarea station-hours'
            value={form.hours}
            maxlength={200}
            autoHeight
            onInput={(e) => update({ hours: e.detail.value })}
          />
        </Field>
        <Field label='时间说明' hint='选填，如「法定节假日休息；紧急情况请拨打 110/120」' error={errors.hoursNote}>
          <Input
            className='input station-hours-note'
            value={form.hoursNote}
            maxlength={LIMITS.hoursNote}
            onInput={(e) => update({ hoursNote: e.detail.value })}
          />
        </Field>
      </View>

      <View className='card station-form'>
        <Text className='station-section__title'>服务项目</Text>
        <Field label='提供的服务' required hint='居民按服务找站，求助按服务分派' error={errors.services}>
          <View className='option-group option-group--2' ariaRole='group' ariaLabel='提供的服务'>
            {SERVICE_CATEGORIES.map((c) => (
              <View
                key={c}
                className={`option station-service${form.services.includes(c) ? ' option--active' : ''}`}
                onClick={() => toggleService(c)}
                ariaRole='checkbox'
                {...{ 'aria-checked': form.services.includes(c) }}
              >
                {form.services.includes(c) ? '✓ ' : ''}
                {SERVICE_CATEGORY_LABELS[c]}
              </View>
            ))}
          </View>
        </Field>
        <Field label='简介' hint='选填，居民在站点页看到' error={errors.intro}>
          <Textarea
            className='textarea station-intro'
            value={form.intro}
            maxlength={LIMITS.stationIntro}
            onInput={(e) => update({ intro: e.detail.value })}
          />
        </Field>
      </View>

      <BrandCard edit={edit} />
      <ExceptionsCard edit={edit} />

      {errors.form && (
        <View className='field__error form-error' ariaRole='alert'>
          {errors.form}
        </View>
      )}
      <View className='card'>
        <Button className='btn btn--primary btn--main btn-station-save' {...busyProps(edit.busy)} onClick={() => void edit.submit()}>
          {edit.id ? '保存' : '新建站点'}
        </Button>
        {edit.id && loaded.data && !loaded.data.closed && (
          <Button className='btn btn--text btn-station-view' onClick={() => Taro.navigateTo({ url: `/pages/station/index?id=${edit.id}` })}>
            查看居民看到的站点页
          </Button>
        )}
      </View>
      <CloseCard edit={edit} />
    </>
  )
}
