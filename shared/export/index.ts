export * from './chunks';
export * from './csv';
export * from './error-report';
export * from './export-words';
export * from './refusal';
export * from './template-workbook';
export { XlsxLimitError, type ChunkSink } from './xlsx-package';
export { excelMaxCellChars, excelMaxRows } from './xlsx-sheet';
export { cellStyle } from './xlsx-styles';
