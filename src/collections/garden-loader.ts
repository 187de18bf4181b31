/**
 * Stage "collections": the Astro content loader for the garden. One loader renders every page of
 * every kind in one pass, so links are checked against the whole garden and reported together.
 * A page is re-rendered only when its file or the set of pages it could link to changed (digest),
 * which is what makes a second build with no content change cheap.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import type { HastPluginEntry, MdastPluginEntry } from 'satteri';
import { createSatteriMarkdownProcessor, satteriHeadingIdsPlugin as createHeadingIdsPlugin, satteriHighlightPlugin as createHighlightPlugin } from '@astrojs/markdown-satteri';
import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGarden } from '../garden/model/garden.ts';
import { entryCacheFileOf } from '../garden/content/entry-cache.ts';
import { sourcesOf } from '../garden/settings/config.ts';
import { groveHastPlugins } from '../garden/render/hast-plugins.ts';
import { linkDataOf } from '../garden/render/link-reports.ts';
import { renderDependencies } from '../garden/render/render-dependencies.ts';
import { resetPrerenderedEmbeds } from '../garden/render/embeds.ts';
import { throwIfErrors, type Problem } from '../garden/core/problems.ts';
import type { AnyEntry } from '../garden/content/entries.ts';
import { addTiming } from '../garden/core/timings.ts';
import { renderCodeVersion, renderPage, sourceKeyOf, type PageRendering } from '../garden/render/render-page.ts';
import { pageHtmlFiles } from './page-html.ts';
import { inOrder } from '../garden/core/in-order.ts';
import { highlightPool, type HighlightFn } from '../garden/render/highlight-pool.ts';
import { siteHighlighter } from '../garden/render/highlight.ts';

/** The store key of a page: `kind/id`, and a translation's `kind/id@lang` (it has its original's id). */
export function storeKey(e: Pick<AnyEntry, 'kind' | 'id' | 'lang'>): string {
  return e.lang ? `${e.kind}/${e.id}@${e.lang}` : `${e.kind}/${e.id}`;
}

/** Pages to render before highlighting moves to other threads: below it, starting them costs more than it saves. */
const POOL_PAGES = 64;
/** Pages rendered at once while the threads highlight: enough to keep them and this thread busy. */
const PAGES_IN_FLIGHT = 8;

