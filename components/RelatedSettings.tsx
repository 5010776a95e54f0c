import { useEffect, useState } from 'preact/hooks';
import { t, tn, type MessageKey } from '@/lib/i18n';
import { HighlightSettings } from './HighlightSettings';
import { ensurePersonalCommunity, listCommunities, openRepertoireDb } from '@/lib/db';
import { relatedMode, relatedOffCommunities } from '@/lib/repertoire';
import { requestOrigins, tipOrigins } from '@/lib/related-tabs';
import type { Community } from '@/lib/wire';

type Mode = 'panel' | 'badge' | 'off';

const MODES: { value: Mode; label: MessageKey }[] = [
  { value: 'panel', label: 'community_relatedPanel' },
  { value: 'badge', label: 'community_relatedBadge' },
  { value: 'off', label: 'community_relatedOff' },
];

/** Where and whether related tips show, and what Repertoire may see. */
export function RelatedSettings() {
  const [mode, setMode] = useState<Mode | null>(null);
  const [communities, setCommunities] = useState<Community[]>([]);
  const [off, setOff] = useState<string[]>([]);
  const [access, setAccess] = useState<string>('');

  useEffect(() => {
    void (async () => {
      const db = await openRepertoireDb();
      await ensurePersonalCommunity(db);
      setCommunities(await listCommunities(db));
      setMode(await relatedMode.getValue());
      setOff(await relatedOffCommunities.getValue());
      db.close();
    })();
  }, []);

  const allowAll = async () => {
    const db = await openRepertoireDb();
    const origins = await tipOrigins(db);
    db.close();
    if (origins.length === 0) return setAccess(t('community_accessNoSites'));
    const granted = await requestOrigins(origins);
    setAccess(
      granted ? tn('community_accessGranted', origins.length) : t('community_accessRefused'),
    );
  };

  if (mode === null) return <p class="empty">{t('community_loadingSettings')}</p>;
  return (
    <section aria-labelledby="related-heading">
      <h2 id="related-heading">{t('community_relatedHeading')}</h2>
      <p class="meta">{t('community_relatedPrivacy')}</p>
      <fieldset>
        <legend>{t('community_relatedLegend')}</legend>
        {MODES.map((m) => (
          <label key={m.value} class="choice">
            <input
              type="radio"
              name="related-mode"
              checked={mode === m.value}
              onChange={() => {
                setMode(m.value);
                void relatedMode.setValue(m.value);
              }}
            />
            {t(m.label)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('community_relatedCommunities')}</legend>
        {communities.map((c) => (
          <label key={c.id} class="choice">
            <input
              type="checkbox"
              checked={!off.includes(c.id)}
              onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                const next = on ? off.filter((id) => id !== c.id) : [...off, c.id];
                setOff(next);
                void relatedOffCommunities.setValue(next);
              }}
            />
            {c.name}
          </label>
        ))}
      </fieldset>
      <HighlightSettings />
      <h3>{t('community_siteAccess')}</h3>
      <p>
        <button type="button" onClick={() => void allowAll()}>
          {t('community_allowAll')}
        </button>
      </p>
      {access ? <p role="status">{access}</p> : null}
    </section>
  );
}
