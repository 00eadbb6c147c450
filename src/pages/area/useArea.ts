import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import type { AreaNode } from '@contract/types'
import { fetchAreas } from '@/api/stations'
import { useQuery } from '@/hooks/useQuery'
import { useLocation, type PickedArea } from '@/stores/location'
import { useRequestDraft } from '@/stores/requestDraft'

const LEVEL_PROMPT: Record<AreaNode['level'], string> = {
  province: '请选择省份',
  city: '请选择城市',
  district: '请选择区县',
  street: '请选择街道（乡镇）',
  community: '请选择社区（村）',
}

/**
 * The picker starts at the city (residents know their city; a province level
 * adds a tap, and 上海市 › 上海市 for the municipalities), each city with its
 * province beside it. The chosen path still begins with the province.
 */
export function useArea() {
  const { params } = useRouter()
  // `?for=helped`: where the person helped by a 代办 request lives (down to the community), for the request form.
  const forHelped = params.for === 'helped'
  const areas = useQuery(['areas'], fetchAreas)
  const provinces = areas.status === 'ok' ? areas.data : []
  const [path, setPath] = useState<AreaNode[]>([])
  const pickArea = useLocation((s) => s.pickArea)

  const cities = provinces.flatMap((p) => p.children)
  const provinceOf = (city: AreaNode) => provinces.find((p) => p.children.includes(city))
  const current = path[path.length - 1]
  // The resident's own area stops at the street (stations are found by distance from there).
  const childrenOf = (node: AreaNode) => (node.level === 'street' && !forHelped ? [] : node.children)
  const options = current ? childrenOf(current) : cities

  const finish = (chain: AreaNode[]) => {
    const node = chain[chain.length - 1]!
    const province = provinceOf(chain[0]!)
    const picked: PickedArea = { path: [...(province ? [province.name] : []), ...chain.map((n) => n.name)], center: node.center }
    if (forHelped) useRequestDraft.getState().update({ helpedArea: picked, helpedHere: false })
    else pickArea(picked)
    const pages = Taro.getCurrentPages()
    if (pages.length > 1) void Taro.navigateBack()
    else void Taro.switchTab({ url: '/pages/index/index' })
  }

  return {
    status: areas.status,
    error: areas.error?.message ?? null,
    reload: areas.reload,
    path,
    options,
    /** A city's province, said beside it in the first list (not for 上海市 in 上海市). */
    provinceName: (node: AreaNode) => {
      const province = node.level === 'city' ? provinceOf(node)?.name : undefined
      return province && province !== node.name ? province : null
    },
    prompt: options[0] ? LEVEL_PROMPT[options[0].level] : '',
    choose: (node: AreaNode) => {
      const chain = [...path, node]
      if (childrenOf(node).length === 0) finish(chain)
      else setPath(chain)
    },
    /** Use the whole current area (e.g. a district) as the resident's area. */
    chooseWhole: current ? () => finish(path) : null,
    back: () => setPath(path.slice(0, -1)),
    goTo: (depth: number) => setPath(path.slice(0, depth)),
  }
}
