/**
 * Wire schemas of the sync protocol (docs/sync-protocol.md), shared by the server and the
 * extension's sync engine so both accept and refuse exactly the same requests.
 */
import { z } from 'zod';
import {
  Id,
  PageItem,
  PathItem,
  QuestionItem,
  ReceivedItem,
  SnippetItem,
  StanceItem,
  TipItem,
  type ItemKind,
  ReviewIntervalDays,
} from './schemas';
import { markKinds, noteProblem } from './marks';
import { Refusal } from './refusal';

export const SYNC_LIMITS = {
  mutationsPerPush: 500,
  pullDefault: 500,
  pullMax: 2_000,
  /** A pull page stops growing past this many bytes of items, so huge pages stay bounded. */
  pullPageBytes: 4_000_000,
  displayNameChars: 100,
  teamChars: 60,
} as const;

/** Every non-2xx response carries this body: a stable code and a sentence saying what to do. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Role = z.enum(['member', 'steward']);
export type Role = z.infer<typeof Role>;

/** The team a member says they are in, shown beside their name; null: none said. */
export const Team = z.string().trim().min(1).max(SYNC_LIMITS.teamChars).nullable();

export const JoinRequest = z.object({
  code: z.string().min(8).max(200),
  displayName: z.string().trim().min(1).max(SYNC_LIMITS.displayNameChars),
  team: Team.optional(),
});
export type JoinRequest = z.infer<typeof JoinRequest>;

export const CommunityInfo = z.object({
  id: z.string(),
  name: z.string(),
  memberId: z.string(),
  displayName: z.string(),
  role: Role,
  /** The member's own team; absent from servers before teams. */
  team: Team.optional(),
  memberCount: z.number().int(),
});
export type CommunityInfo = z.infer<typeof CommunityInfo>;

/** An active member as a steward sees them, to choose who curates paths (`GET …/members`). */
export const CommunityMember = z.object({
  memberId: z.string(),
  displayName: z.string(),
  team: Team,
  role: Role,
});
export type CommunityMember = z.infer<typeof CommunityMember>;

export const MembersResponse = z.object({ members: z.array(CommunityMember) });
export type MembersResponse = z.infer<typeof MembersResponse>;

export const JoinResponse = z.object({
  token: z.string(),
  /** When the token stops working (ms since the epoch); null if it never expires. */
  expiresAt: z.number().int().nullable(),
  community: CommunityInfo,
});
export type JoinResponse = z.infer<typeof JoinResponse>;

export const InviteRequest = z.object({
  role: Role.default('member'),
  maxUses: z.number().int().min(1).max(10_000).default(1),
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24 * 7),
});
export type InviteRequest = z.infer<typeof InviteRequest>;

export const InviteResponse = z.object({
  code: z.string(),
  role: Role,
  maxUses: z.number().int(),
  expiresAt: z.number().int(),
});
export type InviteResponse = z.infer<typeof InviteResponse>;

export const PurgeRequest = z.object({
  /** Tombstones whose deletion reached the server longer ago than this are removed. */
  olderThanSeconds: z.number().int().min(0),
});
export type PurgeRequest = z.infer<typeof PurgeRequest>;

export const PurgeResponse = z.object({ purged: z.number().int(), purgedUpTo: z.number().int() });
export type PurgeResponse = z.infer<typeof PurgeResponse>;

/** Opaque per-device id, chosen once by the client. */
export const ClientId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId: 8-64 of [A-Za-z0-9_-]');

/**
 * Client clock for ordering concurrent writes: (at, clientId) compared lexicographically. A hybrid
 * logical clock (ms * 1000 + counter) keeps it monotonic per client even if the wall clock steps back.
 */
// z.int() is a safe integer (|n| < 2^53) in one check; every mutation has dozens of these.
const Stamp = z.int().min(0);
const Seq = z.int().min(1);
const Version = z.int().min(0);

/** Fields the server fills itself; a client cannot set them. */
const SERVER_FIELDS = new Set(['id', 'community', 'kind', 'author', 'authorId']);
const itemShapes: Record<ItemKind, Record<string, z.ZodType>> = {
  page: PageItem.shape,
  snippet: SnippetItem.shape,
  tip: TipItem.shape,
  question: QuestionItem.shape,
  path: PathItem.shape,
  stance: StanceItem.shape,
};

/** Every field a client writes for an item of that kind. */
export function writableFields(kind: ItemKind): string[] {
  return Object.keys(itemShapes[kind]).filter((field) => !SERVER_FIELDS.has(field));
}

