/**
 * The W3C Web Annotation Data Model's MUSTs (https://www.w3.org/TR/annotation-model/), as checks
 * on parsed JSON. Written from the model's text and the Working Group's test assertions
 * (github.com/w3c/web-annotation-tests), so that an export is held to the model itself rather
 * than to our own idea of it. They read `unknown`, not our types: a broken annotation in a test
 * must reach them as broken as it is.
 *
 * Not checked, because the JSON alone cannot show it: that offsets count code points in the
 * normalized text (4.2.4, 4.2.5), which needs the annotated document. Not checked either: the
 * classes Repertoire never writes (Choice and Set internals, States, stylesheets, SVG, Range and
 * the value-based selectors), though `selector-type` refuses any selector not of a known class.
 */

type Obj = Record<string, unknown>;

/** One MUST: a short label, the section of the model, and a test that passes when it holds. */
interface Must<T> {
  label: string;
  section: string;
  holds: (subject: T) => boolean;
}

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
/** JSON-LD: a key may hold one value or an array of them; absent is none. */
const all = (x: unknown): unknown[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
/** An absolute IRI: a scheme, then no character RFC 3987 leaves out of IRIs. */
const isIri = (x: unknown): boolean =>
  typeof x === 'string' && /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i.test(x);
const singleIri = (x: unknown): boolean => all(x).length === 1 && isIri(all(x)[0]);
const typesOf = (o: Obj): unknown[] => all(o.type);
const atMostOne = (x: unknown): boolean => all(x).length <= 1;
const nonNegativeInteger = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0;
const exactlyOne = (x: unknown, test: (v: unknown) => boolean): boolean =>
  all(x).length === 1 && test(all(x)[0]);

/** xsd:dateTime in UTC with "Z" (3.3.1), and a real date: no month 13, no 30 February. */
function isUtcDateTime(x: unknown): boolean {
  if (typeof x !== 'string') return false;
  const m = /^(\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?Z$/.exec(x);
  if (!m) return false;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) &&
    date.getUTCDate() === Number(m[3]) &&
    Number(m[4]) < 24 &&
    Number(m[5]) < 60 &&
    Number(m[6]) < 60
  );
}

const CHOICE_CLASSES = ['Choice', 'Composite', 'List', 'Independents'];
const SELECTOR_CLASSES = [
  'FragmentSelector',
  'CssSelector',
  'XPathSelector',
  'TextQuoteSelector',
  'TextPositionSelector',
  'DataPositionSelector',
  'SvgSelector',
  'RangeSelector',
];

type Kind = 'specific' | 'choice' | 'textual' | 'external';

/** What a body or target object is, told apart as the model's classes are (3.2, 4). */
function kindOf(o: Obj): Kind {
  if ('source' in o) return 'specific';
  if (typesOf(o).some((t) => CHOICE_CLASSES.includes(t as string))) return 'choice';
  if (typesOf(o).includes('TextualBody') || 'value' in o) return 'textual';
  return 'external';
}

interface Resource {
  role: 'body' | 'target';
  node: Obj;
  kind: Kind;
}

/** Every body and target object, with the sources of Specific Resources and the items of Choices. */
function resourcesOf(annotation: Obj): Resource[] {
  const found: Resource[] = [];
  const visit = (role: Resource['role'], value: unknown): void => {
    if (!isObj(value)) return;
    const kind = kindOf(value);
    found.push({ role, node: value, kind });
    if (kind === 'specific' && isObj(value.source)) {
      found.push({ role, node: value.source, kind: 'external' });
    }
    if (kind === 'choice') all(value.items).forEach((item) => visit(role, item));
  };
  all(annotation.body).forEach((b) => visit('body', b));
  all(annotation.target).forEach((t) => visit('target', t));
  return found;
}

