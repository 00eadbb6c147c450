/**
 * Builds the Fastify instance: plugins in order (database, auth, OpenAPI),
 * then the routes, then the h5 portal. `main.ts` listens; tests may build it too.
 */
import http from 'node:http'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { fullFormats } from 'ajv-formats/dist/formats'
import Fastify, { type FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config'
import { createContext, type AppContext } from './context'
import type { Database } from './db'
import { decimalNumbersOnly } from './textNumbers'
import { clientErrorHandler, frameworkErrors, registerErrorHandling, reject, unstorableRefusal } from './errors'
import authPlugin from './plugins/auth'
import h5Plugin from './plugins/h5'
import openapiPlugin from './plugins/openapi'
import securityPlugin from './plugins/security'
import { loadSecret } from './services/checkinCode'
import { useDataKeys } from './services/fieldCrypto'
import { reindexBlind } from './repositories/reseal'
import accountRoutes from './routes/account'
import adminAccountRoutes from './routes/adminAccounts'
import activityRoutes from './routes/activities'
import adminCalendarRoutes from './routes/adminCalendar'
import adminStationRoutes from './routes/adminStations'
import authRoutes from './routes/auth'
import consentRoutes from './routes/consents'
import healthRoutes from './routes/health'
import metricsRoutes from './routes/metrics'
import ratingRoutes from './routes/ratings'
import requestRoutes from './routes/requests'
import staffRoutes from './routes/staff'
import staffActivityRoutes from './routes/staffActivities'
import workbenchRoutes from './routes/workbench'
import duplicateRoutes from './routes/duplicates'
import staffAlertRoutes from './routes/staffAlerts'
import reportTrendRoutes from './routes/reportTrends'
import followUpRoutes from './routes/followups'
import bookingRoutes from './routes/bookings'
import staffBookingRoutes from './routes/staffBookings'
import bookingProposalRoutes from './routes/bookingProposals'
import stationRoutes from './routes/stations'
import uploadRoutes from './routes/uploads'

/** Rows re-indexed per transaction at startup; a shorter batch is the last. */
const BLIND_INDEX_BATCH = 200

declare module 'fastify' {
  interface FastifyInstance {
    /** The database, configuration, clock, response targets and check-in key (server/context.ts). */
    ctx: AppContext
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
    // X-Forwarded-For only from the proxies TRUST_PROXY names (none by default): anyone else could forge it.
    trustProxy: opts.config.trustProxy.length > 0 ? opts.config.trustProxy : false,
    // What Fastify and Node answer before any route (a malformed URL, headers too large) is { code, message } too.
    frameworkErrors,
    clientErrorHandler,
    // WeChat's wx.request cannot send PATCH: the mini-program sends POST with X-HTTP-Method-Override: PATCH,
    // read here before routing (only PATCH can be asked for this way).
    serverFactory: (handler) => {
      const server = http.createServer((req, res) => {
        if (req.method === 'POST' && String(req.headers['x-http-method-override'] ?? '').toUpperCase() === 'PATCH') req.method = 'PATCH'
        handler(req, res)
      })
      // What Fastify sets on a server it makes itself, and not on one from serverFactory: an idle keep-alive socket is
      // kept 72 s (Node's own default is 5 s), longer than a client's or a reverse proxy's idle timeout, so that no
      // call is sent on a socket the server is closing (the client then sees ECONNRESET: the burst bench did, loaded).
      server.keepAliveTimeout = 72_000
      return server
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Query strings and path parameters arrive as text and are coerced to the
  // schema's types; JSON bodies are not (`{"code": 42}` is wrong, not "42").
  // Unknown fields are rejected (additionalProperties: false), never silently dropped.
  const ajvOptions = { removeAdditional: false, useDefaults: true, allErrors: false } as const
  const ajvText = addFormats(new Ajv({ ...ajvOptions, coerceTypes: 'array' }))
  const ajvBody = addFormats(new Ajv({ ...ajvOptions, coerceTypes: false }))
  // Dates and times both PostgreSQL and JavaScript can hold: RFC 3339 allows year 0000 (PostgreSQL has none)
  // and the leap second 23:59:60 (an Invalid Date in JavaScript); both are 400, not a database error.
  const storableTime = (s: string) => !s.startsWith('0000') && !Number.isNaN(Date.parse(s))
  for (const ajv of [ajvText, ajvBody]) {
    for (const name of ['date', 'date-time'] as const) {
      const rfc3339 = fullFormats[name] as { validate: (s: string) => boolean; compare: (a: string, b: string) => number | undefined }
      ajv.addFormat(name, { type: 'string', compare: rfc3339.compare, validate: (s: string) => rfc3339.validate(s) && storableTime(s) })
    }
  }
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? ajvBody.compile(schema) : decimalNumbersOnly(schema, ajvText.compile(schema)),
  )
  // Valid JSON that no PostgreSQL column can hold (a NUL or a lone surrogate in text, a subnormal number): 400, before any handler.
  app.addHook('preHandler', async (request) => {
    reject(unstorableRefusal(request))
  })

  const ctx = await createContext({ db: opts.db, config: opts.config, clock: opts.clock })
  app.addHook('onClose', async () => ctx.metrics.close())
  // Phones and addresses are sealed at rest; without DATA_KEYS a key kept in the database stands in (development only).
  useDataKeys(opts.config.dataKeys.length > 0 ? opts.config.dataKeys : [{ id: 'db', key: await loadSecret(opts.db, 'data-key') }])
  if (opts.config.dataKeys.length === 0 && opts.config.nodeEnv === 'production') {
    app.log.warn('DATA_KEYS is not set: phone numbers and addresses are sealed with a key stored in the database itself')
  }
  // Blind indexes missing (rows from before migration 018) or under a rotated-out key: recomputed before the first call.
  let indexed = 0
  for (let batch = BLIND_INDEX_BATCH; batch === BLIND_INDEX_BATCH; indexed += batch) {
    batch = await opts.db.transaction((tx) => reindexBlind(tx, BLIND_INDEX_BATCH))
  }
  if (indexed > 0) app.log.info({ indexed }, 'blind indexes recomputed')
  await app.register(
    fp(
      async (instance) => {
        instance.decorate('ctx', ctx)
      },
      { name: 'context' },
    ),
  )
  registerErrorHandling(app)
  // Every answer's duration, per route (the route's pattern, never the URL: ids and query strings stay out).
  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.requestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    )
  })
  await app.register(securityPlugin)
  await app.register(openapiPlugin)
  await app.register(authPlugin)

  await app.register(healthRoutes)
  await app.register(metricsRoutes)
  await app.register(stationRoutes)
  await app.register(authRoutes)
  await app.register(requestRoutes)
  await app.register(uploadRoutes)
  await app.register(staffRoutes)
  await app.register(workbenchRoutes)
  await app.register(duplicateRoutes)
  await app.register(staffAlertRoutes)
  await app.register(reportTrendRoutes)
  await app.register(followUpRoutes)
  await app.register(activityRoutes)
  await app.register(staffActivityRoutes)
  await app.register(ratingRoutes)
  await app.register(accountRoutes)
  await app.register(consentRoutes)
  await app.register(adminStationRoutes)
  await app.register(adminCalendarRoutes)
  await app.register(adminAccountRoutes)
  await app.register(bookingRoutes)
  await app.register(staffBookingRoutes)
  await app.register(bookingProposalRoutes)

  await app.register(h5Plugin, { dir: opts.config.h5Dir })
  return app
}
