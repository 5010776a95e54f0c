import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { highlightsOn } from '@/lib/repertoire';

/** Whether snippets are highlighted on the pages they were clipped from (docs/highlights.md). */
export function HighlightSettings() {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void highlightsOn.getValue().then(setOn);
    return highlightsOn.watch((value) => setOn(value));
  }, []);
  if (on === null) return null;
  return (
    <fieldset>
      <legend>{t('highlights_settingLegend')}</legend>
      <label class="choice">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            const next = (e.currentTarget as HTMLInputElement).checked;
            setOn(next);
            void highlightsOn.setValue(next);
          }}
        />
        {t('highlights_settingLabel')}
      </label>
    </fieldset>
  );
}
