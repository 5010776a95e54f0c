/**
 * Colours drawn outside CSS (the toolbar badge is painted by the browser, from the service
 * worker): the light `--accent` token of components/tokens.css and the text on it. A unit test
 * keeps the two in step.
 */
export const BADGE = { background: '#4f46e5', text: '#ffffff' } as const;
