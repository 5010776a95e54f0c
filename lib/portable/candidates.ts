/**
 * What an import found in another tool's file, before it is written: the background turns each
 * into an item of the chosen community through the normal write path (scan, outbox). Parsers
 * produce these and never items, so no file decides an id, an author or a community.
 */
export type ImportCandidate =
  /** A bookmark, or an annotation with no quote (a page note): kept as a link. */
  | {
      kind: 'link';
      url: string;
      title: string;
      tags: string[];
      /** What the file says of it (an annotation's text), kept as the item's note. */
      note: string;
      /** When the file says it was made (ms since epoch), if it says. */
      createdAt: number | null;
    }
  /** A highlight: the quote and where it sits on its page. */
  | {
      kind: 'snippet';
      url: string;
      /** The page's title, as the file names it. */
      sourceTitle: string;
      exact: string;
      prefix: string;
      suffix: string;
      /** Offsets into the page's text, when the file has them. */
      position: { start: number; end: number } | null;
      tags: string[];
      note: string;
      createdAt: number | null;
    };

/** A file read, with what in it could not be imported and why (shown in the summary). */
export interface ParsedImport {
  candidates: ImportCandidate[];
  refused: { what: string; why: string }[];
}
