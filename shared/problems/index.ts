// A finding worded for people, in their language, with its safe fix: what the CLI prints, the grid shows and
// the import server answers. Above shared/validate (the findings) and shared/fix (the fixes), so neither
// needs the other's direction reversed.
export * from './issues';
export * from './validate-rows';
