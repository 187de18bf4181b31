/**
 * The header's search dialog, loaded on first use: a combobox that shows results as you type
 * (debounced), each with its kind, where it sits and an excerpt with the match highlighted. Arrow
 * keys move through results, Enter opens one (Ctrl/Cmd+Enter in a new tab), Escape closes; the count
 * is announced. "All results" opens the search page with the same query and kind.
 */
import { isKind } from '../garden/core/kinds.ts';
import { runSearch, warmUp, type Results } from './search-engine.ts';
import { excerptOf, h, highlighted, kindBadge } from './search-render.ts';
import { t } from './ui.ts';

/** The dialog's keyboard help, its keys as `<kbd>` in the language's sentence. */
function keysHelp(): Array<string | HTMLElement> {
  const keys: Record<string, string> = { up: '↑', down: '↓', enter: 'Enter', esc: 'Esc' };
  return t('js.search.keys')
    .split(/(\{\w+\})/)
    .filter(Boolean)
    .map((part) => (/^\{\w+\}$/.test(part) ? h('kbd', {}, keys[part.slice(1, -1)] ?? part) : part));
}
import { toSearchParams, type SearchState } from './search-state.ts';

const BASE = import.meta.env.BASE_URL;
/** The search page of the page's language: the header's search link leads to it (`/de/search/` on a German page; SearchBox.astro). */
const searchPage = (): string => document.querySelector<HTMLAnchorElement>('a[data-search-open]')?.getAttribute('href') ?? `${BASE}search/`;
/** Results shown in the dialog; the search page shows the rest. */
const LIMIT = 8;
/**
 * Wait after a keystroke before searching: short enough to feel instant (on the 10,000-page bench
 * garden a query itself takes about 100 ms), long enough to skip the words of a fast typist.
 */
const DEBOUNCE_MS = 40;
const RECENT_KEY = `grove:recent-searches:${BASE}`;
const RECENT_MAX = 5;
/** The quick kind filters, in the order a learner looks for things. */
const KIND_CHIPS = ['', 'lesson', 'course', 'path', 'note', 'topic', 'person'] as const;

/** Recent searches that led somewhere, newest first. */
function recentSearches(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}
function rememberSearch(q: string): void {
  try {
    const list = [q, ...recentSearches().filter((x) => x.toLowerCase() !== q.toLowerCase())].slice(0, RECENT_MAX);
    localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // Private mode or storage full: recent searches are a convenience.
  }
}

interface Option {
  el: HTMLElement;
  /** Where it goes, or the query it fills in (a recent search). */
  url?: string;
  query?: string;
}

class SearchDialog {
  readonly dialog: HTMLDialogElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly status: HTMLElement;
  private readonly allLink: HTMLAnchorElement;
  private readonly chips: HTMLButtonElement[];
  private options: Option[] = [];
  private active = -1;
  private kind = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  /** The search running now, so keystrokes meanwhile queue one search instead of piling up. */
  private running: Promise<void> | undefined;
  private queued = false;