/** Every selector object, refinements included (4.2). */
function selectorsOf(annotation: Obj): unknown[] {
  const found: unknown[] = [];
  const visit = (selector: unknown): void => {
    found.push(selector);
    if (isObj(selector)) all(selector.refinedBy).forEach(visit);
  };
  resourcesOf(annotation)
    .filter((r) => r.kind === 'specific')
    .forEach((r) => all(r.node.selector).forEach(visit));
  return found;
}

const selectorsOfType = (annotation: Obj, type: string): Obj[] =>
  selectorsOf(annotation).filter((s): s is Obj => isObj(s) && typesOf(s).includes(type));

const everyResource = (annotation: Obj, test: (r: Resource) => boolean): boolean =>
  resourcesOf(annotation).every(test);

/** The annotation and its body and target objects: where lifecycle and rights properties go. */
const describedNodes = (annotation: Obj): Obj[] => [
  annotation,
  ...resourcesOf(annotation).map((r) => r.node),
];

/** The annotation as checked: its JSON and the @context it inherits when embedded in a page. */
interface Subject {
  annotation: Obj;
  inheritedContext: unknown;
}

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export const ANNOTATION_MUSTS: readonly Must<Subject>[] = [
  {
    label: 'context',
    section: '3.1',
    holds: ({ annotation, inheritedContext }) =>
      all(annotation['@context'] ?? inheritedContext).includes(ANNO_CONTEXT),
  },
  {
    label: 'context-single-as-string',
    section: '3.1',
    holds: ({ annotation }) =>
      !Array.isArray(annotation['@context']) || annotation['@context'].length !== 1,
  },
  { label: 'id', section: '3.1', holds: ({ annotation }) => singleIri(annotation.id) },
  {
    label: 'type',
    section: '3.1',
    holds: ({ annotation }) => typesOf(annotation).includes('Annotation'),
  },
  { label: 'target', section: '3.1', holds: ({ annotation }) => all(annotation.target).length > 0 },
  {
    label: 'resource-recognized',
    section: '3.2',
    holds: ({ annotation }) =>
      [...all(annotation.body), ...all(annotation.target)].every(
        (r) => isIri(r) || (isObj(r) && (kindOf(r) !== 'external' || 'id' in r)),
      ) && all(annotation.target).every((t) => !isObj(t) || kindOf(t) !== 'textual'),
  },
  {
    label: 'external-resource-id',
    section: '3.2.1',
    holds: ({ annotation }) =>
      everyResource(annotation, (r) => r.kind !== 'external' || singleIri(r.node.id)),
  },
  {
    label: 'text-direction',
    section: '3.2.1',
    holds: ({ annotation }) =>
      everyResource(
        annotation,
        (r) =>
          !('textDirection' in r.node) ||
          exactlyOne(r.node.textDirection, (d) => ['ltr', 'rtl', 'auto'].includes(d as string)),
      ),
  },
  {
    label: 'textual-body-value',
    section: '3.2.4',
    holds: ({ annotation }) =>
      everyResource(
        annotation,
        (r) => r.kind !== 'textual' || exactlyOne(r.node.value, (v) => typeof v === 'string'),
      ),
  },
  {
    label: 'target-not-textual-body',
    section: '3.2.4',
    holds: ({ annotation }) =>
      everyResource(
        annotation,
        (r) => r.role !== 'target' || !typesOf(r.node).includes('TextualBody'),
      ),
  },
  {
    label: 'body-xor-body-value',
    section: '3.2.5',
    holds: ({ annotation }) => !('body' in annotation && 'bodyValue' in annotation),
  },
  {
    label: 'body-value-string',
    section: '3.2.5',
    holds: ({ annotation }) =>
      !('bodyValue' in annotation) ||
      exactlyOne(annotation.bodyValue, (v) => typeof v === 'string'),
  },
  {
    label: 'no-items-outside-choice',
    section: '3.2.7',
    holds: ({ annotation }) =>
      everyResource(annotation, (r) => r.kind === 'choice' || !('items' in r.node)),
  },
  {
    label: 'external-resource-no-purpose',
    section: '3.3.5',
    holds: ({ annotation }) =>
      everyResource(annotation, (r) => r.kind !== 'external' || !('purpose' in r.node)),
  },
  ...(['created', 'modified', 'generated'] as const).map((key): Must<Subject> => ({
    label: key,
    section: '3.3.1',
    holds: ({ annotation }) =>
      describedNodes(annotation).every(
        (node) => !(key in node) || exactlyOne(node[key], isUtcDateTime),
      ),
  })),
  {
    label: 'agent-single-id',
    section: '3.3.2',
    holds: ({ annotation }) =>
      describedNodes(annotation).every((node) =>
        all(node.creator).every(
          (agent) => isIri(agent) || (isObj(agent) && (!('id' in agent) || singleIri(agent.id))),
        ),
      ),
  },
  {
    label: 'rights-iri',
    section: '3.3.6',
    holds: ({ annotation }) =>
      describedNodes(annotation).every((node) => all(node.rights).every(isIri)),
  },
  {
    label: 'canonical-single-iri',
    section: '3.3.7',
    holds: ({ annotation }) =>
      describedNodes(annotation).every(
        (node) => !('canonical' in node) || singleIri(node.canonical),
      ),
  },
  {
    label: 'via-iri',
    section: '3.3.7',
    holds: ({ annotation }) =>
      describedNodes(annotation).every((node) => all(node.via).every(isIri)),
  },
  {
    label: 'specific-resource-source',
    section: '4',
    holds: ({ annotation }) =>
      everyResource(
        annotation,
        (r) =>
          r.kind !== 'specific' ||
          exactlyOne(r.node.source, (s) => isIri(s) || (isObj(s) && singleIri(s.id))),
      ),
  },
  {
    label: 'textual-body-no-source',
    section: '4',
    holds: ({ annotation }) =>
      everyResource(
        annotation,
        (r) => !typesOf(r.node).includes('TextualBody') || !('source' in r.node),
      ),
  },
  {
    label: 'specific-resource-no-value',
    section: '4',
    holds: ({ annotation }) =>
      everyResource(annotation, (r) => r.kind !== 'specific' || !('value' in r.node)),
  },
  {
    label: 'selector-type',
    section: '4.2',
    holds: ({ annotation }) =>
      selectorsOf(annotation).every(
        (s) =>
          isIri(s) ||
          (isObj(s) && exactlyOne(s.type, (t) => SELECTOR_CLASSES.includes(t as string))),
      ),
  },
  {
    label: 'quote-exact',
    section: '4.2.4',
    holds: ({ annotation }) =>
      selectorsOfType(annotation, 'TextQuoteSelector').every((s) =>
        exactlyOne(s.exact, (v) => typeof v === 'string'),
      ),
  },
  {
    label: 'quote-prefix-suffix-at-most-one',
    section: '4.2.4',
    holds: ({ annotation }) =>
      selectorsOfType(annotation, 'TextQuoteSelector').every(
        (s) =>
          atMostOne(s.prefix) &&
          atMostOne(s.suffix) &&
          [...all(s.prefix), ...all(s.suffix)].every((v) => typeof v === 'string'),
      ),
  },
  ...(['start', 'end'] as const).map((key): Must<Subject> => ({
    label: `position-${key}`,
    section: '4.2.5',
    holds: ({ annotation }) =>
      selectorsOfType(annotation, 'TextPositionSelector').every((s) =>
        exactlyOne(s[key], nonNegativeInteger),
      ),
  })),
];

