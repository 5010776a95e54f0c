/**
 * One sync engine per joined community, over IndexedDB and HTTP. The background owns the hub:
 * it routes writes for shared communities through their engine (outbox first, always), syncs on
 * an alarm and when asked, and hears when pulled changes landed so search and related tips follow.
 */
import { t } from '../i18n';
import { serverAddressText } from './invite-words';
import { browser } from 'wxt/browser';
import {
  forgetCommunity,
  idbSyncStore,
  listMemberships,
  saveMembership,
  type Membership,
  type RepertoireDb,
} from '../db';
import {
  type CommunityMember,
  type CommunitySettings,
  inviteLink,
  type InviteRequest,
  type Role,
  serverOrigin,
  type SettingsChange,
} from '../wire';
import { SyncEngine, type SyncStatus } from './engine';
import {
  changeSettings,
  changeTeam,
  communityInfo,
  createInvite,
  endSession,
  httpTransport,
  joinCommunity,
  listMembers,
  type Session,
} from './http';

/** What the member types to join: the server, the invite code, the name others will see. */
export interface JoinInput {
  serverUrl: string;
  code: string;
  displayName: string;
  /** The team they say they are in, if any. */
  team?: string | null;
}

export type JoinOutcome = { ok: true; name: string } | { ok: false; message: string };

/** A joined community and how its sync is going, as the popup and options page show it. */
const notJoined = () => t('background_notJoined');

export interface CommunitySync {
  community: string;
  name: string;
  role: Role;
  memberCount: number;
  displayName: string;
  serverUrl: string;
  status: SyncStatus;
  memberId: string;
  team: string | null;
}

export type InviteOutcome =
  | { ok: true; link: string; code: string; role: Role; maxUses: number; expiresAt: number }
  | { ok: false; message: string };

const sessionOf = (m: Membership): Session => ({
  serverUrl: m.serverUrl,
  communityId: m.communityId,
  token: m.token,
});

export class SyncHub {
  private readonly engines = new Map<string, { engine: SyncEngine; membership: Membership }>();
  /** Engines of joined communities open when the service worker starts; writes wait for them. */
  private ready: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(communities: CommunitySync[]) => void>();

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

