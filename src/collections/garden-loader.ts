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
import { createLinkPlugin, finishHtml, linkReports, MARKDOWN_FEATURES } from '../garden/markdown.ts';
import { throwIfErrors, type Problem } from '../garden/problems.ts';
import type { AnyEntry } from '../garden/entries.ts';
import { componentProblems, GARDEN_COMPONENT_NAMES } from '../garden/components.ts';
import { addTiming } from '../garden/timings.ts';
import { hasEsm, renderMdx } from '../garden/mdx.ts';
import { untrustedCode } from '../garden/trust.ts';

/**
 * Rendering depends on the code that resolves links as much as on the content: hash that code too,
 * so a change to it re-renders every page instead of serving stale HTML from the cache.
 */
const RENDER_CODE = ['markdown.ts', 'links.ts', 'ids.ts', 'mdx.ts', 'html-runtime.ts', 'components.ts', 'check.ts', 'schemas.ts'].map((f) => new URL(`../garden/${f}`, import.meta.url));
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

/** An MDX error as a problem naming the line on disk. */
function mdxProblem(e: AnyEntry, err: unknown): Problem {
  const error = err as { message?: string; line?: number; position?: { start?: { line?: number } } };
  const line = error.line ?? error.position?.start?.line;
  const message = (error.message ?? String(err)).split('\n')[0]!;
  const missing = /Expected component `([^`]+)` to be defined/.exec(message);
  if (missing) {
    return {
      file: e.file,
      message: `uses <${missing[1]}>, which is not a garden component`,
      hint: `use one of ${GARDEN_COMPONENT_NAMES.map((c) => `<${c}>`).join(', ')}, or import it (trusted sources only)`,
      severity: 'error',
    };
  }
  return {
    file: e.file,
    line: line ? line + e.bodyOffset : undefined,
    message: `this MDX does not compile: ${message}`,
    hint: 'in .mdx, `{`, `<` and HTML comments are code; escape them, or rename the file to .md',
    severity: 'error',
  };
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
      const hastPlugins: HastPluginEntry[] = [...(highlight ? [createHighlightPlugin(highlight, excluded)] : []), createHeadingIdsPlugin()];
      const sync = async (fresh: boolean) => {
        const garden = await loadGarden({ fresh });
        const started = performance.now();
        const root = ctx.config.root.pathname;
        const problems: Problem[] = [];
        const pending: Array<Parameters<typeof ctx.store.set>[0]> = [];
        const keep = new Set<string>();
        const allowed = new Set(GARDEN_COMPONENT_NAMES);
        /** What an untrusted source's MDX page contains that it may not (nothing for trusted sources). */
        const untrusted = (e: AnyEntry) => (garden.sources.get(e.source)?.trust === 'untrusted' ? untrustedCode(e.body, allowed) : []);
        let refused: ReturnType<typeof untrusted> = [];
        for (const e of garden.entries) {
          const id = storeKey(e);
          keep.add(id);
          const digest = ctx.generateDigest(`${version}\0${e.digest}\0${garden.linkDigest}`);
          const old = ctx.store.get(id);
          const filePath = relative(root, e.abs);
          if (old && old.digest === digest) {
            if (old.deferredRender) ctx.store.addModuleImport(filePath);
            continue;
          }
          const data = { kind: e.kind, id: e.id as string, links: [] as string[] };
          if (e.format === 'md') {
            const rendered = await ctx.renderMarkdown(e.body, { fileURL: pathToFileURL(e.abs) });
            rendered.html = finishHtml(rendered.html);
            const report = linkReports().get(e.abs);
            problems.push(...(report?.problems ?? []));
            data.links = report?.targets ?? [];
            pending.push({ id, data, digest, rendered, filePath });
          } else if ((refused = untrusted(e)).length > 0) {
            // MDX is code: an untrusted source's page may not run any at build time or ship any to readers.
            for (const [line, what] of refused) {
              problems.push({
                file: e.file,
                line: line ? line + e.bodyOffset : undefined,
                message: `uses ${what}, which pages from the untrusted source "${e.source}" may not`,
                hint: `use Markdown and the garden components (${GARDEN_COMPONENT_NAMES.map((c) => `<${c}>`).join(', ')}), or mark the source trusted`,
                severity: 'error',
              });
            }
          } else if (!hasEsm(e.body)) {
            try {
              const { html, headings } = await renderMdx(e.body, { fileURL: pathToFileURL(e.abs), mdastPlugins: [createLinkPlugin(garden, e)], hastPlugins });
              const report = linkReports().get(e.abs);
              problems.push(...(report?.problems ?? []));
              data.links = report?.targets ?? [];
              pending.push({ id, data, digest, rendered: { html: finishHtml(html), metadata: { headings } }, filePath });
            } catch (err) {
              problems.push(...(componentProblems(e.file, e.bodyOffset, err) ?? [mdxProblem(e, err)]));
            }
          } else {
            problems.push(...(await checkMdx(e, garden)));
            data.links = linkReports().get(e.abs)?.targets ?? [];
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
