// The import server's HTTP contract, written once: the server parses requests with these schemas and
// clients (the app through the Bridge, `listprep upload`) parse answers with them.
export * from './accounts';
export * from './rules';
export * from './contacts';
export * from './errors';
export * from './http';
export * from './ids';
export * from './imports';
export * from './limits';
export * from './lookups';
export * from './text';