/** The labels of the MUSTs the annotation breaks; none for a conforming one. */
export function mustViolations(annotation: unknown, inheritedContext?: unknown): string[] {
  if (!isObj(annotation)) return ['annotation-is-object'];
  return ANNOTATION_MUSTS.filter((m) => !m.holds({ annotation, inheritedContext })).map(
    (m) => m.label,
  );
}

/** A page, and whether it is embedded (then it takes its collection's @context) and the total. */
interface PageSubject {
  page: Obj;
  embedded: boolean;
  collectionTotal: number | null;
}

export const PAGE_MUSTS: readonly Must<PageSubject>[] = [
  {
    label: 'page-context',
    section: '5.2',
    holds: ({ page, embedded }) => embedded || all(page['@context']).includes(ANNO_CONTEXT),
  },
  { label: 'page-id', section: '5.2', holds: ({ page }) => singleIri(page.id) },
  {
    label: 'page-type',
    section: '5.2',
    holds: ({ page }) => typesOf(page).includes('AnnotationPage'),
  },
  {
    label: 'page-items',
    section: '5.2',
    holds: ({ page }) =>
      Array.isArray(page.items) &&
      page.items.length > 0 &&
      page.items.every((a) => isIri(a) || (isObj(a) && typesOf(a).includes('Annotation'))),
  },
  {
    label: 'page-part-of',
    section: '5.2',
    holds: ({ page }) =>
      !('partOf' in page) ||
      exactlyOne(page.partOf, (p) => isIri(p) || (isObj(p) && singleIri(p.id))),
  },
  {
    label: 'page-start-index',
    section: '5.2',
    holds: ({ page }) => !('startIndex' in page) || exactlyOne(page.startIndex, nonNegativeInteger),
  },
  {
    // Known to be short of the last page when its annotations end before the collection's total.
    label: 'page-next-unless-last',
    section: '5.2',
    holds: ({ page, collectionTotal }) => {
      const start = typeof page.startIndex === 'number' ? page.startIndex : 0;
      const listed = Array.isArray(page.items) ? page.items.length : 0;
      return collectionTotal === null || start + listed >= collectionTotal || isIri(page.next);
    },
  },
];

