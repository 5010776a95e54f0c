// The push worker's entry: worker threads do not inherit tsx's loader, so this plain module
// loads the TypeScript worker through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./push-worker.ts', import.meta.url);
