/**
 * Fault injection for test/integration, off unless REPERTOIRE_FAILPOINT is set:
 * - `pause-mid-push` holds every push open halfway through its writes, so a test can SIGKILL the
 *   server there;
 * - `hold-mid-push` holds every push there until the file named by REPERTOIRE_FAILPOINT_RELEASE
 *   exists, then lets it finish, so a test can stop the server while a push is in progress;
 * - `exit-worker-mid-push` ends the push worker thread halfway through its first push (not its
 *   replacement's), as a crash of that thread would;
 * - `exit-after-commit` kills the whole process once a push has committed, before its answer is
 *   sent.
 */
import { existsSync } from 'node:fs';
import { log } from './log';

export interface Failpoints {
  /** Called halfway through writing a batch, inside its transaction. */
  midPush?: () => Promise<void>;
  /** Called once a push has committed, before its answer is sent. */
  afterCommit?: () => Promise<void>;
}

const RELEASE_POLL_MS = 20;

export function failpoints(where: { pushWorker?: { replacement: boolean } } = {}): Failpoints {
  const failpoint = process.env['REPERTOIRE_FAILPOINT'];
  const say = (message: string) => log.warn({ failpoint }, `failpoint: ${message}`);
  if (failpoint === 'pause-mid-push') {
    return {
      midPush: () => {
        say('paused mid-push');
        return new Promise(() => undefined);
      },
    };
  }
  if (failpoint === 'hold-mid-push') {
    const release = process.env['REPERTOIRE_FAILPOINT_RELEASE'];
    if (!release) throw new Error('hold-mid-push needs REPERTOIRE_FAILPOINT_RELEASE=<file>');
    return {
      midPush: async () => {
        say('holding a push mid-way');
        while (!existsSync(release)) {
          await new Promise((next) => setTimeout(next, RELEASE_POLL_MS));
        }
        say('released the push');
      },
    };
  }
  if (failpoint === 'exit-worker-mid-push' && where.pushWorker?.replacement === false) {
    return {
      midPush: () => {
        say('push worker exits mid-push');
        process.exit(1);
      },
    };
  }
  if (failpoint === 'exit-after-commit') {
    return {
      afterCommit: () => {
        say('process dies after the commit');
        // From a worker thread too: the signal ends the whole process, as a crash would.
        process.kill(process.pid, 'SIGKILL');
        return new Promise(() => undefined);
      },
    };
  }
  return {};
}
