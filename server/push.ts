/**
 * A push from its raw body to its results: parse, validate, apply in one transaction. The same
 * function runs on the HTTP thread or on a pool of worker threads (push-pool.ts).
 */
import { PushRequest, type MutationResult } from '../lib/wire/sync';
import type { Principal, Store } from './store/store';
import { parseBody, utf8 } from './validate';

/** Applies a push body for `who`; throws ApiError for a body the protocol refuses. */
export type Pusher = (who: Principal, body: Uint8Array<ArrayBuffer>) => Promise<MutationResult[]>;

export function applyPush(
  store: Store,
  who: Principal,
  body: Uint8Array,
): Promise<MutationResult[]> {
  const { clientId, mutations } = parseBody(utf8(body), PushRequest);
  return store.push(who, clientId, mutations);
}

export function inProcessPusher(store: Store): Pusher {
  return async (who, body) => applyPush(store, who, body);
}
