/**
 * The toolbar badge's text on a tab: how many tips apply there (clips and questions are not
 * advice, so they are not counted), and a "!" while an answer to one of the member's questions
 * waits to be told in the popup ("2!", or "!" alone). Empty means no badge.
 */
export function badgeText(tips: number, answerWaits: boolean): string {
  return `${tips > 0 ? tips : ''}${answerWaits ? '!' : ''}`;
}
