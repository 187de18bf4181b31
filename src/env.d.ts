/** What a page tells the components it renders (Astro.locals, one object per page rendered). */
declare namespace App {
  interface Locals {
    /** The page's language when it is a translation's (docs/languages.md): its components speak it (`getUi(Astro.locals.lang)`). */
    lang?: string;
  }
}
