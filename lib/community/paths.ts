/**
 * Start here paths (docs/community.md): which path is a community's Start here, where a
 * newcomer is on it, and which of its steps a page's tips are. Pure: progress and the tips that
 * match a page are arguments.
 */
import { t } from '../i18n';
import type { PathItem } from '../wire';

/**
 * A community's Start here: its oldest live path. "Add to Start here" makes one only when there
 * is none, so two curators adding at once end with two paths, and everyone sees the same one.
 */
export function startHerePath<P extends Pick<PathItem, 'id' | 'createdAt' | 'deletedAt'>>(
  paths: readonly P[],
): P | undefined {
  let first: P | undefined;
  for (const p of paths) {
    if (p.deletedAt !== null) continue;
    if (
      !first ||
      p.createdAt < first.createdAt ||
      (p.createdAt === first.createdAt && p.id < first.id)
    )
      first = p;
  }
  return first;
}

/** The private progress kept on this browser for one path. */
export interface PathProgress {
  /** Item ids of the steps marked done. */
  done: readonly string[];
  dismissed: boolean;
}

/**
 * Whether Start here is still offered: "recently joined" means until the member has done every
 * step or dismissed it. A path with no steps offers nothing.
 */
export function startHereOpen(
  path: Pick<PathItem, 'steps'>,
  progress: PathProgress | undefined,
): boolean {
  if (path.steps.length === 0 || progress?.dismissed) return false;
  const done = new Set(progress?.done ?? []);
  return path.steps.some((s) => !done.has(s.itemId));
}

export interface StepOnPage {
  /** 1-based, as the panel says it: "step 3 of 8". */
  number: number;
  of: number;
  itemId: string;
  note: string;
}

/**
 * The first step of the path whose item is among the tips matched for a page (matching stays
 * the related index's: patterns, tools, mutes); undefined when none is.
 */
export function stepOnPage(
  path: Pick<PathItem, 'steps'>,
  matchedIds: ReadonlySet<string>,
): StepOnPage | undefined {
  const index = path.steps.findIndex((s) => matchedIds.has(s.itemId));
  if (index < 0) return undefined;
  const step = path.steps[index]!;
  return { number: index + 1, of: path.steps.length, itemId: step.itemId, note: step.note };
}

/** "Start here · step 3 of 8". */
export const stepLine = (step: Pick<StepOnPage, 'number' | 'of'>): string =>
  t('background_stepLine', { number: step.number, of: step.of });

/** The steps with one moved by `by` places (−1 up, +1 down); unchanged at either end. */
export function moveStep<S>(steps: readonly S[], index: number, by: -1 | 1): S[] {
  const to = index + by;
  if (index < 0 || index >= steps.length || to < 0 || to >= steps.length) return [...steps];
  const next = [...steps];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
