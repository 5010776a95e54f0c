/**
 * What members read about a tip's signals and currency (docs/community.md): who marks stand, the
 * state line of a tip ("Verified by Ana · 2 months ago", "Due for review", "Needs an update: …",
 * "Retired"), its one-word badge, and the order of the Review list. Pure: the clock is an
 * argument; dates are written through lib/ui/dates.ts like everywhere else.
 */
import { t } from '../i18n';
import { formatAgo } from '../ui';
import type { Mark, MarkKind } from '../wire';
import type { ReviewState } from './review';

/** The marks of a kind that stand (not taken back), in the order given. */
export function standing(marks: readonly Mark[], kind: MarkKind): Mark[] {
  return marks.filter((m) => m.kind === kind && m.on);
}

/** A member as a mark names them: "Ana", or "Ana (Platform)" when they said their team. */
export function markedBy(mark: Pick<Mark, 'name' | 'team'>): string {
  const name = mark.name || t('background_aMember');
  return mark.team ? t('background_memberWithTeam', { name, team: mark.team }) : name;
}

export type StateTone = 'ok' | 'warn' | 'muted';

export interface StateLine {
  tone: StateTone;
  text: string;
}

/**
 * The lines a tip carries where it is shown: "Retired" alone for a retired tip; otherwise each
 * open "Needs an update" note, "Due for review" when due, and who last verified it when not.
 */
export function stateLines(state: ReviewState, marks: readonly Mark[], now: number): StateLine[] {
  if (state.retired) return [{ tone: 'muted', text: t('background_stateRetired') }];
  const lines: StateLine[] = state.needsUpdate.map((m) => ({
    tone: 'warn',
    text: t('background_stateNeedsUpdate', { note: m.note ?? '', by: markedBy(m) }),
  }));
  if (state.due) lines.push({ tone: 'warn', text: t('background_stateDue') });
  else {
    const by = standing(marks, 'verified').find((m) => m.markedAt === state.lastVerifiedAt);
    const ago = formatAgo(state.lastVerifiedAt, now);
    lines.push({
      tone: 'ok',
      text: by
        ? t('background_stateVerified', { by: markedBy(by), ago })
        : t('background_stateNotVerified', { ago }),
    });
  }
  return lines;
}

/** A badge's words, in the member's language ("Due for review"). */
export type TipBadge = string;

/** One word for a list of results: the state that most asks for attention, or none. */
export function tipBadge(state: ReviewState): TipBadge | null {
  if (state.retired) return t('background_badgeRetired');
  if (state.needsUpdate.length > 0) return t('background_badgeNeedsUpdate');
  return state.due ? t('background_badgeDue') : null;
}

/** Whether a tip belongs on the Review list: due, or flagged, and not retired. */
export function needsReview(state: ReviewState): boolean {
  return !state.retired && (state.due || state.needsUpdate.length > 0);
}

/**
 * The Review list: tips due or flagged, those this browser showed most often in the panel first
 * (they matter most where this member works), then the longest unverified, then by title.
 */
export function reviewOrder<T extends { id: string; title: string; state: ReviewState }>(
  tips: readonly T[],
  shown: Readonly<Record<string, number>>,
): T[] {
  return tips
    .filter((t) => needsReview(t.state))
    .sort(
      (a, b) =>
        (shown[b.id] ?? 0) - (shown[a.id] ?? 0) ||
        a.state.lastVerifiedAt - b.state.lastVerifiedAt ||
        a.title.localeCompare(b.title),
    );
}
