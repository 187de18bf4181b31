/**
 * The search page: a search box, facet filters with counts (kind, topic, course, stage, source), an
 * optional sort, and results 20 at a time. The query, filters and sort are kept in the URL as you
 * go, so the list can be shared or bookmarked; Back and Forward restore earlier searches.
 */
import { FILTER_KEYS, type FilterKey, type FilterLabels } from '../garden/model/search.ts';
import { runSearch, warmUp, type Counts, type Results } from './search-engine.ts';
import { excerptOf, h, highlighted, kindBadge } from './search-render.ts';
import { clientUi, t } from './ui.ts';
import { hasFilters, parseSearchParams, toSearchParams, toggleFilter, type SearchState } from './search-state.ts';

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 120;
/** Facet values shown before "Show all"; the rest stay one click away. */
const FACET_PREVIEW = 6;
const FACET_NAMES: Record<FilterKey, string> = {
  kind: t('js.searchPage.facet.kind'),
  topic: t('js.searchPage.facet.topic'),
  course: t('js.searchPage.facet.course'),
  stage: t('js.searchPage.facet.stage'),
  source: t('js.searchPage.facet.source'),
};

/** Starts the search page. */
export function bootSearchPage(): void {
  const root = document.querySelector<HTMLElement>('[data-search-page]');
  if (!root) return;
  const labels = JSON.parse(root.dataset.labels ?? '{}') as FilterLabels;
  const form = root.querySelector<HTMLFormElement>('[data-search-form]')!;
  const input = form.querySelector<HTMLInputElement>('input[type=search]')!;
  const status = root.querySelector<HTMLElement>('#search-status')!;
  const facets = root.querySelector<HTMLDetailsElement>('[data-search-facets]')!;
  const facetGroups = root.querySelector<HTMLElement>('[data-facet-groups]')!;
  const facetCount = root.querySelector<HTMLElement>('[data-facet-count]')!;
  const active = root.querySelector<HTMLElement>('[data-search-active]')!;
  const hits = root.querySelector<HTMLOListElement>('[data-search-hits]')!;
  const more = root.querySelector<HTMLButtonElement>('[data-search-more]')!;
  const sort = root.querySelector<HTMLSelectElement>('[data-search-sort]')!;
  const az = document.querySelector<HTMLElement>('[data-search-az]');
  const expanded = new Set<FilterKey>();
  let state = parseSearchParams(location.search);
  let results: Results | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;

  root.hidden = false;
  // On a phone the filters start folded, so the results come first.
  if (matchMedia('(max-width: 48rem)').matches) facets.open = false;
  input.value = state.q;
  sort.value = state.sort;

  const label = (key: FilterKey, value: string) => labels[key]?.[value] ?? value;

  const writeUrl = () => {
    const qs = toSearchParams(state);
    const next = `${location.pathname}${qs ? `?${qs}` : ''}`;
    if (next !== `${location.pathname}${location.search}`) history.replaceState(null, '', next);
  };

  const renderFacets = (counts: Counts) => {
    const groups = FILTER_KEYS.map((key) => {
      const selected = state.filters[key] ?? [];
      const values = Object.keys(labels[key] ?? {}).filter((v) => (counts[key]?.[v] ?? 0) > 0 || selected.includes(v));
      // A facet with a single value filters nothing (one source, say): leave it out.
      if (values.length < 2 && selected.length === 0) return undefined;
      values.sort((a, b) => (counts[key]?.[b] ?? 0) - (counts[key]?.[a] ?? 0) || label(key, a).localeCompare(label(key, b), clientUi().lang));
      const showAll = expanded.has(key) || values.length <= FACET_PREVIEW + 1;
      const shown = showAll ? values : values.slice(0, FACET_PREVIEW).concat(selected.filter((v) => values.indexOf(v) >= FACET_PREVIEW));
      const fieldset = h(
        'fieldset',
        { class: 'facet' },
        h('legend', {}, FACET_NAMES[key]),
        ...shown.map((v) => {
          const box = h('input', { type: 'checkbox', name: key, value: v, checked: selected.includes(v) });
          box.addEventListener('change', () => update(toggleFilter(state, key, v), true));
          return h('label', { class: 'facet-option' }, box, h('span', { class: 'facet-label' }, label(key, v)), h('span', { class: 'facet-count' }, String(counts[key]?.[v] ?? 0)));
        }),
      );
      if (!showAll) {
        const btn = h('button', { type: 'button', class: 'facet-more' }, t('js.searchPage.showAll', { count: values.length }));
        btn.addEventListener('click', () => {
          expanded.add(key);
          renderFacets(counts);
          facetGroups.querySelectorAll<HTMLInputElement>(`input[name="${key}"]`)[FACET_PREVIEW]?.focus();
        });
        fieldset.append(btn);
      }
      return fieldset;
    }).filter((g): g is HTMLFieldSetElement => !!g);
    facetGroups.replaceChildren(...groups);
    const n = FILTER_KEYS.reduce((sum, k) => sum + (state.filters[k]?.length ?? 0), 0);
    facetCount.textContent = n ? `(${n} on)` : '';
  };

  const renderActive = () => {
    const chips = FILTER_KEYS.flatMap((key) =>
      (state.filters[key] ?? []).map((v) => {
        const btn = h(
          'button',
          { type: 'button', class: 'active-chip', 'aria-label': t('js.searchPage.remove', { facet: FACET_NAMES[key], value: label(key, v) }) },
          t('js.searchPage.chip', { facet: FACET_NAMES[key], value: label(key, v) }),
          h('span', { 'aria-hidden': 'true' }, ' ×'),
        );
        btn.addEventListener('click', () => update(toggleFilter(state, key, v), true));
        return h('li', {}, btn);
      }),
    );
    if (chips.length > 1) {
      const clear = h('button', { type: 'button', class: 'active-clear' }, t('js.searchPage.clear'));
      clear.addEventListener('click', () => update({ ...state, filters: {} }, true));
      chips.push(h('li', {}, clear));
    }
    active.replaceChildren(...chips);
  };

  const hitItem = (hit: Results['hits'][number]) =>
    h(
      'li',
      { class: 'hit' },
      h('p', { class: 'hit-line' }, kindBadge(hit.kind), h('span', { class: 'hit-crumb' }, hit.breadcrumb)),
      h('h3', { class: 'hit-title' }, h('a', { href: hit.url }, highlighted(hit.title, state.q))),
      hit.excerpt ? h('p', {}, excerptOf(hit)) : false,
    );

  const search = async (announce: boolean) => {
    const my = ++seq;
    const searching = !!state.q || hasFilters(state);
    if (az) az.hidden = searching;
    renderActive();
    if (!searching) {
      results = undefined;
      hits.replaceChildren();
      more.hidden = true;
      status.textContent = '';
      const totals = await runSearch({ q: '', filters: { kind: Object.keys(labels.kind ?? {}) }, sort: 'relevance' }, 0, { counts: true });
      if (my === seq) renderFacets(totals?.counts ?? {});
      return;
    }
    const slow = setTimeout(() => {
      if (my === seq) status.textContent = t('js.search.searching');
    }, 300);
    const r = await runSearch(state, PAGE_SIZE, { counts: true }).finally(() => clearTimeout(slow));
    if (my !== seq) return;
    results = r;
    if (!r) {
      status.textContent = t('js.searchPage.failed');
      if (az) az.hidden = false;
      return;
    }
    hits.replaceChildren(...r.hits.map(hitItem));
    more.hidden = r.total <= r.hits.length;
    renderFacets(r.counts);
    const note = r.engine === 'fallback' ? ` ${t('js.searchPage.fallback')}` : '';
    const none = state.q ? (hasFilters(state) ? 'js.searchPage.noneForFiltered' : 'js.searchPage.noneFor') : hasFilters(state) ? 'js.searchPage.noneFiltered' : 'js.searchPage.none';
    const text = r.total === 0 ? t(none, { query: state.q }) : `${t(state.q ? 'js.searchPage.countFor' : 'js.searchPage.count', { count: r.total, query: state.q })}${note}`;
    // Typing re-announces only when the count settles; a filter click always announces.
    if (announce || status.textContent !== text) status.textContent = text;
  };

  const update = (next: SearchState, now: boolean) => {
    state = next;
    writeUrl();
    clearTimeout(timer);
    if (now) void search(true);
    else timer = setTimeout(() => void search(false), DEBOUNCE_MS);
  };

  input.addEventListener('input', () => {
    warmUp(input.value.trim());
    update({ ...state, q: input.value.trim() }, false);
  });
  input.addEventListener('focus', () => warmUp(), { once: true });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    update({ ...state, q: input.value.trim() }, true);
  });
  sort.addEventListener('change', () => update({ ...state, sort: sort.value === 'updated' ? 'updated' : 'relevance' }, true));
  more.addEventListener('click', async () => {
    if (!results) return;
    const first = hits.children.length;
    const next = await results.more(PAGE_SIZE);
    hits.append(...next.map(hitItem));
    more.hidden = hits.children.length >= results.total;
    hits.children[first]?.querySelector('a')?.focus();
  });
  // Arrow keys move from the box through the results and back, as in the header's dialog.
  root.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...hits.querySelectorAll<HTMLAnchorElement>('.hit-title a')];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (document.activeElement === input && e.key === 'ArrowDown' && links[0]) {
      e.preventDefault();
      links[0].focus();
    } else if (at >= 0) {
      e.preventDefault();
      const next = at + (e.key === 'ArrowDown' ? 1 : -1);
      (next < 0 ? input : links[Math.min(next, links.length - 1)])!.focus();
    }
  });
  addEventListener('popstate', () => {
    state = parseSearchParams(location.search);
    input.value = state.q;
    sort.value = state.sort;
    void search(true);
  });

  void search(true);
  // Arriving with a query in the URL: the results are the point; otherwise start typing right away.
  if (!state.q && !hasFilters(state)) input.focus({ preventScroll: true });
}
