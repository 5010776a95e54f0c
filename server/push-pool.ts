/**
 * Pushes on worker threads. A push is CPU-bound (JSON, validation, merge, serialisation) and the
 * HTTP thread is one core; each worker opens the database itself and applies whole pushes, so
 * validation runs in parallel and only the write transactions take turns (on SQLite through the
 * shared WriteLock, on PostgreSQL through the community's counter row).
 */
import { Worker } from 'node:worker_threads';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from './errors';
import type { Pusher } from './push';
import type { Storage } from './store/open';
import type { Principal } from './store/store';
import { WriteLock } from './store/write-lock';

/** What a worker is started with. */
export interface PushWorkerData {
  storage: Storage;
  writeLock: SharedArrayBuffer | undefined;
}

/** HTTP thread → worker. */
export type PushJob =
  { id: number; who: Principal; body: Uint8Array<ArrayBuffer> } | { close: true };

/** Worker → HTTP thread: first `ready` (or `failed`), then one reply per job. */
export type PushReply =
  | { ready: true }
  | { failed: string }
  | { id: number; response: string }
  | { id: number; refused: { status: number; code: string; message: string } }
  | { id: number; crashed: string };

export interface PushPool {
  push: Pusher;
  close(): Promise<void>;
}

interface Pending {
  resolve(response: string): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

const WORKER = new URL('./push-worker-boot.mjs', import.meta.url);

export async function startPushPool(
  size: number,
  storage: Storage,
  writeLock: SharedArrayBuffer | undefined,
): Promise<PushPool> {
  const data: PushWorkerData = { storage, writeLock };
  let closing = false;
  let nextId = 0;
  let slots: Slot[] = [];

  const spawn = (): Promise<Slot> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(WORKER, {
        workerData: data,
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      });
      const slot: Slot = { worker, pending: new Map() };
      worker.on('message', (reply: PushReply) => {
        if ('ready' in reply) return resolve(slot);
        if ('failed' in reply) return reject(new Error(reply.failed));
        const job = slot.pending.get(reply.id);
        slot.pending.delete(reply.id);
        if (!job) return;
        if ('response' in reply) job.resolve(reply.response);
        else if ('refused' in reply) {
          const { status, code, message } = reply.refused;
          job.reject(new ApiError(status as ContentfulStatusCode, code, message));
        } else job.reject(new Error(`push worker: ${reply.crashed}`));
      });
      worker.on('error', (error) => console.error('Push worker failed:', error));
      worker.once('exit', (code) => {
        reject(new Error(`push worker exited with code ${code} while starting`));
        // A worker that died holding the write lock must not stall the others.
        if (writeLock) WriteLock.releaseFor(writeLock, worker.threadId);
        for (const job of slot.pending.values()) {
          job.reject(new Error(`push worker exited with code ${code}`));
        }
        slot.pending.clear();
        if (closing) return;
        const index = slots.indexOf(slot);
        if (index < 0) return;
        spawn().then(
          (fresh) => void (slots[index] = fresh),
          (error: Error) => console.error('Push worker could not restart:', error.message),
        );
      });
    });

  slots = await Promise.all(Array.from({ length: size }, spawn));

  return {
    push: (who, body) => {
      // The least busy worker; ties go to the first.
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        // The body's buffer moves to the worker rather than being copied; nothing here reads it again.
        slot.worker.postMessage({ id, who, body } satisfies PushJob, [body.buffer]);
      });
    },
    async close() {
      closing = true;
      await Promise.all(
        slots.map(async ({ worker }) => {
          const exited = new Promise((done) => worker.once('exit', done));
          worker.postMessage({ close: true } satisfies PushJob);
          await exited;
        }),
      );
    },
  };
}
