export const PLUGIN_ID = 'workbench';
