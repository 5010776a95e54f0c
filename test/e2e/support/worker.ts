/**
 * The extension's service worker under test control: stopped as Chrome stops it after ~30 s idle,
 * so the next event (a navigation, an alarm) starts it afresh, as it does for members all day.
 * Driven over CDP from an extension-less page kept for this purpose, which stays on about:blank:
 * navigations of the page whose session has the ServiceWorker domain enabled do not complete.
 */
import type { CDPSession } from 'playwright-core';
import type { ExtensionBrowser } from './browser';

export interface WorkerControl {
  /** Stops the worker and resolves once it has stopped. */
  stop(): Promise<void>;
  /** Resolves once the worker runs (it starts on the next event it listens to). */
  running(): Promise<void>;
  /** The worker's JS heap in use, in bytes (V8's count, no garbage collection first). */
  heapUsed(): Promise<number>;
  close(): Promise<void>;
}

type RunningStatus = 'stopped' | 'starting' | 'running' | 'stopping';

export async function controlWorker(ext: ExtensionBrowser): Promise<WorkerControl> {
  const page = await ext.context.newPage();
  const cdp: CDPSession = await ext.context.newCDPSession(page);
  const script = `chrome-extension://${ext.extensionId}/background.js`;
  let status: RunningStatus | undefined;
  const waiting: { want: RunningStatus; ok: () => void }[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    const version = event.versions.find((v) => v.scriptURL === script);
    if (!version) return;
    status = version.runningStatus;
    for (const w of waiting.filter((w) => w.want === status)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.ok();
    }
  });
  await cdp.send('ServiceWorker.enable');
  const reach = (want: RunningStatus) =>
    status === want ? Promise.resolve() : new Promise<void>((ok) => waiting.push({ want, ok }));

  /** Sends one command to the worker's target through this page's session. */
  async function inWorker(method: string): Promise<unknown> {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url === script);
    if (!target) throw new Error('The service worker is not running.');
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    try {
      return await new Promise((ok, fail) => {
        const onMessage = (event: { sessionId?: string; message: string }) => {
          if (event.sessionId !== sessionId) return;
          const reply = JSON.parse(event.message) as {
            id?: number;
            result?: unknown;
            error?: { message: string };
          };
          if (reply.id !== 1) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          if (reply.error) fail(new Error(reply.error.message));
          else ok(reply.result);
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        void cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id: 1, method }),
        });
      });
    } finally {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  }

  return {
    async stop() {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await reach('stopped');
    },
    running: () => reach('running'),
    async heapUsed() {
      const usage = (await inWorker('Runtime.getHeapUsage')) as { usedSize: number };
      return usage.usedSize;
    },
    async close() {
      await cdp.detach().catch(() => undefined);
      await page.close();
    },
  };
}
