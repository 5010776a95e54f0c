import { useEffect, useState } from 'preact/hooks';
import { ensurePersonalCommunity, listCommunities, openRepertoireDb } from '@/lib/db';
import type { Community } from '@/lib/wire';
import { useExport, type ExportFormat } from './hooks/useExport';
import { useImport, type ImportState } from './hooks/useImport';
import { StatusMessage } from './StatusMessage';

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

const EXPORTS: { format: ExportFormat; label: string }[] = [
  { format: 'markdown', label: 'Export as Markdown' },
  { format: 'json', label: 'Export as JSON' },
  { format: 'annotations', label: 'Export as Web Annotations' },
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
  const lines = tally
    ? [
        `Imported ${count(tally.imported, 'item', 'items')}`,
        `${count(tally.already, 'was', 'were')} already there`,
        `${count(tally.refused.length, 'was', 'were')} not imported`,
      ].join(' · ')
    : '';
  return (
    <>
      {state.phase === 'done' ? (
        <StatusMessage
          status={{
            tone: 'ok',
            text: `${state.stopped ? 'Stopped. ' : ''}${state.file}: ${lines}.`,
          }}
        />
      ) : state.phase === 'failed' ? (
        <StatusMessage
          status={{
            tone: 'error',
            text: `${state.message}${tally ? ` So far: ${lines}; a second import does not add those again.` : ''}`,
          }}
        />
      ) : null}
      {tally && tally.refused.length > 0 && state.phase !== 'importing' ? (
        <details class="import-refused">
          <summary>{count(tally.refused.length, 'item', 'items')} not imported, and why</summary>
          <ul aria-label="Not imported">
            {tally.refused.map((r, i) => (
              <li key={i}>
                <strong dir="auto">{r.what}</strong>: <span dir="auto">{r.why}</span>
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

  if (communities === null) return <p class="empty">Loading export and import…</p>;
  const target = into || communities[0]?.id || '';
  const state = importing.state;
  return (
    <section aria-labelledby="portable-heading" class="portable">
      <h2 id="portable-heading">Export and import</h2>
      <h3>Export</h3>
      <CommunityChoice
        id="export-from"
        label="What to export"
        communities={communities}
        value={from}
        onChange={setFrom}
        every="Every community"
      />
      <div class="toolbar">
        {EXPORTS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            disabled={exporting.status.tone === 'busy'}
            onClick={() => void exporting.run(format, from || null)}
          >
            {label}
          </button>
        ))}
      </div>
      <StatusMessage status={exporting.status} />

      <h3>Import</h3>
      <p class="meta">
        Reads a file made with “Export as JSON”, your browser’s bookmarks (exported as HTML, folders
        becoming tags), or a Hypothesis export (JSON). What is already in the community is not added
        again; into a shared community, items are checked for secrets and shared at the next sync.
      </p>
      <CommunityChoice
        id="import-into"
        label="Into"
        communities={communities}
        value={target}
        onChange={setInto}
      />
      <div class="field">
        <label for="import-file">File</label>
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
          Import
        </button>
        {state.phase === 'importing' ? (
          <button type="button" onClick={importing.stop}>
            Stop
          </button>
        ) : null}
      </div>
      {state.phase === 'reading' ? (
        <StatusMessage status={{ tone: 'busy', text: `Reading ${state.file}…` }} />
      ) : null}
      {state.phase === 'importing' ? (
        <div class="import-progress">
          <progress aria-label="Import progress" max={state.total} value={state.done} />
          <p role="status" class="meta">
            Importing {state.file}: {state.done.toLocaleString()} of{' '}
            {count(state.total, 'item', 'items')}
          </p>
        </div>
      ) : null}
      <Summary state={state} />
    </section>
  );
}
