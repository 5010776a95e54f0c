/** The in-page panel's sentences, kept apart from its markup so they can be checked alone. */
import type { PanelClip } from '../messaging/contract';

/** "3 Nov", with the year when it is not this year's; in the reader's own locale. */
export function shortDate(at: number, now = Date.now()): string {
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(at);
}

/** "Clipped by Ana on 3 Nov"; a snippet says it is one. */
export function clippedLine(clip: Pick<PanelClip, 'kind' | 'author' | 'createdAt'>, now?: number) {
  const what = clip.kind === 'snippet' ? 'A snippet clipped' : 'Clipped';
  const who = clip.author ? ` by ${clip.author}` : '';
  return `${what}${who} on ${shortDate(clip.createdAt, now)}`;
}