  constructor() {
    const title = document.querySelector('.brand span')?.textContent?.trim() ?? 'the site';
    this.input = h('input', {
      id: 'grove-search-input',
      type: 'search',
      name: 'q',
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': 'grove-search-list',
      'aria-describedby': 'grove-search-help',
      autocomplete: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
      enterkeyhint: 'search',
      placeholder: t('js.search.placeholder'),
    });
    this.list = h('ul', { id: 'grove-search-list', role: 'listbox', 'aria-label': t('js.search.results'), class: 'sd-list' });
    this.status = h('p', { class: 'sd-status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.allLink = h('a', { class: 'sd-all', href: searchPage() }, t('js.search.all'));
    this.chips = KIND_CHIPS.map((k) =>
      h('button', { type: 'button', class: 'sd-chip', 'aria-pressed': k === '' ? 'true' : 'false', 'data-kind': k }, k ? t(`js.kinds.${k}`) : t('js.search.allKinds')),
    );
    const close = h('button', { type: 'button', class: 'sd-close' }, 'Esc', h('span', { class: 'visually-hidden' }, ` ${t('js.search.close')}`));
    const form = h(
      'form',
      { class: 'sd-form', role: 'search', action: searchPage(), method: 'get' },
      h('label', { for: 'grove-search-input', class: 'visually-hidden' }, t('js.search.label', { site: title })),
      searchIcon(),
      this.input,
      close,
    );
    this.dialog = h(
      'dialog',
      { class: 'search-dialog', 'aria-label': t('js.search.label', { site: title }) },
      h(
        'div',
        { class: 'sd-panel' },
        form,
        h('div', { class: 'sd-chips', role: 'group', 'aria-label': t('js.search.showOnly') }, ...this.chips),
        this.status,
        this.list,
        h('div', { class: 'sd-foot' }, h('p', { id: 'grove-search-help', class: 'sd-keys' }, ...keysHelp()), this.allLink),
      ),
    );
    document.body.append(this.dialog);

    this.input.addEventListener('input', () => this.schedule());
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.openActive(false);
    });
    close.addEventListener('click', () => this.close());
    for (const chip of this.chips)
      chip.addEventListener('click', () => {
        this.kind = chip.dataset.kind ?? '';
        for (const c of this.chips) c.setAttribute('aria-pressed', String(c === chip));
        void this.searchOnce();
        this.input.focus();
      });
    // A click on the backdrop (outside the panel) closes, as people expect of a pop-up.
    this.dialog.addEventListener('click', (e) => {
      if (e.target === this.dialog) this.close();
    });
    this.dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      this.close();
    });
    this.list.addEventListener('mousemove', (e) => {
      const i = this.options.findIndex((o) => o.el.contains(e.target as Node));
      if (i >= 0 && i !== this.active) this.setActive(i);
    });
    this.list.addEventListener('click', (e) => {
      const i = this.options.findIndex((o) => o.el.contains(e.target as Node));
      if (i < 0) return;
      this.setActive(i);
      this.openActive(e.ctrlKey || e.metaKey);
    });
    this.list.addEventListener('auxclick', (e) => {
      const o = this.options.find((x) => x.el.contains(e.target as Node));
      if (e.button === 1 && o?.url) window.open(o.url, '_blank', 'noopener');
    });
  }

  open(): void {
    if (!this.dialog.open) this.dialog.showModal();
    document.documentElement.classList.add('search-open');
    this.input.focus();
    this.input.select();
    warmUp(this.input.value);
    if (!this.input.value) this.showRecent();
  }

  close(): void {
    clearTimeout(this.timer);
    this.dialog.close();
    document.documentElement.classList.remove('search-open');
  }

  private state(): SearchState {
    return { q: this.input.value.trim(), filters: this.kind ? { kind: [this.kind] } : {}, sort: 'relevance' };
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const q = this.input.value.trim();
    warmUp(q);
    if (!q) {
      this.seq++;
      this.showRecent();
      return;
    }
    this.timer = setTimeout(() => void this.searchOnce(), DEBOUNCE_MS);
  }

  /** Runs a search, or, while one runs, one more after it with the latest text. */
  private async searchOnce(): Promise<void> {
    if (this.running) {
      this.queued = true;
      return;
    }
    this.running = this.search().catch(() => {
      this.status.textContent = t('js.search.failed');
    });
    await this.running;
    this.running = undefined;
    if (this.queued) {
      this.queued = false;
      await this.searchOnce();
    }
  }

  private async search(): Promise<void> {
    const state = this.state();
    this.allLink.href = `${searchPage()}${toSearchParams(state) ? `?${toSearchParams(state)}` : ''}`;
    if (!state.q) return this.showRecent();
    const seq = ++this.seq;
    const slow = setTimeout(() => {
      if (seq === this.seq) this.status.textContent = t('js.search.searching');
    }, 300);
    let results: Results | undefined;
    try {
      results = await runSearch(state, LIMIT);
    } finally {
      clearTimeout(slow);
    }
    if (seq !== this.seq) return; // a newer keystroke won
    if (!results) {
      this.render([]);
      this.status.textContent = t('js.search.unavailable');
      return;
    }
    this.render(
      results.hits.map((hit, i) => {
        const el = h(
          'li',
          { role: 'option', id: `grove-search-opt-${i}`, class: 'sd-option', 'aria-selected': 'false' },
          h('span', { class: 'hit-title' }, highlighted(hit.title, state.q)),
          h('span', { class: 'hit-line' }, kindBadge(hit.kind), h('span', { class: 'hit-crumb' }, hit.breadcrumb)),
          hit.excerpt ? excerptOf(hit) : false,
        );
        return { el, url: hit.url };
      }),
    );
    // The kind these results were searched in, not the one chosen since (a search still running when the
    // reader picks a kind must not be announced as filtered; the queued search follows it).
    const kind = state.filters.kind?.[0];
    const kindName = kind && isKind(kind) ? t(`js.kinds.${kind}`) : '';
    const n = results.total;
    const offline = results.engine === 'fallback' && location.protocol !== 'file:' ? ` ${t('js.search.offline')}` : '';
    this.status.textContent =
      n === 0
        ? kindName
          ? t('js.search.in', { query: state.q, kind: kindName })
          : t('js.search.none', { query: state.q })
        : `${t(kindName ? 'js.search.countIn' : 'js.search.count', { count: n, query: state.q, kind: kindName })}${offline}${n > results.hits.length ? `, ${t('js.search.top', { shown: results.hits.length })}` : ''}.`;
    this.allLink.textContent = n > results.hits.length ? t('js.search.allCount', { count: n }) : t('js.search.page');
    if (this.options.length > 0) this.setActive(0);
  }

  private showRecent(): void {
    const recent = recentSearches();
    this.render(
      recent.map((q, i) => ({
        el: h(
          'li',
          { role: 'option', id: `grove-search-opt-${i}`, class: 'sd-option sd-recent', 'aria-selected': 'false' },
          h('span', { class: 'hit-title' }, q),
          h('span', { class: 'hit-line' }, t('js.search.recent')),
        ),
        query: q,
      })),
    );
    this.status.textContent = recent.length ? '' : t('js.search.hint');
  }

  private render(options: Option[]): void {
    this.options = options;
    this.active = -1;
    this.list.replaceChildren(...options.map((o) => o.el));
    this.input.setAttribute('aria-expanded', String(options.length > 0));
    this.input.removeAttribute('aria-activedescendant');
  }

  private setActive(i: number): void {
    const prev = this.options[this.active];
    prev?.el.setAttribute('aria-selected', 'false');
    this.active = i;
    const o = this.options[i];
    if (!o) return this.input.removeAttribute('aria-activedescendant');
    o.el.setAttribute('aria-selected', 'true');
    this.input.setAttribute('aria-activedescendant', o.el.id);
    o.el.scrollIntoView({ block: 'nearest' });
  }

  private onKey(e: KeyboardEvent): void {
    const n = this.options.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (n === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.setActive(this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this.openActive(e.ctrlKey || e.metaKey);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
    }
  }

  private openActive(newTab: boolean): void {
    const o = this.options[this.active];
    const q = this.input.value.trim();
    if (o?.query !== undefined) {
      this.input.value = o.query;
      this.schedule();
      return;
    }
    if (!o?.url) {
      // Nothing chosen: the search page shows every result with filters.
      if (q) location.assign(this.allLink.href);
      return;
    }
    if (q) rememberSearch(q);
    if (newTab) window.open(o.url, '_blank', 'noopener');
    else location.assign(o.url);
  }
}

function searchIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'sd-icon');
  svg.innerHTML = '<circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" stroke-width="2.2"/><path d="m20 20-3.5-3.5" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>';
  return svg;
}

let instance: SearchDialog | undefined;

/** Opens the search dialog, building it on first use. */
export function openSearchDialog(): void {
  instance ??= new SearchDialog();
  instance.open();
}
