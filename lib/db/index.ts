/**
 * The storage module, the only place that imports `idb`: its public face. Files by concern:
 * schema.ts (schema and migrations), writes.ts, reads.ts, search-queue.ts, sync-store-idb.ts
 * (lib/sync's store), related.ts (the related-tips index), pages.ts (how server copies are kept).
 */
export {
  DB_NAME,
  DB_VERSION,
  openRepertoireDb,
  type ItemMeta,
  type Membership,
  type RepertoireDb,
} from './schema';
export {
  deleteItem,
  ensurePersonalCommunity,
  listCommunities,
  PERSONAL_COMMUNITY_ID,
  putItem,
  putItems,
  restoreItem,
  StorageFullError,
} from './writes';
export {
  countItems,
  deletedItems,
  findByCanonicalUrl,
  findByCanonicalUrls,
  getItem,
  getItemMeta,
  getItems,
  recentItems,
} from './reads';
export {
  acknowledgeSearchQueue,
  peekSearchQueue,
  queueAllForSearch,
  queuedIdCount,
  searchStore,
} from './search-queue';
export { idbSyncStore } from './sync-store-idb';
export {
  communitySettings,
  forgetCommunity,
  listMemberships,
  saveMembership,
  syncCursor,
} from './memberships';
export { rebuildRelated, relatedStore } from './related';
export { readLibrary } from './library';
export { getPrivateNote, setPrivateNote } from './notes';
export { tipsWithMarks } from './tips';
export { itemsOfKinds } from './kinds';
export { exportRecords, type ExportRecord } from './export';
