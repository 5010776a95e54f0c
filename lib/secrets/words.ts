/** Findings in words, for the review and the toast. No scanner here: the popup imports this. */
import type { FindingView } from './types';

const FIELD_NAMES: Record<string, string> = {
  title: 'the title',
  body: 'the tip',
  tags: 'the tags',
  appliesTo: '“Applies to”',
  text: 'the article',
  html: 'a link or image of the article',
  excerpt: 'the excerpt',
  byline: 'the byline',
  siteName: 'the site name',
  quote: 'the selection',
  selectors: 'the text around the selection',
  sourceTitle: 'the page title',
  url: 'the page address',
  canonicalUrl: 'the page address',
  leadImageUrl: 'the lead image address',
};

export const fieldName = (field: string): string => FIELD_NAMES[field] ?? field;

const article = (label: string) => (/^[aeiouAEIOU]/.test(label) ? 'an' : 'a');

/** "an AWS access key ID and 2 email addresses" */
export function describeFindings(findings: readonly Pick<FindingView, 'label'>[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
  const parts = [...counts].map(([label, n]) =>
    n === 1 ? `${article(label)} ${label}` : `${n} ${label.replace(/s$/, '')}s`,
  );
  return parts.length <= 1
    ? (parts[0] ?? 'nothing')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
