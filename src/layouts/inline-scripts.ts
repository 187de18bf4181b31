/**
 * The inline scripts Grove writes into pages, as constants. Under the Content-Security-Policy (see
 * src/integrations/csp.ts) an inline script runs only when the page's policy lists the SHA-256 of its
 * exact text, so each is the same text on every page: what differs from page to page (the base path,
 * the route, a storage key) is in `data-*` attributes of the `<script>` element, read through
 * `document.currentScript`. A component writes one as `<script is:inline set:html={CODE} />`; the
 * policy lists the hashes of all of them (`contentSecurityPolicy`), and `grove:csp` keeps, as each
 * page renders, those of the scripts it has.
 *
 * They stay inline, rather than bundled, for a reason each: they must run while the page is parsed
 * (no flash of the wrong breadcrumb or of "Search needs JavaScript"), or from disk (`file://`), where
 * module scripts do not load. Everything else is a bundled `<script>`, which Astro hashes itself.
 * Kept short by hand: they are in the HTML of every page that uses them.
 */
/**
 * For a site opened from disk (`file://`): points links and stylesheets, written for the web
 * server's base path, at the files beside the page, and records the site's root for the fallback
 * search. Does nothing over http. Reads `data-base` (the base path) and `data-route` (this page's
 * route under it) from its element.
 */
export const DISK_FALLBACK = `if (location.protocol == 'file:') {
  let d = document.currentScript.dataset, base = d.base, route = d.route,
    h = location.href.replace(/[?#].*$/, '').replace(/index\\.html$/, ''),
    r = route && h.endsWith(route) ? h.slice(0, -route.length) : new URL('./', h).href,
    f = (e, a, p) => {
      let v = e.getAttribute(a);
      if (!v || v.indexOf(base)) return;
      let [u, x] = v.slice(base.length).split('#');
      e.setAttribute(a, r + decodeURI(u) + (p && (!u || u.endsWith('/')) ? 'index.html' : '') + (x == null ? '' : '#' + x));
    };
  document.documentElement.dataset.groveRoot = r;
  addEventListener('DOMContentLoaded', () => document.querySelectorAll('link[href],a[href]').forEach((e) => f(e, 'href', e.tagName == 'A')));
}`;

/**
 * A course in several paths: puts the path the reader opened last (its id stored under `data-key`)
 * in the breadcrumb in place of "Courses", before the page is shown.
 */
export const BREADCRUMB_PATH = `try {
  var id = localStorage.getItem(document.currentScript.dataset.key);
  document.querySelectorAll('.breadcrumbs [data-paths]').forEach(function (li) {
    var path = id && JSON.parse(li.getAttribute('data-paths')).find(function (p) { return p.id === id; });
    var a = li.querySelector('a');
    if (path && a) { a.href = path.href; a.textContent = path.label; }
  });
} catch (e) {}`;

/** A path page: remembers this path (`data-id`) under `data-key`, for the breadcrumbs of its courses. */
export const REMEMBER_PATH = `try { var d = document.currentScript.dataset; localStorage.setItem(d.key, d.id); } catch (e) {}`;

/** The last lesson of a course in several paths: the path the reader opened last (under `data-key`) goes first, marked as theirs. */
export const NEXT_COURSE_FIRST = `try {
  var id = localStorage.getItem(document.currentScript.dataset.key);
  var li = id && document.querySelector('.next-courses li[data-path-id="' + CSS.escape(id) + '"]');
  if (li) {
    li.parentNode.prepend(li);
    var mark = document.createElement('strong');
    mark.textContent = 'Your path: ';
    li.prepend(mark);
  }
} catch (e) {}`;

/** The search page: hides "Search needs JavaScript" (the element before the script) as the page is parsed, so it never flashes. */
export const HIDE_PREVIOUS = `document.currentScript.previousElementSibling.hidden = true;`;

/**
 * The search page from disk (`file://`), where its module script cannot load: loads the classic
 * build of the same page script (`search-file.js`) from the site's root, found by DISK_FALLBACK.
 */
export const DISK_SEARCH = `if (location.protocol === 'file:') {
  document.addEventListener('DOMContentLoaded', function () {
    var s = document.createElement('script');
    s.src = document.documentElement.dataset.groveRoot + 'search-file.js';
    document.head.appendChild(s);
  });
}`;

/** Every inline script Grove writes, by name: the policy allows these and no other. */
export const INLINE_SCRIPTS = { DISK_FALLBACK, BREADCRUMB_PATH, REMEMBER_PATH, NEXT_COURSE_FIRST, HIDE_PREVIOUS, DISK_SEARCH } as const;
