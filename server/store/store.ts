/** The one storage interface the HTTP layer talks to; SQLite and PostgreSQL both implement it. */
import type { ChangeBus } from '../events';
import type {
  CommunityInfo,
  CommunityMember,
  InviteRequest,
  InviteResponse,
  Mutation,
  MutationResult,
  PurgeResponse,
  Role,
  SettingsChange,
  SyncedSettings,
} from '../../lib/wire';

/** The member behind a valid, unrevoked token. */
export interface Principal {
  communityId: string;
  memberId: string;
  displayName: string;
  role: Role;
  tokenHash: string;
}

export type RedeemOutcome =
  | { ok: true; token: string; expiresAt: number | null; community: CommunityInfo }
  | { ok: false; reason: 'unknown' | 'expired' | 'used_up' };

export type PullOutcome =
  | {
      ok: true;
      changes: string[];
      /** The settings, when they changed after the cursor (or the cursor is 0). */
      settings?: SyncedSettings;
      cursor: number;
      hasMore: boolean;
    }
  | { ok: false; purgedUpTo: number };

/** A settings change is refused when the member is not (or no longer) a steward. */
export type SettingsOutcome = { ok: true; settings: SyncedSettings } | { ok: false };

export interface Store {
  createCommunity(name: string): Promise<string>;
  /** Id of the oldest community with that name, if any. */
  findCommunity(name: string): Promise<string | undefined>;
  createInvite(communityId: string, invite: InviteRequest): Promise<InviteResponse>;
  /** Joins with the invite; `team`, if given, is the team the member says they are in. */
  redeemInvite(code: string, displayName: string, team?: string | null): Promise<RedeemOutcome>;
  authenticate(token: string): Promise<Principal | undefined>;
  revokeToken(tokenHash: string): Promise<void>;
  /** Revokes every token of the member; false if no such member in that community. */
  revokeMember(communityId: string, memberId: string): Promise<boolean>;
  communityInfo(who: Principal): Promise<CommunityInfo>;
  /** The active (unrevoked) members, by display name ignoring case, then member id. */
  listMembers(communityId: string): Promise<CommunityMember[]>;
  /** The member's own team (null: none); marks they make from now on carry it. */
  setTeam(who: Principal, team: string | null): Promise<CommunityInfo>;
  settings(communityId: string): Promise<SyncedSettings>;
  /** Applies a steward's change of some settings as a new community version. */
  changeSettings(who: Principal, change: SettingsChange): Promise<SettingsOutcome>;
  /** Applies the new mutations of a batch in one transaction: all of them or none. */
  push(who: Principal, clientId: string, mutations: Mutation[]): Promise<MutationResult[]>;
  /** Changes after `cursor`, each a serialized SyncedItem, oldest first. */
  pull(communityId: string, cursor: number, limit: number, maxBytes: number): Promise<PullOutcome>;
  purgeTombstones(communityId: string, olderThanMs: number): Promise<PurgeResponse>;
  /**
   * Token buckets in the database, which every process on it shares: present on PostgreSQL,
   * where several processes may serve one community. Same answer as RateLimiter.take.
   */
  takeRateToken?(bucket: string, perMinute: number, burst: number): Promise<number>;
  /** Changes told between the processes on the database: present on PostgreSQL. */
  readonly changes?: ChangeBus;
  close(): Promise<void>;
}
