export * from './catalogue';
export * from './errors';
export * from './idcard';
export * from './mask';
export * from './schemas/auth';
export * from './schemas/catalogue';
export * from './schemas/identity';
