import { useCallback, useState } from 'preact/hooks';
import { exportRecords, listCommunities, openRepertoireDb } from '@/lib/db';
import { toJsonExport } from '@/lib/portable';
import type { Community } from '@/lib/wire';
import type { Status } from '../StatusMessage';

export type ExportFormat = 'json';

const TYPES: Record<ExportFormat, { type: string; extension: string; what: string }> = {
  json: { type: 'application/json', extension: 'json', what: 'JSON' },
};

/** A file name members recognise later: what, which community, and the day. */
export function exportName(community: Community | null, now: number, extension: string): string {
  const what = community ? community.name : 'all communities';
  const safe = what.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'community';
  return `repertoire-${safe.toLowerCase()}-${new Date(now).toISOString().slice(0, 10)}.${extension}`;
}

/** Hands the file to the browser's downloads through an anchor: no permission to ask for. */
function download(data: BlobPart, type: string, name: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const anchor = Object.assign(document.createElement('a'), { href: url, download: name });
  anchor.click();
  // The download has its own copy once started; the URL is no longer needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Export and import's export half: one community's items, or all, in a chosen format. */
export function useExport() {
  const [status, setStatus] = useState<Status>({ tone: 'idle' });

  const run = useCallback(async (format: ExportFormat, communityId: string | null) => {
    setStatus({ tone: 'busy', text: 'Reading your repertoire…' });
    const db = await openRepertoireDb();
    try {
      const communities = await listCommunities(db);
      const community = communities.find((c) => c.id === communityId) ?? null;
      const records = await exportRecords(db, communityId, (read) =>
        setStatus({
          tone: 'busy',
          text: `Reading your repertoire… ${read.toLocaleString()} items`,
        }),
      );
      if (records.length === 0) {
        setStatus({
          tone: 'notice',
          text: `${community ? community.name : 'Your repertoire'} has no items yet, so there is nothing to export.`,
        });
        return;
      }
      const now = Date.now();
      const { type, extension, what } = TYPES[format];
      const name = exportName(community, now, extension);
      download(toJsonExport(records, communities, now), type, name);
      setStatus({
        tone: 'ok',
        text: `Exported ${records.length.toLocaleString()} ${records.length === 1 ? 'item' : 'items'} as ${what} to ${name}, in your downloads.`,
      });
    } catch (error) {
      setStatus({
        tone: 'error',
        text: `The export failed (${error instanceof Error ? error.message : String(error)}). Nothing was changed; try again.`,
      });
    } finally {
      db.close();
    }
  }, []);

  return { status, run };
}
