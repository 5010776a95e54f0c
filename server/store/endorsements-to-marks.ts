/**
 * Schema version 3: endorsements become "Helped me" marks. Until then the one per-member signal
 * was the endorsement, written by "Helped me", so each becomes a `helped` mark of the same
 * member, name and stamp (taken-back ones too: their stamp still orders a late retry). Marks
 * from then have a team and a wall-clock time; these get no team and their stamp's millisecond
 * (the extension's stamps are ms × 1000 + a counter).
 *
 * Every item's stored form is rewritten (its meta keeps marks, its wire form lists them); an
 * item that had endorsements also gets a new version, so every client pulls its marks. Items
 * already in the new form (written by this server) are left alone.
 */
import { decodeItem, encodeItem } from '../item-codec';
import { markKey, type MarkState } from '../merge';
import type { SqlRunner } from './sql';

interface OldEndorsement {
  on: boolean;
  at: number;
  by: string;
  name: string;
}

const BATCH = 500;

export async function endorsementsToMarks(tx: SqlRunner): Promise<void> {
  const versions = new Map<string, number>();
  for (const row of await tx.all('SELECT id, version FROM communities')) {
    versions.set(String(row['id']), Number(row['version']));
  }
  const bumped = new Set<string>();
  let after: [string, string] = ['', ''];
  for (;;) {
    const rows = await tx.all(
      `SELECT community_id, id, version, wire, meta FROM items
       WHERE community_id > $1 OR (community_id = $2 AND id > $3)
       ORDER BY community_id, id LIMIT ${BATCH}`,
      [after[0], ...after],
    );
    for (const row of rows) {
      const [communityId, id] = [String(row['community_id']), String(row['id'])];
      const meta = JSON.parse(String(row['meta'])) as Record<string, unknown>;
      if (!('e' in meta)) continue;
      const endorsements = meta['e'] as Record<string, OldEndorsement>;
      delete meta['e'];
      const marks: Record<string, MarkState> = {};
      for (const [memberId, e] of Object.entries(endorsements)) {
        marks[markKey('helped', memberId)] = {
          on: e.on,
          at: e.at,
          by: e.by,
          name: e.name,
          team: null,
          markedAt: Math.floor(e.at / 1000),
        };
      }
      const doc = decodeItem({
        wire: String(row['wire']),
        meta: JSON.stringify({ ...meta, m: marks }),
      });
      let version = Number(row['version']);
      if (Object.keys(marks).length > 0) {
        version = (versions.get(communityId) ?? 0) + 1;
        versions.set(communityId, version);
        bumped.add(communityId);
      }
      const stored = encodeItem(id, version, doc, communityId);
      await tx.all(
        'UPDATE items SET version = $1, wire = $2, meta = $3 WHERE community_id = $4 AND id = $5',
        [version, stored.wire, stored.meta, communityId, id],
      );
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) break;
    after = [String(last['community_id']), String(last['id'])];
  }
  for (const id of bumped) {
    await tx.all('UPDATE communities SET version = $1 WHERE id = $2', [versions.get(id), id]);
  }
}
