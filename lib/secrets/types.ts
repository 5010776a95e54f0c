/** A secret can be used against its owner; personal data identifies a person. */
export type FindingKind = 'secret' | 'personal';

/** One thing found in what would leave the device. Stays in the background with its match. */
export interface Finding {
  /** Which field of the item it is in: "title", "body", "text", "html", "quote", … */
  field: string;
  /** What it looks like, in words: "AWS access key ID", "email address". */
  label: string;
  kind: FindingKind;
  /** The text found, exactly as it is in the field. */
  match: string;
  /** Up to a few words of the field around it, for showing where it is. */
  before: string;
  after: string;
}

/** What the member is shown: the match masked, so the review does not display it whole. */
export interface FindingView {
  field: string;
  label: string;
  kind: FindingKind;
  masked: string;
  before: string;
  after: string;
}
