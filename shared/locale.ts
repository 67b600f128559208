/**
 * The languages people read ListPrep in. Every part that words something for people (the validator's
 * messages, read errors, the engine's refusals, exports, uploads, the server's notes, the app) keeps one table
 * per language keyed like its English one; test/words/locale-tables.test.ts holds them against each other.
 */
export const locales = ['en', 'nb'] as const;
export type Locale = (typeof locales)[number];
