import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, ScrollView, Text, View } from '@tarojs/components'
import { STAFF_ROLE_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import type { StaffAccountListQuery } from '@contract/types'
import { fetchAccounts } from '@/api/staffAccounts'
import { Chip } from '@/components/Chip'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { usePageClass } from '@/stores/elder'
import { useStaffSession } from '@/stores/staffSession'
import { AccountDetail } from '../account/AccountDetail'
import { SideBySide } from '../components/SideBySide'
import { SectionNav } from '../SectionNav'
import { useWide } from '../useWide'
import { useStaffQuery } from '../useStaffQuery'
import './index.scss'
import '../workbench.scss'

const FILTERS: { label: string; status?: StaffAccountListQuery['status'] }[] = [
  { label: '全部' },
  { label: '在用', status: 'active' },
  { label: '已停用', status: 'disabled' },
]

export const ACCOUNT_PAGE = '/packages/workbench/account/index'
const NEW = 'new'

/** 账号管理: the accounts of my station (站长) or subtree (管理员), searchable; a new one, or one to change. */
export default function Accounts() {
  const pageClass = usePageClass('page-accounts')
  const me = useStaffSession((s) => s.me)
  const token = useStaffSession((s) => s.token)
  const [filter, setFilter] = useState(0)
  const [search, setSearch] = useState('')
  const [q, setQ] = useState('')
  const status = FILTERS[filter]!.status
  const query: StaffAccountListQuery = { ...(status ? { status } : {}), ...(q ? { q } : {}) }
  const list = useStaffQuery(['accounts', query], () => fetchAccounts(query))
  // A desktop browser: the list on the left and the chosen account (or 新建账号) beside it, as the queue does.
  const wide = useWide()
  const [selected, setSelected] = useState<string | null>(null)
  const open = (id: string | null) => {
    if (wide) setSelected(id ?? NEW)
    else void Taro.navigateTo({ url: id ? `${ACCOUNT_PAGE}?id=${id}` : ACCOUNT_PAGE })
  }

  if (!token || !me) return <View className={pageClass} />
  const listColumn = (
    <View>
      <View className='card'>
        <Text className='section-title'>账号管理</Text>
        <Text className='muted accounts__scope'>
          {me.station.name}
          {me.scope.length > 1 ? ` 及下设 ${me.scope.length - 1} 个站点` : ''}
        </Text>
        <Button className='btn btn--primary btn--main btn-new-account' onClick={() => open(null)}>
          新建账号
        </Button>
        <SectionNav current='accounts' />
      </View>
      <View className='accounts__search'>
        <Input
          className='input accounts-search'
          value={search}
          maxlength={LIMITS.nickname}
          placeholder='按姓名或账号查找'
          confirmType='search'
          onInput={(e) => setSearch(e.detail.value)}
          onConfirm={() => setQ(search.trim())}
          ariaLabel='按姓名或账号查找'
        />
        <Button className='btn accounts-search__go' onClick={() => setQ(search.trim())}>
          查找
        </Button>
      </View>
      <ScrollView scrollX className='chip-row'>
        {FILTERS.map((f, i) => (
          <View key={f.label} className={`chip${i === filter ? ' chip--active' : ''}`} onClick={() => setFilter(i)} ariaRole='button'>
            {f.label}
          </View>
        ))}
      </ScrollView>
      {list.status === 'loading' && !list.data && <Loading />}
      {list.status === 'error' && <ErrorState message={list.error.message} onRetry={list.reload} />}
      {list.status === 'ok' && list.data.items.length === 0 && <EmptyState text={q ? '没有找到符合的账号' : '还没有账号'} />}
      <View>
        {list.status !== 'error' &&
          list.data?.items.map((a) => (
            <View
              key={a.id}
              className={`card account-item${a.status === 'disabled' ? ' account-item--disabled' : ''}${wide && selected === a.id ? ' wb-split__selected' : ''}`}
              onClick={() => open(a.id)}
              ariaRole='link'
            >
              <View className='account-item__head'>
                <Text className='account-item__name'>{a.nickname}</Text>
                <View className='account-item__chips'>
                  <Chip className='account-item__role'>{STAFF_ROLE_LABELS[a.role]}</Chip>
                  {a.status === 'disabled' && (
                    <Chip tone='muted' className='account-item__status'>
                      已停用
                    </Chip>
                  )}
                  {a.status === 'active' && a.mustChangePassword && (
                    <Chip tone='warn' className='account-item__pending'>
                      待改初始密码
                    </Chip>
                  )}
                </View>
              </View>
              <Text className='muted account-item__line'>
                {a.username} · {a.station.name}
              </Text>
            </View>
          ))}
      </View>
    </View>
  )
  if (!wide) return <View className={pageClass}>{listColumn}</View>
  return (
    <View className={`${pageClass} wb-split-page`}>
      <SideBySide
        list={listColumn}
        detail={selected && <AccountDetail key={selected} id={selected === NEW ? null : selected} onChanged={list.reload} />}
        hint='点按左边的账号查看和修改，或新建账号'
      />
    </View>
  )
}
