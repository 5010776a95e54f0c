/** Findings in words, for the review and the toast. No scanner here: the popup imports this. */
import { formatList, t, tn, type MessageKey, type PluralKey } from '../i18n';
import type { FindingView } from './types';

const FIELD_NAMES: Record<string, MessageKey> = {
  title: 'background_fieldTitle',
  body: 'background_fieldBody',
  tags: 'background_fieldTags',
  appliesTo: 'background_fieldAppliesTo',
  text: 'background_fieldText',
  html: 'background_fieldHtml',
  excerpt: 'background_fieldExcerpt',
  byline: 'background_fieldByline',
  siteName: 'background_fieldSiteName',
  quote: 'background_fieldQuote',
  selectors: 'background_fieldSelectors',
  sourceTitle: 'background_fieldSourceTitle',
  url: 'background_fieldUrl',
  canonicalUrl: 'background_fieldUrl',
  leadImageUrl: 'background_fieldLeadImageUrl',
};

/** "the title", "the selection": where in an item a finding is. */
export const fieldName = (field: string): string =>
  Object.hasOwn(FIELD_NAMES, field) ? t(FIELD_NAMES[field]!) : field;

/**
 * A finding's label is its kind, in English, as the scan names it (and as a redaction writes it
 * into shared text: "[redacted email address]"); members read it through these messages:
 * `background_secret…` the label alone, `background_secrets…` counted ("an email address",
 * "2 email addresses").
 */
const LABEL_KEYS = {
  '1Password token': 'OnePasswordToken',
  'AWS access key ID': 'AWSAccessKeyID',
  'AWS account ID': 'AWSAccountID',
  'AWS secret access key': 'AWSSecretAccessKey',
  'Anthropic API key': 'AnthropicAPIKey',
  'Authorization header': 'AuthorizationHeader',
  'Azure AD client secret': 'AzureADClientSecret',
  'Azure shared access signature': 'AzureSharedAccessSignature',
  'Azure storage account key': 'AzureStorageAccountKey',
  'Databricks token': 'DatabricksToken',
  'Docker access token': 'DockerAccessToken',
  'Figma access token': 'FigmaAccessToken',
  'GitHub token': 'GitHubToken',
  'GitLab access token': 'GitLabAccessToken',
  'Google API key': 'GoogleAPIKey',
  'Google OAuth client secret': 'GoogleOAuthClientSecret',
  'Grafana Cloud token': 'GrafanaCloudToken',
  'Grafana service account token': 'GrafanaServiceAccountToken',
  'Groq API key': 'GroqAPIKey',
  'Hugging Face token': 'HuggingFaceToken',
  'JSON Web Token': 'JSONWebToken',
  'Linear API key': 'LinearAPIKey',
  'MongoDB password': 'MongoDBPassword',
  'MySQL password': 'MySQLPassword',
  'Notion token': 'NotionToken',
  'OAuth token': 'OAuthToken',
  'OpenAI API key': 'OpenAIAPIKey',
  'PostgreSQL password': 'PostgreSQLPassword',
  'Redis password': 'RedisPassword',
  'SendGrid API key': 'SendGridAPIKey',
  'Shopify token': 'ShopifyToken',
  'Slack token': 'SlackToken',
  'Slack webhook URL': 'SlackWebhookURL',
  'Stripe key': 'StripeKey',
  'Stripe webhook secret': 'StripeWebhookSecret',
  'Vault token': 'VaultToken',
  'Vercel token': 'VercelToken',
  'email address': 'EmailAddress',
  'npm token': 'NpmToken',
  'password in a URL': 'PasswordInAURL',
  'phone number': 'PhoneNumber',
  'private key': 'PrivateKey',
} as const;

type LabelKey = (typeof LABEL_KEYS)[keyof typeof LABEL_KEYS];

const labelKey = (label: string): LabelKey | undefined =>
  Object.hasOwn(LABEL_KEYS, label) ? LABEL_KEYS[label as keyof typeof LABEL_KEYS] : undefined;

/** What a finding looks like, in the member's language: "AWS access key ID". */
export function findingLabel(label: string): string {
  const key = labelKey(label);
  return key ? t(`background_secret${key}` as MessageKey) : label;
}

/** "an AWS access key ID and 2 email addresses" */
export function describeFindings(findings: readonly Pick<FindingView, 'label'>[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
  const parts = [...counts].map(([label, n]) => {
    const key = labelKey(label);
    // A label the catalogue lacks (a rule added since) reads as it is.
    return key ? tn(`background_secrets${key}` as PluralKey, n) : label;
  });
  return parts.length === 0 ? t('background_secretsNothing') : formatList(parts);
}
