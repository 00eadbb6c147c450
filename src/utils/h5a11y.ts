/**
 * Keyboard and screen-reader support for the h5 build. Taro draws a Button as
 * a <div class="taro-button-core"> (with `h5.useHtmlComponents`; before, the
 * custom element taro-button-core) and a Switch as the custom element
 * taro-switch-core, neither of which a browser treats as a control: this gives
 * every tappable element a role, a tab stop, and Enter/Space activation, in
 * one place for every page.
 */
const TAPPABLE =
  '.taro-button-core, [role="button"], [role="link"], [role="radio"], [role="checkbox"], [role="tab"], [role="switch"], taro-switch-core'

function enhance(el: Element) {
  if (el.hasAttribute('data-a11y')) return
  el.setAttribute('data-a11y', '')
  if (el.classList.contains('taro-button-core') && !el.hasAttribute('role')) el.setAttribute('role', 'button')
  const disabled = el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false'
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', disabled ? '-1' : '0')
  // A switch is operated through its own checkbox (labelled below), not through its host element.
  if (el.tagName === 'TARO-SWITCH-CORE') el.removeAttribute('tabindex')
}

/**
 * Taro's own chrome outside the pages: the title bar's 返回 / 首页 become labelled buttons and its title
 * the page's heading; a dialog of Taro.showModal is a modal dialog named by its title, with buttons.
 */
function enhanceChrome(root: Document) {
  const bar = root.getElementById('taro-navigation-bar')
  if (bar && !bar.hasAttribute('data-a11y')) {
    bar.setAttribute('data-a11y', '')
    for (const [cls, label] of [
      ['taro-navigation-bar-back', '返回'],
      ['taro-navigation-bar-home', '回到首页'],
    ] as const) {
      const button = bar.querySelector(`.${cls}`)
      button?.setAttribute('role', 'button')
      button?.setAttribute('aria-label', label)
      button?.querySelector('svg')?.setAttribute('aria-hidden', 'true')
      if (button) enhance(button)
    }
    const title = bar.querySelector('.taro-navigation-bar-title')
    title?.setAttribute('role', 'heading')
    title?.setAttribute('aria-level', '1')
  }
  root.querySelectorAll('.taro__modal .taro-modal__content:not([role])').forEach((dialog, i) => {
    dialog.setAttribute('role', 'dialog')
    dialog.setAttribute('aria-modal', 'true')
    const title = dialog.querySelector('.taro-modal__title')
    if (title) {
      title.id = title.id || `taro-modal-title-${i}`
      dialog.setAttribute('aria-labelledby', title.id)
    }
    dialog.querySelectorAll('.taro-model__btn').forEach((b) => {
      b.setAttribute('role', 'button')
      enhance(b)
    })
  })
}

let labelIds = 0

export function enableH5Accessibility(root: Document = document) {
  enhanceChrome(root)
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
    enhanceChrome(root)
    // Scrolling page containers must be reachable by keyboard too.
    root.querySelectorAll('.taro_page:not([tabindex])').forEach((p) => p.setAttribute('tabindex', '0'))
    // A switch's checkbox carries the label the page gave the switch.
    root.querySelectorAll('taro-switch-core[aria-label] input:not([aria-label])').forEach((input) => {
      input.setAttribute('aria-label', input.parentElement!.getAttribute('aria-label')!)
    })
    // A field's input or text box is named by the field's visible label (components/Field), or by the label the
    // page gave Taro's element: through aria-labelledby, which Taro's own rendering of the input leaves alone.
    root
      .querySelectorAll('.field input:not([aria-label]):not([aria-labelledby]), .field textarea:not([aria-label]):not([aria-labelledby])')
      .forEach((input) => {
        const host = input.matches('.taro-input-core') ? input : input.closest('taro-textarea-core')
        const named = host?.getAttribute('aria-label') ? host : input.closest('.field')?.querySelector('.field__label')
        if (!named) return
        if (!named.id) named.id = `a11y-label-${++labelIds}`
        input.setAttribute('aria-labelledby', named.id)
      })
    // An image's <img> takes its text alternative from the label the page gave the image (decorative when none).
    root.querySelectorAll('.taro-img > img:not([alt])').forEach((img) => {
      img.setAttribute('alt', img.parentElement?.getAttribute('aria-label') ?? '')
    })
  }).observe(root.body, { childList: true, subtree: true })
}
