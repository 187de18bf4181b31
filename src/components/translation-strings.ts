/**
 * The interface's words about translations (the language switcher and its notices), in English. At
 * the merge with the UI catalogue (issue #18) these keys move into every locale's catalogue and this
 * module goes: `{language}`, `{original}` and `{date}` are filled in by `formatString`.
 */
export const TRANSLATION_STRINGS = {
  'translations.label': 'Languages',
  'translations.switchTo': 'Read this page in {language}',
  'translations.fallback': 'This page is not available in {language} yet; you are reading the {original} original.',
  'translations.outdated': 'This translation is older than the original, updated {date}.',
} as const;

/** One of the strings above, with its `{placeholders}` filled in. */
export function formatString(key: keyof typeof TRANSLATION_STRINGS, values: Record<string, string>): string {
  return TRANSLATION_STRINGS[key].replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}
