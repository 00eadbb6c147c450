/**
 * Props for a button that is busy (submitting). Only set when true: Taro's h5
 * Button renders `disabled="false"` as an attribute, which greys it out.
 */
export function busyProps(busy: boolean): { loading?: true; disabled?: true } {
  return busy ? { loading: true, disabled: true } : {}
}
