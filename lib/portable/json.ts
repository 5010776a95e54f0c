/**
 * "Export as JSON": everything this browser keeps of a repertoire, at full fidelity, in a file
 * that Import reads back. Its shape is the wire's own schemas (lib/wire), so a file is checked
 * exactly as a server's answer is: a hand-edited or hostile file is refused in words, item by
 * item, and never stored as it came.
 */
import { t } from '../i18n';
import { z } from 'zod';
import type { ExportRecord } from '../db';
import { ConflictRevision, Endorsement, Item, LIMITS, Mark } from '../wire';

export const JSON_FORMAT = 'repertoire-export';

const Entry = z.object({
  item: z.unknown(),
  meta: z
    .object({
      endorsements: z.array(Endorsement),
      marks: z.array(Mark),
      conflicts: z.array(ConflictRevision),
    })
    .optional(),
  privateNote: z.string().max(LIMITS.noteChars).optional(),
});

const File = z.object({
  format: z.literal(JSON_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  communities: z.array(z.object({ id: z.string(), name: z.string(), local: z.boolean() })),
  items: z.array(Entry),
});

export interface JsonExport {
  format: typeof JSON_FORMAT;
  version: 1;
  exportedAt: string;
  communities: { id: string; name: string; local: boolean }[];
  items: ExportRecord[];
}

export function toJsonExport(
  records: readonly ExportRecord[],
  communities: readonly { id: string; name: string; local: boolean }[],
  now: number,
): string {
  const file: JsonExport = {
    format: JSON_FORMAT,
    version: 1,
    exportedAt: new Date(now).toISOString(),
    communities: communities.map(({ id, name, local }) => ({ id, name, local })),
    items: [...records],
  };
  return JSON.stringify(file, null, 2);
}

/** Why an item read from a file is not one Repertoire keeps, and what to do. */
export function itemProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.join('.') ?? '';
  // Zod's own words for what is wrong: a detail for whoever edits the file.
  const what = issue?.message ?? t('background_jsonUnknownShape');
  return t('background_jsonItemProblem', { detail: where ? `${where}: ${what}` : what });
}

/** Whether a parsed JSON file claims to be ours (then its errors are ours to explain). */
export const isJsonExport = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (value as { format?: unknown }).format === JSON_FORMAT;

/**
 * The records of a file made by Export as JSON. An item that does not pass the wire's schema
 * is refused with its title and the reason, the others are read; a file that is not an
 * export at all is an error that says what to choose instead.
 */
export function parseJsonExport(value: unknown): {
  records: ExportRecord[];
  refused: { what: string; why: string }[];
} {
  const file = File.safeParse(value);
  if (!file.success) {
    throw new Error(
      t('background_jsonNotExport', {
        detail: file.error.issues[0]?.message ?? t('background_jsonUnknownShape'),
      }),
    );
  }
  const records: ExportRecord[] = [];
  const refused: { what: string; why: string }[] = [];
  for (const [at, record] of file.data.items.entries()) {
    const item = Item.safeParse(record.item);
    if (!item.success) {
      const title = (record.item as { title?: unknown } | null)?.title;
      refused.push({
        what:
          typeof title === 'string' && title
            ? t('background_quotedTitle', { title })
            : t('background_jsonItemNumber', { number: at + 1 }),
        why: itemProblem(item.error),
      });
      continue;
    }
    records.push({
      item: item.data,
      ...(record.meta ? { meta: record.meta } : {}),
      ...(record.privateNote ? { privateNote: record.privateNote } : {}),
    });
  }
  return { records, refused };
}
