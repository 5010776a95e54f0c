import { useEffect, useState } from 'preact/hooks';
import { HighlightSettings } from './HighlightSettings';
import { ensurePersonalCommunity, listCommunities, openRepertoireDb } from '@/lib/db';
import { relatedMode, relatedOffCommunities } from '@/lib/repertoire';
import { requestOrigins, tipOrigins } from '@/lib/related-tabs';
import type { Community } from '@/lib/wire';

type Mode = 'panel' | 'badge' | 'off';

const MODES: { value: Mode; label: string }[] = [
  { value: 'panel', label: 'Badge and a small panel on the page (opens on click)' },
  { value: 'badge', label: 'Badge on the toolbar button only' },
  { value: 'off', label: 'Off' },
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
    if (origins.length === 0) return setAccess('None of your tips names a site yet.');
    const granted = await requestOrigins(origins);
    setAccess(
      granted
        ? `Repertoire may now show tips on ${origins.length} site${origins.length === 1 ? '' : 's'}.`
        : 'Access was not granted. Tips still show in search; ask again here any time.',
    );
  };

  if (mode === null) return <p class="empty">Loading settings…</p>;
  return (
    <section aria-labelledby="related-heading">
      <h2 id="related-heading">Related tips on the sites you visit</h2>
      <p class="meta">
        Matching happens in your browser: the addresses you visit never leave it, and Repertoire
        only sees the sites your tips name, once you allow them.
      </p>
      <fieldset>
        <legend>Show related tips</legend>
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
            {m.label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Communities whose tips show on pages</legend>
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
      <h3>Site access</h3>
      <p>
        <button type="button" onClick={() => void allowAll()}>
          Allow tips on every site my tips name
        </button>
      </p>
      {access ? <p role="status">{access}</p> : null}
    </section>
  );
}