/**
 * The fields a first write must set: all writable ones but those added to a kind after clients
 * were already creating it (optional in the schema), which a first write may leave out.
 */
export function requiredFields(kind: ItemKind): string[] {
  return writableFields(kind).filter(
    (field) => !itemShapes[kind][field]?.safeParse(undefined).success,
  );
}

/**
 * One field write. `base` is the field version this edit was made on (0 for a new item); if the
 * server has a newer value, the two edits are concurrent and merge by (at, clientId). `dismiss`
 * lists conflict revisions of this field (by version) the writer has seen and resolves.
 */
function fieldWrite<T extends z.ZodType>(value: T) {
  return z.object({ value, base: Version, dismiss: z.array(Version).max(100).optional() });
}
export const FieldWrite = fieldWrite(z.unknown());
export type FieldWrite = z.infer<typeof FieldWrite>;

/** A set of some writable fields of one kind, each value checked by that field's own schema. */
function setMutation<K extends ItemKind>(kind: K) {
  const shape = itemShapes[kind];
  const fields = Object.fromEntries(
    writableFields(kind).map((name) => [name, fieldWrite(shape[name] as z.ZodType).optional()]),
  );
  return z.object({
    op: z.literal('set'),
    seq: Seq,
    itemId: Id,
    kind: z.literal(kind),
    at: Stamp,
    fields: z
      .strictObject(fields)
      .refine((f) => Object.keys(f).length > 0, { message: 'set at least one field' }),
  });
}

export const SetMutation = z.discriminatedUnion('kind', [
  setMutation('page'),
  setMutation('snippet'),
  setMutation('tip'),
  setMutation('question'),
  setMutation('path'),
  setMutation('stance'),
]);
export type SetMutation = z.infer<typeof SetMutation>;

/** The field writes of a set (the schema's optional fields type them as possibly absent). */
export function fieldWrites(m: SetMutation): [string, FieldWrite][] {
  return Object.entries(m.fields).filter((e): e is [string, FieldWrite] => e[1] !== undefined);
}

/** Endorsements merge as a set: each member's own endorsement is added or removed. */
export const EndorseMutation = z.object({
  op: z.literal('endorse'),
  seq: Seq,
  itemId: Id,
  at: Stamp,
  endorsed: z.boolean(),
});
export type EndorseMutation = z.infer<typeof EndorseMutation>;

const MarkKind = z.enum(markKinds);

/**
 * The writer's own mark of one kind, added (`on`) or taken back. `memberId`, if sent, must be the
 * writer's: nobody adds or removes another member's mark (refused `not_allowed`).
 */
export const MarkMutation = z
  .object({
    op: z.literal('mark'),
    seq: Seq,
    itemId: Id,
    at: Stamp,
    mark: MarkKind,
    on: z.boolean(),
    /** The story, note or reason the kind carries (lib/wire/marks.ts). */
    note: z.string().optional(),
    memberId: z.string().max(64).optional(),
    /** The writer's wall clock (ms) when marking: what "Verified 2 months ago" counts from. */
    markedAt: z.int().min(0),
  })
  .superRefine((m, ctx) => {
    const problem = noteProblem(m.mark, m.on, m.note);
    if (problem) ctx.addIssue({ code: 'custom', path: ['note'], message: problem });
  });
export type MarkMutation = z.infer<typeof MarkMutation>;

export const Mutation = z.discriminatedUnion('op', [SetMutation, EndorseMutation, MarkMutation]);
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z
  .object({
    clientId: ClientId,
    mutations: z.array(Mutation).min(1).max(SYNC_LIMITS.mutationsPerPush),
  })
  .refine((r) => r.mutations.every((m, i) => i === 0 || m.seq > (r.mutations[i - 1]?.seq ?? 0)), {
    message: 'mutations must be in strictly increasing seq order',
    path: ['mutations'],
  });
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Why a mutation was rejected, stable for clients to act on: the item is unknown (never created,
 * or purged), is of another kind, has too many unsettled conflicts on a field, or the writer may
 * not change it (only its author or a steward may; lib/wire/authz.ts).
 */
export const RejectCode = z.enum([
  'unknown_item',
  'wrong_kind',
  'too_many_conflicts',
  'not_allowed',
]);
export type RejectCode = z.infer<typeof RejectCode>;

