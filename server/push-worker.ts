/** A push worker thread (see push-pool.ts): its own store, whole pushes, one reply each. */
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from './errors';
import { failpoints } from './failpoints';
import { log } from './log';
import { applyPush } from './push';
import type { PushJob, PushReply, PushWorkerData } from './push-pool';
import { openStore } from './store/open';

const port = parentPort;
if (!port) throw new Error('push-worker.ts runs as a worker thread');
const { storage, writeLock, replacement } = workerData as PushWorkerData;
const reply = (message: PushReply) => port.postMessage(message);

try {
  const faults = failpoints({ pushWorker: { replacement } });
  const store = await openStore(storage, {
    midPush: faults.midPush,
    writeLock,
    checkpoints: false,
    // Pushes to one community wait for each other on its counter row: more connections than a
    // few per worker would only wait there, and count against PostgreSQL's max_connections.
    poolSize: 3,
  });
  let open = 0;
  let closing = false;
  const closeWhenIdle = async () => {
    if (!closing || open > 0) return;
    await store.close();
    port.close();
  };
  port.on('message', async (job: PushJob) => {
    if ('close' in job) {
      closing = true;
      return closeWhenIdle();
    }
    open++;
    try {
      reply({ id: job.id, response: await applyPush(store, job.who, job.body, faults) });
    } catch (error) {
      if (error instanceof ApiError) {
        const { status, code, message } = error;
        reply({ id: job.id, refused: { status, code, message } });
      } else {
        log.error({ err: error }, 'push failed on a worker thread');
        reply({ id: job.id, crashed: (error as Error).message });
      }
    } finally {
      open--;
      await closeWhenIdle();
    }
  });
  reply({ ready: true });
} catch (error) {
  reply({ failed: (error as Error).message });
}
