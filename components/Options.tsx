import { t } from '@/lib/i18n';
import { libraryUrl } from '@/lib/ui';
import { CommunitiesSettings } from './CommunitiesSettings';
import { ExportImport } from './ExportImport';
import { MutedSettings } from './MutedSettings';
import { RelatedSettings } from './RelatedSettings';
import { Rich } from './Rich';

/** The options page: one section per capability. */
export function Options() {
  return (
    <main class="options">
      <h1>{t('community_optionsTitle')}</h1>
      <p>
        <Rich
          text={t('community_optionsLibrary')}
          parts={{ library: (text) => <a href={libraryUrl()}>{text}</a> }}
        />
      </p>
      <CommunitiesSettings />
      <RelatedSettings />
      <MutedSettings />
      <ExportImport />
    </main>
  );
}
