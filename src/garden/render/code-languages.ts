/**
 * Code-fence languages, matched case-insensitively: Shiki knows `javascript`, `python`, `sh`; a
 * repository may write ```JavaScript, ```Python or ```SH, which Shiki would show as plain text
 * (with a console warning per block). The link plugin lower-cases every fence's language before
 * anything highlights it, so every page, embed and MDX file is highlighted the same way.
 */
import type { MdastPluginInstance } from 'satteri';

/** The `code` visitor of the link plugin: ```JavaScript becomes ```javascript. */
export const lowerCaseLanguage: NonNullable<MdastPluginInstance['code']> = (node, c) => {
  if (node.lang && node.lang !== node.lang.toLowerCase()) c.setProperty(node, 'lang', node.lang.toLowerCase());
};
