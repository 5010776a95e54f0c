import { useEffect, useState } from 'preact/hooks';
import { t, tn } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging';
import { siteAccessAsked } from '@/lib/repertoire';
import { openRepertoireDb } from '@/lib/db';
import { originsForPage, requestOrigins, siteName, withoutAccess } from '@/lib/related-tabs';

interface Props {
  /** Just joined: wait for the first sync, and offer only if the member was never asked. */
  afterSync?: boolean;
  /** The page the popup acts on: offer only when tips name its site and access is missing. */
  url?: string | null;
}

const SHOWN_SITES = 3;

/**
 * "Show tips on 6 sites: github.com, *.atlassian.net, …" with Allow and Not now. Without the
 * access a tip's sites need, a member sees no badge and no panel there, and nothing says why.
 */
export function SiteAccessOffer({ afterSync = false, url }: Props) {
  const [origins, setOrigins] = useState<string[] | null>(null);
  const [answer, setAnswer] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      let found: string[] = [];
      if (afterSync) {
        // The background, which syncs: the new community's tips are stored and indexed first.
        if (!(await siteAccessAsked.getValue())) {
          found = (await sendMessage('tipSites', { afterSync }).catch(() => ({ origins: [] })))
            .origins;
        }
      } else if (url) {
        // Read here, as the popup reads everything: no service worker woken for it.
        const db = await openRepertoireDb();
        found = await withoutAccess(await originsForPage(db, url).finally(() => db.close()));
      }
      if (live) setOrigins(found);
    })();
    return () => {
      live = false;
    };
  }, [afterSync, url]);

  if (answer) {
    return (
      <p class="site-access" role="status">
        {answer}
      </p>
    );
  }
  if (origins === null) {
    return afterSync ? (
      <p class="site-access" role="status">
        {t('popup_siteAccessLooking')}
      </p>
    ) : null;
  }
  if (origins.length === 0) return null;

  const names = origins.map(siteName);
  const listed = names.slice(0, SHOWN_SITES).join(', ') + (names.length > SHOWN_SITES ? ', …' : '');
  const allow = async () => {
    // The prompt first: it must open within the click.
    const granted = await requestOrigins(origins);
    await siteAccessAsked.setValue(true);
    setAnswer(
      !granted
        ? t('popup_siteAccessDenied')
        : names.length === 1
          ? t('popup_siteAccessGrantedSite', { site: names[0]! })
          : tn('popup_siteAccessGranted', names.length),
    );
  };
  const later = async () => {
    await siteAccessAsked.setValue(true);
    setAnswer(t('popup_siteAccessLater'));
  };
  const label = tn('popup_siteAccessShow', names.length);
  return (
    <section class="site-access" aria-label={label}>
      <p>
        {url === undefined
          ? tn('popup_siteAccessShowListed', names.length, { sites: listed })
          : tn('popup_siteAccessShowForPage', names.length, { sites: listed })}{' '}
        <span class="meta">{t('popup_siteAccessOnlyThose')}</span>
      </p>
      <div class="toolbar">
        <button type="button" class="primary" onClick={() => void allow()}>
          {t('popup_allow')}
        </button>
        <button type="button" onClick={() => void later()}>
          {t('popup_notNow')}
        </button>
      </div>
    </section>
  );
}
