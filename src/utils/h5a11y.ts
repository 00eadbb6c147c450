/**
 * Keyboard and screen-reader support for the h5 build. Taro renders its
 * components as custom elements (taro-button-core, taro-view-core, …) which a
 * browser does not treat as controls: this gives every tappable element a
 * role, a tab stop, and Enter/Space activation, in one place for every page.
 */
const TAPPABLE =
  'taro-button-core, [role="button"], [role="link"], [role="radio"], [role="checkbox"], [role="tab"], [role="switch"], taro-switch-core'

function enhance(el: Element) {
  if (el.hasAttribute('data-a11y')) return
  el.setAttribute('data-a11y', '')
  if (el.tagName === 'TARO-BUTTON-CORE' && !el.hasAttribute('role')) el.setAttribute('role', 'button')
  const disabled = el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false'
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', disabled ? '-1' : '0')
  // A switch is operated through its own checkbox (labelled below), not through its host element.
  if (el.tagName === 'TARO-SWITCH-CORE') el.removeAttribute('tabindex')
}

export function enableH5Accessibility(root: Document = document) {
  root.querySelectorAll(TAPPABLE).forEach(enhance)
  new MutationObserver((records) => {
    for (const r of records) {
      r.addedNodes.forEach((n) => {
        if (!(n instanceof Element)) return
        if (n.matches(TAPPABLE)) enhance(n)
        n.querySelectorAll(TAPPABLE).forEach(enhance)
      })
    }
  }).observe(root.body, { childList: true, subtree: true })
  root.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null
    if (!target || (e.key !== 'Enter' && e.key !== ' ')) return
    if (!target.matches(TAPPABLE)) return
    e.preventDefault()
    target.click()
  })
  new MutationObserver(() => {
    // Scrolling page containers must be reachable by keyboard too.
    root.querySelectorAll('.taro_page:not([tabindex])').forEach((p) => p.setAttribute('tabindex', '0'))
    // A switch's checkbox carries the label the page gave the switch.
    root.querySelectorAll('taro-switch-core[aria-label] input:not([aria-label])').forEach((input) => {
      input.setAttribute('aria-label', input.parentElement!.getAttribute('aria-label')!)
    })
    // An image's <img> takes its text alternative from the label the page gave the image (decorative when none).
    root.querySelectorAll('taro-image-core img:not([alt])').forEach((img) => {
      img.setAttribute('alt', img.closest('taro-image-core')?.getAttribute('aria-label') ?? '')
    })
  }).observe(root.body, { childList: true, subtree: true })
}
