/**
 * A file's SHA-256 (the report's fingerprint of its data) on a thread of its own, so that the
 * reader's thread spends its time parsing: hashing is about a seventh of reading a plain
 * numeric CSV (90 ms of 640 for 100 MB). The thread reads the file itself (from the page cache,
 * just read or about to be); its code is a few lines of Node built-ins, given as source, so no
 * bundle or packaged path has to hold a module for it.
 */
import { Worker } from 'node:worker_threads';

/** Below this a thread's start (~20 ms) costs more than hashing on the reader's thread. */
export const OFF_THREAD_HASH_BYTES = 16 << 20;

const HASH_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const hash = createHash('sha256');
createReadStream(workerData.path, { highWaterMark: 1 << 20 })
  .on('data', (chunk) => hash.update(chunk))
  .on('error', (error) => parentPort.postMessage({ error: error.message, code: error.code }))
  .on('end', () => parentPort.postMessage({ sha256: hash.digest('hex') }));
`;

/** A hash under way: `result` settles with the hex digest, or rejects as reading the file would; `stop` ends the thread when the hash is no longer wanted. */
export interface FileHash {
  result: Promise<string>;
  stop(): void;
}

export function hashFileOffThread(path: string): FileHash {
  const worker = new Worker(HASH_THREAD, { eval: true, workerData: { path } });
  const result = new Promise<string>((resolve, reject) => {
    worker.once('message', (message: { sha256?: string; error?: string; code?: string }) => {
      if (message.sha256 !== undefined) resolve(message.sha256);
      else reject(Object.assign(new Error(message.error), { code: message.code }));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('The hashing thread stopped before it finished.')));
  });
  // A hash nobody waits for any more (stopped, or the read failed first) must not become an
  // unhandled rejection.
  result.catch(() => undefined);
  return {
    result,
    stop: () => {
      void worker.terminate();
    },
  };
}
