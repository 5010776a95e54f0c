/**
 * A newcomer's progress on Start here paths: private, kept on this browser only (never synced,
 * never sent), as the issue asks. Read by the popup's Start here view and the background's panel.
 */
import { storage } from '#imports';
import type { PathProgress } from '../community';

/** By path id: the steps marked done, and whether the member dismissed the path. */
export const startHereProgress = storage.defineItem<Record<string, PathProgress>>(
  'local:startHereProgress',
  { fallback: {}, version: 1 },
);

/**
 * By step item id: the tab where the panel first said "Start here · step 3 of 8". The line is
 * for the first visit to that tool's pages: it stays in that tab (its reloads and routes) and is
 * not said again elsewhere.
 */
export const startHereVisits = storage.defineItem<Record<string, number>>('local:startHereVisits', {
  fallback: {},
  version: 1,
});

/** The progress with one step marked done or not done. */
export function withStepDone(
  all: Record<string, PathProgress>,
  pathId: string,
  itemId: string,
  done: boolean,
): Record<string, PathProgress> {
  const current = all[pathId] ?? { done: [], dismissed: false };
  const others = current.done.filter((id) => id !== itemId);
  return { ...all, [pathId]: { ...current, done: done ? [...others, itemId] : others } };
}
