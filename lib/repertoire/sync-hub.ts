/**
 * One sync engine per joined community, over IndexedDB and HTTP. The background owns the hub:
 * it routes writes for shared communities through their engine (outbox first, always), syncs on
 * an alarm and when asked, and hears when pulled changes landed so search and related tips follow.
 */
import { browser } from 'wxt/browser';
import type { RepertoireDb, Membership } from '../db';
import { forgetCommunity, listMemberships, saveMembership, idbSyncStore } from '../db/sync-store';
import { SyncEngine, type SyncStatus } from '../sync/engine';
import { httpTransport } from '../sync/http';
import { ErrorBody, JoinResponse } from '../wire/sync';

export interface JoinRequestInput {
  serverUrl: string;
  code: string;
  displayName: string;
}

export type JoinOutcome = { ok: true; name: string } | { ok: false; message: string };

export interface CommunitySync {
  community: string;
  name: string;
  role: Membership['role'];
  memberCount: number;
  displayName: string;
  serverUrl: string;
  status: SyncStatus;
}

export function normalizeServerUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export class SyncHub {
  private readonly engines = new Map<string, { engine: SyncEngine; membership: Membership }>();
  /** Engines of joined communities open when the service worker starts; writes wait for them. */
  private ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: () => Promise<RepertoireDb>,
    /** Runs after a sync brought changes into IndexedDB. */
    private readonly onPulled: () => Promise<unknown>,
  ) {}

  start(): Promise<void> {
    this.ready = (async () => {
      for (const membership of await listMemberships(await this.db())) await this.open(membership);
    })();
    return this.ready;
  }

  /** The engine of a joined community; undefined for local-only ones. */
  async engineFor(community: string): Promise<SyncEngine | undefined> {
    await this.ready;
    return this.engines.get(community)?.engine;
  }

  async membershipOf(community: string): Promise<Membership | undefined> {
    await this.ready;
    return this.engines.get(community)?.membership;
  }

  async join(input: JoinRequestInput): Promise<JoinOutcome> {
    const serverUrl = normalizeServerUrl(input.serverUrl);
    if (!serverUrl) {
      return {
        ok: false,
        message: 'That server address is not a web address. It looks like http://127.0.0.1:8787.',
      };
    }
    let response: Response;
    try {
      response = await fetch(`${serverUrl}/v1/join`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: input.code.trim(), displayName: input.displayName.trim() }),
      });
    } catch {
      return {
        ok: false,
        message: `Could not reach ${serverUrl}. Check the address and that the server is running, then try again.`,
      };
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = ErrorBody.safeParse(body);
      return {
        ok: false,
        message: error.success
          ? error.data.error.message
          : `The server answered ${response.status}; try again later.`,
      };
    }
    const joined = JoinResponse.safeParse(body);
    if (!joined.success)
      return {
        ok: false,
        message:
          'The server sent an answer Repertoire does not understand. Is it a Repertoire server?',
      };
    const { token, community } = joined.data;
    const membership: Membership = {
      communityId: community.id,
      name: community.name,
      serverUrl,
      token,
      memberId: community.memberId,
      displayName: community.displayName,
      role: community.role,
      memberCount: community.memberCount,
      joinedAt: Date.now(),
    };
    await saveMembership(await this.db(), membership);
    const engine = await this.open(membership);
    void engine.sync();
    return { ok: true, name: community.name };
  }

  /** Leaves a community: the server forgets the token, this browser forgets its copy. */
  async leave(community: string): Promise<void> {
    const entry = this.engines.get(community);
    if (entry) {
      entry.engine.close();
      this.engines.delete(community);
      const { serverUrl, token } = entry.membership;
      // Best effort: if the server is down the token still stops working when a steward revokes it.
      await fetch(`${serverUrl}/v1/communities/${encodeURIComponent(community)}/session`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${token}` },
      }).catch(() => undefined);
    }
    await forgetCommunity(await this.db(), community);
    await this.onPulled();
  }

  async list(): Promise<CommunitySync[]> {
    await this.ready;
    return [...this.engines.entries()].map(([community, { engine, membership }]) => ({
      community,
      name: membership.name,
      role: membership.role,
      memberCount: membership.memberCount,
      displayName: membership.displayName,
      serverUrl: membership.serverUrl,
      status: engine.getStatus(),
    }));
  }

  async syncAll(): Promise<void> {
    await this.ready;
    await Promise.all([...this.engines.values()].map(({ engine }) => engine.sync()));
  }

  private async open(membership: Membership): Promise<SyncEngine> {
    const db = await this.db();
    const engine = await SyncEngine.open({
      store: idbSyncStore(db, membership.communityId),
      transport: httpTransport({
        serverUrl: membership.serverUrl,
        communityId: membership.communityId,
        token: membership.token,
      }),
      me: {
        communityId: membership.communityId,
        memberId: membership.memberId,
        displayName: membership.displayName,
      },
    });
    let phase = engine.getStatus().phase;
    engine.subscribe((status) => {
      if (phase === 'syncing' && status.phase !== 'syncing') void this.onPulled();
      phase = status.phase;
    });
    this.engines.set(membership.communityId, { engine, membership });
    return engine;
  }
}

export const SYNC_ALARM = 'repertoire-sync';
export const scheduleSyncAlarm = () => browser.alarms.create(SYNC_ALARM, { periodInMinutes: 5 });
