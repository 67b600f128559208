// Kept apart from the report writer so that column mapping can import it without the XLSX writer.

/** The error report's Problems column header, per language (`en`, `nb`). */
export const problemsHeaders = { en: 'Problems', nb: 'Problemer' } as const;

/**
 * Headers the error report adds after the template's columns. A returned report must open mapped as the
 * template: mapping leaves these columns out (not a field, not an `[import]` note).
 */
export const reportExtraHeaders: readonly string[] = Object.values(problemsHeaders);
