import { useEffect, useState } from 'preact/hooks';
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
        Looking for the sites your community’s tips name…
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
      granted
        ? `Tips now show on ${names.length === 1 ? names[0] : `those ${names.length} sites`}: the badge counts them and a small panel lists them.`
        : 'Access was not given, so tips show only in search. Allow it any time from the popup on such a page, or in Settings under Site access.',
    );
  };
  const later = async () => {
    await siteAccessAsked.setValue(true);
    setAnswer(
      'Not now, then. The popup offers it again on a page that has tips, and Settings has it under Site access.',
    );
  };
  const label = `Show tips on ${names.length} site${names.length === 1 ? '' : 's'}`;
  return (
    <section class="site-access" aria-label={label}>
      <p>
        {url === undefined
          ? `${label}: ${listed}?`
          : `Tips apply to this page. ${label}: ${listed}?`}{' '}
        <span class="meta">
          Repertoire then sees only those sites, and matches them in your browser.
        </span>
      </p>
      <div class="toolbar">
        <button type="button" class="primary" onClick={() => void allow()}>
          Allow
        </button>
        <button type="button" onClick={() => void later()}>
          Not now
        </button>
      </div>
    </section>
  );
}
