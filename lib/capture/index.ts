/**
 * Capture's face for the extension: running a capture script in a tab, what it sends back, and
 * the in-page toast. The two scripts injected into pages (`extract-article`, `capture-selection`)
 * are bundles of their own: their entrypoints import them by file, so that nothing else bundles
 * Readability and turndown.
 */
export { runInTab, type CaptureScript, type InjectionFailure } from './run-in-tab';
export { showToast } from './toast';
export {
  isFailure,
  type ArticleCapture,
  type CaptureFailure,
  type LinkCapture,
  type PageCaptureResult,
  type SelectionCapture,
  type SelectionCaptureResult,
} from './types';
