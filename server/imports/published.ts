// An import writes its rows in short transactions while its job is 'processing', and its last transaction
// publishes them all at once by marking the job completed. Until then readers leave its rows out: contacts it
// created, and the notes, tags and pending actions it added to any contact. A job that stops short (failed,
// cancelled, or taken back after its server stopped) has its rows deleted before it leaves 'processing', so
// only a processing job can have rows nobody should see.

/** Ids of the imports being written now: a handful at most, read once per statement. */
const writing = `(SELECT id FROM import_jobs WHERE status = 'processing')`;

/** SQL: the contact `alias` is published (it was not created by an import still being written). */
export function publishedContact(alias: string): string {
  return `(${alias}.created_import_id IS NULL OR ${alias}.created_import_id NOT IN ${writing})`;
}

/** SQL: a note, tag or pending action whose import column is `column` is published. */
export function publishedByImport(column: string): string {
  return `(${column} IS NULL OR ${column} NOT IN ${writing})`;
}
