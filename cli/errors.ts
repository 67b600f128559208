/** A failure the user can act on: printed as one line, exit code 2 (bad call or unreadable file). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The file could not be read (missing, not a contact list, hostile). Exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
