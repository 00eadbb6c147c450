/**
 * Reads uploaded station files off the API's thread: one worker thread
 * (stationFileWorker.mjs) runs readStationFile — exceljs over a province's
 * workbook is seconds of CPU — while the API's thread goes on answering
 * residents. Same answer as readStationFile in this thread: the rows, each
 * checked, or the file's problems with their code (413, 415, 422).
 *
 * One file at a time in the worker; a few more wait their turn, and beyond
 * that an upload is refused at once (503, try again shortly). A parse that
 * runs past its time, or a worker that dies (out of memory on a hostile
 * workbook, a bug in a parser), answers 503 `UNAVAILABLE` with a clear
 * message — never a 500 — and the next file gets a new worker. An idle worker
 * is stopped after a while, so its memory goes back to the system.
 */
import path from 'node:path'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import type { FileRows } from './stationSheet'

export interface StationFileReaderOptions {
  /** How long one file may take in the worker (not counting the worker's own start), before it is stopped. */
  timeoutMs?: number
  /** Files that may wait while one is read; more are refused at once. */
  maxWaiting?: number
  /** An idle worker is stopped after this long. */
  idleMs?: number
  /** The worker's heap limits (a hostile file then kills the worker, not the API). */
  resourceLimits?: ResourceLimits
}

export interface StationFileReader {
  read: (content: Buffer, filename: string) => Promise<FileRows>
  close: () => Promise<void>
}

const ENTRY = path.join(__dirname, 'stationFileWorker.mjs')
/** What a fresh worker may take to start (tsx and exceljs loaded) on a busy machine, on top of the file's time. */
const STARTUP_MS = 30_000

/**
 * The worker's heap: a 5,000-row workbook is read within 32 MB, so a file at the row limit (20,000) within about
 * 128; a workbook that needs more (a zip bomb) stops the worker, not the API.
 */
const HEAP_MB = 512

const unavailable = (message: string, cause: string): FileRows => ({ ok: false, code: 'UNAVAILABLE', problems: [message], cause })
export const READER_MESSAGES = {
  busy: '正在读取其他导入的文件，请稍后重试',
  timeout: (seconds: number) => `读取文件超过 ${seconds} 秒，已停止：请稍后重试，或把文件分成几个较小的文件`,
  failed: '读取文件时出错，已停止：请稍后重试；如果反复出现，请在 Excel 中打开文件确认无误后另存为 .xlsx，或分成几个较小的文件',
  closed: '服务正在停止，请稍后重试',
}

interface Job {
  id: number
  bytes: Uint8Array
  filename: string
  resolve: (rows: FileRows) => void
}

export function createStationFileReader(options: StationFileReaderOptions = {}): StationFileReader {
  const { timeoutMs = 60_000, maxWaiting = 2, idleMs = 60_000, resourceLimits = { maxOldGenerationSizeMb: HEAP_MB } } = options
  let worker: Worker | null = null
  let current: { job: Job; timer: NodeJS.Timeout } | null = null
  const waiting: Job[] = []
  let idleTimer: NodeJS.Timeout | null = null
  let nextId = 1
  let closed = false

  const stopWorker = () => {
    const stopping = worker
    worker = null
    return stopping ? stopping.terminate().then(() => undefined) : Promise.resolve()
  }

  /** Answers the file being read, and starts the next. */
  const settle = (rows: FileRows) => {
    if (!current) return
    clearTimeout(current.timer)
    current.job.resolve(rows)
    current = null
    next()
  }

  const startWorker = (): Worker => {
    const started = new Worker(ENTRY, { resourceLimits })
    started.on('message', (message: { id: number; result: FileRows | { failed: string } }) => {
      if (started !== worker || current?.job.id !== message.id) return
      const result = message.result
      settle('failed' in result ? unavailable(READER_MESSAGES.failed, result.failed) : result)
    })
    const lost = (cause: string) => {
      if (started !== worker) return
      worker = null
      settle(unavailable(READER_MESSAGES.failed, cause))
    }
    started.on('error', (err) => lost(`station file worker failed: ${err.stack ?? String(err)}`))
    started.on('exit', (code) => lost(`station file worker exited with code ${code}`))
    return started
  }

  function next() {
    if (current || closed) return
    const job = waiting.shift()
    if (!job) {
      // An idle worker does not keep the process alive; one reading a file does.
      worker?.unref()
      if (worker && !idleTimer) {
        idleTimer = setTimeout(() => {
          idleTimer = null
          if (!current) void stopWorker()
        }, idleMs)
        idleTimer.unref()
      }
      return
    }
    if (idleTimer) clearTimeout(idleTimer)
    idleTimer = null
    const fresh = !worker
    const target = worker ?? (worker = startWorker())
    target.ref()
    const allowed = timeoutMs + (fresh ? STARTUP_MS : 0)
    const timer = setTimeout(() => {
      void stopWorker()
      settle(unavailable(READER_MESSAGES.timeout(Math.ceil(timeoutMs / 1000)), `station file not read within ${allowed} ms`))
    }, allowed)
    timer.unref()
    current = { job, timer }
    // The bytes move to the worker (transferred, not copied again).
    target.postMessage({ id: job.id, bytes: job.bytes, filename: job.filename }, [job.bytes.buffer as ArrayBuffer])
  }

  return {
    read(content, filename) {
      if (closed) return Promise.resolve(unavailable(READER_MESSAGES.closed, 'reader closed'))
      if (waiting.length >= maxWaiting && current) return Promise.resolve(unavailable(READER_MESSAGES.busy, 'reader busy'))
      return new Promise((resolve) => {
        // A copy of its own: the upload's Buffer may share its memory with others, and this one is handed over.
        waiting.push({ id: nextId++, bytes: new Uint8Array(content), filename, resolve })
        next()
      })
    },
    async close() {
      closed = true
      if (idleTimer) clearTimeout(idleTimer)
      for (const job of waiting.splice(0)) job.resolve(unavailable(READER_MESSAGES.closed, 'reader closed'))
      const stopping = stopWorker()
      settle(unavailable(READER_MESSAGES.closed, 'reader closed'))
      await stopping
    },
  }
}
