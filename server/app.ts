/**
 * Builds the Fastify instance: plugins in order (database, auth, OpenAPI),
 * then the routes, then the h5 portal. `main.ts` listens; tests may build it too.
 */
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import Fastify, { type FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config'
import type { Database } from './db'
import { registerErrorHandling } from './errors'
import authPlugin from './plugins/auth'
import h5Plugin from './plugins/h5'
import openapiPlugin from './plugins/openapi'
import securityPlugin from './plugins/security'
import { loadSecret } from './services/checkinCode'
import { useDataKeys } from './services/fieldCrypto'
import accountRoutes from './routes/account'
import activityRoutes from './routes/activities'
import authRoutes from './routes/auth'
import healthRoutes from './routes/health'
import requestRoutes from './routes/requests'
import staffRoutes from './routes/staff'
import staffActivityRoutes from './routes/staffActivities'
import stationRoutes from './routes/stations'
import uploadRoutes from './routes/uploads'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    db: Database
    /** The server's clock; injected in tests. */
    clock: () => Date
    /** Signs check-in codes; shared by every instance through the database. */
    checkinKey: Buffer
  }
}

export interface AppOptions {
  config: Config
  db: Database
  clock?: () => Date
  logger?: FastifyServerOptions['logger']
}

/** Never log bodies, query strings (they carry locations) or credentials. */
export const loggerOptions = (level: string): FastifyServerOptions['logger'] => ({
  level,
  redact: {
    paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.session_key', '*.token', '*.phone'],
    censor: '[已隐藏]',
  },
  serializers: {
    req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
  },
})

export async function buildApp(opts: AppOptions) {
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(opts.config.logLevel),
    bodyLimit: 64 * 1024,
    trustProxy: true,
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Query strings and path parameters arrive as text and are coerced to the
  // schema's types; JSON bodies are not (`{"code": 42}` is wrong, not "42").
  // Unknown fields are rejected (additionalProperties: false), never silently dropped.
  const ajvOptions = { removeAdditional: false, useDefaults: true, allErrors: false } as const
  const ajvText = addFormats(new Ajv({ ...ajvOptions, coerceTypes: 'array' }))
  const ajvBody = addFormats(new Ajv({ ...ajvOptions, coerceTypes: false }))
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? ajvBody : ajvText).compile(schema))

  app.decorate('config', opts.config)
  app.decorate('clock', opts.clock ?? (() => new Date()))
  app.decorate('checkinKey', await loadSecret(opts.db, 'checkin'))
  // Phones and addresses are sealed at rest; without DATA_KEYS a key kept in the database stands in (development only).
  useDataKeys(opts.config.dataKeys.length > 0 ? opts.config.dataKeys : [{ id: 'db', key: await loadSecret(opts.db, 'data-key') }])
  if (opts.config.dataKeys.length === 0 && opts.config.nodeEnv === 'production') {
    app.log.warn('DATA_KEYS is not set: phone numbers and addresses are sealed with a key stored in the database itself')
  }
  await app.register(
    fp(async (instance) => {
      instance.decorate('db', opts.db)
    }, { name: 'db' }),
  )
  registerErrorHandling(app)
  await app.register(securityPlugin)
  await app.register(openapiPlugin)
  await app.register(authPlugin)

  await app.register(healthRoutes)
  await app.register(stationRoutes)
  await app.register(authRoutes)
  await app.register(requestRoutes)
  await app.register(uploadRoutes)
  await app.register(staffRoutes)
  await app.register(activityRoutes)
  await app.register(staffActivityRoutes)
  await app.register(accountRoutes)

  await app.register(h5Plugin, { dir: opts.config.h5Dir })
  return app
}