/** Loads, renders and link-checks every garden page into the `pages` collection. */
export function gardenLoader(): Loader {
  return {
    name: 'grove',
    load: async (ctx: LoaderContext) => {
      const version = renderCodeVersion();
      // The same highlighting and heading ids as Astro's Markdown, for Markdown and MDX rendered here.
      const { syntaxHighlight, shikiConfig } = ctx.config.markdown;
      const local = await siteHighlighter(syntaxHighlight, shikiConfig);
      // Which highlighter runs: threads while many pages render (./highlight-pool.ts), else this one.
      let highlighter: HighlightFn | undefined = local;
      const highlight: HighlightFn = (code, lang, meta) => highlighter!(code, lang, meta);
      const excluded = typeof syntaxHighlight === 'object' && syntaxHighlight ? syntaxHighlight.excludeLangs : undefined;
      // Embedded sections are highlighted like the page, but take no heading ids (they must not clash with the page's).
      const highlighting: HastPluginEntry[] = local ? [createHighlightPlugin(highlight as Parameters<typeof createHighlightPlugin>[0], excluded)] : [];
      const hastPlugins: HastPluginEntry[] = [...highlighting, ...groveHastPlugins(), createHeadingIdsPlugin()];
      // The site's Markdown processor (astro.config.mjs) with its own plugins, in its order, its highlighting
      // replaced by the one above; called with the body Grove has already split from its frontmatter:
      // ctx.renderMarkdown would read a body that starts with `---` as a second one.
      const { markdown } = ctx.config;
      const processor = markdown.processor as unknown as { options: { mdastPlugins: MdastPluginEntry[]; hastPlugins: HastPluginEntry[]; features: object } };
      const renderer = await createSatteriMarkdownProcessor({
        image: ctx.config.image,
        syntaxHighlight: false,
        shikiConfig,
        gfm: markdown.gfm,
        smartypants: markdown.smartypants,
        mdastPlugins: processor.options.mdastPlugins,
        hastPlugins: [...highlighting, ...processor.options.hastPlugins],
        features: processor.options.features,
      } as Parameters<typeof createSatteriMarkdownProcessor>[0]);
      const rendering: PageRendering = {
        markdown: async (body, _entry, fileURL) => {
          const { code, metadata } = await renderer.render(body, { frontmatter: {}, fileURL });
          return { html: code, metadata: { ...metadata, imagePaths: [...(metadata.localImagePaths ?? []), ...(metadata.remoteImagePaths ?? [])] } };
        },
        mdxHastPlugins: hastPlugins,
        embedHastPlugins: highlighting,
      };
      // Rendered HTML is kept in files beside the store, not in it (why: page-html.ts).
      const htmlFiles = pageHtmlFiles(ctx.config.cacheDir);
      const sync = async (fresh: boolean) => {
        const garden = await loadGarden({ fresh, entryCache: entryCacheFileOf(fileURLToPath(ctx.config.cacheDir)) });
        resetPrerenderedEmbeds();
        const started = performance.now();
        const root = ctx.config.root.pathname;
        const problems: Problem[] = [];
        const pending: Array<Parameters<typeof ctx.store.set>[0]> = [];
        const keep = new Set<string>();
        const keepHtml = new Set<string>();
        const all = [...garden.entries, ...garden.translations.entries];
        // Which pages to render: the others are in the store as they were.
        const todo: Array<{ e: AnyEntry; id: string; renderingKey: string; digest: string; filePath: string; htmlFile: string }> = [];
        for (const e of all) {
          const id = storeKey(e);
          keep.add(id);
          // Pages it embeds or links to by #anchor are part of its rendering too. What the HTML depends on
          // besides the set of pages links could point to is kept with the page: its page key reads it (model/page-keys.ts).
          const renderingKey = ctx.generateDigest(`${version}\0${e.digest}\0${renderDependencies(garden, e)}\0${sourceKeyOf(garden.sources.get(e.source))}`);
          const digest = ctx.generateDigest(`${renderingKey}\0${garden.linkDigest}`);
          const old = ctx.store.get(id);
          const filePath = relative(root, e.abs);
          const htmlFile = htmlFiles.fileOf(digest);
          if (old && old.digest === digest) {
            if (old.deferredRender) {
              ctx.store.addModuleImport(filePath);
              continue;
            }
            if (old.data.html === htmlFile && existsSync(htmlFile)) {
              keepHtml.add(digest);
              continue;
            }
          }
          todo.push({ e, id, renderingKey, digest, filePath, htmlFile });
        }
        // Many pages: code is highlighted on other threads while this one renders the next pages.
        const pool = local && todo.length >= POOL_PAGES ? highlightPool({ syntaxHighlight, shikiConfig }, local) : undefined;
        if (pool) highlighter = pool.highlight;
        try {
          await inOrder(
            todo,
            pool ? PAGES_IN_FLIGHT : 1,
            (t) => renderPage(garden, t.e, rendering),
            ({ e, id, renderingKey, digest, filePath, htmlFile }, page) => {
              problems.push(...page.problems, ...page.links.problems);
              const data = { kind: e.kind, id: e.id as string, ...(e.lang ? { lang: e.lang } : {}), rendering: renderingKey, ...linkDataOf(page.links) };
              if (page.status === 'html') {
                // Written now, so the build holds a few pages' HTML at a time; a file only its digest names
                // is harmless if the build then stops on an error (the next load removes it).
                htmlFiles.write(digest, page.html!);
                keepHtml.add(digest);
                pending.push({ id, data: { ...data, html: htmlFile }, digest, filePath });
              } else if (page.status === 'deferred') pending.push({ id, data, digest, filePath, deferredRender: true });
            },
          );
        } finally {
          highlighter = local;
          await pool?.close();
        }
        // Nothing is stored until every page passed: a cached page is a page known to be good.
        const linkWarnings = throwIfErrors('Grove found broken links or MDX', problems);
        for (const p of pending) ctx.store.set(p);
        for (const k of ctx.store.keys()) if (!keep.has(k)) ctx.store.delete(k);
        htmlFiles.prune(keepHtml);
        for (const w of [...garden.warnings, ...linkWarnings]) ctx.logger.warn(`${w.file}${w.line ? `:${w.line}` : ''} → ${w.message}`);
        addTiming('content', performance.now() - started);
        const threads = pool ? `; code highlighted on ${pool.threads} worker thread${pool.threads === 1 ? '' : 's'} (${pool.threaded} blocks, ${pool.local} on the main thread)` : '';
        ctx.logger.info(`${all.length} pages, ${pending.length} rendered, ${all.length - pending.length} from cache${threads}`);
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
