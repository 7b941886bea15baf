export * from './capture';
export * from './contact';
export * from './touchpoint';
export * from './note';
export * from './settings';
export * from './outbox';
export * from './messages';
export * from './import';
