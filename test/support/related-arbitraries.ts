/** fast-check arbitraries for the related-tips tests: patterns, URLs and items that vary where matching looks. */
import fc from 'fast-check';
import { idFor, page, tip } from './items';
import { TOOLS } from '../../lib/related/tools';
import type { Item } from '../../lib/wire';

const hosts = ['example.com', 'app.example.com', 'a.b.example.com', 'github.com', 'localhost'];
hosts.push('acme.atlassian.net', 'docs.google.com', 'xn--bcher-kva.example', '10.0.0.1');
const segment = fc.constantFrom('a', 'b', 'acme', 'browse', 'jira', 'document', 'spreadsheets');
const path = fc.array(segment, { maxLength: 3 }).map((s) => s.map((x) => '/' + x).join(''));

export const pattern = fc.oneof(
  fc
    .record({
      scheme: fc.constantFrom('', '*://', 'https://', 'http://'),
      wild: fc.boolean(),
      host: fc.constantFrom(...hosts, 'atlassian.net', 'bücher.example', 'com'),
      port: fc.constantFrom('', '', ':8080', ':443'),
      path: fc.oneof(
        path,
        path.map((p) => p + '/*'),
        path.map((p) => p + '*'),
        path.map((p) => p + '/*/b'),
      ),
      extra: fc.constantFrom('', '', '?q=*', '#/a/*', '/'),
    })
    .map((p) => `${p.scheme}${p.wild ? '*.' : ''}${p.host}${p.port}${p.path}${p.extra}`),
  fc.constantFrom(...TOOLS.map((t) => `tool:${t.id}`), 'tool:nope', '*://*/*', ''),
);
export const url = fc
  .record({
    scheme: fc.constantFrom('https://', 'http://', 'chrome://', 'file://'),
    host: fc.constantFrom(...hosts, 'x.acme.atlassian.net', 'shop.bücher.example'),
    port: fc.constantFrom('', '', ':8080', ':443'),
    path,
    slash: fc.constantFrom('', '/'),
    extra: fc.constantFrom('', '?q=1', '#/a/b', '?utm_source=x'),
  })
  .map((u) => `${u.scheme}${u.host}${u.port}${u.path}${u.slash}${u.extra}`);
const itemSpec = fc.oneof(
  fc.record({
    appliesTo: fc.array(pattern, { maxLength: 3 }),
    tool: fc.constantFrom(null, 'Jira', 'GitHub', 'Google Docs', 'unknown'),
    community: fc.constantFrom('c1', 'c2'),
  }),
  fc.record({ url, canonicalUrl: fc.option(url), community: fc.constantFrom('c1', 'c2') }),
);

/** Item specs; `itemFrom(spec, i)` makes item i of them. */
export const item = itemSpec;
export type ItemSpec = typeof itemSpec extends fc.Arbitrary<infer T> ? T : never;

export function itemFrom(spec: ItemSpec, i: number): Item {
  return 'url' in spec
    ? page(idFor(i), spec.url, spec.canonicalUrl, spec.community)
    : tip(idFor(i), spec.appliesTo, { tool: spec.tool, community: spec.community });
}
