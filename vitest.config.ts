import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'components/**/*.test.tsx', 'test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: [
            'fake-indexeddb/auto',
            'test/support/i18n-setup.ts',
            'test/support/dom-setup.ts',
          ],
          // Property-based and corpus tests take seconds, and many times longer on a busy two-core
          // machine: a limit is there to end a test that hangs, never to judge one that is slow.
          testTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/support/i18n-node-setup.ts'],
          // In-process servers log only what went wrong; server child processes set their own.
          env: { REPERTOIRE_LOG_LEVEL: 'warn' },
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // One browser or database cluster at a time on a two-core machine.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          env: { REPERTOIRE_LOG_LEVEL: 'warn' },
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // A browser on a loaded machine can take seconds to show what a test waits for; polls
          // that name no limit of their own wait this long before they fail.
          expect: { poll: { timeout: 30_000, interval: 100 } },
          // One browser or database cluster at a time on a two-core machine.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
