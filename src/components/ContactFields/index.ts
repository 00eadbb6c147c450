export { ContactFields, PREFERRED_TIMES } from './ContactFields'
export type { ContactFieldsProps, ContactKey, ContactValues } from './ContactFields'