export function pageViolations(
  page: unknown,
  where: { embedded: boolean; collectionTotal?: number },
): string[] {
  if (!isObj(page)) return ['page-is-object'];
  const subject = {
    page,
    embedded: where.embedded,
    collectionTotal: where.collectionTotal ?? null,
  };
  return PAGE_MUSTS.filter((m) => !m.holds(subject)).map((m) => m.label);
}

export const COLLECTION_MUSTS: readonly Must<Obj>[] = [
  {
    label: 'collection-context',
    section: '5.1',
    holds: (c) => all(c['@context']).includes(ANNO_CONTEXT),
  },
  { label: 'collection-id', section: '5.1', holds: (c) => singleIri(c.id) },
  {
    label: 'collection-type',
    section: '5.1',
    holds: (c) => typesOf(c).includes('AnnotationCollection'),
  },
  {
    label: 'collection-label-string',
    section: '5.1',
    holds: (c) => all(c.label).every((l) => typeof l === 'string'),
  },
  {
    label: 'collection-total',
    section: '5.1',
    holds: (c) => !('total' in c) || exactlyOne(c.total, nonNegativeInteger),
  },
  {
    label: 'collection-first-when-not-empty',
    section: '5.1',
    holds: (c) =>
      !(typeof c.total === 'number' && c.total > 0) ||
      exactlyOne(c.first, (f) => isIri(f) || (isObj(f) && typesOf(f).includes('AnnotationPage'))),
  },
];

/**
 * The collection's MUSTs, its embedded first page's, and each annotation's there, as
 * `items[i]: label` so a failure says which annotation it is.
 */
export function collectionViolations(collection: unknown): string[] {
  if (!isObj(collection)) return ['collection-is-object'];
  const own = COLLECTION_MUSTS.filter((m) => !m.holds(collection)).map((m) => m.label);
  const first = collection.first;
  if (!isObj(first)) return own;
  const total = typeof collection.total === 'number' ? collection.total : undefined;
  const page = pageViolations(first, { embedded: true, collectionTotal: total }).map(
    (label) => `first: ${label}`,
  );
  const context = first['@context'] ?? collection['@context'];
  // An item may also be an annotation's IRI, which page-items checks.
  const annotations = all(first.items).flatMap((a, i) =>
    isObj(a) ? mustViolations(a, context).map((label) => `items[${i}]: ${label}`) : [],
  );
  return [...own, ...page, ...annotations];
}
