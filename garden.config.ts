import { defineGarden } from './src/garden/settings/config.ts';

/** Grove's settings: see docs/settings.md for every key. */
export default defineGarden({
  title: 'Fernhill Learning',
  description: 'Paths, courses and notes from across Fernhill: learn it, find who knows it, share what you know.',
  // The course /contribute/ recommends to first-time contributors.
  contributeCourse: 'learning-with-grove',
  // The languages content is translated into (docs/languages.md): content/de/ holds German pages.
  locales: ['de'],
  base: '/',
  sources: [
    {
      name: 'local',
      path: './content',
      // Where "Edit this page" and "Propose a note" lead: the garden's repository on the git host.
      web: 'https://git.fernhill.example/learning/garden',
      host: 'gitlab',
    },
  ],
});
