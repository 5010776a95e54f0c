/**
 * The one HTTP client of a sync server: the sync protocol (docs/sync-protocol.md) and the
 * requests around it (joining, invites, community info, leaving), with one error mapping.
 * Responses are validated too.
 */
import { z } from 'zod';
import { t, translated, type MessageKey } from '../i18n';
import {
  CommunityInfo,
  ErrorBody,
  InviteResponse,
  JoinResponse,
  MembersResponse,
  PullResponse,
  PushResponse,
  SYNC_LIMITS,
  SyncedSettings,
  type InviteRequest,
  type JoinRequest,
  type PushRequest,
  type SettingsChange,
} from '../wire';

export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(cursor: number, limit?: number): Promise<PullResponse>;
}

/** A non-2xx answer; `message` is the server's own sentence, or one saying what it answered. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From Retry-After, on 429 and 503. */
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

/** No answer at all (offline, the server down, a wrong address): fetch's TypeError, in words. */
export class SyncUnreachableError extends Error {
  /** `url`: the server's address or any URL on it. */
  constructor(url: string) {
    super(unreachableMessage(url));
  }
}

/** How members see a server: its host, as they typed or pasted it. */
const serverName = (serverUrl: string): string => {
  try {
    return new URL(serverUrl).host || serverUrl;
  } catch {
    return serverUrl;
  }
};

/** The sentence for a server that cannot be reached: what happened, and that nothing is lost. */
const unreachableMessage = (serverUrl: string): string =>
  t('background_serverUnreachable', { server: serverName(serverUrl) });

/**
 * The server's refusals members meet, in their language; the server's own (English) words for
 * a code not here, or one whose sentence carries what only the server knows.
 */
const SERVER_WORDS: Record<string, MessageKey> = {
  invite_unknown: 'background_serverInviteUnknown',
  invite_expired: 'background_serverInviteExpired',
  invite_used_up: 'background_serverInviteUsedUp',
  invalid_token: 'background_serverInvalidToken',
  wrong_community: 'background_serverWrongCommunity',
  unknown_member: 'background_serverUnknownMember',
};

const serverWords = (code: string, message: string): string => {
  if (!Object.hasOwn(SERVER_WORDS, code)) return message;
  // Outside a browser (Node) there is no catalogue: the server's own words.
  return translated(SERVER_WORDS[code]!) ?? message;
};

/** A member's session with a community on a server. */
export interface Session {
  serverUrl: string;
  communityId: string;
  token: string;
  fetch?: typeof fetch;
}

/** An answer the member acts on: the value, or a sentence saying what went wrong and what to do. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

const notUnderstood = () => t('background_serverNotUnderstood');

/** Requests other than sync (joining, invites, community info) give up after this long. */
const REQUEST_TIMEOUT_MS = 10_000;

const communityBase = (session: Session) =>
  `${session.serverUrl.replace(/\/+$/, '')}/v1/communities/${encodeURIComponent(session.communityId)}`;
const bearer = (session: Session) => ({ Authorization: `Bearer ${session.token}` });
const JSON_BODY = { 'Content-Type': 'application/json' };

/** One request: the parsed answer, SyncHttpError for a non-2xx one, SyncUnreachableError for none. */
async function request<T>(
  schema: z.ZodType<T>,
  url: string,
  init: RequestInit,
  doFetch: typeof fetch = (input, options) => fetch(input, options),
): Promise<T> {
  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, init);
    text = await res.text();
  } catch {
    // fetch says only "Failed to fetch" (or "NetworkError…" in Firefox): never shown as is.
    throw new SyncUnreachableError(url);
  }
  if (res.ok) return schema.parse(JSON.parse(text));
  const parsed = ErrorBody.safeParse(safeJson(text));
  const retryAfter = Number(res.headers.get('Retry-After'));
  throw new SyncHttpError(
    res.status,
    parsed.success ? parsed.data.error.code : `http_${res.status}`,
    parsed.success
      ? serverWords(parsed.data.error.code, parsed.data.error.message)
      : t('background_serverNoReason', { server: serverName(url), status: String(res.status) }),
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
  );
}

