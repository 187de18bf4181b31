/**
 * Grove's settings for the HTML end of Sätteri: its own touches on every page's tree, and the code
 * highlighting themes.
 */
import { defineHastPlugin, type HastPluginEntry } from 'satteri';
import { isExternalUrl } from '../policy/html-policy.ts';

/**
 * Code highlighting: two themes, switched by the reader's colour scheme in src/styles/prose.css. The
 * high-contrast GitHub themes keep every token at 4.5:1 or more (axe found 3.1:1 with the plain ones).
 */
export const SHIKI_CONFIG = { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } } as const;

/**
 * Grove's own touches on every page's HTML, made on the tree while it renders (never by rewriting
 * the finished HTML, which would undo what the HTML policy cleaned):
 * - a GFM task-list checkbox gets a name, so screen readers say "done" or "not done" rather than an
 *   unlabelled checkbox (axe: label, critical);
 * - a link to another host gets `rel="noopener"`.
 */
export function groveHastPlugins(): HastPluginEntry[] {
  return [
    defineHastPlugin({
      name: 'grove-finish',
      element: [
        {
          filter: ['input'],
          visit(node, c) {
            const p = node.properties as Record<string, unknown>;
            if (p.type === 'checkbox' && p.ariaLabel === undefined) c.setProperty(node, 'ariaLabel', p.checked ? 'done' : 'not done');
          },
        },
        {
          filter: ['a'],
          visit(node, c) {
            const href = (node.properties as Record<string, unknown>).href;
            if (typeof href === 'string' && isExternalUrl(href)) c.setProperty(node, 'rel', ['noopener']);
          },
        },
      ],
    }),
  ];
}
