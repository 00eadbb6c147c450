/**
 * Finding, reading and wrapping nodes of a rendered page. This is the one
 * place that reaches into j-component's and exparser's private parts, and why:
 *
 * - j-component exports only `register`, `create` and `behavior`. Its node
 *   wrapper (`dispatchEvent`, `data`, `instance`), the class its own
 *   `querySelector` wraps results in, is private to
 *   j-component/src/render/component.js; the exported root component extends
 *   it, so the harness takes it as that class's prototype (`JNode`) and wraps
 *   the nodes it finds exactly as j-component's `querySelector` does
 *   (`node.__componentNode__ ?? new Component(node)`).
 * - It has to find them itself: j-component's `querySelector` is exparser's
 *   `shadowRoot.querySelector`, which stays inside one shadow tree. Taro's
 *   pages are not one tree: the page renders into the `comp` custom component
 *   each time the tree is 15 levels deep (base.wxml's depth limit), and into
 *   `custom-wrapper`; built-in tags are registered as `<slot/>` hosts whose
 *   children are projected. So the walk goes through `shadowRoot`, and through
 *   a slot (`__slotName`) to its host's light children (`ownerShadowRoot`).
 * - What the WXML rendered — a node's `class`, `openType`, … — is kept only in
 *   j-component's virtual tree on the node (`_vt.attrs`); exparser keeps no
 *   unknown attributes. j-component's own `toJSON()` reads `_vt` the same way.
 *
 * These are stable in the pinned versions (j-component 1.4, exparser 2.x); a
 * test of `pages.test.ts` mounts every page and fails first if they move.
 */

const exparser = require('miniprogram-exparser')
/** j-component's node wrapper (dispatchEvent, querySelector, data, …). */
const JNode: new (exparserNode: any) => JNodeLike = Object.getPrototypeOf(require('j-component/src/render/component'))

/** A node of the rendered page (j-component wrapper around an exparser node). */
export interface JNodeLike {
  _exparserNode: any
  dom: HTMLElement
  data: any
  instance: any
  dispatchEvent(name: string, options?: { detail?: unknown }): void
  querySelector(selector: string): JNodeLike | undefined
  querySelectorAll(selector: string): JNodeLike[]
  triggerPageLifeTime(name: string, ...args: unknown[]): void
}

/**
 * Children in render order, through custom components: a component shows its
 * shadow tree, and a `<slot>` in it shows the host's light children (built-in
 * tags like view/text are registered as `<slot/>` only).
 */
export function childrenOf(node: any): any[] {
  if (node instanceof exparser.Component && node.shadowRoot && node.shadowRoot !== node) return [...node.shadowRoot.childNodes]
  if (node.__slotName !== undefined) {
    const host = node.ownerShadowRoot?.getHostNode?.()
    return host ? [...host.childNodes] : []
  }
  return [...(node.childNodes ?? [])]
}

/** An attribute as rendered from the WXML (wcc camel-cases names: `openType`). */
export function attrOf(node: any, name: string): unknown {
  return node._vt?.attrs?.find((a: { name: string }) => a.name === name)?.value
}

/** The node's `class` attribute as rendered from the WXML (virtual and text nodes have none). */
function classesOf(node: any): string[] {
  const attr = node._vt?.attrs?.find((a: { name: string }) => a.name === 'class')
  return typeof attr?.value === 'string' ? attr.value.split(/\s+/).filter(Boolean) : []
}

export function findByClass(root: JNodeLike, cls: string): JNodeLike[] {
  const out: JNodeLike[] = []
  const walk = (node: any) => {
    if (node !== root._exparserNode && classesOf(node).includes(cls)) out.push(node.__componentNode__ ?? new JNode(node))
    childrenOf(node).forEach(walk)
  }
  walk(root._exparserNode)
  return out
}

export function textOf(node: any): string {
  if (node instanceof exparser.TextNode) return node.textContent
  return childrenOf(node).map(textOf).join('')
}
