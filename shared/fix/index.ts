export * from './types';
export { suggestFix } from './suggest';
export { fixersByKind, fixNames, type FixName } from './registry';
export { trimInvisible, removeInvisible, removeControls, stripInvisibleEdges, cleanCell } from './text';
export { normalizePhone } from './phone';
export { normalizeRegion, regionCode } from './region';
export { padZipLeadingZero, formatZipPlus4, formatCanadianPostal } from './postal';
export {
  normalizeDate,
  toIsoDate,
  parseDateParts,
  excelSerialToIso,
  decideDateOrder,
  addDateEvidence,
  emptyDateEvidence,
  orderFromEvidence,
  type DateOrderEvidence,
  type DateParts,
} from './dates';
export { flagFromWord, choiceFromWord, choiceFor } from './choice';
export { wholeFromAmount } from './whole';
export { extractEmail } from './email';
export { lookupNameToId } from './lookup';
export { dropEmptyTags } from './tags';
export { internationalPhone } from './phone-intl';
export { norwegianPostcode } from './postal-no';
export { countryCode } from './country';
export { optInWord } from './opt-in';
export { listItemWord } from './list-item';
export { foldWords, foldKey } from './fold';
export { analyzeColumns, ColumnAnalyzer, type ColumnAnalysis } from './analyze';
export { createRowFixer, type CellChange, type RowFixer, type RowFixerOptions } from './apply';
export { clearPlaceholder, isPlaceholder } from './placeholder';
export { multiValues, noteLine, withNoteLine } from './multi-value';
export {
  type DeadEnd,
  type DeadEndAction,
  type DeadEndKind,
  deadEndKind,
  deadEndSentence,
  findDeadEnds,
  setAside,
} from './dead-ends';
