/**
 * Numbers in a query string or a path arrive as text, and the validator
 * coerces text to a number the way JavaScript's Number() does: it also reads
 * "Infinity" (which then passes `minimum` and `maximum`, and PostgreSQL
 * refuses), "1e400" (Infinity too), "0x27" (39), " 39" and "+39". Here a
 * number written as text is written as in JSON — an optional minus, decimal
 * digits, an optional fraction and exponent — and is finite; anything else is
 * "not a number" (400 naming the parameter), before the schema's own rules.
 * JSON bodies are not coerced: JSON has no Infinity, and a literal too large
 * for a double (1e400) is refused by the validator's own type check.
 */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/** Whether `text` is a finite number written as in JSON. */
export function isDecimalNumber(text: string): boolean {
  return JSON_NUMBER.test(text) && Number.isFinite(Number(text))
}

import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'

type FastifyValidationResult = ReturnType<FastifySchemaCompiler<unknown>>

interface SchemaLike {
  type?: unknown
  properties?: Record<string, SchemaLike>
}

const numericType = (s: SchemaLike): 'number' | 'integer' | null => {
  const types = Array.isArray(s.type) ? s.type : [s.type]
  return types.includes('integer') ? 'integer' : types.includes('number') ? 'number' : null
}

/** The validator of a query string or path, refusing numbers not written as finite decimals before coercion. */
export function decimalNumbersOnly(schema: unknown, validate: FastifyValidationResult): FastifyValidationResult {
  const numeric = Object.entries((schema as SchemaLike).properties ?? {}).flatMap(([name, s]) => {
    const type = numericType(s)
    return type ? [[name, type] as const] : []
  })
  if (numeric.length === 0) return validate
  const checked: FastifyValidationResult = (data: unknown) => {
    if (data && typeof data === 'object') {
      for (const [name, type] of numeric) {
        if (!Object.prototype.hasOwnProperty.call(data, name)) continue
        const value = (data as Record<string, unknown>)[name]
        for (const item of Array.isArray(value) ? value : [value]) {
          if (typeof item === 'string' && !isDecimalNumber(item)) {
            const error: FastifySchemaValidationError = {
              keyword: 'type',
              instancePath: `/${name}`,
              schemaPath: `#/properties/${name}/type`,
              params: { type },
              message: `must be ${type}`,
            }
            checked.errors = [error]
            return false
          }
        }
      }
    }
    const ok = validate(data)
    checked.errors = validate.errors
    return ok
  }
  return checked
}
