/**
 * Grove's additions to Decap CMS on `/admin/` (docs/cms.md), loaded after Decap's bundle: the file
 * format that saves only what changed (cms-frontmatter.ts), and the preview in the site's look: its
 * stylesheets, callouts and `[[wikilinks]]` linked to the site's pages (cms-preview.ts, from the
 * site's map.json), by wrapping the Markdown widget's preview. Bundled by src/integrations/cms.ts into `admin/grove-cms.js`; content pages never load it.
 */
import { readEntry, writeEntry } from './cms-frontmatter.ts';
import { pageIndex, previewMarkdown, type PreviewPage } from './cms-preview.ts';

/** The format's name in config.yml (src/garden/commands/cms-config.ts `CMS_FORMAT`). */
const FORMAT = 'grove-frontmatter';

interface Widget {
  control: unknown;
  preview: unknown;
  schema?: unknown;
}

interface Decap {
  registerCustomFormat(name: string, extension: string, formatter: { fromFile(text: string): unknown; toFile(data: Record<string, unknown>, sortedKeys?: string[]): string }): void;
  registerPreviewStyle(href: string): void;
  getWidget(name: string): Widget | undefined;
  registerWidget(name: string, control: unknown, preview: unknown, schema?: unknown): void;
}

/** React's createElement, which Decap's bundle puts on `window.h` for preview components. */
type H = (type: unknown, props: Record<string, unknown>) => unknown;

/** The build writes the site's stylesheets here (src/integrations/cms.ts). */
declare const GROVE_STYLES: string[];

const cms = (window as unknown as { CMS: Decap }).CMS;
cms.registerCustomFormat(FORMAT, 'md', { fromFile: readEntry, toFile: (data, sortedKeys) => writeEntry(data, sortedKeys) });
for (const href of GROVE_STYLES) cms.registerPreviewStyle(href);

// The site's base is the admin page's parent folder; its pages are in map.json.
const base = new URL('../', window.location.href);
let pages: ReadonlyMap<string, PreviewPage> = new Map();
fetch(new URL('map.json', base))
  .then((r) => (r.ok ? r.json() : { nodes: [] }))
  .then((map: { nodes?: unknown[][] }) => (pages = pageIndex(map.nodes ?? [], base.pathname)))
  .catch(() => {});
// The Markdown widget's preview, given the body with Grove's callouts and wikilinks made Markdown and HTML first.
const markdown = cms.getWidget('markdown');
const h = (window as unknown as { h?: H }).h;
if (markdown && h) {
  const preview = (props: { value?: unknown }) => h(markdown.preview, { ...props, value: typeof props.value === 'string' ? previewMarkdown(props.value, pages) : props.value });
  cms.registerWidget('markdown', markdown.control, preview, markdown.schema);
}
