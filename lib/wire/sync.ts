/**
 * Wire schemas of the sync protocol (docs/sync-protocol.md), shared by the server and the
 * extension's sync engine so both accept and refuse exactly the same requests.
 */
import { z } from 'zod';
import { Id, PageItem, ReceivedItem, SnippetItem, TipItem, type ItemKind } from './schemas';

export const SYNC_LIMITS = {
  mutationsPerPush: 500,
  pullDefault: 500,
  pullMax: 2_000,
  /** A pull page stops growing past this many bytes of items, so huge pages stay bounded. */
  pullPageBytes: 4_000_000,
  displayNameChars: 100,
} as const;

/** Every non-2xx response carries this body: a stable code and a sentence saying what to do. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Role = z.enum(['member', 'steward']);
export type Role = z.infer<typeof Role>;

export const JoinRequest = z.object({
  code: z.string().min(8).max(200),
  displayName: z.string().trim().min(1).max(SYNC_LIMITS.displayNameChars),
});
export type JoinRequest = z.infer<typeof JoinRequest>;

export const CommunityInfo = z.object({
  id: z.string(),
  name: z.string(),
  memberId: z.string(),
  displayName: z.string(),
  role: Role,
  memberCount: z.number().int(),
});
export type CommunityInfo = z.infer<typeof CommunityInfo>;

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
const SERVER_FIELDS = new Set(['id', 'community', 'kind', 'author']);
const itemShapes = { page: PageItem.shape, snippet: SnippetItem.shape, tip: TipItem.shape };

/** Every field a client writes for an item of that kind; a first write must set them all. */
export function writableFields(kind: ItemKind): string[] {
  return Object.keys(itemShapes[kind]).filter((field) => !SERVER_FIELDS.has(field));
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
  const shape: Record<string, z.ZodType> = itemShapes[kind];
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

export const Mutation = z.discriminatedUnion('op', [SetMutation, EndorseMutation]);
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

export const MutationResult = z.object({
  seq: Seq,
  /** duplicate: this seq was applied before (a retry); rejected: valid but inapplicable. */
  status: z.enum(['applied', 'duplicate', 'rejected']),
  version: Version.optional(),
  reason: z.string().optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({ results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  cursor: z.coerce.number().pipe(Version).default(0),
  limit: z.coerce.number().int().min(1).max(SYNC_LIMITS.pullMax).default(SYNC_LIMITS.pullDefault),
});
export type PullQuery = z.infer<typeof PullQuery>;

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

/** An item as the server holds it. Tombstones are items whose `deletedAt` is set. */
export const SyncedItem = z.object({
  item: ReceivedItem,
  version: Version,
  /** Version of each field's current value: the `base` to send when editing that field. */
  fieldVersions: z.record(z.string(), Version),
  endorsements: z.array(Endorsement),
  conflicts: z.array(ConflictRevision),
});
export type SyncedItem = z.infer<typeof SyncedItem>;

export const PullResponse = z.object({
  changes: z.array(SyncedItem),
  /** Send as `cursor` on the next pull; unchanged when nothing is new. */
  cursor: Version,
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;
