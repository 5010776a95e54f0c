/**
 * The tools the project knows by name, so a tip can say "applies to Jira" instead of spelling out
 * every host Jira lives on. A tip refers to a tool with an appliesTo entry `tool:<id>`
 * (`tool:jira`), or by naming it in its `tool` field (`Jira`, `Google Sheets`).
 *
 * Patterns name the app, not the vendor's marketing site, where the two are told apart by path or
 * host. Self-hosted installs (GitLab, Grafana, Jira Data Center…) live on a community's own hosts:
 * tips for those use a URL pattern.
 */
export interface Tool {
  /** Stable, lowercase: what `tool:<id>` refers to. */
  readonly id: string;
  readonly name: string;
  /** Other names members write in a tip's `tool` field. */
  readonly aliases?: readonly string[];
  /** Match patterns (lib/related/patterns.ts syntax). */
  readonly patterns: readonly string[];
}

export const TOOLS: readonly Tool[] = [
  // Code hosting and CI
  { id: 'github', name: 'GitHub', patterns: ['*://github.com/*', '*://gist.github.com/*'] },
  { id: 'gitlab', name: 'GitLab', patterns: ['*://gitlab.com/*'] },
  { id: 'bitbucket', name: 'Bitbucket', patterns: ['*://bitbucket.org/*'] },
  { id: 'circleci', name: 'CircleCI', patterns: ['*://app.circleci.com/*'] },
  { id: 'vercel', name: 'Vercel', patterns: ['*://vercel.com/*'] },
  { id: 'netlify', name: 'Netlify', patterns: ['*://app.netlify.com/*'] },
  // Planning and docs
  {
    id: 'jira',
    name: 'Jira',
    patterns: [
      '*://*.atlassian.net/jira/*',
      '*://*.atlassian.net/browse/*',
      '*://*.atlassian.net/secure/*',
    ],
  },
  { id: 'confluence', name: 'Confluence', patterns: ['*://*.atlassian.net/wiki/*'] },
  { id: 'trello', name: 'Trello', patterns: ['*://trello.com/*'] },
  { id: 'linear', name: 'Linear', patterns: ['*://linear.app/*'] },
  { id: 'asana', name: 'Asana', patterns: ['*://app.asana.com/*'] },
  { id: 'clickup', name: 'ClickUp', patterns: ['*://app.clickup.com/*'] },
  { id: 'monday', name: 'monday.com', aliases: ['Monday'], patterns: ['*://*.monday.com/*'] },
  { id: 'notion', name: 'Notion', patterns: ['*://*.notion.so/*', '*://*.notion.site/*'] },
  { id: 'airtable', name: 'Airtable', patterns: ['*://airtable.com/*'] },
  { id: 'miro', name: 'Miro', patterns: ['*://miro.com/app/*'] },
  {
    id: 'figma',
    name: 'Figma',
    patterns: [
      '*://www.figma.com/file/*',
      '*://www.figma.com/design/*',
      '*://www.figma.com/board/*',
      '*://www.figma.com/proto/*',
      '*://www.figma.com/files/*',
    ],
  },
  // Google Workspace: one host, told apart by path.
  { id: 'google-docs', name: 'Google Docs', patterns: ['*://docs.google.com/document/*'] },
  { id: 'google-sheets', name: 'Google Sheets', patterns: ['*://docs.google.com/spreadsheets/*'] },
  { id: 'google-slides', name: 'Google Slides', patterns: ['*://docs.google.com/presentation/*'] },
  { id: 'google-drive', name: 'Google Drive', patterns: ['*://drive.google.com/*'] },
  { id: 'gmail', name: 'Gmail', patterns: ['*://mail.google.com/*'] },
  { id: 'google-calendar', name: 'Google Calendar', patterns: ['*://calendar.google.com/*'] },
  // Microsoft 365
  {
    id: 'microsoft-teams',
    name: 'Microsoft Teams',
    aliases: ['Teams', 'MS Teams'],
    patterns: ['*://teams.microsoft.com/*', '*://teams.live.com/*', '*://teams.cloud.microsoft/*'],
  },
  {
    id: 'outlook',
    name: 'Outlook',
    patterns: ['*://outlook.office.com/*', '*://outlook.office365.com/*', '*://outlook.live.com/*'],
  },
  { id: 'sharepoint', name: 'SharePoint', patterns: ['*://*.sharepoint.com/*'] },
  // Chat
  {
    id: 'slack',
    name: 'Slack',
    patterns: ['*://app.slack.com/*', '*://*.slack.com/archives/*'],
  },
  { id: 'discord', name: 'Discord', patterns: ['*://discord.com/channels/*'] },
  // Observability and incidents
  { id: 'sentry', name: 'Sentry', patterns: ['*://*.sentry.io/*'] },
  { id: 'grafana', name: 'Grafana', aliases: ['Grafana Cloud'], patterns: ['*://*.grafana.net/*'] },
  {
    id: 'datadog',
    name: 'Datadog',
    patterns: ['*://*.datadoghq.com/*', '*://*.datadoghq.eu/*', '*://app.ddog-gov.com/*'],
  },
  {
    id: 'new-relic',
    name: 'New Relic',
    patterns: ['*://one.newrelic.com/*', '*://one.eu.newrelic.com/*'],
  },
  { id: 'pagerduty', name: 'PagerDuty', patterns: ['*://*.pagerduty.com/*'] },
  // Cloud consoles
  {
    id: 'aws-console',
    name: 'AWS Console',
    aliases: ['AWS', 'Amazon Web Services'],
    patterns: ['*://*.console.aws.amazon.com/*'],
  },
  {
    id: 'gcp-console',
    name: 'Google Cloud Console',
    aliases: ['GCP', 'GCP Console', 'Google Cloud'],
    patterns: ['*://console.cloud.google.com/*'],
  },
  {
    id: 'azure-portal',
    name: 'Azure Portal',
    aliases: ['Azure', 'Azure Console'],
    patterns: ['*://portal.azure.com/*'],
  },
  {
    id: 'cloudflare',
    name: 'Cloudflare Dashboard',
    aliases: ['Cloudflare'],
    patterns: ['*://dash.cloudflare.com/*'],
  },
  // Reference and packages
  { id: 'stack-overflow', name: 'Stack Overflow', patterns: ['*://stackoverflow.com/*'] },
  { id: 'stack-exchange', name: 'Stack Exchange', patterns: ['*://*.stackexchange.com/*'] },
  { id: 'mdn', name: 'MDN', aliases: ['MDN Web Docs'], patterns: ['*://developer.mozilla.org/*'] },
  { id: 'npm', name: 'npm', patterns: ['*://www.npmjs.com/*'] },
  { id: 'pypi', name: 'PyPI', patterns: ['*://pypi.org/*'] },
  { id: 'crates-io', name: 'crates.io', patterns: ['*://crates.io/*'] },
  { id: 'docker-hub', name: 'Docker Hub', patterns: ['*://hub.docker.com/*'] },
  { id: 'read-the-docs', name: 'Read the Docs', patterns: ['*://*.readthedocs.io/*'] },
  // Business apps
  {
    id: 'salesforce',
    name: 'Salesforce',
    patterns: ['*://*.lightning.force.com/*', '*://*.my.salesforce.com/*'],
  },
  { id: 'hubspot', name: 'HubSpot', patterns: ['*://app.hubspot.com/*'] },
  { id: 'zendesk', name: 'Zendesk', patterns: ['*://*.zendesk.com/*'] },
];

/** `Google Sheets`, `google-sheets` and `googlesheets` all name the same tool. */
const nameKey = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const byName = new Map<string, Tool>(
  TOOLS.flatMap((t) => [t.id, t.name, ...(t.aliases ?? [])].map((n) => [nameKey(n), t] as const)),
);

/** The tool with this id, name or alias, in any case or spacing; undefined when not in the catalog. */
export function findTool(name: string): Tool | undefined {
  return byName.get(nameKey(name));
}
