/**
 * Import, in the background: a batch of what a file held becomes items of the chosen
 * community through the normal write path. A shared community gets them through its outbox,
 * after the secret scan; Personal stores them. Nothing already there is added again, so a
 * second import of the same file adds nothing, and every item left out is named with why.
 */
import {
  findByCanonicalUrls,
  getItems,
  putItems,
  setPrivateNote,
  type ExportRecord,
  type RepertoireDb,
} from '../db';
import { t } from '../i18n';
import type { ImportBatch, ImportTally } from '../messaging';
import { itemProblem, type ImportCandidate } from '../portable';
import { describeFindings, scanFields } from '../secrets';
import type { SyncEngine } from '../sync';
import { Item, LIMITS, uuidv7 } from '../wire';
import { linkItem, snippetItem, type Authoring } from './items';

export interface ImportTarget {
  db: RepertoireDb;
  /** The community's engine when it is shared; null for Personal. */
  engine: SyncEngine | null;
  authoring: Authoring;
}

/** Where a URL's item is found again: its canonical URL is the URL without its fragment. */
const withoutFragment = (url: string) => url.split('#')[0]!;

const title = (item: { title: string }) =>
  item.title ? t('background_quotedTitle', { title: item.title }) : t('background_quotedUntitled');

/** An imported candidate as the item a member would have clipped, dated as the file says. */
function fromCandidate(c: ImportCandidate, a: Authoring): Item {
  const dated = { ...a, now: c.createdAt ?? a.now };
  const page = withoutFragment(c.url);
  if (c.kind === 'snippet' && c.position) {
    return {
      ...snippetItem(
        {
          url: c.url,
          canonicalUrl: page,
          sourceTitle: c.sourceTitle,
          quote: c.exact.slice(0, LIMITS.quoteChars),
          selectedChars: c.exact.length,
          selectors: [
            {
              type: 'TextQuoteSelector',
              exact: c.exact.slice(0, LIMITS.quoteChars),
              prefix: c.prefix.slice(-LIMITS.contextChars),
              suffix: c.suffix.slice(0, LIMITS.contextChars),
            },
            { type: 'TextPositionSelector', ...c.position },
          ],
        },
        dated,
      ),
      tags: c.tags,
      ...(c.note ? { note: c.note.slice(0, LIMITS.noteChars) } : {}),
    };
  }
  // A highlight with no position on its page cannot be found there again: it is kept as a
  // link to its page with the quote in the note, so nothing of it is lost.
  const note =
    c.kind === 'snippet'
      ? [c.exact.replace(/^/gm, '> '), c.note].filter(Boolean).join('\n\n')
      : c.note;
  const name = c.kind === 'snippet' ? c.sourceTitle : c.title;
  return {
    ...linkItem({ url: c.url, canonicalUrl: page, title: name, excerpt: null }, c.tags, dated),
    ...(note ? { note: note.slice(0, LIMITS.noteChars) } : {}),
  };
}

/** The same thing already in the community: a link to that page, or that quote from it. */
const sameAs = (item: Item, existing: Item) =>
  item.kind === 'snippet'
    ? existing.kind === 'snippet' && existing.quote === item.quote
    : existing.kind === 'page';

/**
 * A file's records as items of `community`. Into the community they came from, or Personal,
 * they keep their ids (a backup restored); into another, they get new ids, with the steps of
 * paths and the answers of tips following them, so no two communities share an id.
 */
function fromRecords(records: readonly ExportRecord[], community: string, local: boolean) {
  const ids = new Map<string, string>();
  for (const { item } of records)
    ids.set(item.id, local || item.community === community ? item.id : uuidv7(item.createdAt));
  const id = (old: string) => ids.get(old) ?? old;
  return records.map(({ item, privateNote }) => {
    const moved: Item = { ...item, id: id(item.id), community };
    // On a shared community the server says who wrote it: a file cannot.
    if (!local) delete moved.authorId;
    if (moved.kind === 'path')
      moved.steps = moved.steps.map((s) => ({ ...s, itemId: id(s.itemId) }));
    if (moved.kind === 'tip' && moved.answers) moved.answers = moved.answers.map(id);
    return { item: moved, privateNote };
  });
}

export async function importBatch(target: ImportTarget, batch: ImportBatch): Promise<ImportTally> {
  const { db, engine, authoring } = target;
  const community = authoring.community;
  const tally: ImportTally = { imported: 0, already: 0, refused: [] };
  const built =
    batch.from === 'json'
      ? fromRecords(batch.records, community, engine === null)
      : batch.candidates.map((c) => ({
          item: fromCandidate(c, authoring),
          privateNote: undefined,
        }));

  // Already there: the same id (a backup imported twice), or the same page or quote. Ids made
  // for candidates just now cannot be there, so only a file's own ids are looked up.
  const ids = batch.from === 'json' ? built.map((b) => b.item.id) : [];
  const byId = new Set(
    (await getItems(db, ids)).flatMap((found) =>
      found && found.deletedAt === null ? [found.id] : [],
    ),
  );
  const urls = built.flatMap(({ item }) => (item.canonicalUrl ? [item.canonicalUrl] : []));
  const byUrl = batch.from === 'json' ? new Map() : await findByCanonicalUrls(db, community, urls);

  const fresh: typeof built = [];
  for (const entry of built) {
    const { item } = entry;
    const there = byUrl.get(item.canonicalUrl ?? '') ?? [];
    if (byId.has(item.id) || there.some((existing: Item) => sameAs(item, existing))) {
      tally.already++;
      continue;
    }
    const checked = Item.safeParse(item);
    if (!checked.success) {
      tally.refused.push({ what: title(item), why: itemProblem(checked.error) });
      continue;
    }
    if (engine) {
      const findings = await scanFields(checked.data);
      if (findings.length > 0) {
        tally.refused.push({
          what: title(item),
          why: t('background_importSecretRefused', { findings: describeFindings(findings) }),
        });
        continue;
      }
    }
    fresh.push({ ...entry, item: checked.data });
    // Twice in one batch (the same page bookmarked in two folders): once.
    byId.add(item.id);
    if (item.canonicalUrl) byUrl.set(item.canonicalUrl, [...there, item]);
  }

  const items = fresh.map((f) => f.item);
  if (engine) await engine.createMany(items);
  else await putItems(db, items);
  for (const { item, privateNote } of fresh)
    if (privateNote) await setPrivateNote(db, item, privateNote);
  tally.imported = fresh.length;
  return tally;
}
