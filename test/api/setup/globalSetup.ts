import { makeTemplates } from './templates'

export default makeTemplates
