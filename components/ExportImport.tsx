import { useEffect, useState } from 'preact/hooks';
import { t, tn, type MessageKey } from '@/lib/i18n';
import { ensurePersonalCommunity, listCommunities, openRepertoireDb } from '@/lib/db';
import type { Community } from '@/lib/wire';
import { useExport, type ExportFormat } from './hooks/useExport';
import { useImport, type ImportState } from './hooks/useImport';
import { Rich } from './Rich';
import { StatusMessage } from './StatusMessage';

const EXPORTS: { format: ExportFormat; label: MessageKey }[] = [
  { format: 'markdown', label: 'community_exportMarkdown' },
  { format: 'json', label: 'community_exportJson' },
  { format: 'annotations', label: 'community_exportAnnotations' },
];

/** The communities of this browser, Personal included, for both halves of the section. */
function useCommunities() {
  const [communities, setCommunities] = useState<Community[] | null>(null);
  useEffect(() => {
    void (async () => {
      const db = await openRepertoireDb();
      try {
        await ensurePersonalCommunity(db);
        setCommunities(await listCommunities(db));
      } finally {
        db.close();
      }
    })();
  }, []);
  return communities;
}

/** A community picked by name; `every`, when given, names the choice of all of them. */
function CommunityChoice(props: {
  id: string;
  label: string;
  communities: readonly Community[];
  value: string;
  onChange: (id: string) => void;
  every?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.every ? <option value="">{props.every}</option> : null}
        {props.communities.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Summary({ state }: { state: ImportState }) {
  if (state.phase === 'idle' || state.phase === 'reading') return null;
  const { tally } = state;
  // Three statements side by side, as in the item lists' meta lines.
  const lines = tally
    ? [
        tn('community_importedItems', tally.imported),
        tn('community_importAlready', tally.already),
        tn('community_importRefused', tally.refused.length),
      ].join(' · ')
    : '';
  return (
    <>
      {state.phase === 'done' ? (
        <StatusMessage
          status={{
            tone: 'ok',
            text: t(state.stopped ? 'community_importStopped' : 'community_importDone', {
              file: state.file,
              tally: lines,
            }),
          }}
        />
      ) : state.phase === 'failed' ? (
        <StatusMessage
          status={{
            tone: 'error',
            text: tally
              ? t('community_importFailedSoFar', { message: state.message, tally: lines })
              : state.message,
          }}
        />
      ) : null}
      {tally && tally.refused.length > 0 && state.phase !== 'importing' ? (
        <details class="import-refused">
          <summary>{tn('community_refusedSummary', tally.refused.length)}</summary>
          <ul aria-label={t('community_refusedList')}>
            {tally.refused.map((r, i) => (
              <li key={i}>
                {/* The tags are empty: what and why are the file's and the check's words. */}
                <Rich
                  text={t('community_refusedLine')}
                  parts={{
                    what: () => <strong dir="auto">{r.what}</strong>,
                    why: () => <span dir="auto">{r.why}</span>,
                  }}
                />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/**
 * Export and import on the options page: a community's items (or all) as files members' other
 * tools read, and a file from another tool or an earlier export read into a chosen community.
 */
export function ExportImport() {
  const communities = useCommunities();
  const exporting = useExport();
  const importing = useImport();
  const [from, setFrom] = useState<string>('');
  const [into, setInto] = useState<string>('');
  const [file, setFile] = useState<File | null>(null);
  const busy = importing.state.phase === 'reading' || importing.state.phase === 'importing';

  if (communities === null) return <p class="empty">{t('community_loadingPortable')}</p>;
  const target = into || communities[0]?.id || '';
  const state = importing.state;
  return (
    <section aria-labelledby="portable-heading" class="portable">
      <h2 id="portable-heading">{t('community_portableHeading')}</h2>
      <h3>{t('community_exportHeading')}</h3>
      <CommunityChoice
        id="export-from"
        label={t('community_exportFrom')}
        communities={communities}
        value={from}
        onChange={setFrom}
        every={t('community_everyCommunity')}
      />
      <div class="toolbar">
        {EXPORTS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            disabled={exporting.status.tone === 'busy'}
            onClick={() => void exporting.run(format, from || null)}
          >
            {t(label)}
          </button>
        ))}
      </div>
      <StatusMessage status={exporting.status} />

      <h3>{t('community_importHeading')}</h3>
      <p class="meta">{t('community_importAbout')}</p>
      <CommunityChoice
        id="import-into"
        label={t('community_importInto')}
        communities={communities}
        value={target}
        onChange={setInto}
      />
      <div class="field">
        <label for="import-file">{t('community_importFile')}</label>
        <input
          id="import-file"
          type="file"
          accept=".json,.html,.htm,application/json,text/html"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
      </div>
      <div class="toolbar">
        <button
          type="button"
          class="primary"
          disabled={!file || busy}
          onClick={() => file && void importing.run(file, target)}
        >
          {t('community_importButton')}
        </button>
        {state.phase === 'importing' ? (
          <button type="button" onClick={importing.stop}>
            {t('community_importStop')}
          </button>
        ) : null}
      </div>
      {state.phase === 'reading' ? (
        <StatusMessage
          status={{ tone: 'busy', text: t('community_importReading', { file: state.file }) }}
        />
      ) : null}
      {state.phase === 'importing' ? (
        <div class="import-progress">
          <progress
            aria-label={t('community_importProgress')}
            max={state.total}
            value={state.done}
          />
          <p role="status" class="meta">
            {tn('community_importing', state.total, { file: state.file, done: state.done })}
          </p>
        </div>
      ) : null}
      <Summary state={state} />
    </section>
  );
}
