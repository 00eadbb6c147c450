/**
 * Taro's stylesheet for its plain-element components (`h5.useHtmlComponents`:
 * @tarojs/components-react/dist/index.css), with every selector inside
 * `:where()`, so that it weighs nothing against the portal's own styles.
 *
 * Stencil's components styled themselves by tag (`taro-button-core { … }`),
 * which any class of ours outranked. The plain-element components are styled
 * by class (`.taro-button-core.taro-btn-default { background: #f8f8f8 }`),
 * which outranked ours: every `.btn` turned grey with black text, and a button
 * after another moved 15 px down. With no weight, Taro's styles stay what they
 * were, defaults under ours.
 */
import fs from 'node:fs'
import path from 'node:path'
import postcss, { type AtRule } from 'postcss'

/** `.a .b` → `:where(.a .b)`; a pseudo-element stays outside (`:where(.a)::before`), as it must. */
export function withoutWeight(selector: string): string {
  const pseudo = /^(.*?)(::[\w-]+)$/.exec(selector.trim())
  if (pseudo) return pseudo[1] ? `:where(${pseudo[1]})${pseudo[2]}` : selector
  return `:where(${selector.trim()})`
}

export function weightlessCss(css: string): string {
  const sheet = postcss.parse(css)
  sheet.walkRules((rule) => {
    const parent = rule.parent
    if (parent?.type === 'atrule' && /keyframes$/i.test((parent as AtRule).name)) return
    rule.selectors = rule.selectors.map(withoutWeight)
  })
  return sheet.toString()
}

/** Writes the weightless copy under `dir` and returns its path, for the build to use instead of Taro's. */
export function weightlessComponentsCss(dir: string): string {
  const source = require.resolve('@tarojs/components-react/dist/index.css')
  fs.mkdirSync(dir, { recursive: true })
  const out = path.join(dir, 'components-react.css')
  fs.writeFileSync(out, weightlessCss(fs.readFileSync(source, 'utf8')))
  return out
}
