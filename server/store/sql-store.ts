/**
 * The Store over any SqlDriver. The SQL is the common subset of SQLite and PostgreSQL, always
 * parameterized.
 *
 * Versions: every push first bumps its community's counter row (`UPDATE ... RETURNING`), which
 * holds that row's lock until commit. Writers of one community are therefore serialised and
 * commit in version order, so a reader asking for `version > cursor` can never see a later
 * version before an earlier one has committed — the trap that sequences fall into.
 */
import { randomUUID } from 'node:crypto';
import type {
  CommunityInfo,
  InviteRequest,
  InviteResponse,
  Mutation,
  MutationResult,
  PurgeResponse,
  Role,
} from '../../lib/wire/sync';
import { decodeItem, encodeItem } from '../item-codec';
import { applyMutation, isTombstone, type ItemDoc, type Writer } from '../merge';
import { hashSecret, newInviteCode, newToken } from '../secrets';
import type { Row, SqlDriver, SqlRunner } from './sql';
import type { Principal, PullOutcome, RedeemOutcome, Store } from './store';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS communities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 0,
    purged_up_to BIGINT NOT NULL DEFAULT 0)`,
  `CREATE TABLE IF NOT EXISTS members (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT)`,
  `CREATE INDEX IF NOT EXISTS members_community ON members (community_id)`,
  `CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT)`,
  `CREATE INDEX IF NOT EXISTS tokens_member ON tokens (member_id)`,
  `CREATE TABLE IF NOT EXISTS invites (
    hash TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    role TEXT NOT NULL,
    max_uses BIGINT NOT NULL,
    uses BIGINT NOT NULL DEFAULT 0,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS client_seqs (
    community_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (community_id, member_id, client_id))`,
  `CREATE TABLE IF NOT EXISTS items (
    community_id TEXT NOT NULL REFERENCES communities(id),
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    tombstone_since BIGINT,
    wire TEXT NOT NULL,
    meta TEXT NOT NULL,
    PRIMARY KEY (community_id, id))`,
  `CREATE UNIQUE INDEX IF NOT EXISTS items_version ON items (community_id, version)`,
];

const UPSERT_ITEM = `INSERT INTO items (community_id, id, version, changed_at, tombstone_since, wire, meta)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (community_id, id) DO UPDATE SET
    version = excluded.version,
    changed_at = excluded.changed_at,
    tombstone_since = CASE WHEN excluded.tombstone_since IS NULL THEN NULL
      ELSE COALESCE(items.tombstone_since, excluded.tombstone_since) END,
    wire = excluded.wire,
    meta = excluded.meta`;

export interface SqlStoreOptions {
  /** Tokens stop working this long after joining; never if unset. */
  tokenTtlMs?: number;
  /** Fault injection for the crash test: called halfway through writing a batch. */
  midPush?: () => Promise<void>;
}

export async function openSqlStore(db: SqlDriver, options: SqlStoreOptions = {}): Promise<Store> {
  await db.migrate(SCHEMA);
  return new SqlStore(db, options);
}

class SqlStore implements Store {
  constructor(
    private readonly db: SqlDriver,
    private readonly options: SqlStoreOptions,
  ) {}

  async createCommunity(name: string): Promise<string> {
    const id = randomUUID();
    await this.db.all('INSERT INTO communities (id, name, created_at) VALUES ($1, $2, $3)', [
      id,
      name,
      Date.now(),
    ]);
    return id;
  }

  async findCommunity(name: string): Promise<string | undefined> {
    const rows = await this.db.all(
      'SELECT id FROM communities WHERE name = $1 ORDER BY created_at, id LIMIT 1',
      [name],
    );
    return rows[0] ? String(rows[0]['id']) : undefined;
  }

  async createInvite(communityId: string, invite: InviteRequest): Promise<InviteResponse> {
    const code = newInviteCode();
    const now = Date.now();
    const expiresAt = now + invite.expiresInHours * 3_600_000;
    await this.db.all(
      `INSERT INTO invites (hash, community_id, role, max_uses, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [hashSecret(code), communityId, invite.role, invite.maxUses, expiresAt, now],
    );
    return { code, role: invite.role, maxUses: invite.maxUses, expiresAt };
  }

  redeemInvite(code: string, displayName: string): Promise<RedeemOutcome> {
    const hash = hashSecret(code);
    const now = Date.now();
    return this.db.transaction(async (tx): Promise<RedeemOutcome> => {
      const [invite] = await tx.all(
        `UPDATE invites SET uses = uses + 1
         WHERE hash = $1 AND uses < max_uses AND expires_at > $2
         RETURNING community_id, role`,
        [hash, now],
      );
      if (!invite) {
        const [known] = await tx.all('SELECT expires_at FROM invites WHERE hash = $1', [hash]);
        if (!known) return { ok: false, reason: 'unknown' };
        return { ok: false, reason: Number(known['expires_at']) <= now ? 'expired' : 'used_up' };
      }
      const memberId = randomUUID();
      const token = newToken();
      const principal: Principal = {
        communityId: String(invite['community_id']),
        memberId,
        displayName,
        role: invite['role'] as Role,
        tokenHash: hashSecret(token),
      };
      await tx.all(
        `INSERT INTO members (id, community_id, display_name, role, created_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [memberId, principal.communityId, displayName, principal.role, now],
      );
      const ttl = this.options.tokenTtlMs;
      const expiresAt = ttl === undefined ? null : now + ttl;
      await tx.all(
        'INSERT INTO tokens (hash, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [principal.tokenHash, memberId, now, expiresAt],
      );
      return { ok: true, token, expiresAt, community: await describe(tx, principal) };
    });
  }

  async authenticate(token: string): Promise<Principal | undefined> {
    const tokenHash = hashSecret(token);
    const [row] = await this.db.all(
      `SELECT m.id, m.community_id, m.display_name, m.role FROM tokens t
       JOIN members m ON m.id = t.member_id
       WHERE t.hash = $1 AND t.revoked_at IS NULL AND m.revoked_at IS NULL
         AND (t.expires_at IS NULL OR t.expires_at > $2)`,
      [tokenHash, Date.now()],
    );
    if (!row) return undefined;
    return {
      communityId: String(row['community_id']),
      memberId: String(row['id']),
      displayName: String(row['display_name']),
      role: row['role'] as Role,
      tokenHash,
    };
  }

  async revokeToken(tokenHash: string): Promise<void> {
    await this.db.all('UPDATE tokens SET revoked_at = $1 WHERE hash = $2', [Date.now(), tokenHash]);
  }

  revokeMember(communityId: string, memberId: string): Promise<boolean> {
    const now = Date.now();
    return this.db.transaction(async (tx) => {
      const hit = await tx.all(
        `UPDATE members SET revoked_at = $1
         WHERE id = $2 AND community_id = $3 AND revoked_at IS NULL RETURNING id`,
        [now, memberId, communityId],
      );
      if (hit.length === 0) return false;
      await tx.all(
        'UPDATE tokens SET revoked_at = $1 WHERE member_id = $2 AND revoked_at IS NULL',
        [now, memberId],
      );
      return true;
    });
  }

  communityInfo(who: Principal): Promise<CommunityInfo> {
    return describe(this.db, who);
  }

  push(who: Principal, clientId: string, mutations: Mutation[]): Promise<MutationResult[]> {
    const writer: Writer = { ...who, clientId };
    return this.db.transaction(async (tx) => {
      const [counter] = await tx.all(
        'UPDATE communities SET version = version WHERE id = $1 RETURNING version',
        [who.communityId],
      );
      let version = Number(counter?.['version']);
      const [seqRow] = await tx.all(
        'SELECT seq FROM client_seqs WHERE community_id = $1 AND member_id = $2 AND client_id = $3',
        [who.communityId, who.memberId, clientId],
      );
      const appliedUpTo = seqRow ? Number(seqRow['seq']) : 0;

      const docs = new Map<string, ItemDoc | null>();
      const changed = new Map<string, number>();
      const results: MutationResult[] = [];
      for (const m of mutations) {
        if (m.seq <= appliedUpTo) {
          results.push({ seq: m.seq, status: 'duplicate' });
          continue;
        }
        const doc = docs.has(m.itemId) ? (docs.get(m.itemId) ?? null) : await load(tx, who, m);
        const outcome = applyMutation(doc, m, writer, version + 1);
        if ('rejected' in outcome) {
          docs.set(m.itemId, doc);
          results.push({ seq: m.seq, status: 'rejected', reason: outcome.rejected });
          continue;
        }
        version++;
        docs.set(m.itemId, outcome.doc);
        changed.set(m.itemId, version);
        results.push({ seq: m.seq, status: 'applied', version });
      }
      const lastSeq = mutations.at(-1)?.seq ?? 0;
      if (lastSeq <= appliedUpTo) return results;

      const now = Date.now();
      let written = 0;
      for (const [id, itemVersion] of changed) {
        if (written++ === Math.floor(changed.size / 2)) await this.options.midPush?.();
        const doc = docs.get(id) as ItemDoc;
        const { wire, meta } = encodeItem(id, itemVersion, doc, who.communityId);
        await tx.all(UPSERT_ITEM, [
          who.communityId,
          id,
          itemVersion,
          now,
          isTombstone(doc) ? now : null,
          wire,
          meta,
        ]);
      }
      await tx.all(
        `INSERT INTO client_seqs (community_id, member_id, client_id, seq) VALUES ($1, $2, $3, $4)
         ON CONFLICT (community_id, member_id, client_id) DO UPDATE SET seq = excluded.seq`,
        [who.communityId, who.memberId, clientId, lastSeq],
      );
      await tx.all('UPDATE communities SET version = $1 WHERE id = $2', [version, who.communityId]);
      return results;
    });
  }

  async pull(
    communityId: string,
    cursor: number,
    limit: number,
    maxBytes: number,
  ): Promise<PullOutcome> {
    const rows = await this.db.all(
      `SELECT version, wire FROM items WHERE community_id = $1 AND version > $2
       ORDER BY version LIMIT $3`,
      [communityId, cursor, limit],
    );
    // Checked after reading: purges only move forward, so a purge that raced the read is seen.
    const [community] = await this.db.all('SELECT purged_up_to FROM communities WHERE id = $1', [
      communityId,
    ]);
    const purgedUpTo = Number(community?.['purged_up_to'] ?? 0);
    if (cursor > 0 && cursor < purgedUpTo) return { ok: false, purgedUpTo };

    const changes: string[] = [];
    let bytes = 0;
    let next = cursor;
    for (const row of rows) {
      const wire = String(row['wire']);
      if (changes.length > 0 && bytes + wire.length > maxBytes) break;
      changes.push(wire);
      bytes += wire.length;
      next = Number(row['version']);
    }
    return {
      ok: true,
      changes,
      cursor: next,
      hasMore: changes.length < rows.length || rows.length === limit,
    };
  }

  purgeTombstones(communityId: string, olderThanMs: number): Promise<PurgeResponse> {
    return this.db.transaction(async (tx) => {
      const [community] = await tx.all(
        'UPDATE communities SET version = version WHERE id = $1 RETURNING purged_up_to',
        [communityId],
      );
      const gone = await tx.all(
        `DELETE FROM items WHERE community_id = $1 AND tombstone_since IS NOT NULL
         AND tombstone_since <= $2 RETURNING version`,
        [communityId, Date.now() - olderThanMs],
      );
      const purgedUpTo = Math.max(
        Number(community?.['purged_up_to'] ?? 0),
        ...gone.map((r) => Number(r['version'])),
      );
      await tx.all('UPDATE communities SET purged_up_to = $1 WHERE id = $2', [
        purgedUpTo,
        communityId,
      ]);
      return { purged: gone.length, purgedUpTo };
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

async function load(tx: SqlRunner, who: Principal, m: Mutation): Promise<ItemDoc | null> {
  const [row] = await tx.all('SELECT wire, meta FROM items WHERE community_id = $1 AND id = $2', [
    who.communityId,
    m.itemId,
  ]);
  return row ? decodeItem({ wire: String(row['wire']), meta: String(row['meta']) }) : null;
}

async function describe(db: SqlRunner, who: Principal): Promise<CommunityInfo> {
  const [row]: (Row | undefined)[] = await db.all(
    `SELECT c.name, (SELECT COUNT(*) FROM members m
       WHERE m.community_id = c.id AND m.revoked_at IS NULL) AS members
     FROM communities c WHERE c.id = $1`,
    [who.communityId],
  );
  return {
    id: who.communityId,
    name: String(row?.['name']),
    memberId: who.memberId,
    displayName: who.displayName,
    role: who.role,
    memberCount: Number(row?.['members'] ?? 0),
  };
}
