/**
 * Props for a button that is busy (submitting). Only set when true: Taro's h5
 * Button renders `disabled="false"` as an attribute, which greys it out.
 *
 * In the mini-program, WeChat's `loading` shows the spinner. In h5 the busy
 * state is `aria-busy` (the spinner is drawn by CSS, styles/common.scss), not
 * `loading`: Taro's h5 Button is a Stencil element that, on `loading`, inserts
 * its spinner before the invisible text node anchoring its slot — and React
 * removes that node whenever it rewrites the button's text (`textContent`),
 * e.g. when 提交求助 takes the place of 下一步 in the same spot. The insert then
 * threw "NotFoundError: Failed to execute 'insertBefore' on 'Node'" on every
 * request submission.
 */
export function busyProps(busy: boolean): { loading?: true; disabled?: true; 'aria-busy'?: true } {
  if (!busy) return {}
  return process.env.TARO_ENV === 'h5' ? { disabled: true, 'aria-busy': true } : { loading: true, disabled: true }
}
