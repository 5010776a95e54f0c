import { useCallback, useState } from 'preact/hooks';
import { t, tn, type MessageKey } from '@/lib/i18n';
import { exportRecords, listCommunities, openRepertoireDb, type ExportRecord } from '@/lib/db';
import { markdownZip, toJsonExport, toWebAnnotations } from '@/lib/portable';
import { type Community, uuidv7 } from '@/lib/wire';
import type { Status } from '../StatusMessage';

export type ExportFormat = 'markdown' | 'json' | 'annotations';

interface Format {
  type: string;
  extension: string;
  /** The format's name, as members' tools call it. */
  what: MessageKey;
  /** The file, from the items and the communities they are in. */
  make(records: ExportRecord[], communities: Community[], label: string, now: number): BlobPart;
}

const FORMATS: Record<ExportFormat, Format> = {
  markdown: {
    type: 'application/zip',
    extension: 'zip',
    what: 'community_formatMarkdown',
    make: (records) => markdownZip(records.map((r) => r.item)) as Uint8Array<ArrayBuffer>,
  },
  json: {
    type: 'application/json',
    extension: 'json',
    what: 'community_formatJson',
    make: (records, communities, _label, now) => toJsonExport(records, communities, now),
  },
  annotations: {
    // The model's own media type, with its profile, so annotation tools know it on sight.
    type: 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"',
    extension: 'jsonld',
    what: 'community_formatAnnotations',
    make: (records, _communities, label, now) =>
      JSON.stringify(
        toWebAnnotations(
          records.map((r) => r.item),
          { id: `urn:uuid:${uuidv7(now)}`, label, generatedAt: now },
        ),
        null,
        2,
      ),
  },
};

/** A file name members recognise later: what, which community, and the day. */
export function exportName(community: Community | null, now: number, extension: string): string {
  const what = community ? community.name : t('community_exportFileAll');
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
    setStatus({ tone: 'busy', text: t('community_exportReading') });
    const db = await openRepertoireDb();
    try {
      const communities = await listCommunities(db);
      const community = communities.find((c) => c.id === communityId) ?? null;
      const records = await exportRecords(db, communityId, (read) =>
        setStatus({
          tone: 'busy',
          text: tn('community_exportReadingCount', read),
        }),
      );
      if (records.length === 0) {
        setStatus({
          tone: 'notice',
          text: community
            ? t('community_exportEmpty', { name: community.name })
            : t('community_exportEmptyAll'),
        });
        return;
      }
      const now = Date.now();
      const { type, extension, what, make } = FORMATS[format];
      const name = exportName(community, now, extension);
      const label = community
        ? t('community_exportLabel', { name: community.name })
        : t('community_exportLabelAll');
      download(make(records, communities, label, now), type, name);
      setStatus({
        tone: 'ok',
        text: tn('community_exported', records.length, { format: t(what), file: name }),
      });
    } catch (error) {
      setStatus({
        tone: 'error',
        text: t('community_exportFailed', {
          message: error instanceof Error ? error.message : String(error),
        }),
      });
    } finally {
      db.close();
    }
  }, []);

  return { status, run };
}
