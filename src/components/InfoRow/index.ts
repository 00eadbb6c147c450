export { InfoRow } from './InfoRow'
export type { InfoRowProps } from './InfoRow'
