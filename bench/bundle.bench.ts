/** Bundle sizes of every output file, raw and gzip, as the build check prints them. */
import { execFileSync } from 'node:child_process';

execFileSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
execFileSync('npx', ['tsx', 'scripts/check-build.ts', '.output/chrome-mv3'], { stdio: 'inherit' });
