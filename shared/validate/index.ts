export * from './codes';
export * from './cell-checks';
export * from './dates';
export * from './email';
export * from './keys';
export * from './locales';
export * from './sheet-validator';
export * from './header-columns';
export { loadTemplateSupport } from './kind-support';
