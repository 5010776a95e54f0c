/**
 * Fault injection for test/integration, off unless REPERTOIRE_FAILPOINT is set: `pause-mid-push`
 * holds every push open halfway through its writes so a test can SIGKILL the server there.
 */
import type { SqlStoreOptions } from './store/sql-store';

export function failpoints(): SqlStoreOptions {
  if (process.env['REPERTOIRE_FAILPOINT'] !== 'pause-mid-push') return {};
  return {
    midPush: () => {
      console.error('failpoint: paused mid-push');
      return new Promise(() => undefined);
    },
  };
}
