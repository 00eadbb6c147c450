/**
 * The 站点管理 tree, pure: which rows show (the expanded branches, or the
 * stations matching a search with the chain above each), and each station's
 * count of stations below it. The server sends the subtree parents-first.
 */
import type { AdminStationNode } from '@contract/types'

/** Rows drawn at once (a province has thousands of stations); the page offers the next ones on demand. */
export const TREE_PAGE = 200

export interface TreeRow {
  node: AdminStationNode
  /** Stations below it (all levels), closed ones included. */
  below: number
  hasChildren: boolean
  expanded: boolean
  /** It matches the search (shown in bold); false for the chain above a match. */
  match: boolean
}

export function countsBelow(nodes: readonly AdminStationNode[]): Map<string, number> {
  const below = new Map<string, number>(nodes.map((n) => [n.id, 0]))
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]))
  for (const node of nodes) {
    for (let up = parent.get(node.id) ?? null; up && below.has(up); up = parent.get(up) ?? null) below.set(up, below.get(up)! + 1)
  }
  return below
}

const matches = (n: AdminStationNode, q: string) => n.name.includes(q) || n.code.toLowerCase().includes(q.toLowerCase())

/** The rows to show: with a search, every match and the stations above it; else the branches that are expanded. */
export function visibleRows(nodes: readonly AdminStationNode[], expanded: ReadonlySet<string>, query: string): TreeRow[] {
  const below = countsBelow(nodes)
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const hasChildren = new Set(nodes.map((n) => n.parentId).filter((p): p is string => !!p))
  const search = query.trim()
  const row = (n: AdminStationNode, open: boolean, match: boolean): TreeRow => ({
    node: n,
    below: below.get(n.id) ?? 0,
    hasChildren: hasChildren.has(n.id),
    expanded: open,
    match,
  })
  if (search) {
    const shown = new Set<string>()
    const hit = new Set<string>()
    for (const node of nodes) {
      if (!matches(node, search)) continue
      hit.add(node.id)
      for (let id: string | null = node.id; id && byId.has(id) && !shown.has(id); id = byId.get(id)!.parentId) shown.add(id)
    }
    return nodes.filter((n) => shown.has(n.id)).map((n) => row(n, true, hit.has(n.id)))
  }
  const visible = new Set<string>()
  const out: TreeRow[] = []
  for (const node of nodes) {
    const top = !node.parentId || !byId.has(node.parentId)
    if (!top && !(visible.has(node.parentId!) && expanded.has(node.parentId!))) continue
    visible.add(node.id)
    out.push(row(node, expanded.has(node.id), false))
  }
  return out
}
