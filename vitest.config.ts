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
          setupFiles: ['fake-indexeddb/auto'],
          // Property-based and corpus tests take seconds, and longer on a busy two-core machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          // In-process servers log only what went wrong; server child processes set their own.
          env: { REPERTOIRE_LOG_LEVEL: 'warn' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
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
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser or database cluster at a time on a two-core machine.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
