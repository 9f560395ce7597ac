export const PLUGIN_ID = 'import-export';
