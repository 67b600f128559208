// The upload flow, the same in the app and the CLI: connect, choose an account and options, load the
// account's lookups (cached for offline work), dry run, import with one idempotency key and retries, follow
// the job, and put the rows the server rejected back on the list. Platform-neutral: the caller passes the
// Transport (Bridge.connection.request, or fetch with a key), a sleep and a key generator.
export * from './api-client';
export * from './choices';
export * from './consequences';
export * from './failure';
export * from './fetch-transport';
export * from './import-run';
export * from './lookups-cache';
export * from './retry';
export * from './row-issues';
export * from './sheet';
export * from './transport';
export * from './transport-policy';
export * from './words';
