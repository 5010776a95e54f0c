import { extractArticle } from '@/lib/capture/extract-article';

// Injected on demand by "Clip page" only; never an always-on content script.
export default defineUnlistedScript(() => extractArticle(document, location.href));
