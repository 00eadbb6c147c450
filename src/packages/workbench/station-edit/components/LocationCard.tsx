import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { LIMITS } from '@contract/limits'
import { formatDistance } from '@domain/format'
import { isInChina } from '@domain/geo'
import { fetchNearby } from '@/api/stations'
import { Field } from '@/components/Field'
import { useQuery } from '@/hooks/useQuery'
import type { StationEditState } from '../useStationEdit'

const coords = (lat: string, lng: string) => {
  const point = { lat: Number(lat), lng: Number(lng) }
  return lat.trim() && lng.trim() && Number.isFinite(point.lat) && Number.isFinite(point.lng) && isInChina(point) ? point : null
}

/** 位置: the area (routing sends requests by street and community), the address, and the point — on WeChat's map in the mini-program, typed with a preview in h5. */
export function LocationCard({ edit }: { edit: StationEditState }) {
  const { form, errors, update } = edit
  const point = coords(form.lat, form.lng)
  // The preview: the stations nearest the point, so a wrong point shows at once.
  const nearby = useQuery(['nearbyPreview', point?.lat, point?.lng], () => fetchNearby({ lat: point!.lat, lng: point!.lng, limit: 3 }), {
    enabled: !!point,
  })

  const pick = async () => {
    try {
      const res = await Taro.chooseLocation(point ? { latitude: point.lat, longitude: point.lng } : {})
      update(
        {
          lat: res.latitude.toFixed(6),
          lng: res.longitude.toFixed(6),
          ...(form.address.trim() ? {} : { address: res.address || res.name }),
        },
        ['location', 'address'],
      )
    } catch {
      // Cancelled, or the map was refused: the point stays as it was.
    }
  }

  const area = (key: 'province' | 'city' | 'district' | 'street' | 'community', label: string, max: number) => (
    <View className='area-fields__item'>
      <Text className='area-fields__label'>{label}</Text>
      <Input
        className={`input station-${key}`}
        value={form[key]}
        maxlength={max}
        ariaLabel={label}
        onInput={(e) => update({ [key]: e.detail.value }, ['area'])}
      />
    </View>
  )

  return (
    <View className='card station-form'>
      <Text className='station-section__title'>位置</Text>
      <Field label='所在地区' required hint='求助按街道、社区分派到站：街镇社工站填到街道，村社区工作室填到社区' error={errors.area}>
        <View className='area-fields'>
          {area('province', '省', LIMITS.areaName)}
          {area('city', '市', LIMITS.areaName)}
          {area('district', '区县', LIMITS.areaName)}
          {area('street', '街道（乡镇）', LIMITS.streetName)}
          {area('community', '社区（村）', LIMITS.streetName)}
        </View>
      </Field>
      <Field
        label='服务范围（选填）'
        hint='本站还负责的本区县社区、街道，用「、」分隔，如「和平社区、和兴社区」：这些地方的求助先交给本站'
        error={errors.coverage}
      >
        <Input
          className='input station-coverage'
          value={form.coverage}
          maxlength={LIMITS.coverageAreas * (LIMITS.streetName + 1)}
          placeholder='例如：和平社区、和兴社区'
          onInput={(e) => update({ coverage: e.detail.value }, ['coverage'])}
        />
      </Field>
      <Field label='地址' required error={errors.address}>
        <Input
          className='input station-address'
          value={form.address}
          maxlength={LIMITS.address}
          placeholder='例如：先进街道党群服务中心2楼'
          onInput={(e) => update({ address: e.detail.value })}
        />
      </Field>
      <Field
        label='坐标'
        required
        hint={
          process.env.TARO_ENV === 'weapp'
            ? '在微信地图上点选站点位置'
            : '填写 GCJ-02 坐标（腾讯地图、高德地图取点），下方预览离它最近的站点'
        }
        error={errors.location}
      >
        {process.env.TARO_ENV === 'weapp' && (
          <Button className='btn btn-choose-location' onClick={() => void pick()}>
            {point ? '在地图上重新选点' : '在地图上选点'}
          </Button>
        )}
        <View className='area-fields'>
          <View className='area-fields__item'>
            <Text className='area-fields__label'>纬度</Text>
            <Input
              className='input station-lat'
              type='digit'
              value={form.lat}
              maxlength={12}
              ariaLabel='纬度'
              placeholder='如 39.0601'
              onInput={(e) => update({ lat: e.detail.value }, ['location'])}
            />
          </View>
          <View className='area-fields__item'>
            <Text className='area-fields__label'>经度</Text>
            <Input
              className='input station-lng'
              type='digit'
              value={form.lng}
              maxlength={12}
              ariaLabel='经度'
              placeholder='如 121.7702'
              onInput={(e) => update({ lng: e.detail.value }, ['location'])}
            />
          </View>
        </View>
        {point && nearby.data && (
          <View className='location-preview' ariaRole='status'>
            <Text className='location-preview__title'>预览：离这个位置最近的站点</Text>
            {nearby.data
              .filter((n) => n.id !== edit.id)
              .map((n) => (
                <Text key={n.id} className='location-preview__item'>
                  {n.name} · {formatDistance(n.distanceMeters)}
                </Text>
              ))}
          </View>
        )}
      </Field>
    </View>
  )
}