/** A request the member waits for, its failure in words. */
async function outcome<T>(
  serverUrl: string,
  schema: z.ZodType<T>,
  url: string,
  init: RequestInit,
  doFetch?: typeof fetch,
): Promise<Outcome<T>> {
  try {
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    return { ok: true, value: await request(schema, url, { ...init, signal }, doFetch) };
  } catch (error) {
    if (error instanceof SyncHttpError) return { ok: false, message: error.message };
    // An answer that is not JSON, or not the shape asked for.
    if (error instanceof SyntaxError || error instanceof z.ZodError) {
      return { ok: false, message: notUnderstood() };
    }
    return {
      ok: false,
      message: t('background_serverCouldNotReach', { server: serverUrl }),
    };
  }
}

export function httpTransport(session: Session): SyncTransport {
  const base = communityBase(session);
  const headers = { ...bearer(session), ...JSON_BODY };
  return {
    push: (body) =>
      request(
        PushResponse,
        `${base}/push`,
        { method: 'POST', headers, body: JSON.stringify(body) },
        session.fetch,
      ),
    // The largest pages the server gives (it stops a page at ~4 MB): a first sync of 50,000
    // items stores 25 pages instead of 100, 4.0 -> 3.0 s in `npm run bench -- client-sync`.
    pull: (cursor, limit = SYNC_LIMITS.pullMax) =>
      request(
        PullResponse,
        `${base}/pull?cursor=${cursor}&limit=${limit}`,
        { headers },
        session.fetch,
      ),
  };
}

/** Joins with an invite code; `serverUrl` is the server's origin. */
export const joinCommunity = (
  serverUrl: string,
  body: JoinRequest,
): Promise<Outcome<JoinResponse>> =>
  outcome(serverUrl, JoinResponse, `${serverUrl}/v1/join`, {
    method: 'POST',
    headers: JSON_BODY,
    body: JSON.stringify(body),
  });

export const createInvite = (
  session: Session,
  invite: InviteRequest,
): Promise<Outcome<InviteResponse>> =>
  outcome(
    session.serverUrl,
    InviteResponse,
    `${communityBase(session)}/invites`,
    { method: 'POST', headers: { ...JSON_BODY, ...bearer(session) }, body: JSON.stringify(invite) },
    session.fetch,
  );

/** The community's name, member count and this member's role, as the server has them now. */
export const communityInfo = (session: Session): Promise<Outcome<CommunityInfo>> =>
  outcome(
    session.serverUrl,
    CommunityInfo,
    communityBase(session),
    { headers: bearer(session) },
    session.fetch,
  );

/** The member's own team (null: none); the answer is the community info with it. */
export const changeTeam = (
  session: Session,
  memberId: string,
  team: string | null,
): Promise<Outcome<CommunityInfo>> =>
  outcome(
    session.serverUrl,
    CommunityInfo,
    `${communityBase(session)}/members/${encodeURIComponent(memberId)}/team`,
    {
      method: 'POST',
      headers: { ...JSON_BODY, ...bearer(session) },
      body: JSON.stringify({ team }),
    },
    session.fetch,
  );

/** The community's active members, for a steward choosing who curates paths. */
export const listMembers = (session: Session): Promise<Outcome<MembersResponse>> =>
  outcome(
    session.serverUrl,
    MembersResponse,
    `${communityBase(session)}/members`,
    { headers: bearer(session) },
    session.fetch,
  );

/** A steward's change of some community settings; the answer is all of them, as now. */
export const changeSettings = (
  session: Session,
  change: SettingsChange,
): Promise<Outcome<SyncedSettings>> =>
  outcome(
    session.serverUrl,
    SyncedSettings,
    `${communityBase(session)}/settings`,
    { method: 'POST', headers: { ...JSON_BODY, ...bearer(session) }, body: JSON.stringify(change) },
    session.fetch,
  );

/** Asks the server to forget the token. Best effort: a steward can still revoke it later. */
export async function endSession(session: Session): Promise<void> {
  const doFetch = session.fetch ?? fetch;
  await doFetch(`${communityBase(session)}/session`, {
    method: 'DELETE',
    headers: bearer(session),
  }).catch(() => undefined);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
