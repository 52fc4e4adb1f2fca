/** The version of the persisted world's shape; bumped (with a migration) whenever it changes incompatibly. */
export const SCHEMA_VERSION = 1;
