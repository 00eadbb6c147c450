/**
 * The worker thread that reads uploaded station files (services/stationFileReader.ts
 * starts it): it receives a file's bytes and name, and answers with what
 * readStationFile answers in the API's own thread — the rows, each checked,
 * or the file's problems. Plain JavaScript, so that it starts the same way
 * under `tsx`, `node --import tsx` and jest: it registers tsx's require hook
 * for the server's TypeScript itself (under tsx the hook is inherited too;
 * registering it again is harmless).
 */
import { createRequire } from 'node:module'
import { parentPort } from 'node:worker_threads'
import { register } from 'tsx/cjs/api'

register()
const { readStationFile } = createRequire(import.meta.url)('./stationSheet.ts')

parentPort.on('message', async ({ id, bytes, filename }) => {
  let result
  try {
    result = await readStationFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), filename)
  } catch (err) {
    result = { failed: String(err?.stack ?? err) }
  }
  parentPort.postMessage({ id, result })
})
