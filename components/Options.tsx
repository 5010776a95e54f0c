import { CommunitiesSettings } from './CommunitiesSettings';
import { MutedSettings } from './MutedSettings';
import { RelatedSettings } from './RelatedSettings';

/** The options page: one section per capability. */
export function Options() {
  return (
    <main class="options">
      <h1>Repertoire settings</h1>
      <CommunitiesSettings />
      <RelatedSettings />
      <MutedSettings />
    </main>
  );
}
