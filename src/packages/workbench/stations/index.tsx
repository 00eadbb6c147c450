import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { STATION_KIND_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import { fetchStationTree } from '@/api/adminStations'
import { Chip } from '@/components/Chip'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { usePageClass } from '@/stores/elder'
import { useCan, useStaffSession } from '@/stores/staffSession'
import { SideBySide } from '../components/SideBySide'
import { SectionNav } from '../SectionNav'
import { StationEditor } from '../station-edit/StationEditor'
import type { StationTarget } from '../station-edit/useStationEdit'
import { useStaffQuery } from '../useStaffQuery'
import { useWide } from '../useWide'
import { TREE_PAGE, visibleRows } from './tree'
import './index.scss'
import '../station-edit/index.scss'
import '../workbench.scss'

const EDIT_PAGE = '/packages/workbench/station-edit/index'

/**
 * 站点管理 (admins): the stations of the subtree as a tree with counts, a search, and the way to create, import and
 * export. A station opens in its editor: its own page on a phone, beside the tree on a desktop.
 */
export default function StationsPage() {
  const pageClass = usePageClass('page-admin-stations')
  const { me, token } = useStaffSession()
  const isAdmin = useCan('stations.admin')
  const tree = useStaffQuery(['adminStations'], fetchStationTree, { enabled: isAdmin })
  const [query, setQuery] = useState('')
  const [expanded, setExpanded] = useState<Set<string> | null>(null)
  // A province's thousands of stations are not drawn at once: TREE_PAGE rows, then more on demand.
  const [shown, setShown] = useState(TREE_PAGE)
  const nodes = tree.data ?? []
  // The own station starts open: its direct children show.
  const open = expanded ?? new Set(nodes.filter((n) => n.depth === 0).map((n) => n.id))
  const toggle = (id: string) => {
    const next = new Set(open)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    setExpanded(next)
  }
  const search = (text: string) => {
    setQuery(text)
    setShown(TREE_PAGE)
  }
  const rows = visibleRows(nodes, open, query)
  const wide = useWide()
  const [selected, setSelected] = useState<Omit<StationTarget, 'onSaved'> | null>(null)
  const edit = (target: Omit<StationTarget, 'onSaved'>) => {
    if (wide) setSelected(target)
    else void Taro.navigateTo({ url: target.id ? `${EDIT_PAGE}?id=${target.id}` : `${EDIT_PAGE}?parentId=${target.parentId ?? ''}` })
  }
  const matches = query.trim() ? rows.filter((r) => r.match).length : 0
  const canCollapse = !query.trim() && nodes.some((n) => n.depth > 0 && open.has(n.id))

  if (!token) return <View className={pageClass} />
  if (!isAdmin) {
    return (
      <View className={pageClass}>
        <EmptyState text='站点管理只对管理员开放（区县社工总站、市级指导中心的管理员账号）。' />
      </View>
    )
  }
  const closedCount = nodes.filter((n) => n.closed).length
  const list = (
    <View>
      <View className='card'>
        <Text className='stations-admin__who'>
          {me?.user.nickname} · {me?.station.name}
        </Text>
        <Text className='muted'>
          管辖 {nodes.length} 个站点{closedCount > 0 ? `，其中 ${closedCount} 个已停止服务` : ''}。修改后居民立即看到。
        </Text>
        <View className='btn-row btn-row--fit'>
          <Button className='btn btn--primary btn-station-new' onClick={() => edit({ parentId: me?.station.id ?? '' })}>
            新建站点
          </Button>
          <Button className='btn btn-station-import' onClick={() => Taro.navigateTo({ url: '/packages/workbench/station-import/index' })}>
            导入 / 导出表格
          </Button>
        </View>
        <SectionNav current='stations' />
      </View>

      <View className='card stations-search'>
        <Text className='field__label'>搜索站点</Text>
        <Input
          className='input stations-search__input'
          value={query}
          maxlength={LIMITS.stationSearch}
          placeholder='站点名称或编码'
          ariaLabel='搜索站点：名称或编码'
          onInput={(e) => search(e.detail.value)}
        />
        {tree.data && (
          <View className='stations-search__bar'>
            <View className='muted stations-search__count' ariaRole='status'>
              {query.trim() ? `找到 ${matches} 个站点` : `显示 ${rows.length} 个，共 ${nodes.length} 个站点`}
            </View>
            {query.trim() ? (
              <Button className='btn btn--text btn-stations-clear' onClick={() => search('')}>
                清除搜索
              </Button>
            ) : (
              canCollapse && (
                <Button
                  className='btn btn--text btn-stations-collapse'
                  onClick={() => {
                    setExpanded(null)
                    setShown(TREE_PAGE)
                  }}
                >
                  全部收起
                </Button>
              )
            )}
          </View>
        )}
      </View>

      {tree.status === 'loading' && !tree.data && <Loading />}
      {tree.status === 'error' && <ErrorState message={tree.error.message} onRetry={tree.reload} />}
      {tree.data && rows.length === 0 && <EmptyState text={query ? `没有名称或编码包含「${query}」的站点` : '还没有站点'} />}
      {rows.length > 0 && (
        <View className='card stations-tree' ariaRole='tree' ariaLabel='管辖的站点'>
          {rows.slice(0, shown).map(({ node: n, below, hasChildren, expanded: isOpen, match }) => (
            <View
              key={n.id}
              className={`station-node station-node--d${Math.min(n.depth, 4)}${n.closed ? ' station-node--closed' : ''}${
                wide && selected?.id === n.id ? ' wb-split__selected' : ''
              }`}
              ariaRole='treeitem'
            >
              {hasChildren && !query ? (
                <View
                  className='station-node__toggle'
                  onClick={() => toggle(n.id)}
                  ariaRole='button'
                  ariaLabel={`${isOpen ? '收起' : '展开'}${n.name}的下设站点`}
                >
                  {isOpen ? '▾' : '▸'}
                </View>
              ) : (
                <View className='station-node__toggle station-node__toggle--none' />
              )}
              <View className='station-node__body' onClick={() => edit({ id: n.id })} ariaRole='link'>
                <View className='station-node__head'>
                  <Text className={`station-node__name${match ? ' station-node__name--match' : ''}`}>{n.name}</Text>
                  {n.closed && (
                    <Chip tone='muted' className='station-node__closed'>
                      已停止服务
                    </Chip>
                  )}
                </View>
                <Text className='muted station-node__meta'>
                  {STATION_KIND_LABELS[n.kind]} · <Text className='nowrap'>{n.code}</Text>
                </Text>
                <View className='muted station-node__counts'>
                  {below > 0 && <Text className='station-node__count'>下设 {below} 个站点</Text>}
                  <Text className='station-node__count'>{n.staffCount} 名工作人员</Text>
                  <Text className='station-node__count'>{n.openRequests} 条进行中求助</Text>
                </View>
              </View>
            </View>
          ))}
          {rows.length > shown && (
            <View className='list-more stations-tree__more'>
              <Text className='muted'>
                还有 {rows.length - shown} 个站点未显示{query.trim() ? '：输入更完整的名称或编码可缩小范围' : ''}
              </Text>
              <Button className='btn btn-stations-more' onClick={() => setShown(shown + TREE_PAGE)}>
                再显示 {Math.min(TREE_PAGE, rows.length - shown)} 个
              </Button>
            </View>
          )}
        </View>
      )}
    </View>
  )
  if (!wide) return <View className={pageClass}>{list}</View>
  return (
    <View className={`${pageClass} wb-split-page`}>
      <SideBySide
        list={list}
        detail={
          selected && (
            <StationEditor
              key={selected.id ?? `new-${selected.parentId}`}
              target={{
                ...selected,
                onSaved: (id) => {
                  setSelected({ id })
                  void tree.reload()
                },
              }}
            />
          )
        }
        hint='点按左边的站点查看和修改，或新建站点'
      />
    </View>
  )
}