  async join(input: JoinInput): Promise<JoinOutcome> {
    const serverUrl = serverOrigin(input.serverUrl);
    if (!serverUrl) return { ok: false, message: serverAddressText(input.serverUrl) ?? '' };
    const team = input.team?.trim() || null;
    const joined = await joinCommunity(serverUrl, {
      code: input.code.trim(),
      displayName: input.displayName.trim(),
      ...(team ? { team } : {}),
    });
    if (!joined.ok) return joined;
    const { token, community } = joined.value;
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
      // A server from before teams does not say it back: then it is what the member typed.
      team: community.team === undefined ? team : community.team,
    };
    await saveMembership(await this.db(), membership);
    const engine = await this.open(membership);
    this.changed();
    void engine.sync();
    return { ok: true, name: community.name };
  }

  /** Leaves a community: the server forgets the token, this browser forgets its copy. */
  async leave(community: string): Promise<void> {
    const entry = this.engines.get(community);
    if (entry) {
      entry.engine.close();
      this.engines.delete(community);
      this.changed();
      await endSession(sessionOf(entry.membership));
    }
    await forgetCommunity(await this.db(), community);
    await this.onPulled();
  }

  /** A steward's new invite for their community, as a link to send and its bare code. */
  async createInvite(community: string, invite: InviteRequest): Promise<InviteOutcome> {
    const entry = await this.joined(community);
    if (!entry) return { ok: false, message: notJoined() };
    const made = await createInvite(sessionOf(entry.membership), invite);
    if (!made.ok) return made;
    return {
      ok: true,
      link: inviteLink(entry.membership.serverUrl, made.value.code),
      ...made.value,
    };
  }

  /** The member's own team in a community, as the server then has it. */
  async setTeam(
    community: string,
    team: string | null,
  ): Promise<{ ok: true } | { ok: false; message: string }> {
    const entry = await this.joined(community);
    if (!entry) return { ok: false, message: notJoined() };
    const changed = await changeTeam(sessionOf(entry.membership), entry.membership.memberId, team);
    if (!changed.ok) return changed;
    entry.membership = { ...entry.membership, team: changed.value.team ?? team };
    entry.engine.setTeam(entry.membership.team ?? null);
    await saveMembership(await this.db(), entry.membership);
    this.changed();
    return { ok: true };
  }

  /** A steward's change of the community's settings; the sync after it stores them here. */
  async saveSettings(
    community: string,
    change: SettingsChange,
  ): Promise<{ ok: true; settings: CommunitySettings } | { ok: false; message: string }> {
    const entry = await this.joined(community);
    if (!entry) return { ok: false, message: notJoined() };
    const saved = await changeSettings(sessionOf(entry.membership), change);
    if (!saved.ok) return saved;
    await entry.engine.sync();
    return { ok: true, settings: saved.value };
  }

  /** The community's active members, as its server lists them to a steward. */
  async members(
    community: string,
  ): Promise<{ ok: true; members: CommunityMember[] } | { ok: false; message: string }> {
    const entry = await this.joined(community);
    if (!entry) return { ok: false, message: notJoined() };
    const listed = await listMembers(sessionOf(entry.membership));
    return listed.ok ? { ok: true, members: listed.value.members } : listed;
  }

  /** The engine and membership of a community this browser is in, once the hub is started. */
  private async joined(community: string) {
    await this.ready;
    return this.engines.get(community);
  }

  /**
   * Asks each community's server for its current name, member count and this member's role, so
   * the options page shows them as they are now rather than as they were on joining. A server
   * that cannot be reached keeps what was known; its sync status already says why.
   */
  async refreshInfo(): Promise<void> {
    await this.ready;
    await Promise.all([...this.engines.values()].map((entry) => this.refresh(entry)));
  }

  private async refresh(entry: { engine: SyncEngine; membership: Membership }): Promise<void> {
    const info = await communityInfo(sessionOf(entry.membership));
    if (!info.ok) return;
    const { name, role, memberCount, team } = info.value;
    entry.membership = {
      ...entry.membership,
      name,
      role,
      memberCount,
      ...(team === undefined ? {} : { team }),
    };
    if (team !== undefined) entry.engine.setTeam(team);
    await saveMembership(await this.db(), entry.membership);
    this.changed();
  }

  async list(): Promise<CommunitySync[]> {
    await this.ready;
    return this.snapshot();
  }

  private snapshot(): CommunitySync[] {
    return [...this.engines.entries()].map(([community, { engine, membership }]) => ({
      community,
      name: membership.name,
      role: membership.role,
      memberCount: membership.memberCount,
      displayName: membership.displayName,
      serverUrl: membership.serverUrl,
      status: engine.getStatus(),
      memberId: membership.memberId,
      team: membership.team ?? null,
    }));
  }

  /**
   * Calls `listener` with every joined community whenever one's sync status or details change,
   * or one is joined or left; returns a function that stops it.
   */
  subscribe(listener: (communities: CommunitySync[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    if (this.listeners.size === 0) return;
    const communities = this.snapshot();
    for (const listener of this.listeners) listener(communities);
  }

  async syncAll(): Promise<void> {
    await this.ready;
    await Promise.all([...this.engines.values()].map(({ engine }) => engine.sync()));
  }

  private async open(membership: Membership): Promise<SyncEngine> {
    const db = await this.db();
    const engine = await SyncEngine.open({
      store: idbSyncStore(db, membership.communityId),
      transport: httpTransport(sessionOf(membership)),
      me: {
        communityId: membership.communityId,
        memberId: membership.memberId,
        displayName: membership.displayName,
        team: membership.team ?? null,
      },
    });
    const entry = { engine, membership };
    let phase = engine.getStatus().phase;
    let refused = 0;
    engine.subscribe((status) => {
      if (phase === 'syncing' && status.phase !== 'syncing') void this.onPulled();
      phase = status.phase;
      // A refused change may mean the member's role changed since: learn the role the server
      // has now, so that the popup offers only the changes it will accept.
      const count = status.refused?.count ?? 0;
      if (count > refused) void this.refresh(entry);
      refused = count;
      this.changed();
    });
    this.engines.set(membership.communityId, entry);
    return engine;
  }
}

export const SYNC_ALARM = 'repertoire-sync';
export const scheduleSyncAlarm = () => browser.alarms.create(SYNC_ALARM, { periodInMinutes: 5 });
