import { removeTemplates } from './templates'

export default removeTemplates
