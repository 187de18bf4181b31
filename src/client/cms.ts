/**
 * Grove's additions to Decap CMS on `/admin/` (docs/cms.md), loaded after Decap's bundle: the file
 * format that saves only what changed (cms-frontmatter.ts), and the preview in the site's look: its
 * stylesheets, callouts and `[[wikilinks]]` linked to the site's pages (cms-preview.ts, from the
 * site's map.json). Bundled by src/integrations/cms.ts into `admin/grove-cms.js`; content pages never load it.
 */
import { readEntry, writeEntry } from './cms-frontmatter.ts';
import { groveRemarkPlugin, pageIndex, type PreviewPage } from './cms-preview.ts';

/** The format's name in config.yml (src/garden/commands/cms-config.ts `CMS_FORMAT`). */
const FORMAT = 'grove-frontmatter';

interface Decap {
  registerCustomFormat(name: string, extension: string, formatter: { fromFile(text: string): unknown; toFile(data: Record<string, unknown>, sortedKeys?: string[]): string }): void;
  registerPreviewStyle(href: string): void;
  registerRemarkPlugin(plugin: unknown): void;
}

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
cms.registerRemarkPlugin(groveRemarkPlugin(() => pages));
