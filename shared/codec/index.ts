export * from './csv-parse';
export * from './delimiter';
export * from './encoding';
