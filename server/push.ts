/**
 * A push from its raw body to its results: parse, validate, apply in one transaction. The same
 * function runs on the HTTP thread or on a pool of worker threads (push-pool.ts).
 */
import { PushRequest, type PushResponse } from '../lib/wire';
import type { Failpoints } from './failpoints';
import type { Principal, Store } from './store/store';
import { parseBody } from './validate';

/**
 * Applies a push body for `who` and gives the response body (a PushResponse, serialized where it
 * was made, so a worker's answer crosses threads as one string); throws ApiError for a body the
 * protocol refuses.
 */
export type Pusher = (who: Principal, body: Uint8Array<ArrayBuffer>) => Promise<string>;

export async function applyPush(
  store: Store,
  who: Principal,
  body: Uint8Array,
  faults: Failpoints = {},
): Promise<string> {
  const { clientId, mutations } = parseBody(body, PushRequest);
  const response: PushResponse = { results: await store.push(who, clientId, mutations) };
  await faults.afterCommit?.();
  return JSON.stringify(response);
}

export function inProcessPusher(store: Store, faults: Failpoints = {}): Pusher {
  return async (who, body) => applyPush(store, who, body, faults);
}
