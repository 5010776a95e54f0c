// @vitest-environment jsdom
/**
 * Export and import on the options page, over fake IndexedDB, with the background's import
 * answered by its real batch writer: a JSON export downloaded, read back into a new browser,
 * progress and summary shown, and nothing added twice. Found by role and name.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  exportRecords,
  openRepertoireDb,
  PERSONAL_COMMUNITY_ID,
  putItems,
  type RepertoireDb,
} from '@/lib/db';
import { onMessages, type Handlers } from '@/lib/messaging';
import { importBatch } from '@/lib/repertoire/importing';
import { bookmarksFile } from '@/test/support/bookmarks-file';
import { sampleItem } from '@/test/support/items';
import { collectionViolations, mustViolations } from '@/test/support/web-annotation-musts';
import { ExportImport } from './ExportImport';

let downloaded: { name: string; blob: Blob }[];
let stop: () => void;
beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  downloaded = [];
  const blobs = new Map<string, Blob>();
  // jsdom has no object URLs: these stand in, keeping each blob to read back.
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloaded.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  stop = onMessages({
    importItems: async ({ community, batch }) => {
      const db = await openRepertoireDb();
      try {
        const tally = await importBatch(
          { db, engine: null, authoring: { community, author: 'Ana', now: Date.now() } },
          batch,
        );
        return { ok: true, tally };
      } finally {
        db.close();
      }
    },
  } as Partial<Handlers> as Handlers);
});
afterEach(() => {
  cleanup();
  stop?.();
  vi.restoreAllMocks();
});

async function seeded(): Promise<RepertoireDb> {
  const db = await openRepertoireDb();
  await putItems(
    db,
    ['Rebase safely', 'Find a process by port'].map((title) =>
      sampleItem('tip', { community: PERSONAL_COMMUNITY_ID, title }),
    ),
  );
  return db;
}

describe('export and import', () => {
  it('exports as JSON and reads it back into another browser, then finds it all already there', async () => {
    const db = await seeded();
    const before = await exportRecords(db, PERSONAL_COMMUNITY_ID);
    db.close();
    render(<ExportImport />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export as JSON' }));
    await screen.findByText(
      /^Exported 2 items as JSON to repertoire-all-communities-\d{4}-\d\d-\d\d\.json/,
    );
    const [{ name, blob }] = downloaded as [{ name: string; blob: Blob }];
    cleanup();

    // Another browser: an empty repertoire.
    globalThis.indexedDB = new IDBFactory();
    render(<ExportImport />);
    const input = (await screen.findByLabelText('File')) as HTMLInputElement;
    const file = new File([await blob.text()], name, { type: 'application/json' });
    fireEvent.change(input, { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText(
      `${name}: Imported 2 items · 0 were already there · 0 were not imported.`,
    );
    const after = await openRepertoireDb();
    expect(await exportRecords(after, PERSONAL_COMMUNITY_ID)).toEqual(before);
    after.close();

    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText(
      `${name}: Imported 0 items · 2 were already there · 0 were not imported.`,
    );
  });

  it('exports Web Annotations in which every annotation meets the model’s MUSTs', async () => {
    const db = await seeded();
    await putItems(db, [
      sampleItem('page', {
        community: PERSONAL_COMMUNITY_ID,
        title: 'A page',
        url: 'https://example.com/a',
      }),
    ]);
    db.close();
    render(<ExportImport />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export as Web Annotations' }));
    await screen.findByText(/^Exported 3 items as Web Annotations to .+\.jsonld/);
    const collection = JSON.parse(await downloaded[0]!.blob.text());
    expect(collectionViolations(collection)).toEqual([]);
    // Tips that name no site have no target: the page is the one annotation.
    expect(collection.first.items).toHaveLength(1);
    for (const annotation of collection.first.items)
      expect(mustViolations(annotation, collection['@context'])).toEqual([]);
  });

  it('imports a Hypothesis export, highlights as snippets and replies refused with why', async () => {
    const highlight = {
      uri: 'https://blog.example.com/rollbacks',
      text: 'The step people skip.',
      tags: ['ops'],
      created: '2024-05-14T09:12:33.412345+00:00',
      updated: '2024-05-14T09:12:33.412345+00:00',
      document: { title: ['Rollbacks'] },
      target: [
        {
          source: 'https://blog.example.com/rollbacks',
          selector: [
            { type: 'TextPositionSelector', start: 10, end: 30 },
            {
              type: 'TextQuoteSelector',
              exact: 'Keep the old release',
              prefix: 'a ',
              suffix: ' b',
            },
          ],
        },
      ],
    };
    const reply = { ...highlight, references: ['parent-id'] };
    const file = new File([JSON.stringify({ annotations: [highlight, reply] })], 'h.json');
    render(<ExportImport />);
    const input = (await screen.findByLabelText('File')) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText('h.json: Imported 1 item · 0 were already there · 1 was not imported.');
    expect(screen.getByRole('list', { name: 'Not imported' }).textContent).toMatch(/repl/i);
    const db = await openRepertoireDb();
    const [snippet] = (await exportRecords(db, PERSONAL_COMMUNITY_ID)).map((r) => r.item);
    db.close();
    expect(snippet).toMatchObject({
      kind: 'snippet',
      quote: 'Keep the old release',
      tags: ['ops'],
    });
  });

  it('exports Markdown as a zip of one file per item, with front matter', async () => {
    (await seeded()).close();
    render(<ExportImport />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export as Markdown' }));
    await screen.findByText(/^Exported 2 items as Markdown to .+\.zip/);
    const files = unzipSync(new Uint8Array(await downloaded[0]!.blob.arrayBuffer()));
    const names = Object.keys(files).sort();
    expect(names).toEqual(['tips/Find a process by port.md', 'tips/Rebase safely.md']);
    expect(strFromU8(files[names[1]!]!)).toMatch(/^---\ntitle: "Rebase safely"\n/);
  });

  it('imports bookmarks in batches, folders as tags, and adds none twice', async () => {
    const file = () => new File([bookmarksFile(2_100)], 'bookmarks.html', { type: 'text/html' });
    render(<ExportImport />);
    const input = (await screen.findByLabelText('File')) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [file()] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText(
      'bookmarks.html: Imported 2,100 items · 0 were already there · 0 were not imported.',
      undefined,
      { timeout: 10_000 },
    );
    const db = await openRepertoireDb();
    const stored = (await exportRecords(db, PERSONAL_COMMUNITY_ID)).map((r) => r.item);
    db.close();
    expect(stored.find((i) => i.title === 'Guide page 150')).toMatchObject({
      kind: 'page',
      url: 'https://docs.example.com/guide/150',
      tags: ['folder-2'],
    });
    fireEvent.change(input, { target: { files: [file()] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText(
      'bookmarks.html: Imported 0 items · 2,100 were already there · 0 were not imported.',
      undefined,
      { timeout: 10_000 },
    );
  });

  it('shows how far it got between batches, and Stop keeps what was imported', async () => {
    stop();
    let release: () => void = () => undefined;
    const batches: number[] = [];
    stop = onMessages({
      importItems: async ({ batch }) => {
        batches.push(batch.from === 'candidates' ? batch.candidates.length : 0);
        // The first batch answers only once the test has looked at the bar.
        if (batches.length === 1) await new Promise<void>((go) => (release = go));
        return { ok: true, tally: { imported: batches.at(-1)!, already: 0, refused: [] } };
      },
    } as Partial<Handlers> as Handlers);
    render(<ExportImport />);
    const input = (await screen.findByLabelText('File')) as HTMLInputElement;
    const html = bookmarksFile(4_500);
    fireEvent.change(input, { target: { files: [new File([html], 'bookmarks.html')] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const bar = (await screen.findByRole('progressbar', {
      name: 'Import progress',
    })) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([0, 4_500]);
    expect(screen.getByText('Importing bookmarks.html: 0 of 4,500 items')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    release();
    await screen.findByText(
      'Stopped. bookmarks.html: Imported 2,000 items · 0 were already there · 0 were not imported.',
    );
    expect(batches).toEqual([2_000]);
  });

  it('says what a file that is not an export is, and what to choose instead', async () => {
    render(<ExportImport />);
    const input = (await screen.findByLabelText('File')) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['{"a":1}'], 'other.json')] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /other\.json is JSON, but neither a Repertoire export nor a Hypothesis export/,
    );
  });

  it('names each item it refused, and why', async () => {
    render(<ExportImport />);
    const file = {
      format: 'repertoire-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      communities: [],
      items: [
        { item: sampleItem('tip', { community: PERSONAL_COMMUNITY_ID, title: 'Good' }) },
        {
          item: {
            ...sampleItem('page', { community: PERSONAL_COMMUNITY_ID, title: 'Hostile' }),
            url: 'javascript:alert(1)',
          },
        },
      ],
    };
    const input = (await screen.findByLabelText('File')) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([JSON.stringify(file)], 'b.json')] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText(/Imported 1 item · 0 were already there · 1 was not imported/);
    const refused = screen.getByRole('list', { name: 'Not imported' });
    expect(refused.textContent).toMatch(
      /^“Hostile”: It is not an item Repertoire keeps \(url: .+\)\. Correct it in the file/,
    );
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });
});
