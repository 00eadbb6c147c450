/**
 * The API contract as TypeBox schemas, one file per feature: the server
 * validates requests and serializes responses with them, and `../types.ts`
 * derives the TypeScript types the mini-program uses (type-only, so none of
 * this reaches the app bundle).
 */
export * from './common'
export * from './stations'
export * from './requests'
export * from './ratings'
export * from './activities'
export * from './staff'
export * from './account'
export * from './workbench'
export * from './adminStations'
export * from './staffAccounts'
export * from './bookings'
export * from './duplicates'
export * from './staffAlerts'
export * from './reportTrends'
export * from './followups'
