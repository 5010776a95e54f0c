/**
 * Sync with a community's server: its public face. hub.ts runs one engine (engine.ts) per joined
 * community; http.ts is the one HTTP client of a server; store-interface.ts is what the engine
 * needs from local storage (lib/db implements it over IndexedDB).
 */
export {
  scheduleSyncAlarm,
  SYNC_ALARM,
  SyncHub,
  type CommunitySync,
  type InviteOutcome,
  type JoinInput,
  type JoinOutcome,
} from './hub';
export { SyncEngine, type SyncEngineOptions, type SyncPhase, type SyncStatus } from './engine';
export {
  httpTransport,
  SyncHttpError,
  SyncUnreachableError,
  type Session,
  type SyncTransport,
} from './http';
export { inviteProblemText, parseInviteText, serverAddressText } from './invite-words';
export { listenLive, type LiveOptions, type LiveState } from './live';
export type { PulledChange, SyncState, SyncStore } from './store-interface';
