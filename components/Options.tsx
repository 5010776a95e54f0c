import { libraryUrl } from '@/lib/ui';
import { CommunitiesSettings } from './CommunitiesSettings';
import { ExportImport } from './ExportImport';
import { MutedSettings } from './MutedSettings';
import { RelatedSettings } from './RelatedSettings';

/** The options page: one section per capability. */
export function Options() {
  return (
    <main class="options">
      <h1>Repertoire settings</h1>
      <p>
        <a href={libraryUrl()}>Open library</a>: browse and filter everything in your repertoire.
      </p>
      <CommunitiesSettings />
      <RelatedSettings />
      <MutedSettings />
      <ExportImport />
    </main>
  );
}
