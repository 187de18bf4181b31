/**
 * The search page for a site opened from disk (`file://`), built as a classic script
 * (`dist/search-file.js`): module scripts and Pagefind cannot load from disk, so the search page's
 * own inline loader adds this, and it searches the fallback index (`search-fallback.js`).
 */
import { bootSearchPage } from './search-page.ts';

bootSearchPage();
