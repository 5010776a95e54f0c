import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openRepertoireDb, relatedStore, type RepertoireDb } from '../db';
import { PersistedRelated } from '../related';
import { sampleItem } from '../../test/support/items';
import { askablePage } from './questions';

let db: RepertoireDb;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openRepertoireDb();
  await new PersistedRelated(relatedStore(db)).apply([
    sampleItem('tip', { community: 'guild', appliesTo: ['github.com/our-org/*'] }),
    sampleItem('question', { community: 'guild', appliesTo: ['jira.corp'] }),
    sampleItem('page', { community: 'guild', url: 'https://docs.corp/runbook' }),
  ]);
});

describe('"Ask about this page"', () => {
  it('is offered on a web page no tip applies to, a question or a clip there or not', () => {
    return Promise.all([
      expect(askablePage(db, 'https://github.com/our-org/repo')).resolves.toBe(false),
      expect(askablePage(db, 'https://github.com/another-org/repo')).resolves.toBe(true),
      expect(askablePage(db, 'http://jira.corp/browse/OPS-1')).resolves.toBe(true),
      expect(askablePage(db, 'https://docs.corp/runbook')).resolves.toBe(true),
    ]);
  });

  it('is not offered off the web', () => {
    return Promise.all([
      expect(askablePage(db, null)).resolves.toBe(false),
      expect(askablePage(db, 'chrome://extensions/')).resolves.toBe(false),
      expect(askablePage(db, 'file:///home/ana/notes.html')).resolves.toBe(false),
    ]);
  });
});
