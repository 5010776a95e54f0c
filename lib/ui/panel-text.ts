/** The in-page panel's sentences, kept apart from its markup so they can be checked alone. */
import { t, uiLanguage } from '../i18n';
import type { PanelClip } from '../messaging/contract';

/** "3 Nov", with the year when it is not this year's; in the browser's UI language. */
export function shortDate(at: number, now = Date.now()): string {
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(uiLanguage(), {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(at);
}

/** "Clipped by Ana on 3 Nov"; a snippet says it is one. */
export function clippedLine(clip: Pick<PanelClip, 'kind' | 'author' | 'createdAt'>, now?: number) {
  const date = shortDate(clip.createdAt, now);
  const author = clip.author;
  if (clip.kind === 'snippet')
    return author
      ? t('popup_panelSnippetClippedBy', { author, date })
      : t('popup_panelSnippetClipped', { date });
  return author ? t('popup_panelClippedBy', { author, date }) : t('popup_panelClipped', { date });
}
