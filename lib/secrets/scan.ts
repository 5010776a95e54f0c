/**
 * The scan: secretlint's recommended preset (maintained rules for cloud and SaaS tokens, private
 * keys, passwords in URLs, database connection strings) plus our own rule (./rules) for what it
 * leaves out. See docs/secrets.md for why this engine and what it costs.
 */
import { lintSource } from '@secretlint/core';
import { rules as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig } from '@secretlint/types';
import { EXTRA_RULE_ID, extraRule, PATTERNS, type ExtraPatternId } from './rules';
import type { Finding, FindingKind } from './types';

const AWS_RULE = '@secretlint/secretlint-rule-aws';
// "secretlint-disable" comments are for a repository's own files; shared text is not one, and a
// page must not be able to switch the scan off. (A preset's rules cannot be disabled one by one,
// so the preset's rules are registered here one by one instead.)
const FILTER_COMMENTS_RULE = '@secretlint/secretlint-rule-filter-comments';

const CONFIG: SecretLintCoreConfig = {
  rules: [
    ...recommended
      .filter((rule) => rule.meta.id !== FILTER_COMMENTS_RULE)
      .map((rule) => ({
        id: rule.meta.id,
        rule,
        // Access key ids alone are off by default (they are not secret on their own), but a key
        // id pasted into a tip is how a key pair leaks.
        options: rule.meta.id === AWS_RULE ? { enableIDScanRule: true } : {},
      })),
    { id: EXTRA_RULE_ID, rule: extraRule },
  ],
};

/** The preset's message ids, in words. */
const PRESET_LABELS: Record<string, string> = {
  AWSAccessKeyID: 'AWS access key ID',
  AWSSecretAccessKey: 'AWS secret access key',
  AWSAccountID: 'AWS account ID',
  ANTHROPIC_API_KEY: 'Anthropic API key',
  BasicAuth: 'password in a URL',
  DATABRICKS_PERSONAL_ACCESS_TOKEN: 'Databricks token',
  DOCKER_PERSONAL_ACCESS_TOKEN: 'Docker access token',
  FIGMA_PERSONAL_ACCESS_TOKEN: 'Figma access token',
  GITHUB_TOKEN: 'GitHub token',
  GITLAB_PERSONAL_ACCESS_TOKEN: 'GitLab access token',
  GRAFANA_CLOUD_API_TOKEN: 'Grafana Cloud token',
  GRAFANA_SERVICE_ACCOUNT_TOKEN: 'Grafana service account token',
  GROQ_API_KEY: 'Groq API key',
  HASHICORP_VAULT_BATCH_TOKEN: 'Vault token',
  HASHICORP_VAULT_RECOVERY_TOKEN: 'Vault token',
  HASHICORP_VAULT_SERVICE_TOKEN: 'Vault token',
  HUGGINGFACE_USER_ACCESS_TOKEN: 'Hugging Face token',
  IncomingWebhook: 'Slack webhook URL',
  LINEAR_API_TOKEN: 'Linear API key',
  MongoDBConnection: 'MongoDB password',
  MySQLConnection: 'MySQL password',
  NOTION_INTEGRATION_TOKEN: 'Notion token',
  NPM_ACCESS_TOKEN: 'npm token',
  Npmrc_authToken: 'npm token',
  OPENAI_TOKEN: 'OpenAI API key',
  OPS_TOKEN: '1Password token',
  PackageJSON_xOauthToken: 'OAuth token',
  PostgreSQLConnection: 'PostgreSQL password',
  PrivateKey: 'private key',
  PrivateKeyJSON: 'private key',
  SENDGRID_KEY: 'SendGrid API key',
  SHOPIFY_KEY: 'Shopify token',
  SLACK_TOKEN: 'Slack token',
  VERCEL_AI_GATEWAY_API_KEY: 'Vercel token',
  VERCEL_APP_ACCESS_TOKEN: 'Vercel token',
  VERCEL_APP_REFRESH_TOKEN: 'Vercel token',
  VERCEL_INTEGRATION_TOKEN: 'Vercel token',
  VERCEL_PERSONAL_ACCESS_TOKEN: 'Vercel token',
};

const CONTEXT_CHARS = 40;

interface Hit {
  start: number;
  end: number;
  label: string;
  kind: FindingKind;
}

/** In a URL with a password (a link, a connection string) only the password is the secret. */
const URL_PASSWORD = /^[a-z][\w+.-]*:\/\/[^:@/\s]*:([^@\s]+)@/i;

function narrowed(text: string, start: number, end: number): [number, number] {
  const userinfo = URL_PASSWORD.exec(text.slice(start, end));
  if (!userinfo?.[1]) return [start, end];
  const from = start + userinfo[0].length - 1 - userinfo[1].length;
  return [from, from + userinfo[1].length];
}

function hitOf(
  text: string,
  ruleId: string,
  messageId: string,
  range: readonly [number, number],
): Hit {
  const [start, end] = narrowed(text, range[0], range[1]);
  if (ruleId === EXTRA_RULE_ID) {
    const pattern = PATTERNS[messageId as ExtraPatternId];
    return { start, end, label: pattern.label, kind: pattern.kind };
  }
  return { start, end, label: PRESET_LABELS[messageId] ?? 'secret', kind: 'secret' };
}

/** Where two hits overlap (a password in a URL that also reads as an email), a secret wins. */
function withoutOverlaps(hits: Hit[]): Hit[] {
  const ordered = [...hits].sort(
    (a, b) =>
      Number(a.kind === 'personal') - Number(b.kind === 'personal') ||
      b.end - b.start - (a.end - a.start),
  );
  const kept: Hit[] = [];
  for (const hit of ordered) {
    if (!kept.some((k) => hit.start < k.end && k.start < hit.end)) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Scans one text; `field` names where it came from in the findings. */
export async function scanText(field: string, text: string): Promise<Finding[]> {
  if (!text) return [];
  const result = await lintSource({
    // No file path: the gcp rule reads one with node:path, which the browser build lacks.
    source: { content: text, filePath: '', ext: '.txt', contentType: 'text' },
    options: { config: CONFIG, noPhysicFilePath: true },
  });
  const hits = withoutOverlaps(
    result.messages.map((m) => hitOf(text, m.ruleId, m.messageId, m.range)),
  );
  // The context shown around one finding must not show the others whole.
  let blurred = text;
  for (const hit of hits) {
    blurred =
      blurred.slice(0, hit.start) + '•'.repeat(hit.end - hit.start) + blurred.slice(hit.end);
  }
  const context = (from: number, to: number) => blurred.slice(from, to).replace(/•{4,}/g, '•••');
  return hits.map((hit) => ({
    field,
    label: hit.label,
    kind: hit.kind,
    match: text.slice(hit.start, hit.end),
    before: context(Math.max(0, hit.start - CONTEXT_CHARS), hit.start),
    after: context(hit.end, hit.end + CONTEXT_CHARS),
  }));
}