export const MutationResult = z.object({
  seq: Seq,
  /** duplicate: this seq was applied before (a retry); rejected: valid but inapplicable. */
  status: z.enum(['applied', 'duplicate', 'rejected']),
  version: Version.optional(),
  /** With `rejected`: the stable code, a sentence in English, and its parts (lib/wire/refusal.ts). */
  code: RejectCode.optional(),
  reason: z.string().optional(),
  refusal: Refusal.optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({ results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  cursor: z.coerce.number().pipe(Version).default(0),
  limit: z.coerce.number().int().min(1).max(SYNC_LIMITS.pullMax).default(SYNC_LIMITS.pullDefault),
});
export type PullQuery = z.infer<typeof PullQuery>;

/** The live stream's query: the client's cursor, so that what it missed while away is news. */
export const EventsQuery = PullQuery.pick({ cursor: true });

/**
 * The live stream (GET /v1/communities/:cid/events, docs/sync-protocol.md): a comment line
 * every `pingMs` keeps proxies from closing a quiet stream, `retryMs` is the browser's
 * reconnection delay, and a member holds at most `streamsPerMember` open (one per open page).
 */
export const LIVE = { pingMs: 25_000, retryMs: 2_000, streamsPerMember: 8 } as const;

/** A losing concurrent edit of a text field, kept until a member resolves it. */
export const ConflictRevision = z.object({
  field: z.string(),
  value: z.unknown(),
  author: z.string(),
  clientId: z.string(),
  at: Stamp,
  /** Community version at which this value was written; what `dismiss` refers to. */
  version: Version,
});
export type ConflictRevision = z.infer<typeof ConflictRevision>;

export const Endorsement = z.object({ memberId: z.string(), name: z.string(), at: Stamp });
export type Endorsement = z.infer<typeof Endorsement>;

/**
 * A member's latest write of one mark kind, as pulls carry it: whether it stands (`on`; a mark
 * taken back is kept, so that "no open objection since" can be known), who (id, name and team
 * when marking), when, and its note.
 */
export const Mark = z.object({
  kind: MarkKind,
  on: z.boolean(),
  memberId: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  at: Stamp,
  markedAt: z.int().min(0),
  note: z.string().optional(),
});
export type Mark = z.infer<typeof Mark>;

/** An item as the server holds it. Tombstones are items whose `deletedAt` is set. */
export const SyncedItem = z.object({
  item: ReceivedItem,
  version: Version,
  /** Version of each field's current value: the `base` to send when editing that field. */
  fieldVersions: z.record(z.string(), Version),
  /** The `helped` marks, as clients from before marks read them. */
  endorsements: z.array(Endorsement),
  /** Every mark on the item, by kind then member, taken back ones too; absent from servers before marks. */
  marks: z.array(Mark).optional(),
  conflicts: z.array(ConflictRevision),
});
export type SyncedItem = z.infer<typeof SyncedItem>;

/** Community settings (docs/community.md): stewards change them, everyone syncs them. */
export const CommunitySettings = z.object({
  /** Days after its last verification a tip is due for review, unless it sets its own. */
  reviewIntervalDays: ReviewIntervalDays,
  /** A stance is the community's when this many members agree (from at least 2 teams)... */
  stanceMembers: z.int().min(1).max(1_000),
  /** ...with no open objection for this many days. */
  stanceDays: z.int().min(0).max(365),
  /** Who may create and edit paths: stewards, or stewards and the members in `curators`. */
  pathCurators: z.enum(['stewards', 'stewards_and_allowed']),
  curators: z.array(z.string().min(1).max(64)).max(1_000),
});
export type CommunitySettings = z.infer<typeof CommunitySettings>;

export { DEFAULT_SETTINGS } from './default-settings';

/** A steward's change of some settings; the others stay as they are. */
export const SettingsChange = CommunitySettings.partial()
  .strict()
  .refine((s) => Object.keys(s).length > 0, { message: 'change at least one setting' });
export type SettingsChange = z.infer<typeof SettingsChange>;

/** The settings with the community version that last changed them (0: never changed). */
export const SyncedSettings = CommunitySettings.extend({ version: Version });
export type SyncedSettings = z.infer<typeof SyncedSettings>;

export const TeamChange = z.object({ team: Team });
export type TeamChange = z.infer<typeof TeamChange>;

export const PullResponse = z.object({
  changes: z.array(SyncedItem),
  /**
   * The community's settings, when they changed after `cursor` (always from cursor 0); absent
   * otherwise, and from servers before settings.
   */
  settings: SyncedSettings.optional(),
  /** Send as `cursor` on the next pull; unchanged when nothing is new. */
  cursor: Version,
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;
