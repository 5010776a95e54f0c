/**
 * `findBy…` and `waitFor` wait as long as a loaded two-core machine needs: the library's 1 s
 * default judged a render that took 1.3 s there as a failure. A hang still ends at the test's
 * own timeout.
 */
import { configure } from '@testing-library/preact';

configure({ asyncUtilTimeout: 30_000 });
