import { captureSelection } from '@/lib/capture/capture-selection';

// Injected on demand by "Clip selection" only.
export default defineUnlistedScript(() => captureSelection(document, location.href));
