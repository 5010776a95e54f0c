/**
 * `npm run bench -- import`: 10,000 bookmarks (a browser's bookmarks export, as Chrome writes it)
 * imported from the options page into Personal, in real Chromium with the e2e build: from the
 * click on Import to the summary, which the page shows once the background has stored and
 * indexed every batch (so they are searchable). Beside it, in the same run, the baseline: the
 * same 10,000 link items written straight into IndexedDB in one transaction per 5,000 and
 * indexed by the same background, with no parsing, no messages and no checks.
 *
 * Each run is a fresh browser profile (an import into a repertoire that has them already adds
 * nothing). IMPORT_BOOKMARKS=n sets the count (default 10000), IMPORT_RUNS=n the runs of each
 * (default 3), alternated so that drift on a shared machine falls on both.
 */
import { bookmarksFile } from '../test/support/bookmarks-file';
import { sampleItem } from '../test/support/items';
import type { Item } from '../lib/wire';
import {
  NAME_HELPER,
  privateE2eBuild,
  saveTipWithoutWaiting,
  waitForDrain,
  writeItems,
} from './extension';
import { ms, summarize } from './stats';

const COUNT = Number(process.env.IMPORT_BOOKMARKS ?? 10_000);
const RUNS = Number(process.env.IMPORT_RUNS ?? 3);
const GOAL_MS = 10_000;

const { launchWithExtension, openPopup, remove } = await privateE2eBuild();
const file = Buffer.from(bookmarksFile(COUNT));

/** The items the import makes of the file, as plain link items. */
function sameItems(): Item[] {
  return Array.from({ length: COUNT }, (_, n) =>
    sampleItem('page', {
      community: 'personal',
      title: `Guide page ${n}`,
      url: `https://docs.example.com/guide/${n}`,
      canonicalUrl: `https://docs.example.com/guide/${n}`,
      tags: [`folder-${Math.floor(n / 100) + 1}`],
      html: '',
      markdown: '',
      text: '',
      createdAt: (1_700_000_000 + n) * 1000,
      updatedAt: (1_700_000_000 + n) * 1000,
    }),
  );
}

async function importRun(): Promise<number> {
  const ext = await launchWithExtension();
  try {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await page.getByLabel('File').setInputFiles({
      name: 'bookmarks.html',
      mimeType: 'text/html',
      buffer: file,
    });
    const total = new Intl.NumberFormat('en-US').format(COUNT);
    const t0 = performance.now();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText(`bookmarks.html: Imported ${total} items`).waitFor({ timeout: 300_000 });
    return performance.now() - t0;
  } finally {
    await ext.close();
  }
}

async function baselineRun(): Promise<number> {
  const ext = await launchWithExtension();
  try {
    const page = await openPopup(ext, 0);
    await page.evaluate(NAME_HELPER);
    const items = sameItems();
    const t0 = performance.now();
    await writeItems(page, items);
    // Searchable, as the import's summary is: a write makes the background index the queue.
    await saveTipWithoutWaiting(page, { title: 'Drain', body: 'Index the queue.', appliesTo: '' });
    await waitForDrain(page, 300_000);
    return performance.now() - t0;
  } finally {
    await ext.close();
  }
}

const imports: number[] = [];
const baselines: number[] = [];
for (let run = 0; run < RUNS; run++) {
  imports.push(await importRun());
  baselines.push(await baselineRun());
}
remove();

const [imp, base] = [summarize(imports), summarize(baselines)];
console.log(
  `import of ${COUNT} bookmarks (Chrome's bookmarks HTML, 100 folders) into Personal [Chromium], ${RUNS} runs each, alternated:`,
);
console.log(
  `  options page, click → summary (stored and indexed)   p50 ${ms(imp.p50)}  max ${ms(imp.max)}   runs: ${imports.map(ms).join(', ')}`,
);
console.log(
  `  baseline: same items straight into IndexedDB, indexed p50 ${ms(base.p50)}  max ${ms(base.max)}   runs: ${baselines.map(ms).join(', ')}`,
);
console.log(`  import / baseline: ${(imp.p50 / base.p50).toFixed(2)}x (p50)`);
console.log(
  `goal ≤ ${GOAL_MS / 1000} s for 10,000 bookmarks (slowest run): ${imp.max <= GOAL_MS ? 'MET' : 'MISSED'}${COUNT === 10_000 ? '' : ` (run at ${COUNT}, not 10,000)`}`,
);
