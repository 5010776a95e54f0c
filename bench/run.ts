/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after another, so that
 * one benchmark's heap and JIT state never colour another's. Pass names to run a subset:
 * `npm run bench -- search related`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, file)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed++;
}
if (files.length === 0) console.log('No benchmark matched.');
process.exit(failed === 0 ? 0 : 1);
