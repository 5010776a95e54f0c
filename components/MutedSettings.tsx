import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { getItems, openRepertoireDb } from '@/lib/db';
import { sendMessage } from '@/lib/messaging';
import type { RequestOf } from '@/lib/messaging/contract';
import { mutedItems, mutedSites } from '@/lib/repertoire';

interface MutedTip {
  id: string;
  /** Null when the tip is no longer stored (deleted, or its community left). */
  title: string | null;
}

/** The titles of muted tips, read from the repertoire in one go. */
async function titled(ids: readonly string[]): Promise<MutedTip[]> {
  if (ids.length === 0) return [];
  const db = await openRepertoireDb();
  try {
    const items = await getItems(db, ids);
    return ids.map((id, i) => ({ id, title: items[i]?.title ?? null }));
  } finally {
    db.close();
  }
}

/**
 * The sites and tips muted from the in-page panel, each with Unmute. The lists follow storage,
 * so a mute in a page shows here at once; Unmute goes through the background, which shows the
 * tips again in open tabs.
 */
export function MutedSettings() {
  const [sites, setSites] = useState<string[] | null>(null);
  const [tips, setTips] = useState<MutedTip[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const showTips = (ids: string[]) => void titled(ids).then(setTips);
    void mutedSites.getValue().then(setSites);
    void mutedItems.getValue().then(showTips);
    const unwatch = [mutedSites.watch(setSites), mutedItems.watch(showTips)];
    return () => unwatch.forEach((stop) => stop());
  }, []);

  const unmute = (request: RequestOf<'unmute'>, name: string) => {
    setError(null);
    sendMessage('unmute', request).catch((e: unknown) =>
      setError(
        t('community_stillMuted', { name, message: e instanceof Error ? e.message : String(e) }),
      ),
    );
  };

  if (sites === null || tips === null) return <p class="empty">{t('community_loadingMuted')}</p>;
  return (
    <section aria-labelledby="muted-heading">
      <h2 id="muted-heading">{t('community_mutedHeading')}</h2>
      <h3>{t('community_mutedSitesHeading')}</h3>
      {sites.length === 0 ? (
        <p class="empty">{t('community_noMutedSites')}</p>
      ) : (
        <ul aria-label={t('community_mutedSites')}>
          {sites.map((site) => (
            <li key={site}>
              {site}{' '}
              <button
                type="button"
                aria-label={t('community_unmuteNamed', { name: site })}
                onClick={() => unmute({ site }, site)}
              >
                {t('community_unmute')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('community_mutedTipsHeading')}</h3>
      {tips.length === 0 ? (
        <p class="empty">{t('community_noMutedTips')}</p>
      ) : (
        <ul aria-label={t('community_mutedTips')}>
          {tips.map(({ id, title }) => {
            const name = title ? t('community_quotedTitle', { title }) : t('community_goneTip');
            return (
              <li key={id}>
                <span dir="auto">{name}</span>{' '}
                <button
                  type="button"
                  aria-label={t('community_unmuteNamed', { name })}
                  onClick={() => unmute({ itemId: id }, name)}
                >
                  {t('community_unmute')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {error ? <p role="alert">{error}</p> : null}
    </section>
  );
}
