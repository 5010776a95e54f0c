/**
 * Pushes on worker threads. A push is CPU-bound (JSON, validation, merge, serialisation) and the
 * HTTP thread is one core; each worker opens the database itself and applies whole pushes, so
 * validation runs in parallel and only the write transactions take turns (on SQLite through the
 * shared WriteLock, on PostgreSQL through the community's counter row).
 */
import { Worker } from 'node:worker_threads';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from './errors';
import { log } from './log';
import type { PushWorkerStats } from './metrics';
import type { Pusher } from './push';
import type { Storage } from './store/open';
import type { Principal } from './store/store';
import { WriteLock } from './store/write-lock';

/** What a worker is started with. */
export interface PushWorkerData {
  storage: Storage;
  writeLock: SharedArrayBuffer | undefined;
  /** False for the pool's first workers, true for those started after one died. */
  replacement: boolean;
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
  stats(): PushWorkerStats;
  /** Lets the pushes in progress finish, then ends the workers. */
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
/** A worker that dies is replaced; if its replacement cannot start, retries back off to this. */
const MAX_RESTART_DELAY_MS = 30_000;

export async function startPushPool(
  size: number,
  storage: Storage,
  writeLock: SharedArrayBuffer | undefined,
): Promise<PushPool> {
  let closing = false;
  let nextId = 0;
  /** undefined while that worker is being replaced. */
  const slots: (Slot | undefined)[] = [];

  const spawn = (replacement: boolean): Promise<Slot> =>
    new Promise((resolve, reject) => {
      const data: PushWorkerData = { storage, writeLock, replacement };
      const worker = new Worker(WORKER, {
        workerData: data,
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      });
      // Read now: once the thread has ended, worker.threadId is -1.
      const { threadId } = worker;
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
      worker.on('error', (error) => log.error({ err: error }, 'push worker failed'));
      worker.once('exit', (code) => {
        reject(new Error(`push worker exited with code ${code} while starting`));
        // A worker that died holding the write lock must not stall the others. Its database
        // connection closed with the thread, rolling back whatever it had not committed.
        if (writeLock) WriteLock.releaseFor(writeLock, threadId);
        for (const job of slot.pending.values()) {
          job.reject(new Error(`push worker exited with code ${code}`));
        }
        slot.pending.clear();
        const index = slots.indexOf(slot);
        if (closing || index < 0) return;
        log.error({ exitCode: code }, 'push worker exited; starting a replacement');
        slots[index] = undefined;
        void replace(index, 1_000);
      });
    });

  const replace = async (index: number, delayMs: number): Promise<void> => {
    try {
      const fresh = await spawn(true);
      if (closing) await fresh.worker.terminate();
      else slots[index] = fresh;
    } catch (error) {
      log.error({ err: error }, 'push worker could not restart');
      if (closing) return;
      setTimeout(() => void replace(index, Math.min(delayMs * 2, MAX_RESTART_DELAY_MS)), delayMs);
    }
  };

  slots.push(...(await Promise.all(Array.from({ length: size }, () => spawn(false)))));

  return {
    push: (who, body) => {
      // The least busy live worker; ties go to the first.
      let slot: Slot | undefined;
      for (const s of slots) if (s && (!slot || s.pending.size < slot.pending.size)) slot = s;
      if (!slot) {
        return Promise.reject(
          new ApiError(
            503,
            'unavailable',
            'The server cannot apply pushes right now; your changes stay on your device. Retry later.',
            { 'Retry-After': '5' },
          ),
        );
      }
      const target = slot;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        target.pending.set(id, { resolve, reject });
        // The body's buffer moves to the worker rather than being copied; nothing here reads it again.
        target.worker.postMessage({ id, who, body } satisfies PushJob, [body.buffer]);
      });
    },
    stats() {
      const live = slots.filter((s) => s !== undefined);
      return {
        live: live.length,
        restarting: slots.length - live.length,
        inFlight: live.reduce((sum, s) => sum + s.pending.size, 0),
      };
    },
    async close() {
      closing = true;
      await Promise.all(
        slots.map(async (slot) => {
          if (!slot) return;
          const exited = new Promise((done) => slot.worker.once('exit', done));
          slot.worker.postMessage({ close: true } satisfies PushJob);
          await exited;
        }),
      );
    },
  };
}
