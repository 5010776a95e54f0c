/**
 * Fault injection for test/integration, off unless REPERTOIRE_FAILPOINT is set:
 * - `pause-mid-push` holds every push open halfway through its writes, so a test can SIGKILL the
 *   server there;
 * - `exit-worker-mid-push` ends the push worker thread halfway through its first push (not its
 *   replacement's), as a crash of that thread would.
 */
import type { SqlStoreOptions } from './store/sql-store';

export function failpoints(where: { pushWorker?: { replacement: boolean } } = {}): SqlStoreOptions {
  const failpoint = process.env['REPERTOIRE_FAILPOINT'];
  if (failpoint === 'pause-mid-push') {
    return {
      midPush: () => {
        console.error('failpoint: paused mid-push');
        return new Promise(() => undefined);
      },
    };
  }
  if (failpoint === 'exit-worker-mid-push' && where.pushWorker?.replacement === false) {
    return {
      midPush: () => {
        console.error('failpoint: push worker exits mid-push');
        process.exit(1);
      },
    };
  }
  return {};
}
