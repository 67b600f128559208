export * from './types';
export { type SystemColumn, systemColumn } from './system-columns';
export { suggestMapping, type SuggestOptions } from './suggest';
export {
  type ApplyOptions,
  applyMapping,
  customFieldNames,
  foldImportNote,
  importNote,
  type MappedRow,
} from './apply';
export { splitFullName, type SplitName } from './full-name';
export { chosenColumn, setColumnTarget, missingRequired } from './edit';
// mappingProfileSchema is imported from './profile-schema' where a file is parsed: it loads zod.
export {
  headersSignature,
  profileFromMapping,
  findProfile,
  mappingFromProfile,
  type MappingProfile,
} from './profile';
export {
  checkProfile,
  createProfileStore,
  findSavedProfile,
  type ProfileCheck,
  type ProfileList,
  ProfileNameError,
  profileNameProblem,
  type ProfileStorage,
  type ProfileStore,
  type SavedProfile,
  type StoredEntry,
} from './profile-store';
export { defaultNoteField } from './field-names';
export {
  type DocColumnKind,
  type PlannedColumn,
  planColumns,
  plannedValues,
  sourceHeaderName,
  wireMappingOf,
} from './column-plan';
export { type ColumnInfo, columnInfo } from './column-info';
export {
  type AccountCustomField,
  customFieldColumn,
  customFieldDef,
  findCustomField,
} from './custom-fields';
export { type ColumnValues, type DistinctValue, distinctValues, mapValue, valueKey } from './value-map';
