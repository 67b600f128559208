// The list engine: one list being prepared for a CRM, the same code in the app's worker, the CLI and the
// server. See README.md for its parts; the whole API is `ListSession.handlers` (protocol.ts).
export * from './protocol';
export { ListSession } from './session';
export { SessionError, type ProgressSink } from './session-errors';
export { ListBytes } from './read/list-bytes';
export type { ReadOptions, SourceFormat, SourceKind } from './read/source-reader';
export { SourceError } from './read/source-error';
export type { CellPosition, FindQuery } from './edit/find-replace';
export type { CellBlock, PasteOutcome, PasteTarget } from './edit/cell-blocks';
export type { MergeField, MergePreview } from './duplicates/merge';
export type { FixExample, FixKindCount, FixScope, FixSettings } from './edit/fixes';
export type { Op, OpLabel } from './edit/ops';
export { type FilterSpec, type FilterType, plainView, type SortSpec, type ViewSpec } from './view/row-view';
export type {
  DryRunSummary,
  ImportSummary,
  Timers,
  UploadCheck,
  UploadRun,
  UploadTaskState,
} from './upload/list-upload';
export { documentRows, type UploadRequest, type UploadRows, uploadRequestOf } from './upload/upload-request';
