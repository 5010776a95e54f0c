/**
 * Starts a throwaway PostgreSQL cluster for the integration tests (pg-cluster.ts) and removes it
 * afterwards. Tests read its URL with `inject('pgUrl')`; each test file creates its own database
 * in it.
 */
import type { TestProject } from 'vitest/node';
import { postgresBin, startPgCluster } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const bin = postgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb). ' +
        'The integration tests need them: run `apt-get install -y postgresql`.',
    );
  }
  // Durability is not what the tests test; many files create databases and write at once.
  const cluster = await startPgCluster(bin, ['fsync=off', 'max_connections=200']);
  project.provide('pgUrl', cluster.url);
  return cluster.stop;
}
