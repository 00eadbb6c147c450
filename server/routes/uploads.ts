/**
 * Photos for a help request (up to 3, from `chooseMedia` + `uploadFile`): the
 * type is checked by content, not by name; size is limited; the files live in
 * the database and are served only to the uploader and the staff who can see
 * the request.
 */
import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { LIMITS } from '../../contract/limits'
import { ErrorSchema, IdParamsSchema, UploadSchema } from '../../contract/schemas'
import { badRequest, fail } from '../errors'
import { insertUpload } from '../repositories/uploads'
import { readPhoto } from '../usecases/photos'

/** The image type from the first bytes, or null. */
export function sniffImage(b: Buffer): string | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp'
  return null
}

const MB = LIMITS.photoBytes / 1024 / 1024

const uploads: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  await app.register(multipart, { limits: { fileSize: LIMITS.photoBytes, files: 1, fields: 5, parts: 6 } })

  app.post(
    '/api/uploads',
    {
      config: { limit: 'upload' },
      onRequest: app.authenticate,
      schema: {
        tags: ['求助'],
        summary: `上传一张求助照片（multipart/form-data，字段名 file；JPEG/PNG/WebP，不超过 ${MB} MB）`,
        security: [{ bearer: [] }],
        response: { 201: UploadSchema, 400: ErrorSchema, 401: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw fail('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传图片')
      // A multipart body the parser cannot read at all (no boundary, broken framing) is the client's error, not ours.
      const file = await request.file().catch((err: Error & { statusCode?: number }) => {
        throw err.statusCode ? err : badRequest('上传的内容格式不正确，请以 multipart/form-data 上传图片')
      })
      if (!file) throw fail('FIELD_INVALID', '没有收到图片', 'file')
      const tooLarge = () => fail('PAYLOAD_TOO_LARGE', `图片不能超过 ${MB} MB`)
      let content: Buffer
      try {
        content = await file.toBuffer()
      } catch {
        throw tooLarge()
      }
      // The parser cuts a file at the limit and marks its stream truncated; whether toBuffer() saw the mark
      // before the last chunk is a race, so the mark itself decides: a photo cut at 5 MB is never stored.
      if (file.file.truncated) throw tooLarge()
      if (content.length === 0) throw fail('FIELD_INVALID', '图片是空的', 'file')
      const mime = sniffImage(content)
      if (!mime) throw fail('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPG、PNG 或 WebP 格式的图片')
      const id = await insertUpload(ctx.db, { userId: request.user!.id, mime, content })
      return reply.status(201).send({ id, mime, size: content.length })
    },
  )

  app.get(
    '/api/uploads/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['求助'],
        summary: '查看照片（上传者本人，或能看到该求助的工作人员）',
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        response: { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const file = await readPhoto(ctx, request.user!.id, request.params.id)
      return reply
        .type(file.mime)
        .header('cache-control', 'private, max-age=3600')
        .send(Buffer.from(file.content) as never)
    },
  )
}

export default uploads
