export * from './roles';
export * from './messages';
export * from './errors';
export * from './forms';
export * from './variables';
export * from './jobTypes';
export * from './documents';
export * from './processes';
