/**
 * Paths and stances go to every member of a shared community: the secret scan refuses, in words,
 * a step's note or a stance's reason that holds a secret, and nothing is queued. The engine is a
 * recorder here; the real one, with a real server, is in test/e2e/community-paths-stances.test.ts.
 */
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { FAKE_SECRETS } from '../../test/fixtures/fake-secrets';
import { openRepertoireDb, type RepertoireDb } from '../db';
import type { SyncHub } from '../sync';
import { uuidv7, type Item } from '../wire';
import { createCommunityHandlers } from './community-handlers';

const KEY = FAKE_SECRETS[0]!.secret;
const SHARED = 'guild';

let db: RepertoireDb;
let created: Item[];
let edits: number;
let handlers: ReturnType<typeof createCommunityHandlers>;

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  db = await openRepertoireDb();
  created = [];
  edits = 0;
  const engine = {
    create: async (item: Item) => void created.push(item),
    edit: async () => void edits++,
  };
  const hub = {
    engineFor: async (community: string) => (community === SHARED ? engine : undefined),
    membershipOf: async () => ({ displayName: 'Ana', memberId: 'm-ana', role: 'steward' }),
  } as unknown as SyncHub;
  handlers = createCommunityHandlers(
    async () => db,
    hub,
    async () => undefined,
  );
});

describe('the secret scan on what paths and stances share', () => {
  it('refuses a stance whose reason holds a secret, naming it, and queues nothing', async () => {
    const result = await handlers.proposeStance(
      {
        community: SHARED,
        draft: { subject: 'tool:github', position: 'adopt', reason: `Our key is ${KEY}` },
      },
      {},
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.reason).toMatch(/^The reason holds an? AWS access key ID, which would be/);
    expect(result.errors.reason).not.toContain(KEY);
    expect(created).toEqual([]);
  });

  it('proposes the same stance without the secret', async () => {
    const result = await handlers.proposeStance(
      {
        community: SHARED,
        draft: { subject: 'tool:github', position: 'adopt', reason: 'Reviews in one place' },
      },
      {},
    );
    expect(result.ok).toBe(true);
    expect(created.map((i) => i.kind)).toEqual(['stance']);
  });

  it('refuses a path whose step note holds a secret, and saves it once the note is clean', async () => {
    const step = (note: string) => ({ itemId: uuidv7(), note });
    const refused = await handlers.savePath(
      { community: SHARED, pathId: null, steps: [step('Read first'), step(`token ${KEY}`)] },
      {},
    );
    expect(refused).toMatchObject({ ok: false });
    expect(!refused.ok && refused.message).toMatch(/^A step’s note holds an? AWS access key ID/);
    expect(created).toEqual([]);

    const saved = await handlers.savePath(
      { community: SHARED, pathId: null, steps: [step('Read first')] },
      {},
    );
    expect(saved.ok).toBe(true);
    expect(created.map((i) => i.kind)).toEqual(['path']);
  });
});
