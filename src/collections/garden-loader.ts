/**
 * Stage "collections": the Astro content loader for the garden. One loader renders every page of
 * every kind in one pass, so links are checked against the whole garden and reported together.
 * A page is re-rendered only when its file or the set of pages it could link to changed (digest),
 * which is what makes a second build with no content change cheap.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { mdxToJs, type HastPluginEntry } from 'satteri';
import { satteriCreateHighlightFn as createHighlightFn, satteriHeadingIdsPlugin as createHeadingIdsPlugin, satteriHighlightPlugin as createHighlightPlugin } from '@astrojs/markdown-satteri';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadGarden } from '../garden/garden.ts';
import { sourcesOf } from '../garden/config.ts';
import { createLinkPlugin, finishHtml, linkDataOf, linkReports, MARKDOWN_FEATURES, prerenderEmbeds, renderDependencies, resetPrerenderedEmbeds } from '../garden/markdown.ts';
import { throwIfErrors, type Problem } from '../garden/problems.ts';
import type { AnyEntry } from '../garden/entries.ts';
import { componentProblems, GARDEN_COMPONENT_NAMES } from '../garden/components.ts';
import { addTiming } from '../garden/timings.ts';
import { hasEsm, mdxProblem, renderMdx } from '../garden/mdx.ts';
import { trustKeyOf, trustPolicy } from '../garden/trust.ts';

/**
 * Rendering depends on the code that resolves links as much as on the content: hash that code too,
 * so a change to it re-renders every page instead of serving stale HTML from the cache.
 */
const RENDER_CODE = ['markdown.ts', 'links.ts', 'headings.ts', 'callouts.ts', 'ids.ts', 'mdx.ts', 'html-runtime.ts', 'components.ts', 'check.ts', 'schemas.ts', 'trust.ts', 'html-policy.ts'].map((f) => new URL(`../garden/${f}`, import.meta.url));
function renderVersion(): string {
  const hash = createHash('sha1');
  for (const f of RENDER_CODE) {
    try {
      hash.update(readFileSync(f));
    } catch {
      hash.update(f.href);
    }
  }
  return hash.digest('hex');
}

/** The store key of a page: `kind/id`. */
export function storeKey(e: Pick<AnyEntry, 'kind' | 'id'>): string {
  return `${e.kind}/${e.id}`;
}

/** MDX with imports: Astro bundles and renders it later; here only its links and syntax are checked. */
async function checkMdx(e: AnyEntry, garden: Awaited<ReturnType<typeof loadGarden>>): Promise<Problem[]> {
  try {
    await mdxToJs(e.body, { mdastPlugins: [createLinkPlugin(garden, e)], features: MARKDOWN_FEATURES, fileURL: pathToFileURL(e.abs) });
    return linkReports().get(e.abs)?.problems ?? [];
  } catch (err) {
    return [mdxProblem(e, err)];
  }
}

/** Loads, renders and link-checks every garden page into the `pages` collection. */
export function gardenLoader(): Loader {
  return {
    name: 'grove',
    load: async (ctx: LoaderContext) => {
      const version = renderVersion();
      // The same highlighting and heading ids as Astro's Markdown, for MDX rendered here.
      const { syntaxHighlight, shikiConfig } = ctx.config.markdown;
      const highlight = await createHighlightFn(syntaxHighlight, shikiConfig);
      const excluded = typeof syntaxHighlight === 'object' && syntaxHighlight ? syntaxHighlight.excludeLangs : undefined;
      // Embedded sections are highlighted like the page, but take no heading ids (they must not clash with the page's).
      const highlighting: HastPluginEntry[] = highlight ? [createHighlightPlugin(highlight, excluded)] : [];
      const hastPlugins: HastPluginEntry[] = [...highlighting, createHeadingIdsPlugin()];
      const sync = async (fresh: boolean) => {
        const garden = await loadGarden({ fresh });
        resetPrerenderedEmbeds();
        const started = performance.now();
        const root = ctx.config.root.pathname;
        const problems: Problem[] = [];
        const pending: Array<Parameters<typeof ctx.store.set>[0]> = [];
        const keep = new Set<string>();
        for (const e of garden.entries) {
          const id = storeKey(e);
          keep.add(id);
          // Pages it embeds or links to by #anchor are part of its rendering too.
          const digest = ctx.generateDigest(`${version}\0${e.digest}\0${garden.linkDigest}\0${renderDependencies(garden, e)}\0${trustKeyOf(garden.sources.get(e.source))}`);
          const old = ctx.store.get(id);
          const filePath = relative(root, e.abs);
          if (old && old.digest === digest) {
            if (old.deferredRender) ctx.store.addModuleImport(filePath);
            continue;
          }
          const data = { kind: e.kind, id: e.id as string, ...linkDataOf(undefined) };
          // The trust policy (src/garden/trust.ts): what an untrusted page may not contain, and its HTML cleaner.
          const trust = trustPolicy(e, garden.sources.get(e.source), GARDEN_COMPONENT_NAMES);
          problems.push(...trust.problems);
          if (trust.refused) {
            // MDX is code: an untrusted source's page may not run any at build time or ship any to readers.
          } else if (e.format === 'md') {
            await prerenderEmbeds(garden, e, highlighting);
            const rendered = await ctx.renderMarkdown(e.body, { fileURL: pathToFileURL(e.abs) });
            rendered.html = trust.clean(finishHtml(rendered.html));
            const report = linkReports().get(e.abs);
            problems.push(...(report?.problems ?? []));
            Object.assign(data, linkDataOf(report));
            pending.push({ id, data, digest, rendered, filePath });
          } else if (!hasEsm(e.body)) {
            try {
              await prerenderEmbeds(garden, e, highlighting);
              const { html, headings } = await renderMdx(e.body, { fileURL: pathToFileURL(e.abs), mdastPlugins: [createLinkPlugin(garden, e)], hastPlugins });
              const report = linkReports().get(e.abs);
              problems.push(...(report?.problems ?? []));
              Object.assign(data, linkDataOf(report));
              pending.push({ id, data, digest, rendered: { html: trust.clean(finishHtml(html)), metadata: { headings } }, filePath });
            } catch (err) {
              problems.push(...(componentProblems(e.file, e.bodyOffset, err) ?? [mdxProblem(e, err)]));
            }
          } else {
            problems.push(...(await checkMdx(e, garden)));
            Object.assign(data, linkDataOf(linkReports().get(e.abs)));
            pending.push({ id, data, digest, filePath, deferredRender: true });
          }
        }
        // Nothing is stored until every page passed: a cached page is a page known to be good.
        const linkWarnings = throwIfErrors('Grove found broken links or MDX', problems);
        for (const p of pending) ctx.store.set(p);
        for (const k of ctx.store.keys()) if (!keep.has(k)) ctx.store.delete(k);
        for (const w of [...garden.warnings, ...linkWarnings]) ctx.logger.warn(`${w.file}${w.line ? `:${w.line}` : ''} → ${w.message}`);
        addTiming('content', performance.now() - started);
        ctx.logger.info(`${garden.entries.length} pages, ${pending.length} rendered, ${garden.entries.length - pending.length} from cache`);
      };
      await sync(false);
      // The dev server: rebuild the garden when a content file changes.
      const dirs = sourcesOf((await loadGarden()).config).map((s) => s.dir + sep);
      ctx.watcher?.on('all', (_event, path) => {
        if (dirs.some((d) => path.startsWith(d)) && /\.mdx?$/i.test(path)) {
          sync(true).catch((err: Error) => ctx.logger.error(err.message));
        }
      });
    },
  };
}
